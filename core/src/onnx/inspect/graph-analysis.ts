/**
 * What each node of a model does to the data: the shapes of intermediate tensors (from the file's own value_info
 * where it records them, otherwise propagated from the inputs through the common operators), the parameters each
 * node owns (its initializer inputs) and its cost in multiply-accumulates (MACs; FLOPs ≈ 2 × MACs for the linear
 * algebra, 1 per output element for element-wise operators). Symbolic dimensions (`batch`) stay symbolic; costs are
 * then given per unit of each symbolic dimension (per batch item), which `perUnitOf` names.
 */
import type { GraphDetail, InitializerDetail, ModelInspection, NodeDetail } from './model-inspection';
import { attrInt, elements, inferOutputShapes, type Shape } from './shape-inference';

export type { Dim, Shape } from './shape-inference';

export interface NodeAnalysis {
  readonly node: NodeDetail;
  readonly index: number;
  readonly outputShapes: readonly Shape[];
  /** Elements of the initializers this node reads (each initializer counted for the first node that reads it). */
  readonly parameters: number;
  readonly macs: number | undefined;
  readonly flops: number | undefined;
}

export interface GraphAnalysis {
  readonly nodes: readonly NodeAnalysis[];
  readonly shapes: ReadonlyMap<string, Shape>;
  readonly totals: {
    readonly parameters: number;
    readonly macs: number;
    readonly flops: number;
    readonly unknownCost: number;
  };
  /** The symbolic dimensions costs are counted per unit of (e.g. `['batch']`); empty when every shape is fixed. */
  readonly perUnitOf: readonly string[];
}

/** MACs of the linear-algebra operators; element-wise work counts one FLOP per output element and no MACs. */
function cost(
  n: NodeDetail,
  inS: readonly Shape[],
  outS: readonly Shape[],
): { macs: number | undefined; flops: number | undefined } {
  const out = elements(outS[0]);
  switch (n.op) {
    case 'Gemm': {
      const a = inS[0];
      const k = a ? (attrInt(n, 'transA', 0) ? a[0] : a[1]) : undefined;
      if (out === undefined || typeof k !== 'number') return { macs: undefined, flops: undefined };
      return { macs: out * k, flops: 2 * out * k + (n.inputs[2] ? out : 0) };
    }
    case 'MatMul':
    case 'MatMulInteger': {
      const a = inS[0];
      const k = a?.[a.length - 1];
      if (out === undefined || typeof k !== 'number') return { macs: undefined, flops: undefined };
      return { macs: out * k, flops: 2 * out * k };
    }
    case 'Conv': {
      const w = inS[1];
      const per = w && w.length >= 3 ? elements(w.slice(1)) : undefined;
      if (out === undefined || per === undefined) return { macs: undefined, flops: undefined };
      return { macs: out * per, flops: 2 * out * per + (n.inputs[2] ? out : 0) };
    }
    default:
      return { macs: 0, flops: out };
  }
}

/** Shapes, parameters and costs of every node of the main graph (needs `inspectModelFile(path, { detail: true })`). */
export function analyseGraph(inspection: ModelInspection): GraphAnalysis {
  const graph: GraphDetail = inspection.graph ?? { nodes: [], initializers: [], valueInfo: [] };
  const shapes = new Map<string, Shape>();
  const constants = new Map<string, InitializerDetail>();
  for (const i of inspection.inputs) shapes.set(i.name, i.dims);
  for (const t of graph.initializers) {
    shapes.set(t.name, t.dims);
    constants.set(t.name, t);
  }
  const recorded = new Map<string, Shape>();
  for (const v of [...graph.valueInfo, ...inspection.outputs]) if (v.dims) recorded.set(v.name, v.dims);
  const owned = new Set<string>();
  const symbols = new Set<string>();
  const nodes: NodeAnalysis[] = [];
  let macs = 0;
  let flops = 0;
  let unknownCost = 0;
  let parameters = 0;
  graph.nodes.forEach((node, index) => {
    if (node.op === 'Constant') {
      const v = node.attributes.value;
      if (v && typeof v === 'object' && 'tensor' in v) {
        constants.set(node.outputs[0] ?? '', v.tensor);
        shapes.set(node.outputs[0] ?? '', v.tensor.dims);
      }
    }
    const inferred =
      node.op === 'Constant' ? [shapes.get(node.outputs[0] ?? '')] : inferOutputShapes(node, { shapes, constants });
    const outS = node.outputs.map((o, i) => recorded.get(o) ?? inferred[i]);
    node.outputs.forEach((o, i) => shapes.set(o, outS[i]));
    for (const s of outS) for (const d of s ?? []) if (typeof d === 'string' && d !== '?') symbols.add(d);
    let params = 0;
    for (const i of node.inputs) {
      const t = constants.get(i);
      if (t && !owned.has(i) && node.op !== 'Constant' && graph.initializers.includes(t)) {
        owned.add(i);
        params += t.elements;
      }
    }
    parameters += params;
    const c = cost(
      node,
      node.inputs.map((i) => shapes.get(i)),
      outS,
    );
    if (c.macs === undefined || c.flops === undefined) unknownCost++;
    else {
      macs += c.macs;
      flops += c.flops;
    }
    nodes.push({ node, index, outputShapes: outS, parameters: params, macs: c.macs, flops: c.flops });
  });
  return { nodes, shapes, totals: { parameters, macs, flops, unknownCost }, perUnitOf: [...symbols].sort() };
}
