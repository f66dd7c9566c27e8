/**
 * Reads an ONNX `ModelProto` for the inspector without loading weights: the graph is streamed, nodes and value
 * infos are decoded, initializers and Constant tensors are measured from their headers (dims, data type, the
 * length of their data) and their data is skipped. A 500 MB model reads a few hundred KB.
 */
import { elemBytes, onnxTypeName } from '../elem-types';
import { memorySource, openFileSource, type ByteSource } from './byte-source';
import type { ModelInspection, OperatorCount, TensorDesc } from './model-inspection';
import { Message, ProtoError, type Field } from './proto-message';

/** Thrown for anything that is not a readable ONNX model; the message starts with "not an ONNX model". */
export class NotOnnxError extends Error {}

interface Tally {
  readonly ops: Map<string, { op: string; domain: string; count: number }>;
  nodes: number;
  subgraphs: number;
  params: { count: number; bytes: number; tensors: number; external: number; byType: Map<string, { count: number; bytes: number }> };
}

/** Reads a packed or unpacked repeated int64 field into `out`. */
async function ints(msg: Message, f: Field, out: number[]): Promise<void> {
  if (f.wire === 0) { out.push(f.int); return; }
  const b = await msg.bytes(f, 1 << 16);
  let pos = 0;
  while (pos < b.length) {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= b.length || shift > 63) throw new ProtoError('bad packed varint');
      const byte = b[pos++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    out.push(value);
  }
}

/** Tallies a TensorProto's size from its header (its data is never read); returns its name. */
async function tensor(msg: Message, t: Tally): Promise<string> {
  const dims: number[] = [];
  let name = '';
  let type = 0;
  let dataBytes = -1;
  let typedValues = 0;
  let external = false;
  let externalLength = -1;
  for await (const f of msg.fields()) {
    if (f.no === 1) await ints(msg, f, dims);
    else if (f.no === 2 && f.wire === 0) type = f.int;
    else if (f.no === 8 && f.wire === 2) name = await msg.string(f);
    else if (f.no === 9 && f.wire === 2) dataBytes = f.len;
    else if (f.no === 14 && f.wire === 0) external = f.int === 1;
    else if (f.no === 13 && f.wire === 2) {
      const [key, value] = await entry(await msg.child(f));
      if (key === 'length') externalLength = Number(value);
    } else if ([4, 5, 7, 10, 11].includes(f.no)) typedValues += f.wire === 2 ? f.len : 1; // packed: bytes, an upper bound
  }
  const count = dims.reduce((a, d) => a * Math.max(d, 0), 1);
  const bytes = dataBytes >= 0 ? dataBytes : external && externalLength >= 0 ? externalLength : typedValues ? count * elemBytes(type) : 0;
  const typeName = onnxTypeName(type);
  t.params.count += count;
  t.params.bytes += bytes;
  t.params.tensors++;
  if (external) t.params.external++;
  const byType = t.params.byType.get(typeName) ?? { count: 0, bytes: 0 };
  byType.count += count;
  byType.bytes += bytes;
  t.params.byType.set(typeName, byType);
  return name;
}

async function entry(msg: Message): Promise<[string, string]> {
  let key = '';
  let value = '';
  for await (const f of msg.fields()) {
    if (f.no === 1 && f.wire === 2) key = await msg.string(f);
    else if (f.no === 2 && f.wire === 2) value = await msg.string(f, 64 * 1024);
  }
  return [key, value];
}

async function valueInfo(msg: Message): Promise<TensorDesc> {
  let name = '';
  let doc: string | undefined;
  let type = 'unknown';
  let elemType = 0;
  let dims: Array<number | string> | undefined;
  for await (const f of msg.fields()) {
    if (f.no === 1 && f.wire === 2) name = await msg.string(f);
    else if (f.no === 3 && f.wire === 2) doc = await msg.string(f, 4096);
    else if (f.no === 2 && f.wire === 2) {
      const typeProto = await msg.child(f);
      for await (const tf of typeProto.fields()) {
        if (tf.wire !== 2) continue;
        if (tf.no !== 1 && tf.no !== 9) { type = ({ 4: 'sequence', 5: 'map', 8: 'optional' } as Record<number, string>)[tf.no] ?? 'unknown'; continue; }
        const tensorType = await typeProto.child(tf);
        for await (const g of tensorType.fields()) {
          if (g.no === 1 && g.wire === 0) { elemType = g.int; type = onnxTypeName(g.int); }
          else if (g.no === 2 && g.wire === 2) dims = await shape(await tensorType.child(g));
        }
        if (tf.no === 9) type = `sparse ${type}`;
      }
    }
  }
  return { name, type, elemType, dims, ...(doc ? { doc } : {}) };
}

async function shape(msg: Message): Promise<Array<number | string>> {
  const dims: Array<number | string> = [];
  for await (const f of msg.fields()) {
    if (f.no !== 1 || f.wire !== 2) continue;
    const dim = await msg.child(f);
    let d: number | string = '?';
    for await (const g of dim.fields()) {
      if (g.no === 1 && g.wire === 0) d = g.int;
      else if (g.no === 2 && g.wire === 2) d = (await dim.string(g)) || '?';
    }
    dims.push(d);
  }
  return dims;
}

async function node(msg: Message, t: Tally): Promise<void> {
  let op = '';
  let domain = '';
  for await (const f of msg.fields()) {
    if (f.no === 4 && f.wire === 2) op = await msg.string(f);
    else if (f.no === 7 && f.wire === 2) domain = await msg.string(f);
    else if (f.no === 5 && f.wire === 2) await attribute(await msg.child(f), t);
  }
  t.nodes++;
  const key = `${domain}::${op}`;
  const entry = t.ops.get(key) ?? { op, domain: domain === 'ai.onnx' ? '' : domain, count: 0 };
  entry.count++;
  t.ops.set(key, entry);
}

/** Attributes can hold tensors (Constant's `value`) and subgraphs (If, Loop, Scan). */
async function attribute(msg: Message, t: Tally): Promise<void> {
  for await (const f of msg.fields()) {
    if (f.wire !== 2) continue;
    if (f.no === 5 || f.no === 10) await tensor(await msg.child(f), t);
    else if (f.no === 6 || f.no === 11) { t.subgraphs++; await graph(await msg.child(f), t); }
  }
}

interface GraphParts { name: string; inputs: TensorDesc[]; outputs: TensorDesc[]; initializers: Set<string> }

async function graph(msg: Message, t: Tally): Promise<GraphParts> {
  const parts: GraphParts = { name: '', inputs: [], outputs: [], initializers: new Set() };
  for await (const f of msg.fields()) {
    if (f.wire !== 2) continue;
    if (f.no === 1) await node(await msg.child(f), t);
    else if (f.no === 2) parts.name = await msg.string(f);
    else if (f.no === 5) parts.initializers.add(await tensor(await msg.child(f), t));
    else if (f.no === 15) {
      // SparseTensorProto: 1 values, 2 indices (both TensorProto).
      const sparse = await msg.child(f);
      for await (const g of sparse.fields()) if (g.no === 1 && g.wire === 2) await tensor(await sparse.child(g), t);
    } else if (f.no === 11) parts.inputs.push(await valueInfo(await msg.child(f)));
    else if (f.no === 12) parts.outputs.push(await valueInfo(await msg.child(f)));
  }
  return parts;
}

async function inspectSource(src: ByteSource): Promise<ModelInspection> {
  if (src.size === 0) throw new ProtoError('the file is empty');
  const model = await Message.open(src, 0, src.size);
  const t: Tally = { ops: new Map(), nodes: 0, subgraphs: 0, params: { count: 0, bytes: 0, tensors: 0, external: 0, byType: new Map() } };
  let irVersion: number | undefined;
  let producerName = '';
  let producerVersion = '';
  let domain = '';
  let modelVersion: number | undefined;
  let docString = '';
  let functions = 0;
  let parts: GraphParts | undefined;
  const opsets: Array<{ domain: string; version: number }> = [];
  const metadata: Array<{ key: string; value: string }> = [];
  for await (const f of model.fields()) {
    if (f.no === 1 && f.wire === 0) irVersion = f.int;
    else if (f.no === 5 && f.wire === 0) modelVersion = f.int;
    else if (f.wire !== 2) continue;
    else if (f.no === 2) producerName = await model.string(f);
    else if (f.no === 3) producerVersion = await model.string(f);
    else if (f.no === 4) domain = await model.string(f);
    else if (f.no === 6) docString = await model.string(f, 16 * 1024);
    else if (f.no === 7) parts = await graph(await model.child(f), t);
    else if (f.no === 8) {
      const o = await model.child(f);
      let d = '';
      let v = 0;
      for await (const g of o.fields()) {
        if (g.no === 1 && g.wire === 2) d = await o.string(g);
        else if (g.no === 2 && g.wire === 0) v = g.int;
      }
      opsets.push({ domain: d === 'ai.onnx' ? '' : d, version: v });
    } else if (f.no === 14) {
      const [key, value] = await entry(await model.child(f));
      metadata.push({ key, value });
    } else if (f.no === 25) functions++;
  }
  if (irVersion === undefined || irVersion < 1 || irVersion > 100) throw new ProtoError('no IR version (field 1)');
  if (!parts) throw new ProtoError('no graph (field 7)');
  const operators: OperatorCount[] = [...t.ops.values()].sort((a, b) => b.count - a.count || a.op.localeCompare(b.op));
  const { initializers } = parts;
  return {
    fileBytes: src.size, irVersion, opsets, opsetVersion: opsets.find((o) => o.domain === '')?.version,
    producerName, producerVersion, domain, modelVersion, docString, graphName: parts.name,
    inputs: parts.inputs.filter((i) => !initializers.has(i.name)), outputs: parts.outputs,
    operators, nodes: t.nodes, subgraphs: t.subgraphs, functions,
    parameters: {
      count: t.params.count, bytes: t.params.bytes, tensors: t.params.tensors, external: t.params.external,
      byType: [...t.params.byType.entries()].map(([type, v]) => ({ type, ...v })).sort((a, b) => b.bytes - a.bytes),
    },
    metadata,
  };
}

function notOnnx(err: unknown): Error {
  if (err instanceof ProtoError || err instanceof RangeError) return new NotOnnxError(`not an ONNX model: ${err.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

/** Inspects an `.onnx` file, streaming it (weights are skipped, never read). */
export async function inspectModelFile(path: string): Promise<ModelInspection> {
  const src = await openFileSource(path);
  try {
    return await inspectSource(src);
  } catch (err) {
    throw notOnnx(err);
  } finally {
    await src.close();
  }
}

/** Inspects a model already in memory. */
export async function inspectModelBytes(bytes: Uint8Array): Promise<ModelInspection> {
  try {
    return await inspectSource(memorySource(bytes));
  } catch (err) {
    throw notOnnx(err);
  }
}
