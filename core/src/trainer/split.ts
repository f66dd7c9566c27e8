/**
 * Splits row indices into train / validation / test by `data.split`: `random` (seeded shuffle), `stratified`
 * (the same within each class, so class shares match) or `time` (file order: earliest rows train).
 */
import { createRng, STREAM } from './prng';
import type { SplitSettings } from './types';

export interface SplitIndices {
  readonly train: number[];
  readonly validation: number[];
  readonly test: number[];
}

/** Cuts `idx` (already in the order wanted) at the cumulative fractions. */
function cut(idx: readonly number[], s: SplitSettings, out: SplitIndices): void {
  const n = idx.length;
  const a = Math.round(n * s.train);
  const b = s.train + s.validation >= 1 - 1e-9 ? n : Math.min(n, Math.round(n * (s.train + s.validation)));
  out.train.push(...idx.slice(0, a));
  out.validation.push(...idx.slice(a, b));
  out.test.push(...idx.slice(b));
}

/**
 * `classes` holds each row's class index (classification); needed for `stratified`.
 * The result is deterministic for a given seed.
 */
export function splitRows(n: number, s: SplitSettings, classes?: ArrayLike<number>): SplitIndices {
  const out: SplitIndices = { train: [], validation: [], test: [] };
  const all = Array.from({ length: n }, (_, i) => i);
  if (s.strategy === 'time') {
    cut(all, s, out);
    return out;
  }
  const rng = createRng(s.seed, STREAM.split);
  if (s.strategy === 'random') {
    rng.shuffle(all);
    cut(all, s, out);
    return out;
  }
  if (!classes) throw new Error('`data.split.strategy: stratified` needs a classification task; use `random`');
  const byClass = new Map<number, number[]>();
  for (const i of all) {
    const c = classes[i]!;
    const list = byClass.get(c) ?? [];
    list.push(i);
    byClass.set(c, list);
  }
  for (const c of [...byClass.keys()].sort((p, q) => p - q)) {
    const idx = byClass.get(c)!;
    rng.shuffle(idx);
    cut(idx, s, out);
  }
  return out;
}

/** The rows of a flat row-major matrix at `idx`. */
export function takeRows(x: Float64Array, f: number, idx: readonly number[]): Float64Array {
  const out = new Float64Array(idx.length * f);
  idx.forEach((i, k) => out.set(x.subarray(i * f, (i + 1) * f), k * f));
  return out;
}
