/**
 * Export of a trained model: the ONNX bytes (standardization folded in, see onnx/write-model) and the `model.json`
 * written beside them with the same facts plus how the run went.
 */
import { irVersionForOpset, modelMetadata, writeMlpOnnx, type MlpModelSpec } from '../onnx/write-model';
import type { TrainResult } from './train';
import type { TrainedModel } from './trained-model';
import type { ExportSettings } from './types';

export function onnxSpec(m: TrainedModel, s: ExportSettings, producerVersion?: string): MlpModelSpec {
  return {
    task: m.task,
    layers: m.mlp.map((l) => ({ inDim: l.inDim, outDim: l.outDim, weights: l.w, bias: l.b })),
    mean: Array.from(m.standardizer.mean),
    std: Array.from(m.standardizer.std),
    targetMean: m.target?.mean,
    targetStd: m.target?.std,
    featureOrder: m.featureOrder,
    labels: m.labels,
    inputName: s.inputName,
    outputName: s.outputName,
    opset: s.opset,
    dynamicBatch: s.dynamicBatch,
    producerVersion,
    metadata: m.positiveIndex !== undefined && m.labels ? { positive_label: m.labels[m.positiveIndex]! } : undefined,
  };
}

export function exportOnnx(m: TrainedModel, s: ExportSettings, producerVersion?: string): Uint8Array {
  return writeMlpOnnx(onnxSpec(m, s, producerVersion));
}

/** The content of `model.json`. */
export function modelCard(
  result: TrainResult,
  s: ExportSettings,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const m = result.model;
  const spec = onnxSpec(m, s);
  return {
    format: 'onnx',
    onnx: 'model.onnx',
    trainer: 'liftoff-builtin',
    task: m.task,
    opset: s.opset,
    ir_version: irVersionForOpset(s.opset),
    input_name: s.inputName,
    output_name: s.outputName,
    output: m.task === 'classification' ? 'probabilities (softmax), one per label' : 'predicted value',
    num_features: m.featureOrder.length,
    feature_order: m.featureOrder,
    labels: m.labels,
    positive_label: m.positiveIndex !== undefined ? m.labels?.[m.positiveIndex] : undefined,
    hidden_layers: m.mlp.slice(0, -1).map((l) => l.outDim),
    preprocessing: {
      op: 'standardize',
      folded: true,
      note: 'fitted on the training split and folded into the first Gemm: feed raw feature values',
      mean: spec.mean,
      std: spec.std,
      ...(m.target ? { target_mean: m.target.mean, target_std: m.target.std } : {}),
    },
    metadata_props: modelMetadata(spec),
    best: result.best,
    epochs_run: result.epochsRun,
    steps: result.steps,
    stopped_early: result.stoppedEarly,
    test_metrics: result.test,
    best_epoch_metrics: result.history.find((r) => r.epoch === result.best.epoch),
    train_seconds: Number(result.seconds.toFixed(3)),
    ...extra,
  };
}
