/** The plan's sections in preview order (DOMAIN.md "Business plan"), with their titles and builders. */
import type { Block } from '../../../../core/src/plan/render';
import type { At, BuildContext } from './tree-at';
import { businessModelBlocks, goToMarketBlocks } from './business-model';
import { contingencyBlocks } from './contingency';
import type { FinanceFigures } from './finance';
import { financialsBlocks, financingBlocks } from './finance';
import { genericBlocks } from './generic';
import { scenarioBlocks } from './analysis';
import { kpiBlocks, selectionBlocks } from './kpis';
import { marketBlocks } from './market';
import { milestoneBlocks } from './milestones';
import { riskBlocks } from './risks';
import { teamBlocks } from './team';

export interface SectionInputs {
  readonly figures: FinanceFigures;
  readonly planDate: unknown;
}
type Builder = (ctx: BuildContext, at: At, inputs: SectionInputs) => Block[];

const generic: Builder = (ctx, at) => genericBlocks(ctx, at);

export const SECTIONS: ReadonlyArray<{ readonly key: string; readonly title: string; readonly build: Builder }> = [
  { key: 'overview', title: 'Overview', build: generic },
  { key: 'problem', title: 'Problem', build: generic },
  { key: 'solution', title: 'Solution', build: generic },
  { key: 'value_proposition', title: 'Value proposition', build: generic },
  { key: 'target_users', title: 'Target users', build: generic },
  { key: 'market', title: 'Market', build: marketBlocks },
  { key: 'selection', title: 'Project selection', build: selectionBlocks },
  { key: 'business_model', title: 'Business model', build: businessModelBlocks },
  { key: 'go_to_market', title: 'Go-to-market', build: goToMarketBlocks },
  { key: 'team', title: 'Team', build: teamBlocks },
  { key: 'financing', title: 'Financing', build: (ctx, at, i) => financingBlocks(ctx, at, i.figures) },
  { key: 'financials', title: 'Financials', build: (ctx, at, i) => financialsBlocks(ctx, at, i.figures) },
  { key: 'scenarios', title: 'Scenarios', build: (ctx, at) => scenarioBlocks(ctx, at) },
  { key: 'kpis', title: 'KPIs', build: kpiBlocks },
  { key: 'milestones', title: 'Milestones', build: (ctx, at, i) => milestoneBlocks(ctx, at, i.planDate) },
  { key: 'risks', title: 'Risks', build: riskBlocks },
  { key: 'contingency_plans', title: 'Contingency plans', build: contingencyBlocks },
];

/** Keys shown in the header rather than as sections. */
export const HEADER_KEYS = ['apiVersion', 'kind', 'metadata'];

/** The six core sections PLAN-001 expects. */
export const CORE_SECTIONS = ['overview', 'market', 'business_model', 'team', 'financials', 'risks'];
