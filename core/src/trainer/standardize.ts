/**
 * Per-feature standardization (z-score) fitted on the training split only, so validation and test statistics never
 * leak into the model. A constant feature (std 0) keeps std 1. The export folds it into the first layer.
 */
import type { Examples } from './types';

export interface Standardizer {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/** Mean and population standard deviation of each column of `x` (n × f). */
export function fitStandardizer(x: Float64Array, n: number, f: number): Standardizer {
  const mean = new Float64Array(f);
  const std = new Float64Array(f);
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) mean[j]! += x[i * f + j]!;
  for (let j = 0; j < f; j++) mean[j] = mean[j]! / Math.max(n, 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < f; j++) {
      const d = x[i * f + j]! - mean[j]!;
      std[j]! += d * d;
    }
  }
  for (let j = 0; j < f; j++) {
    const s = Math.sqrt(std[j]! / Math.max(n, 1));
    std[j] = s > 1e-12 * Math.max(1, Math.abs(mean[j]!)) ? s : 1;
  }
  return { mean, std };
}

/** A standardized copy of `x`. */
export function applyStandardizer(s: Standardizer, x: Float64Array): Float64Array {
  const f = s.mean.length;
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const j = k % f;
    out[k] = (x[k]! - s.mean[j]!) / s.std[j]!;
  }
  return out;
}

/** Examples with standardized features (targets untouched). */
export function standardizeExamples(s: Standardizer, e: Examples): Examples {
  return { ...e, x: applyStandardizer(s, e.x) };
}

/** Mean and std of regression targets (std 0 → 1), fitted on the training split. */
export function fitTargetScale(y: Float64Array): { mean: number; std: number } {
  const one = fitStandardizer(y, y.length, 1);
  return { mean: one.mean[0]!, std: one.std[0]! };
}
