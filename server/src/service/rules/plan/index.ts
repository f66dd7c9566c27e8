import type { Rule } from '../rule';

/** The BusinessPlan rule set (PLAN-001…), in ID order. PLAN-000 is the shared header rule. */
export const PLAN_RULES: readonly Rule[] = [];
