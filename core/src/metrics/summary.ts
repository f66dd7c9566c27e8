/**
 * Summary columns of a metric, per run: best (by the metric's goal), last, min, max, the value at a chosen step and
 * the smoothed last value (the debiased EMA of the full series, as the chart draws it); sorting rows by any of them
 * (blanks last, stable) and deltas against a pinned baseline run, saying whether the difference is better or worse
 * by the goal. One pass over the points (`seriesStats`, also what a run's cache keeps); non-finite values are skipped.
 * Browser-safe.
 */
import type { Goal } from './metric-names';
import { MAX_SMOOTHING } from './smooth';

export interface MetricSummaryRow {
  readonly last?: number;
  readonly lastStep?: number;
  readonly best?: number;
  readonly bestStep?: number;
  readonly min?: number;
  readonly max?: number;
  /** The debiased EMA at the last finite point (only with a smoothing weight > 0). */
  readonly smoothedLast?: number;
  /** The value at the last point whose step is ≤ the chosen step (only with `atStep`). */
  readonly atStep?: number;
}

export type SummaryField = 'best' | 'last' | 'min' | 'max' | 'smoothedLast' | 'atStep';
export const SUMMARY_FIELDS: readonly SummaryField[] = ['best', 'last', 'min', 'max', 'smoothedLast', 'atStep'];

export interface SummaryOptions {
  readonly goal?: Goal;
  /** EMA weight 0–0.99 for `smoothedLast`. */
  readonly smoothing?: number;
  readonly atStep?: number;
}

/** What one pass over a series gives (non-finite values skipped); the summary row and the run cache use it. */
export interface SeriesStats {
  /** The step of the first point, finite value or not. */
  readonly firstStep?: number;
  readonly last?: number;
  readonly lastStep?: number;
  readonly min?: number;
  readonly minStep?: number;
  readonly max?: number;
  readonly maxStep?: number;
  /** The debiased EMA at the last finite point (only with a smoothing weight > 0). */
  readonly smoothedLast?: number;
  /** The value at the last point whose step is ≤ `atStep` (only with `atStep`). */
  readonly atStep?: number;
}

/** One pass over the first `length` points: last, min and max with their steps, smoothed last, value at a step. */
export function seriesStats(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  length: number,
  smoothing = 0,
  atStep?: number,
): SeriesStats {
  const w = Math.min(Math.max(smoothing, 0), MAX_SMOOTHING);
  let last: number | undefined;
  let lastStep: number | undefined;
  let min: number | undefined;
  let max: number | undefined;
  let minStep: number | undefined;
  let maxStep: number | undefined;
  let at: number | undefined;
  let atBest = -Infinity;
  let ema = 0;
  let pow = 1;
  const n = Math.min(length, values.length, steps.length);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v - v !== 0) continue;
    const s = steps[i] as number;
    last = v;
    lastStep = s;
    if (min === undefined || v < min) {
      min = v;
      minStep = s;
    }
    if (max === undefined || v > max) {
      max = v;
      maxStep = s;
    }
    if (atStep !== undefined && s <= atStep && s >= atBest) {
      atBest = s;
      at = v;
    }
    ema = ema * w + (1 - w) * v;
    pow *= w;
  }
  return {
    ...(n > 0 && { firstStep: steps[0] as number }),
    ...(last !== undefined && { last, lastStep }),
    ...(min !== undefined && { min, minStep }),
    ...(max !== undefined && { max, maxStep }),
    ...(w > 0 && last !== undefined && { smoothedLast: ema / (1 - pow) }),
    ...(at !== undefined && { atStep: at }),
  };
}

export function summarizeMetric(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  length: number,
  o: SummaryOptions = {},
): MetricSummaryRow {
  const m = seriesStats(steps, values, length, o.smoothing, o.atStep);
  const best = o.goal === 'min' ? m.min : o.goal === 'max' ? m.max : undefined;
  const bestStep = o.goal === 'min' ? m.minStep : o.goal === 'max' ? m.maxStep : undefined;
  return {
    ...(m.last !== undefined && { last: m.last, lastStep: m.lastStep }),
    ...(best !== undefined && { best, bestStep }),
    ...(m.min !== undefined && { min: m.min }),
    ...(m.max !== undefined && { max: m.max }),
    ...(m.smoothedLast !== undefined && { smoothedLast: m.smoothedLast }),
    ...(m.atStep !== undefined && { atStep: m.atStep }),
  };
}

/** Numbers before strings before blanks; numbers numerically, strings naturally. */
export function compareCells(a: unknown, b: unknown): number {
  if (isBlank(a) || isBlank(b)) return isBlank(a) === isBlank(b) ? 0 : isBlank(a) ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

/** Rows sorted by one cell, ascending (1) or descending (-1); blanks always last, ties keep their order. */
export function sortRows<R>(rows: readonly R[], cell: (r: R) => unknown, dir: 1 | -1): R[] {
  return rows
    .map((r, i) => ({ r, i, v: cell(r) }))
    .sort((a, b) => {
      const blankA = isBlank(a.v);
      const blankB = isBlank(b.v);
      if (blankA || blankB) return blankA === blankB ? a.i - b.i : blankA ? 1 : -1;
      return dir * compareCells(a.v, b.v) || a.i - b.i;
    })
    .map((x) => x.r);
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && v !== v);
}

export interface Delta {
  /** value − baseline. */
  readonly delta: number;
  /** (value − baseline) / |baseline|; undefined when the baseline is 0. */
  readonly relative?: number;
  /** Better by the goal (undefined without a goal or when equal). */
  readonly better?: boolean;
}

/** The difference of `value` from the pinned baseline's, or undefined when either is missing. */
export function deltaFrom(baseline: number | undefined, value: number | undefined, goal?: Goal): Delta | undefined {
  if (baseline === undefined || value === undefined || baseline - baseline !== 0 || value - value !== 0)
    return undefined;
  const delta = value - baseline;
  const better = !goal || delta === 0 ? undefined : goal === 'min' ? delta < 0 : delta > 0;
  return {
    delta,
    ...(baseline !== 0 && { relative: delta / Math.abs(baseline) }),
    ...(better !== undefined && { better }),
  };
}

/** A delta as people read it: `+0.012 (+1.5 %)`, `−3` (a real minus sign). */
export function formatDelta(d: Delta, digits = 3): string {
  const sign = (v: number): string => (v > 0 ? '+' : v < 0 ? '−' : '±');
  const abs = Math.abs(d.delta);
  const num = abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? abs.toExponential(2) : String(Number(abs.toPrecision(digits)));
  const rel =
    d.relative !== undefined ? ` (${sign(d.relative)}${Number(Math.abs(d.relative * 100).toPrecision(2))} %)` : '';
  return `${sign(d.delta)}${num}${rel}`;
}
