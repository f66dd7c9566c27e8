import type { AsyncRule, NamedRule } from '../rule';
import { coreSections } from './plan-001-core-sections';
import { moneyValues } from './plan-002-money';
import { marketSize } from './plan-003-market-size';
import { sharesSum } from './plan-004-shares-sum';
import { profitArithmetic } from './plan-005-profit';
import { runwayReachesRound } from './plan-006-runway';
import { revenueWithinSom } from './plan-007-revenue-vs-som';
import { idsAndReferences } from './plan-008-ids-and-references';
import { milestoneSchedule } from './plan-009-milestone-schedule';
import { highRiskMitigation } from './plan-010-high-risk';
import { riskResponse } from './plan-011-risk-response';
import { riskCoverage } from './plan-012-risk-coverage';
import { teamRoles } from './plan-013-team-roles';
import { kpiDirection } from './plan-014-kpi-direction';
import { financingRounds } from './plan-015-financing-rounds';
import { feasibilityRisk } from './plan-016-feasibility-risk';
import { overdueMilestones } from './plan-017-overdue-milestones';
import { scenarioRules } from './plan-018-scenarios';
import { openReviewThreads } from './plan-019-review-threads';
import { computePaceAhead } from './plan-020-compute-pace';
import { planLinksResolve } from '../xdoc/xdoc-001-links-resolve';
import { kpiMetrics } from '../xdoc/xdoc-002-kpi-metrics';
import { dataRisk } from '../xdoc/xdoc-003-data-risk';
import { computeBudget } from '../xdoc/xdoc-004-compute-budget';

/** The BusinessPlan rule set (PLAN-001…), in ID order. PLAN-000 is the shared header rule. */
export const PLAN_RULES: readonly NamedRule[] = [
  { id: 'PLAN-001', check: coreSections },
  { id: 'PLAN-002', check: moneyValues },
  { id: 'PLAN-003', check: marketSize },
  { id: 'PLAN-004', check: sharesSum },
  { id: 'PLAN-005', check: profitArithmetic },
  { id: 'PLAN-006', check: runwayReachesRound },
  { id: 'PLAN-007', check: revenueWithinSom },
  { id: 'PLAN-008', check: idsAndReferences },
  { id: 'PLAN-009', check: milestoneSchedule },
  { id: 'PLAN-010', check: highRiskMitigation },
  { id: 'PLAN-011', check: riskResponse },
  { id: 'PLAN-012', check: riskCoverage },
  { id: 'PLAN-013', check: teamRoles },
  { id: 'PLAN-014', check: kpiDirection },
  { id: 'PLAN-015', check: financingRounds },
  { id: 'PLAN-016', check: feasibilityRisk },
  { id: 'PLAN-017', check: overdueMilestones },
  { id: 'PLAN-018', check: scenarioRules(() => PLAN_RULES) },
];

/** Plan rules that read other files or the workspace (XDOC-…; see AsyncRule). */
export const PLAN_ASYNC_RULES: readonly NamedRule<AsyncRule>[] = [
  { id: 'PLAN-019', check: openReviewThreads },
  { id: 'PLAN-020', check: computePaceAhead },
  { id: 'XDOC-001', check: planLinksResolve },
  { id: 'XDOC-002', check: kpiMetrics },
  { id: 'XDOC-003', check: dataRisk },
  { id: 'XDOC-004', check: computeBudget },
];
