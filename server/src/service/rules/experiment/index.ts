import type { Rule } from '../rule';

/** The Experiment rule set (EXP-002…), in ID order. EXP-001 is the shared header rule. */
export const EXPERIMENT_RULES: readonly Rule[] = [];
