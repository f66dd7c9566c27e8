/**
 * Compare Models: two ONNX files side by side — inputs and outputs, opsets, operator counts, parameter counts,
 * initializers that changed (by name, shape, type and a checksum of their data, external data included) and nodes
 * added or removed (matched by operator, output shape and parameters, since exporters rename nodes freely).
 */
import { createHash } from 'node:crypto';
import { open, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { analyseGraph, type GraphAnalysis } from './graph-analysis';
import { inspectModelFile } from './inspect-model';
import type { InitializerSummary, ModelDiff, Side } from './model-diff-types';
import { formatDims, type InitializerDetail, type ModelInspection, type TensorDesc } from './model-inspection';

export type { InitializerSummary, ModelDiff, Side } from './model-diff-types';

/** SHA-256 (first 16 hex digits) of an initializer's external data, read from inside the model's folder only. */
async function externalChecksum(modelFile: string, t: InitializerDetail): Promise<string> {
  const ext = t.external!;
  const folder = await realpath(path.dirname(modelFile));
  let file: string;
  try {
    file = await realpath(path.resolve(folder, ext.location));
  } catch {
    return `missing: ${ext.location}`;
  }
  if (path.relative(folder, file).startsWith('..') || path.isAbsolute(path.relative(folder, file)))
    return `outside the model's folder: ${ext.location}`;
  const size = (await stat(file)).size;
  const length = ext.length >= 0 ? ext.length : size - ext.offset;
  if (ext.offset < 0 || ext.offset + length > size) return `out of range in ${ext.location}`;
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(length, 1 << 20));
    for (let done = 0; done < length;) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, length - done), ext.offset + done);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      done += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Every weight of a model by name: the main graph's initializers, then the weights they do not hold (Constant values,
 * and whatever sits inside If/Loop/Scan subgraphs, named by where it sits: GraphDetail.weights). Before those were
 * counted, two versions of a model that keeps its weights in subgraphs (Silero VAD v5 and v6, 1.7 MB of their 2.3 MB
 * differing) compared as "the same".
 */
async function summaries(file: string, i: ModelInspection): Promise<Map<string, InitializerSummary>> {
  const out = new Map<string, InitializerSummary>();
  for (const t of [...(i.graph?.initializers ?? []), ...(i.graph?.weights ?? [])]) {
    const checksum = t.external ? await externalChecksum(file, t) : (t.checksum ?? '');
    out.set(t.name, { name: t.name, type: t.type, dims: t.dims, checksum });
  }
  return out;
}

function byName<T extends { name: string }>(
  a: readonly T[],
  b: readonly T[],
  same: (x: T, y: T) => boolean,
): Array<Side<T> & { name: string }> {
  const names = [...new Set([...a.map((x) => x.name), ...b.map((x) => x.name)])];
  return names.flatMap((name) => {
    const x = a.find((v) => v.name === name);
    const y = b.find((v) => v.name === name);
    return x && y && same(x, y) ? [] : [{ name, a: x, b: y }];
  });
}

const signature = (g: GraphAnalysis) =>
  g.nodes.map(
    (n) =>
      `${n.node.domain ? `${n.node.domain}.` : ''}${n.node.op} → ${n.outputShapes.map(formatDims).join(', ')}${n.parameters ? ` (${n.parameters.toLocaleString('en-US')} parameters)` : ''}`,
  );

/** Multiset difference: what `a` has more of than `b`. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const s of b) left.set(s, (left.get(s) ?? 0) + 1);
  return a.filter((s) => {
    const n = left.get(s) ?? 0;
    if (n > 0) {
      left.set(s, n - 1);
      return false;
    }
    return true;
  });
}

export async function diffModels(fileA: string, fileB: string): Promise<ModelDiff> {
  const [a, b] = await Promise.all([fileA, fileB].map((f) => inspectModelFile(f, { detail: true, checksums: true })));
  const ga = analyseGraph(a!);
  const gb = analyseGraph(b!);
  const sameTensor = (x: TensorDesc, y: TensorDesc) => x.type === y.type && formatDims(x.dims) === formatDims(y.dims);
  const opset = (i: ModelInspection) => i.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ');
  const ops = new Map<string, { a: number; b: number }>();
  for (const o of a!.operators) ops.set(o.domain ? `${o.domain}.${o.op}` : o.op, { a: o.count, b: 0 });
  for (const o of b!.operators) {
    const k = o.domain ? `${o.domain}.${o.op}` : o.op;
    ops.set(k, { a: ops.get(k)?.a ?? 0, b: o.count });
  }
  const ia = await summaries(fileA, a!);
  const ib = await summaries(fileB, b!);
  const changed: Array<{ name: string; a: InitializerSummary; b: InitializerSummary; what: string[] }> = [];
  let unchanged = 0;
  for (const [name, x] of ia) {
    const y = ib.get(name);
    if (!y) continue;
    const what = [
      ...(x.type !== y.type ? ['type'] : []),
      ...(formatDims(x.dims) !== formatDims(y.dims) ? ['shape'] : []),
      ...(x.checksum !== y.checksum ? ['values'] : []),
    ];
    if (what.length) changed.push({ name, a: x, b: y, what });
    else unchanged++;
  }
  let added = [...ib.values()].filter((t) => !ia.has(t.name));
  let removed = [...ia.values()].filter((t) => !ib.has(t.name));
  const renamed: Array<{ a: string; b: string }> = [];
  for (const r of removed) {
    const match = added.find(
      (t) => t.checksum === r.checksum && t.checksum !== '' && formatDims(t.dims) === formatDims(r.dims),
    );
    if (match) {
      renamed.push({ a: r.name, b: match.name });
      added = added.filter((t) => t !== match);
    }
  }
  removed = removed.filter((r) => !renamed.some((x) => x.a === r.name));
  const operators = [...ops.entries()].filter(([, v]) => v.a !== v.b).map(([op, v]) => ({ op, ...v }));
  const nodes = { added: minus(signature(gb), signature(ga)), removed: minus(signature(ga), signature(gb)) };
  const inputs = byName(a!.inputs, b!.inputs, sameTensor);
  const outputs = byName(a!.outputs, b!.outputs, sameTensor);
  const same =
    !inputs.length &&
    !outputs.length &&
    opset(a!) === opset(b!) &&
    !operators.length &&
    !changed.length &&
    !added.length &&
    !removed.length &&
    !renamed.length &&
    !nodes.added.length &&
    !nodes.removed.length;
  return {
    files: { a: fileA, b: fileB },
    inspections: { a: a!, b: b! },
    inputs,
    outputs,
    opsets: { a: opset(a!), b: opset(b!) },
    operators,
    parameters: { a: a!.parameters.count, b: b!.parameters.count },
    macs: { a: ga.totals.macs, b: gb.totals.macs },
    initializers: { unchanged, changed, added, removed, renamed },
    nodes,
    same,
  };
}
