/**
 * The model: dense layers with ReLU between them and none after the last (logits, or the standardized regression
 * value). With no hidden layers it is logistic / softmax or linear regression. All arithmetic is float64 in a fixed
 * order, so the same seed gives bit-identical weights.
 */
import type { Rng } from './prng';

export interface Layer {
  readonly inDim: number;
  readonly outDim: number;
  /** outDim × inDim, row-major (ONNX Gemm with transB = 1). */
  readonly w: Float64Array;
  readonly b: Float64Array;
}

export type Mlp = readonly Layer[];

/** He-normal weights for layers feeding a ReLU, Glorot-uniform for the output layer; zero biases. */
export function initMlp(inputs: number, hidden: readonly number[], outputs: number, rng: Rng): Mlp {
  const dims = [inputs, ...hidden, outputs];
  return dims.slice(1).map((outDim, k) => {
    const inDim = dims[k]!;
    const isLast = k === dims.length - 2;
    const w = new Float64Array(outDim * inDim);
    const limit = Math.sqrt(6 / (inDim + outDim));
    const sd = Math.sqrt(2 / inDim);
    for (let i = 0; i < w.length; i++) w[i] = isLast ? (2 * rng.next() - 1) * limit : rng.normal() * sd;
    return { inDim, outDim, w, b: new Float64Array(outDim) };
  });
}

export function cloneMlp(m: Mlp): Mlp {
  return m.map((l) => ({ ...l, w: Float64Array.from(l.w), b: Float64Array.from(l.b) }));
}

/** y = x · Wᵀ + b for n rows, optionally followed by ReLU. */
export function dense(l: Layer, x: Float64Array, n: number, relu: boolean): Float64Array {
  const out = new Float64Array(n * l.outDim);
  for (let r = 0; r < n; r++) {
    const xo = r * l.inDim;
    for (let o = 0; o < l.outDim; o++) {
      let s = l.b[o]!;
      const wo = o * l.inDim;
      for (let i = 0; i < l.inDim; i++) s += x[xo + i]! * l.w[wo + i]!;
      out[r * l.outDim + o] = relu && s < 0 ? 0 : s;
    }
  }
  return out;
}

/** Activations of every layer: `[x, h1, …, output]` (hidden ones after ReLU; the output is raw). */
export function forward(m: Mlp, x: Float64Array, n: number): Float64Array[] {
  const acts = [x];
  m.forEach((l, k) => acts.push(dense(l, acts[k]!, n, k < m.length - 1)));
  return acts;
}

/** Row-wise softmax of n × c logits (max-subtracted). */
export function softmax(logits: Float64Array, n: number, c: number): Float64Array {
  const out = new Float64Array(logits.length);
  for (let r = 0; r < n; r++) {
    let max = -Infinity;
    for (let j = 0; j < c; j++) max = Math.max(max, logits[r * c + j]!);
    let sum = 0;
    for (let j = 0; j < c; j++) {
      const e = Math.exp(logits[r * c + j]! - max);
      out[r * c + j] = e;
      sum += e;
    }
    for (let j = 0; j < c; j++) out[r * c + j] = out[r * c + j]! / sum;
  }
  return out;
}
