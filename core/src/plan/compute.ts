/**
 * The plan's compute budget against what the linked experiments' real runs used. The budget is the `compute` cost of
 * the `financials.periods` entry that holds the day (else the first with one); its pace is that budget spread evenly
 * over the period, so by a given day the plan expects budget × (days gone / days in the period). Spend is GPU-hours of
 * the runs started in the period (core/src/runs/cost.ts adds them up) × `liftoff.gpuHourPrice`. Pure: the run store
 * is read by core/src/plan-compute, which calls this.
 */
import { amountOf } from './finance';
import { parsePeriod, fromMonthIndex, daysInMonth } from './dates';

export interface ComputeBudget {
  /** The compute cost written for the period, in the plan's currency. */
  readonly amount: number;
  readonly period: string;
  /** Index into `financials.periods`. */
  readonly index: number;
  /** UTC milliseconds of the first day of the period and of the day after its last. */
  readonly startMs: number;
  readonly endMs: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function spanOf(label: unknown): { startMs: number; endMs: number; label: string } | undefined {
  const p = parsePeriod(label);
  if (!p) return undefined;
  const first = fromMonthIndex(p.first);
  const last = fromMonthIndex(p.last);
  return {
    label: p.label,
    startMs: Date.UTC(first.year, first.month - 1, 1),
    endMs: Date.UTC(last.year, last.month - 1, daysInMonth(last.year, last.month)) + 86_400_000,
  };
}

/** The compute budget the plan sets for the period holding `now` (else its first period with a compute cost). */
export function computeBudgetOf(plan: unknown, now = Date.now()): ComputeBudget | undefined {
  const periods = isObj(plan) && isObj(plan.financials) ? plan.financials.periods : undefined;
  if (!Array.isArray(periods)) return undefined;
  const all: ComputeBudget[] = [];
  periods.slice(0, 1000).forEach((p, index) => {
    if (!isObj(p) || !isObj(p.costs)) return;
    const amount = amountOf(p.costs.compute);
    const span = spanOf(p.period);
    if (amount === undefined || !span || !(amount >= 0)) return;
    all.push({ amount, period: span.label, index, startMs: span.startMs, endMs: span.endMs });
  });
  return all.find((b) => b.startMs <= now && now < b.endMs) ?? all[0];
}

export interface ComputePace {
  readonly budget: ComputeBudget;
  /** What the runs started in the period cost so far. */
  readonly spent: number;
  readonly gpuHours: number;
  /** Share of the period gone by `now`, 0…1. */
  readonly elapsed: number;
  /** What the plan expects spent by now: budget × elapsed. */
  readonly expected: number;
  /** Spent more than the pace allows (and something was spent). */
  readonly ahead: boolean;
  /** The period has not started: nothing is judged yet. */
  readonly notStarted: boolean;
  /** At this rate, the day the budget runs out (UTC ms), when before the period ends. */
  readonly exhaustedAtMs?: number;
}

/** Spend against the budget's pace on `now`. */
export function computePace(budget: ComputeBudget, spent: number, gpuHours: number, now = Date.now()): ComputePace {
  const length = budget.endMs - budget.startMs;
  const elapsed = Math.min(1, Math.max(0, (now - budget.startMs) / length));
  const expected = budget.amount * elapsed;
  const notStarted = now < budget.startMs;
  const gone = now - budget.startMs;
  const rate = gone > 0 ? spent / gone : 0;
  const exhaustedAtMs = rate > 0 ? budget.startMs + budget.amount / rate : undefined;
  return {
    budget,
    spent,
    gpuHours,
    elapsed,
    expected,
    notStarted,
    ahead: !notStarted && spent > 0 && spent > expected + 0.005,
    ...(exhaustedAtMs !== undefined && exhaustedAtMs < budget.endMs && { exhaustedAtMs }),
  };
}
