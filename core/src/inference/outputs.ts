/**
 * From raw output tensors to predictions: class probabilities with top-k labels (softmax applied only when the
 * output is not already a distribution — logits from PyTorch, probabilities from Liftoff's trainer), a sigmoid for a
 * single-logit binary classifier, or plain values for regression. Works on whole typed arrays: no object per row.
 */
import type { ModelFacts } from './model-facts';

export type OutputData =
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | BigUint64Array
  | string[];

export interface RawOutput {
  readonly name: string;
  readonly type: string;
  /** Dims of the whole result ([rows, …]). */
  readonly dims: readonly number[];
  readonly data: OutputData;
  /** Elements per input row (0 when the output has no row dimension). */
  readonly perRow: number;
}

export type Predictions =
  | {
      readonly kind: 'classification';
      readonly output: string;
      readonly labels: readonly string[];
      readonly classes: number;
      /** n × classes, each row summing to 1. */
      readonly probabilities: Float32Array;
      readonly k: number;
      /** n × k class indices and their probabilities, best first. */
      readonly top: Int32Array;
      readonly topP: Float32Array;
      /** How the probabilities were obtained. */
      readonly activation: 'none' | 'softmax' | 'sigmoid';
    }
  | {
      readonly kind: 'values';
      readonly output: string;
      readonly width: number;
      readonly values: Float64Array;
      readonly names: readonly string[];
    }
  | { readonly kind: 'raw'; readonly output: string; readonly reason: string };

/** Every row is in [0, 1] and sums to 1 (± 1e-3): already probabilities. */
export function isDistribution(data: ArrayLike<number>, n: number, c: number): boolean {
  for (let r = 0; r < n; r++) {
    let sum = 0;
    for (let j = r * c; j < r * c + c; j++) {
      const v = data[j]!;
      if (!(v >= -1e-6 && v <= 1 + 1e-6)) return false;
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-3) return false;
  }
  return true;
}

export function softmaxRows(data: ArrayLike<number>, n: number, c: number): Float32Array {
  const out = new Float32Array(n * c);
  for (let r = 0; r < n; r++) {
    const o = r * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) max = Math.max(max, data[o + j]!);
    let sum = 0;
    for (let j = 0; j < c; j++) {
      const e = Math.exp(data[o + j]! - max);
      out[o + j] = e;
      sum += e;
    }
    for (let j = 0; j < c; j++) out[o + j] = out[o + j]! / sum;
  }
  return out;
}

/** The k best classes of each row, best first. */
export function topK(p: Float32Array, n: number, c: number, k: number): { top: Int32Array; topP: Float32Array } {
  const top = new Int32Array(n * k);
  const topP = new Float32Array(n * k);
  if (k === 1) {
    for (let r = 0, o = 0; r < n; r++, o += c) {
      let best = 0;
      for (let j = 1; j < c; j++) if (p[o + j]! > p[o + best]!) best = j;
      top[r] = best;
      topP[r] = p[o + best]!;
    }
    return { top, topP };
  }
  for (let r = 0; r < n; r++) {
    const o = r * c;
    for (let slot = 0; slot < k; slot++) {
      let best = -1;
      let bestP = -Infinity;
      for (let j = 0; j < c; j++) {
        const v = p[o + j]!;
        if (v > bestP && !taken(top, r * k, slot, j)) {
          best = j;
          bestP = v;
        }
      }
      top[r * k + slot] = best;
      topP[r * k + slot] = bestP;
    }
  }
  return { top, topP };
}

function taken(top: Int32Array, start: number, count: number, j: number): boolean {
  for (let s = 0; s < count; s++) if (top[start + s] === j) return true;
  return false;
}

const NUMERIC = /^(float|double|int|uint)/;
const CLASSY = /prob|logit|score|class|softmax/i;

function asNumbers(data: OutputData): ArrayLike<number> | undefined {
  if (Array.isArray(data)) return undefined;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float64Array.from(data, Number);
  return data as ArrayLike<number>;
}

export function interpretOutput(out: RawOutput, n: number, facts: ModelFacts, k: number): Predictions {
  const data = asNumbers(out.data);
  const c = out.perRow;
  if (!data || !NUMERIC.test(out.type)) return { kind: 'raw', output: out.name, reason: `${out.type} output` };
  if (c === 0 || out.dims.length > 2)
    return { kind: 'raw', output: out.name, reason: `shape [${out.dims.join(', ')}]` };
  const labels = facts.labels?.value;
  const task = facts.task;
  const isFloat = /^(float|double)/.test(out.type);
  const binary = c === 1 && isFloat && task === 'classification' && (labels?.length ?? 2) === 2;
  const distribution = isFloat && c >= 2 && isDistribution(data, n, c);
  const classy =
    isFloat &&
    c >= 2 &&
    task !== 'regression' &&
    (task === 'classification' || labels?.length === c || CLASSY.test(out.name) || distribution);
  if (binary) {
    let prob = true;
    for (let r = 0; r < n && prob; r++) prob = data[r]! >= 0 && data[r]! <= 1;
    const probabilities = new Float32Array(n * 2);
    for (let r = 0; r < n; r++) {
      const p = prob ? data[r]! : 1 / (1 + Math.exp(-data[r]!));
      probabilities[2 * r] = 1 - p;
      probabilities[2 * r + 1] = p;
    }
    return classes(out.name, probabilities, n, 2, labels ?? ['0', '1'], k, prob ? 'none' : 'sigmoid');
  }
  if (classy) {
    const already = distribution;
    const probabilities = !already
      ? softmaxRows(data, n, c)
      : data instanceof Float32Array
        ? data
        : new Float32Array(data as Float64Array);
    const names = labels?.length === c ? labels : Array.from({ length: c }, (_, i) => `class_${i}`);
    return classes(out.name, probabilities, n, c, names, k, already ? 'none' : 'softmax');
  }
  const values = data instanceof Float64Array ? data : new Float64Array(data as Float32Array);
  const names = c === 1 ? [out.name] : Array.from({ length: c }, (_, i) => `${out.name}[${i}]`);
  return { kind: 'values', output: out.name, width: c, values, names };
}

function classes(
  output: string,
  probabilities: Float32Array,
  n: number,
  c: number,
  labels: readonly string[],
  k: number,
  activation: 'none' | 'softmax' | 'sigmoid',
): Predictions {
  const kk = Math.max(1, Math.min(k, c));
  return {
    kind: 'classification',
    output,
    labels,
    classes: c,
    probabilities,
    k: kk,
    ...topK(probabilities, n, c, kk),
    activation,
  };
}
