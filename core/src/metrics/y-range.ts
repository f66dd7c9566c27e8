/**
 * The y range of a chart from the points it draws. "Ignore outliers" takes the 5th–95th percentile (as TensorBoard
 * does), so one diverged step or a huge first loss does not flatten the rest of the curve; the points outside are
 * still drawn, clipped at the plot's edge. Log scales pad multiplicatively and ignore values ≤ 0.
 */

export interface YRangeOptions {
  readonly ignoreOutliers?: boolean;
  readonly log?: boolean;
  /** Fraction of the span added above and below (default 0.05). */
  readonly pad?: number;
  /** Round the ends outward to round numbers (so a live chart's scale does not move with every point). */
  readonly nice?: boolean;
}

/** Percentile sample size: beyond this many values a stride sample is sorted instead of all of them. */
const SAMPLE = 20_000;

/** [min, max] of the finite (and, for log, positive) values in `parts`, or undefined when there are none. */
export function yRange(
  parts: ReadonlyArray<{ readonly y: ArrayLike<number>; readonly length: number }>,
  o: YRangeOptions = {},
): [number, number] | undefined {
  const log = o.log === true;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      const v = p.y[i] as number;
      if (v - v !== 0 || (log && v <= 0)) continue;
      count++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (count === 0) return undefined;
  if (o.ignoreOutliers && count >= 10) [min, max] = percentiles(parts, count, log, 0.05, 0.95);
  const r = padRange(min, max, log, o.pad ?? 0.05);
  return o.nice ? niceRange(r[0], r[1], log) : r;
}

/** Rounds a range outward: to a twentieth of its span (1, 2 or 5 × 10^k steps), or on a log scale to 1, 2 or 5 × 10^k. */
export function niceRange(lo: number, hi: number, log = false): [number, number] {
  if (log) return [logNice(lo, false), logNice(hi, true)];
  const raw = (hi - lo) / 20;
  if (!(raw > 0)) return [lo, hi];
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  return [round(Math.floor(lo / step) * step, step), round(Math.ceil(hi / step) * step, step)];
}

/** The nearest of 1, 2, 5 × 10^k below (or above) v > 0. */
function logNice(v: number, up: boolean): number {
  const mag = 10 ** Math.floor(Math.log10(v));
  const steps = [1, 2, 5, 10].map((k) => k * mag);
  return up
    ? (steps.find((s) => s >= v * (1 - 1e-12)) as number)
    : (steps.reverse().find((s) => s <= v * (1 + 1e-12)) as number);
}

/** Drops binary noise (0.30000000000000004) to the step's precision. */
function round(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(Math.min(20, digits)));
}

function percentiles(
  parts: ReadonlyArray<{ readonly y: ArrayLike<number>; readonly length: number }>,
  count: number,
  log: boolean,
  pLo: number,
  pHi: number,
): [number, number] {
  const stride = Math.max(1, Math.ceil(count / SAMPLE));
  const sample = new Float64Array(Math.ceil(count / stride) + parts.length);
  let n = 0;
  let k = 0;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      const v = p.y[i] as number;
      if (v - v !== 0 || (log && v <= 0)) continue;
      if (k++ % stride === 0) sample[n++] = log ? Math.log10(v) : v;
    }
  }
  const s = sample.subarray(0, n).sort();
  const at = (q: number) => s[Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))] as number;
  const a = at(pLo);
  const b = at(pHi);
  return log ? [10 ** a, 10 ** b] : [a, b];
}

function padRange(min: number, max: number, log: boolean, pad: number): [number, number] {
  if (log) {
    const a = Math.log10(min);
    const b = Math.log10(max);
    const d = b - a || 1;
    return [10 ** (a - d * pad), 10 ** (b + d * pad)];
  }
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    return [min - d, max + d];
  }
  const d = (max - min) * pad;
  return [min - d, max + d];
}
