/**
 * Loss and gradients of one mini-batch by manual backpropagation: softmax cross-entropy (classification, binary
 * included with two outputs) or mean squared error (regression, on the standardized target).
 */
import { forward, softmax, type Layer, type Mlp } from './mlp';
import type { TaskType } from './types';

export interface Gradient {
  readonly w: Float64Array;
  readonly b: Float64Array;
}

/** Mean loss of the rows and the gradient at the logits (n × outputs), already divided by n. */
export function outputLoss(
  task: TaskType,
  out: Float64Array,
  y: Float64Array,
  n: number,
  c: number,
): { loss: number; grad: Float64Array } {
  const grad = new Float64Array(out.length);
  let loss = 0;
  if (task === 'classification') {
    const p = softmax(out, n, c);
    for (let r = 0; r < n; r++) {
      const k = y[r]!;
      loss -= Math.log(Math.max(p[r * c + k]!, 1e-300));
      for (let j = 0; j < c; j++) grad[r * c + j] = (p[r * c + j]! - (j === k ? 1 : 0)) / n;
    }
  } else {
    for (let r = 0; r < n; r++) {
      const d = out[r]! - y[r]!;
      loss += d * d;
      grad[r] = (2 * d) / n;
    }
  }
  return { loss: loss / n, grad };
}

function layerGradient(l: Layer, input: Float64Array, dz: Float64Array, n: number): Gradient {
  const w = new Float64Array(l.w.length);
  const b = new Float64Array(l.outDim);
  for (let r = 0; r < n; r++) {
    for (let o = 0; o < l.outDim; o++) {
      const g = dz[r * l.outDim + o]!;
      if (g === 0) continue;
      b[o] = b[o]! + g;
      const wo = o * l.inDim;
      const xo = r * l.inDim;
      for (let i = 0; i < l.inDim; i++) w[wo + i] = w[wo + i]! + g * input[xo + i]!;
    }
  }
  return { w, b };
}

/** dL/d(input) of a layer, masked by the ReLU that produced the input (input > 0). */
function backThroughLayer(l: Layer, input: Float64Array, dz: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * l.inDim);
  for (let r = 0; r < n; r++) {
    for (let o = 0; o < l.outDim; o++) {
      const g = dz[r * l.outDim + o]!;
      if (g === 0) continue;
      const wo = o * l.inDim;
      const xo = r * l.inDim;
      for (let i = 0; i < l.inDim; i++) out[xo + i] = out[xo + i]! + g * l.w[wo + i]!;
    }
  }
  for (let k = 0; k < out.length; k++) if (!(input[k]! > 0)) out[k] = 0;
  return out;
}

/** Mean loss of the batch and the gradient of every layer (same order as the model). */
export function lossAndGradients(
  m: Mlp,
  task: TaskType,
  x: Float64Array,
  y: Float64Array,
  n: number,
): { loss: number; grads: Gradient[] } {
  const acts = forward(m, x, n);
  const last = m[m.length - 1]!;
  const { loss, grad } = outputLoss(task, acts[m.length]!, y, n, last.outDim);
  const grads: Gradient[] = new Array<Gradient>(m.length);
  let dz = grad;
  for (let k = m.length - 1; k >= 0; k--) {
    const l = m[k]!;
    grads[k] = layerGradient(l, acts[k]!, dz, n);
    if (k > 0) dz = backThroughLayer(l, acts[k]!, dz, n);
  }
  return { loss, grads };
}
