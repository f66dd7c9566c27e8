/**
 * A trained model with everything needed to predict from raw feature values: the MLP, the standardization fitted on
 * the training split, the regression target scale, the class names. `predict` is the reference the ONNX export
 * must reproduce.
 */
import { classificationMetrics, regressionMetrics } from './metrics';
import { forward, softmax, type Mlp } from './mlp';
import { applyStandardizer, type Standardizer } from './standardize';
import type { Examples, TaskType } from './types';

export interface TrainedModel {
  readonly task: TaskType;
  readonly mlp: Mlp;
  readonly standardizer: Standardizer;
  /** Regression: the MLP predicts (y − mean) / std. */
  readonly target?: { readonly mean: number; readonly std: number };
  readonly featureOrder: readonly string[];
  readonly labels?: readonly string[];
  readonly positiveIndex?: number;
}

export function outputWidth(m: TrainedModel): number {
  return m.mlp[m.mlp.length - 1]!.outDim;
}

/** Probabilities (n × classes) or predictions (n × 1) for already standardized rows. */
export function predictStandardized(m: TrainedModel, x: Float64Array, n: number): Float64Array {
  const out = forward(m.mlp, x, n)[m.mlp.length]!;
  if (m.task === 'classification') return softmax(out, n, outputWidth(m));
  const t = m.target ?? { mean: 0, std: 1 };
  return out.map((v) => v * t.std + t.mean);
}

/** Probabilities or predictions for raw rows (features in `featureOrder`), as the exported ONNX model computes them. */
export function predict(m: TrainedModel, rows: ArrayLike<ArrayLike<number>> | Float64Array): Float64Array {
  const f = m.featureOrder.length;
  const x = rows instanceof Float64Array ? rows : Float64Array.from(Array.from(rows).flatMap((r) => Array.from(r)));
  if (x.length % f !== 0) throw new Error(`each row needs ${f} values (${m.featureOrder.join(', ')})`);
  return predictStandardized(m, applyStandardizer(m.standardizer, x), x.length / f);
}

/**
 * Metrics of the model on standardized examples, keys prefixed (`val_loss`, `val_auc`, …). For regression `loss`
 * is the MSE in the target's own units. NaN metrics are left out.
 */
export function evaluate(m: TrainedModel, e: Examples, prefix: string): Record<string, number> {
  const out = predictStandardized(m, e.x, e.n);
  const raw =
    m.task === 'classification'
      ? classificationMetrics(out, e.y, outputWidth(m), m.positiveIndex)
      : regressionMetrics(out, e.y);
  const named: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) if (Number.isFinite(v)) named[`${prefix}${k}`] = v;
  return named;
}
