/**
 * Small ONNX models for tests, written with core's protobuf writer: any graph of standard (or bogus) operators with
 * float initializers, typed inputs and outputs, symbolic dims and metadata. Plus the fixtures inference tests share:
 * an MLP classifier, a regressor, an int64-input model, a two-input model, and models Liftoff must refuse.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { float32Bytes, ProtoWriter } from '../../core/src/onnx/protobuf-writer';
import { writeMlpOnnx } from '../../core/src/onnx/write-model';

export const FLOAT = 1;
export const INT64 = 7;
export const STRING = 8;

export interface GraphValue {
  readonly name: string;
  readonly elemType: number;
  readonly dims: ReadonlyArray<number | string>;
}
export interface GraphNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly domain?: string;
  readonly attrs?: ReadonlyArray<{ readonly name: string; readonly int?: number; readonly ints?: readonly number[] }>;
}
export interface GraphSpec {
  readonly nodes: readonly GraphNode[];
  readonly inputs: readonly GraphValue[];
  readonly outputs: readonly GraphValue[];
  readonly initializers?: ReadonlyArray<{
    readonly name: string;
    readonly dims: readonly number[];
    readonly values: readonly number[];
  }>;
  readonly opset?: number;
  readonly producer?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

function value(w: ProtoWriter, v: GraphValue): void {
  w.string(1, v.name).message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, v.elemType);
      tensor.message(2, (shape) => {
        for (const d of v.dims) shape.message(1, (dim) => (typeof d === 'string' ? dim.string(2, d) : dim.int(1, d)));
      });
    }),
  );
}

export function writeGraph(spec: GraphSpec): Uint8Array {
  const graph = (g: ProtoWriter) => {
    spec.nodes.forEach((n, k) =>
      g.message(1, (w) => {
        for (const i of n.inputs) w.string(1, i);
        for (const o of n.outputs) w.string(2, o);
        w.string(3, `${n.op.toLowerCase()}_${k}`).string(4, n.op);
        for (const a of n.attrs ?? []) {
          w.message(5, (attr) => {
            attr.string(1, a.name);
            if (a.ints) {
              for (const v of a.ints) attr.int(8, v);
              attr.int(20, 7);
            } else attr.int(3, a.int ?? 0).int(20, 2);
          });
        }
        if (n.domain) w.string(7, n.domain);
      }),
    );
    g.string(2, 'test_graph');
    for (const t of spec.initializers ?? []) {
      g.message(5, (w) => {
        for (const d of t.dims) w.int(1, d);
        w.int(2, FLOAT).string(8, t.name).bytes(9, float32Bytes(t.values));
      });
    }
    for (const i of spec.inputs) g.message(11, (w) => value(w, i));
    for (const o of spec.outputs) g.message(12, (w) => value(w, o));
  };
  const opset = spec.opset ?? 17;
  const model = new ProtoWriter()
    .int(1, opset <= 14 ? 7 : 8)
    .string(2, spec.producer ?? 'liftoff-tests')
    .message(7, graph)
    .message(8, (o) => o.string(1, '').int(2, opset));
  for (const [key, v] of Object.entries(spec.metadata ?? {})) model.message(14, (e) => e.string(1, key).string(2, v));
  return model.finish();
}

/** A 3-feature, 3-class ReLU MLP with its standardization folded in (Liftoff's trainer format). */
export const CLASSIFIER = {
  featureOrder: ['sepal', 'petal', 'width'],
  labels: ['setosa', 'versicolor', 'virginica'],
  mean: [5, 3, 1],
  std: [2, 1, 0.5],
  w1: [0.5, -0.2, 0.1, 0.3, 0.8, -0.5, -0.4, 0.2, 0.9, 0.1, 0.1, 0.1], // 4 × 3
  b1: [0.1, -0.1, 0.05, 0],
  w2: [1, -1, 0.5, 0, -0.5, 1, 0.2, 0.3, 0.3, 0.2, -1, 0.8], // 3 × 4
  b2: [0.2, 0, -0.2],
};

export function classifierBytes(): Uint8Array {
  return writeMlpOnnx({
    task: 'classification',
    opset: 17,
    dynamicBatch: true,
    inputName: 'features',
    outputName: 'probabilities',
    featureOrder: CLASSIFIER.featureOrder,
    labels: CLASSIFIER.labels,
    mean: CLASSIFIER.mean,
    std: CLASSIFIER.std,
    layers: [
      { inDim: 3, outDim: 4, weights: CLASSIFIER.w1, bias: CLASSIFIER.b1 },
      { inDim: 4, outDim: 3, weights: CLASSIFIER.w2, bias: CLASSIFIER.b2 },
    ],
  });
}

/** What the classifier computes, in float64: softmax(W2 · relu(W1 · ((x − mean) / std) + b1) + b2). */
export function classifierReference(x: readonly number[]): number[] {
  const z = x.map((v, i) => (v - CLASSIFIER.mean[i]!) / CLASSIFIER.std[i]!);
  const h = [0, 1, 2, 3].map((o) =>
    Math.max(0, CLASSIFIER.b1[o]! + z.reduce((a, v, i) => a + v * CLASSIFIER.w1[o * 3 + i]!, 0)),
  );
  const logits = [0, 1, 2].map((o) => CLASSIFIER.b2[o]! + h.reduce((a, v, i) => a + v * CLASSIFIER.w2[o * 4 + i]!, 0));
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/**
 * How far the model's float32 probabilities may lie from classifierReference's float64 ones for `x`: float32 rounding
 * (2^-24 relative per operation, a few operations deep, so 2^-21 with margin) of every term that adds up to a logit,
 * so inputs far from the training range (|x| ~ 1e5, where float32 logits carry absolute errors near 0.01) get the
 * slack they need while ordinary rows keep one near 1e-5. A probability moves at most half as much as the difference
 * of two logits, which errs by at most twice one logit's error.
 */
export function classifierTolerance(x: readonly number[]): number {
  const z = x.map((v, i) => Math.abs((v - CLASSIFIER.mean[i]!) / CLASSIFIER.std[i]!) + Math.abs(v));
  const h = [0, 1, 2, 3].map(
    (o) => Math.abs(CLASSIFIER.b1[o]!) + z.reduce((a, v, i) => a + v * Math.abs(CLASSIFIER.w1[o * 3 + i]!), 0),
  );
  const logit = Math.max(
    ...[0, 1, 2].map(
      (o) => Math.abs(CLASSIFIER.b2[o]!) + h.reduce((a, v, i) => a + v * Math.abs(CLASSIFIER.w2[o * 4 + i]!), 0),
    ),
  );
  return 1e-5 + 2 ** -21 * logit;
}

/** The classifier's top label and its probability for one row, computed in float64 by classifierReference. */
export function classifierTop(x: readonly number[]): { label: string; p: number } {
  const p = classifierReference(x);
  const best = p.indexOf(Math.max(...p));
  return { label: CLASSIFIER.labels[best]!, p: p[best]! };
}

/** Three rows for the classifier as CSV, with an `id` column (A, B, C) the model does not take. */
export const CLASSIFIER_ROWS_CSV = 'id,sepal,petal,width\nA,5,3,1\nB,7.5,2,0.2\nC,1,4.5,2.5\n';
/** The features of CLASSIFIER_ROWS_CSV's rows, in order. */
export const CLASSIFIER_ROWS: readonly (readonly number[])[] = [
  [5, 3, 1],
  [7.5, 2, 0.2],
  [1, 4.5, 2.5],
];

/** A 2-feature linear regressor: y = 3·a − 2·b + 1 (fixed batch of 1 when `fixedBatch`). */
export function regressorBytes(fixedBatch = false): Uint8Array {
  return writeMlpOnnx({
    task: 'regression',
    opset: 17,
    dynamicBatch: !fixedBatch,
    inputName: 'x',
    outputName: 'y',
    featureOrder: ['a', 'b'],
    mean: [0, 0],
    std: [1, 1],
    layers: [{ inDim: 2, outDim: 1, weights: [3, -2], bias: [1] }],
  });
}

/** int64 [N, 3] → Cast → MatMul → float [N, 2]. */
export function int64Bytes(): Uint8Array {
  return writeGraph({
    inputs: [{ name: 'ids', elemType: INT64, dims: ['N', 3] }],
    outputs: [{ name: 'scores', elemType: FLOAT, dims: ['N', 2] }],
    initializers: [{ name: 'W', dims: [3, 2], values: [1, 0, 0, 1, 1, 1] }],
    nodes: [
      { op: 'Cast', inputs: ['ids'], outputs: ['f'], attrs: [{ name: 'to', int: FLOAT }] },
      { op: 'MatMul', inputs: ['f', 'W'], outputs: ['scores'] },
    ],
  });
}

/** Two inputs: a [N, 2] + b [N, 2]. */
export function twoInputBytes(): Uint8Array {
  return writeGraph({
    inputs: [
      { name: 'a', elemType: FLOAT, dims: ['N', 2] },
      { name: 'b', elemType: FLOAT, dims: ['N', 2] },
    ],
    outputs: [{ name: 'sum', elemType: FLOAT, dims: ['N', 2] }],
    nodes: [{ op: 'Add', inputs: ['a', 'b'], outputs: ['sum'] }],
  });
}

/** A string input (Identity): Liftoff cannot build it. */
export function stringInputBytes(): Uint8Array {
  return writeGraph({
    inputs: [{ name: 'text', elemType: STRING, dims: ['N', 1] }],
    outputs: [{ name: 'same', elemType: STRING, dims: ['N', 1] }],
    nodes: [{ op: 'Identity', inputs: ['text'], outputs: ['same'] }],
  });
}

/** An image-like rank-4 input [N, 3, 4, 4] → ReduceMean over (1, 2, 3). */
export function rank4Bytes(): Uint8Array {
  return writeGraph({
    inputs: [{ name: 'image', elemType: FLOAT, dims: ['N', 3, 4, 4] }],
    outputs: [{ name: 'mean', elemType: FLOAT, dims: ['N'] }],
    opset: 17,
    nodes: [
      {
        op: 'ReduceMean',
        inputs: ['image'],
        outputs: ['mean'],
        attrs: [
          { name: 'axes', ints: [1, 2, 3] },
          { name: 'keepdims', int: 0 },
        ],
      },
    ],
  });
}

/** A rank-1 input [3] → MatMul → [2]: one row per run. */
export function rank1Bytes(): Uint8Array {
  return writeGraph({
    inputs: [{ name: 'v', elemType: FLOAT, dims: [3] }],
    outputs: [{ name: 'out', elemType: FLOAT, dims: [2] }],
    initializers: [{ name: 'W', dims: [3, 2], values: [1, 0, 0, 1, 1, 1] }],
    nodes: [{ op: 'MatMul', inputs: ['v', 'W'], outputs: ['out'] }],
  });
}

/** A valid protobuf that uses an operator no runtime implements. */
export function bogusOpBytes(): Uint8Array {
  return writeGraph({
    inputs: [{ name: 'x', elemType: FLOAT, dims: ['N', 2] }],
    outputs: [{ name: 'y', elemType: FLOAT, dims: ['N', 2] }],
    nodes: [{ op: 'FrobnicateTensor', inputs: ['x'], outputs: ['y'] }],
  });
}

/** Writes `bytes` (and an optional model.json beside it) into `dir/name/`; returns the model path. */
export function saveModel(dir: string, name: string, bytes: Uint8Array, card?: unknown): string {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'model.onnx');
  writeFileSync(file, bytes);
  if (card !== undefined) writeFileSync(path.join(folder, 'model.json'), JSON.stringify(card));
  return file;
}
