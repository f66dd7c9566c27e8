/**
 * Writes a dense ReLU MLP as an ONNX `ModelProto` without dependencies: input float [N, F] → Gemm (Relu Gemm)* →
 * Softmax (classification) or the last Gemm's output itself (regression). The input standardization is folded
 * into the first Gemm (W' = W / std, b' = b − W'·mean) and a regression target scale into the last one, so the
 * model takes raw feature values. The facts needed to check or replay that are stored as `metadata_props`.
 */
import { float32Bytes, ProtoWriter } from './protobuf-writer';

/** One fully connected layer; `weights` is [outDim][inDim] row-major (ONNX Gemm with transB = 1). */
export interface DenseLayer {
  readonly inDim: number;
  readonly outDim: number;
  readonly weights: ArrayLike<number>;
  readonly bias: ArrayLike<number>;
}

export interface MlpModelSpec {
  readonly task: 'classification' | 'regression';
  /** ReLU between consecutive layers; none after the last. */
  readonly layers: readonly DenseLayer[];
  /** Per-feature standardization fitted on the training split, folded into the first layer. */
  readonly mean: readonly number[];
  readonly std: readonly number[];
  /** Regression only: the model was trained on (y − targetMean) / targetStd; folded into the last layer. */
  readonly targetMean?: number;
  readonly targetStd?: number;
  readonly featureOrder: readonly string[];
  readonly labels?: readonly string[];
  readonly inputName: string;
  readonly outputName: string;
  /** 13–21 (what onnxruntime 1.30 runs). */
  readonly opset: number;
  readonly dynamicBatch: boolean;
  readonly producerVersion?: string;
  /** Extra `metadata_props` entries. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The ONNX IR version that goes with an opset (onnx's own release table). */
export function irVersionForOpset(opset: number): number {
  if (!Number.isInteger(opset) || opset < 13 || opset > 21)
    throw new Error(`ONNX opset ${opset} is not supported: use 13 to 21`);
  return opset <= 14 ? 7 : opset <= 18 ? 8 : opset <= 20 ? 9 : 10;
}

/** The layers with the input standardization and the regression target scale folded in (float64). */
export function foldLayers(spec: MlpModelSpec): DenseLayer[] {
  const layers = spec.layers.map((l) => ({
    inDim: l.inDim,
    outDim: l.outDim,
    weights: Float64Array.from(l.weights),
    bias: Float64Array.from(l.bias),
  }));
  const first = layers[0];
  const last = layers[layers.length - 1];
  if (!first || !last) throw new Error('the model has no layers');
  if (spec.mean.length !== first.inDim || spec.std.length !== first.inDim)
    throw new Error('mean/std length differs from the input width');
  for (let o = 0; o < first.outDim; o++) {
    let shift = 0;
    for (let i = 0; i < first.inDim; i++) {
      const w = first.weights[o * first.inDim + i]! / spec.std[i]!;
      first.weights[o * first.inDim + i] = w;
      shift += w * spec.mean[i]!;
    }
    first.bias[o] = first.bias[o]! - shift;
  }
  if (spec.task === 'regression' && spec.targetStd !== undefined) {
    const scale = spec.targetStd;
    last.weights.forEach((w, k) => {
      last.weights[k] = w * scale;
    });
    last.bias.forEach((b, k) => {
      last.bias[k] = b * scale + (spec.targetMean ?? 0);
    });
  }
  return layers;
}

function valueInfo(w: ProtoWriter, name: string, batch: string | number, width: number): void {
  w.string(1, name).message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, 1); // elem_type FLOAT
      tensor.message(2, (shape) => {
        shape.message(1, (d) => (typeof batch === 'string' ? d.string(2, batch) : d.int(1, batch)));
        shape.message(1, (d) => d.int(1, width));
      });
    }),
  );
}

function initializer(w: ProtoWriter, name: string, dims: readonly number[], values: ArrayLike<number>): void {
  for (const d of dims) w.int(1, d);
  w.int(2, 1).string(8, name).bytes(9, float32Bytes(values));
}

function node(
  w: ProtoWriter,
  op: string,
  name: string,
  inputs: readonly string[],
  output: string,
  transB = false,
): void {
  for (const i of inputs) w.string(1, i);
  w.string(2, output).string(3, name).string(4, op);
  if (transB) w.message(5, (a) => a.string(1, 'transB').int(3, 1).int(20, 2)); // AttributeProto INT
}

/** The standard metadata: labels, feature order, task and the folded standardization. */
export function modelMetadata(spec: MlpModelSpec): Record<string, string> {
  const meta: Record<string, string> = {
    task: spec.task,
    feature_order: JSON.stringify(spec.featureOrder),
    'liftoff.preprocessing': 'folded-standardize',
    'liftoff.mean': JSON.stringify(spec.mean),
    'liftoff.std': JSON.stringify(spec.std),
  };
  if (spec.labels) meta.labels = JSON.stringify(spec.labels);
  if (spec.task === 'regression' && spec.targetStd !== undefined) {
    meta['liftoff.target_mean'] = JSON.stringify(spec.targetMean ?? 0);
    meta['liftoff.target_std'] = JSON.stringify(spec.targetStd);
  }
  return { ...meta, ...spec.metadata };
}

/** Encodes the model; throws on inconsistent shapes or an unsupported opset. */
export function writeMlpOnnx(spec: MlpModelSpec): Uint8Array {
  const ir = irVersionForOpset(spec.opset);
  const layers = foldLayers(spec);
  layers.forEach((l, k) => {
    const prev = layers[k - 1];
    if (l.weights.length !== l.inDim * l.outDim || l.bias.length !== l.outDim)
      throw new Error(`layer ${k}: weight shape mismatch`);
    if (prev && prev.outDim !== l.inDim)
      throw new Error(`layer ${k}: input width ${l.inDim} ≠ previous output ${prev.outDim}`);
  });
  if (
    !spec.inputName ||
    !spec.outputName ||
    spec.inputName === spec.outputName ||
    spec.inputName.startsWith('_') ||
    spec.outputName.startsWith('_')
  ) {
    throw new Error(
      `input and output names must be non-empty, different and not start with "_" (got "${spec.inputName}", "${spec.outputName}")`,
    );
  }
  const batch = spec.dynamicBatch ? 'N' : 1;
  const outWidth = layers[layers.length - 1]!.outDim;
  if (spec.featureOrder.length !== layers[0]!.inDim)
    throw new Error(`${spec.featureOrder.length} feature names for ${layers[0]!.inDim} inputs`);
  if (spec.labels && spec.labels.length !== outWidth)
    throw new Error(`${spec.labels.length} labels for ${outWidth} outputs`);
  const graph = (g: ProtoWriter) => {
    let current = spec.inputName;
    layers.forEach((l, k) => {
      const isLast = k === layers.length - 1;
      const gemmOut = isLast && spec.task === 'regression' ? spec.outputName : isLast ? '_logits' : `_gemm_${k}`;
      g.message(1, (n) => node(n, 'Gemm', `gemm_${k}`, [current, `_W${k}`, `_B${k}`], gemmOut, true));
      current = gemmOut;
      if (!isLast) {
        g.message(1, (n) => node(n, 'Relu', `relu_${k}`, [current], `_relu_${k}`));
        current = `_relu_${k}`;
      }
    });
    if (spec.task === 'classification') g.message(1, (n) => node(n, 'Softmax', 'softmax', [current], spec.outputName));
    g.string(2, 'liftoff_mlp');
    layers.forEach((l, k) => {
      g.message(5, (t) => initializer(t, `_W${k}`, [l.outDim, l.inDim], l.weights));
      g.message(5, (t) => initializer(t, `_B${k}`, [l.outDim], l.bias));
    });
    g.string(10, 'Liftoff builtin trainer MLP; standardization folded into the first Gemm: feed raw feature values.');
    g.message(11, (v) => valueInfo(v, spec.inputName, batch, layers[0]!.inDim));
    g.message(12, (v) => valueInfo(v, spec.outputName, batch, outWidth));
  };
  const model = new ProtoWriter().int(1, ir).string(2, 'liftoff');
  if (spec.producerVersion) model.string(3, spec.producerVersion);
  model.message(7, graph).message(8, (o) => o.string(1, '').int(2, spec.opset));
  for (const [key, value] of Object.entries(modelMetadata(spec)))
    model.message(14, (e) => e.string(1, key).string(2, value));
  return model.finish();
}
