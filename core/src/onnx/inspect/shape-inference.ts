/**
 * Shape inference over an ONNX graph for the inspector: the shapes of a node's outputs from its inputs' shapes,
 * through the common operators (element-wise, broadcasting, Gemm/MatMul, convolution and pooling, reshaping,
 * reductions). Symbolic dimensions (`batch`) stay symbolic; an operator it does not model gives an unknown shape.
 */
import type { InitializerDetail, NodeDetail } from './model-inspection';

export type Dim = number | string;
export type Shape = readonly Dim[] | undefined;

const UNARY = new Set([
  'Identity',
  'Relu',
  'LeakyRelu',
  'PRelu',
  'Elu',
  'Selu',
  'Sigmoid',
  'HardSigmoid',
  'HardSwish',
  'Tanh',
  'Softmax',
  'LogSoftmax',
  'Softplus',
  'Softsign',
  'Gelu',
  'Erf',
  'Exp',
  'Log',
  'Sqrt',
  'Reciprocal',
  'Neg',
  'Abs',
  'Sign',
  'Ceil',
  'Floor',
  'Round',
  'Not',
  'Cast',
  'CastLike',
  'Clip',
  'Dropout',
  'BatchNormalization',
  'LayerNormalization',
  'InstanceNormalization',
  'GroupNormalization',
  'LpNormalization',
  'Mish',
  'Sin',
  'Cos',
  'IsNaN',
  'IsInf',
  'Shrink',
  'ThresholdedRelu',
  'Celu',
  'QuantizeLinear',
  'DequantizeLinear',
  'Hardmax',
  'Trilu',
]);
const BROADCAST = new Set([
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Mod',
  'Max',
  'Min',
  'Sum',
  'Mean',
  'Where',
  'Equal',
  'Greater',
  'GreaterOrEqual',
  'Less',
  'LessOrEqual',
  'And',
  'Or',
  'Xor',
  'BitShift',
]);
const REDUCE = new Set([
  'ReduceMean',
  'ReduceSum',
  'ReduceMax',
  'ReduceMin',
  'ReduceProd',
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceSumSquare',
  'ArgMax',
  'ArgMin',
]);

export const attrInt = (n: NodeDetail, name: string, fallback: number): number =>
  typeof n.attributes[name] === 'number' ? (n.attributes[name] as number) : fallback;
const attrInts = (n: NodeDetail, name: string): readonly number[] | undefined =>
  Array.isArray(n.attributes[name]) ? (n.attributes[name] as readonly number[]) : undefined;
const attrStr = (n: NodeDetail, name: string): string | undefined =>
  typeof n.attributes[name] === 'string' ? (n.attributes[name] as string) : undefined;

/** Product of fixed dims; symbolic dims count as 1 (costs are per unit of them). */
export function elements(shape: Shape): number | undefined {
  if (!shape) return undefined;
  let n = 1;
  for (const d of shape) {
    if (typeof d === 'number') {
      if (d < 0) return undefined;
      n *= d;
    } else if (d === '?') return undefined;
  }
  return n;
}

function broadcast(shapes: readonly Shape[]): Shape {
  if (shapes.some((s) => !s)) return undefined;
  const rank = Math.max(...shapes.map((s) => s!.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let d: Dim = 1;
    for (const s of shapes) {
      const v = s![s!.length - rank + i];
      if (v === undefined || v === 1) continue;
      if (d === 1) d = v;
      else if (typeof d === 'number' && typeof v === 'number' && d !== v) return undefined;
      else if (typeof d === 'string' && typeof v === 'number') d = v;
    }
    out.push(d);
  }
  return out;
}

const axis = (a: number, rank: number) => (a < 0 ? a + rank : a);

/** Output size of a sliding window (Conv, pooling) along one axis. */
function windowed(
  size: Dim,
  k: number,
  stride: number,
  padBegin: number,
  padEnd: number,
  dilation: number,
  autoPad: string | undefined,
  ceil: boolean,
): Dim {
  if (typeof size !== 'number') return autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER' ? size : '?';
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return Math.ceil(size / stride);
  const span = dilation * (k - 1) + 1;
  if (autoPad === 'VALID') return Math.floor((size - span) / stride) + 1;
  const v = (size + padBegin + padEnd - span) / stride;
  return (ceil ? Math.ceil(v) : Math.floor(v)) + 1;
}

export interface ShapeContext {
  readonly shapes: Map<string, Shape>;
  readonly constants: Map<string, InitializerDetail>;
}

/** Shapes of a node's outputs from its inputs' shapes; undefined where the operator is not modelled. */
export function inferOutputShapes(n: NodeDetail, c: ShapeContext): Shape[] {
  const inS = n.inputs.map((i) => (i ? c.shapes.get(i) : undefined));
  const x = inS[0];
  const one = (s: Shape): Shape[] => [s];
  if (UNARY.has(n.op)) return n.outputs.map((_, i) => (i === 0 ? x : undefined));
  if (BROADCAST.has(n.op)) return one(broadcast(inS.filter((_, i) => n.inputs[i] !== '')));
  switch (n.op) {
    case 'Gemm': {
      const a = inS[0];
      const b = inS[1];
      if (!a || !b || a.length !== 2 || b.length !== 2) return one(undefined);
      return one([attrInt(n, 'transA', 0) ? a[1]! : a[0]!, attrInt(n, 'transB', 0) ? b[0]! : b[1]!]);
    }
    case 'MatMul':
    case 'MatMulInteger': {
      const a = inS[0];
      const b = inS[1];
      if (!a || !b || a.length === 0 || b.length === 0) return one(undefined);
      const a2 = a.length === 1 ? [1, a[0]!] : a;
      const b2 = b.length === 1 ? [b[0]!, 1] : b;
      const batch = broadcast([a2.slice(0, -2), b2.slice(0, -2)]);
      if (!batch) return one(undefined);
      const out = [
        ...batch,
        ...(a.length === 1 ? [] : [a2[a2.length - 2]!]),
        ...(b.length === 1 ? [] : [b2[b2.length - 1]!]),
      ];
      return one(out);
    }
    case 'Conv':
    case 'ConvTranspose':
    case 'MaxPool':
    case 'AveragePool':
    case 'LpPool': {
      if (!x || x.length < 3) return one(undefined);
      const spatial = x.length - 2;
      const w = inS[1];
      const kernel = attrInts(n, 'kernel_shape') ?? (w && w.length === x.length ? (w.slice(2) as number[]) : undefined);
      if (!kernel || kernel.some((k) => typeof k !== 'number')) return one(undefined);
      const strides = attrInts(n, 'strides') ?? Array(spatial).fill(1);
      const pads = attrInts(n, 'pads') ?? Array(spatial * 2).fill(0);
      const dil = attrInts(n, 'dilations') ?? Array(spatial).fill(1);
      const autoPad = attrStr(n, 'auto_pad');
      const channels = n.op === 'Conv' ? (w?.[0] ?? '?') : n.op === 'ConvTranspose' ? '?' : x[1]!;
      if (n.op === 'ConvTranspose') return one(undefined);
      const dims = x
        .slice(2)
        .map((d, i) =>
          windowed(
            d,
            kernel[i]!,
            strides[i] ?? 1,
            pads[i] ?? 0,
            pads[i + spatial] ?? 0,
            dil[i] ?? 1,
            autoPad,
            attrInt(n, 'ceil_mode', 0) === 1,
          ),
        );
      return n.outputs.map((_, i) => (i === 0 ? [x[0]!, channels, ...dims] : undefined));
    }
    case 'GlobalAveragePool':
    case 'GlobalMaxPool':
    case 'GlobalLpPool':
      return one(x ? [x[0]!, x[1]!, ...x.slice(2).map(() => 1)] : undefined);
    case 'Flatten': {
      if (!x) return one(undefined);
      const a = axis(attrInt(n, 'axis', 1), x.length);
      const left = x.slice(0, a);
      const right = x.slice(a);
      const fold = (ds: readonly Dim[]): Dim =>
        ds.every((d) => typeof d === 'number')
          ? ds.reduce<number>((p, d) => p * (d as number), 1)
          : ds.length === 1
            ? ds[0]!
            : '?';
      return one([fold(left), fold(right)]);
    }
    case 'Reshape': {
      const target = c.constants.get(n.inputs[1] ?? '')?.values;
      if (!target) return one(undefined);
      const out: Dim[] = target.map((d, i) => (d === 0 && x ? (x[i] ?? '?') : d));
      const minus = out.indexOf(-1);
      if (minus >= 0) {
        const fixed = (ds: readonly Dim[]) => ds.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), 1);
        const rest = out.filter((_, i) => i !== minus);
        const symbolic = x?.filter((d) => typeof d === 'string') ?? ['?'];
        const restFixed = rest.every((d) => typeof d === 'number') && fixed(rest) > 0;
        if (x && restFixed && symbolic.length === 0) out[minus] = fixed(x) / fixed(rest);
        else if (x && restFixed && symbolic.length === 1 && symbolic[0] !== '?' && fixed(x) === fixed(rest))
          out[minus] = symbolic[0]!;
        else out[minus] = '?';
      }
      return one(out);
    }
    case 'Transpose': {
      if (!x) return one(undefined);
      const perm = attrInts(n, 'perm') ?? x.map((_, i) => x.length - 1 - i);
      return one(perm.map((p) => x[p] ?? '?'));
    }
    case 'Concat': {
      if (inS.some((s) => !s)) return one(undefined);
      const a = axis(attrInt(n, 'axis', 0), x!.length);
      const sum = inS
        .map((s) => s![a])
        .reduce<Dim>((p, d) => (typeof p === 'number' && typeof d === 'number' ? p + d : '?'), 0);
      return one(x!.map((d, i) => (i === a ? sum : d)));
    }
    case 'Unsqueeze':
    case 'Squeeze': {
      if (!x) return one(undefined);
      const axes = attrInts(n, 'axes') ?? c.constants.get(n.inputs[1] ?? '')?.values;
      if (n.op === 'Squeeze') {
        if (!axes) return one(x.filter((d) => d !== 1));
        const drop = new Set(axes.map((a) => axis(a, x.length)));
        return one(x.filter((_, i) => !drop.has(i)));
      }
      if (!axes) return one(undefined);
      const rank = x.length + axes.length;
      const at = new Set(axes.map((a) => axis(a, rank)));
      const out: Dim[] = [];
      let k = 0;
      for (let i = 0; i < rank; i++) out.push(at.has(i) ? 1 : x[k++]!);
      return one(out);
    }
    case 'Shape':
      return one(x ? [x.length] : undefined);
    default:
      if (REDUCE.has(n.op)) {
        if (!x) return one(undefined);
        const axes =
          attrInts(n, 'axes') ??
          (n.op.startsWith('Arg') ? [attrInt(n, 'axis', 0)] : c.constants.get(n.inputs[1] ?? '')?.values);
        const keep = attrInt(n, 'keepdims', 1) === 1;
        const all = !axes || axes.length === 0;
        const set = new Set((axes ?? []).map((a) => axis(a, x.length)));
        return one(x.flatMap((d, i) => (all || set.has(i) ? (keep ? [1] : []) : [d])));
      }
      return n.outputs.map(() => undefined);
  }
}
