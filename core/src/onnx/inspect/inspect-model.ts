/**
 * Reads an ONNX `ModelProto` for the inspector without loading weights: the graph is streamed, nodes and value
 * infos are decoded, initializers and Constant tensors are measured from their headers (dims, data type, the
 * length of their data) and their data is skipped. A 500 MB model reads a few hundred KB.
 */
import { englishAndPhrase, phrase, type Phrase } from '../../l10n';
import { elemBytes, onnxTypeName } from '../elem-types';
import { memorySource, openFileSource, type ByteSource } from './byte-source';
import { createHash } from 'node:crypto';
import type {
  AttributeValue,
  GraphDetail,
  InitializerDetail,
  ModelInspection,
  NodeDetail,
  OperatorCount,
  TensorDesc,
} from './model-inspection';
import { Message, ProtoError, type Field } from './proto-message';

/**
 * Thrown for anything that is not a readable ONNX model; the message starts with "not an ONNX model", `detail` says
 * what is wrong with the bytes (a phrase, to say in the reader's language).
 */
export class NotOnnxError extends Error {
  readonly detail: Phrase | string;
  constructor(detail: Phrase | string) {
    const m = englishAndPhrase(detail);
    super(`not an ONNX model: ${m.english}`);
    this.detail = m.phrase ?? m.english;
  }
}

interface Tally {
  readonly ops: Map<string, { op: string; domain: string; count: number }>;
  nodes: number;
  subgraphs: number;
  params: {
    count: number;
    bytes: number;
    tensors: number;
    external: number;
    byType: Map<string, { count: number; bytes: number }>;
  };
  /** Set when the caller asked for the main graph's nodes and tensors (`inspectGraphFile`). */
  readonly detail?: DetailCollector;
  /** How deep in subgraphs the reader is (details are kept for depth 0 only). */
  depth: number;
  /** The subgraphs the reader is in, as `node.attribute` (the names of nested weights, see GraphDetail.weights). */
  readonly scope: string[];
}

interface DetailCollector extends GraphDetail {
  readonly checksums: boolean;
  weights?: InitializerDetail[];
}

/** Reads a packed or unpacked repeated int64 field into `out`. */
async function ints(msg: Message, f: Field, out: number[]): Promise<void> {
  if (f.wire === 0) {
    out.push(f.int);
    return;
  }
  const b = await msg.bytes(f, 1 << 16);
  let pos = 0;
  while (pos < b.length) {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= b.length || shift > 63) throw new ProtoError(phrase('bad packed varint'));
      const byte = b[pos++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    out.push(value);
  }
}

/** Small integer tensors (shapes, axes) are decoded for shape inference; nothing larger is read. */
const SMALL_INTS = 64;

/**
 * Tallies a TensorProto's size from its header (its data is never read, except to checksum it when the caller asked
 * for checksums, and small int64/int32 tensors, which are shapes and axes); returns its details.
 */
async function tensor(msg: Message, t: Tally): Promise<InitializerDetail> {
  const dims: number[] = [];
  let name = '';
  let type = 0;
  let dataBytes = -1;
  let typedValues = 0;
  let external = false;
  let externalLength = -1;
  const externalInfo: Record<string, string> = {};
  const keep = t.detail !== undefined && t.depth === 0;
  // Checksums are taken at every depth: a subgraph's weights are compared too (GraphDetail.weights).
  const hash = t.detail?.checksums ? createHash('sha256') : undefined;
  let smallInts: number[] | undefined;
  for await (const f of msg.fields()) {
    if (f.no === 1) await ints(msg, f, dims);
    else if (f.no === 2 && f.wire === 0) type = f.int;
    else if (f.no === 8 && f.wire === 2) name = await msg.string(f);
    else if (f.no === 9 && f.wire === 2) {
      dataBytes = f.len;
      if (hash) hash.update(await msg.bytes(f));
      if (keep && f.len <= SMALL_INTS * 8 && (type === 7 || type === 6))
        smallInts = littleEndianInts(await msg.bytes(f), type === 7 ? 8 : 4);
    } else if (f.no === 14 && f.wire === 0) external = f.int === 1;
    else if (f.no === 13 && f.wire === 2) {
      const [key, value] = await entry(await msg.child(f));
      externalInfo[key] = value;
      if (key === 'length') externalLength = Number(value);
    } else if ([4, 5, 7, 10, 11].includes(f.no)) {
      typedValues += f.wire === 2 ? f.len : 1; // packed: bytes, an upper bound
      if (hash && f.wire === 2) hash.update(await msg.bytes(f));
      if (keep && (f.no === 7 || f.no === 5) && typedValues <= SMALL_INTS * 10) await ints(msg, f, (smallInts ??= []));
    }
  }
  const count = dims.reduce((a, d) => a * Math.max(d, 0), 1);
  const bytes =
    dataBytes >= 0
      ? dataBytes
      : external && externalLength >= 0
        ? externalLength
        : typedValues
          ? count * elemBytes(type)
          : 0;
  const typeName = onnxTypeName(type);
  t.params.count += count;
  t.params.bytes += bytes;
  t.params.tensors++;
  if (external) t.params.external++;
  const byType = t.params.byType.get(typeName) ?? { count: 0, bytes: 0 };
  byType.count += count;
  byType.bytes += bytes;
  t.params.byType.set(typeName, byType);
  return {
    name,
    elemType: type,
    type: typeName,
    dims,
    elements: count,
    bytes,
    ...(external
      ? {
          external: {
            location: externalInfo.location ?? '',
            offset: Number(externalInfo.offset ?? 0),
            length: externalLength,
          },
        }
      : {}),
    ...(hash && !external ? { checksum: hash.digest('hex').slice(0, 16) } : {}),
    ...(smallInts && smallInts.length <= SMALL_INTS ? { values: smallInts } : {}),
  };
}

function littleEndianInts(b: Uint8Array, width: 4 | 8): number[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: number[] = [];
  for (let i = 0; i + width <= b.length; i += width)
    out.push(width === 8 ? Number(view.getBigInt64(i, true)) : view.getInt32(i, true));
  return out;
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
        if (tf.no !== 1 && tf.no !== 9) {
          type = ({ 4: 'sequence', 5: 'map', 8: 'optional' } as Record<number, string>)[tf.no] ?? 'unknown';
          continue;
        }
        const tensorType = await typeProto.child(tf);
        for await (const g of tensorType.fields()) {
          if (g.no === 1 && g.wire === 0) {
            elemType = g.int;
            type = onnxTypeName(g.int);
          } else if (g.no === 2 && g.wire === 2) dims = await shape(await tensorType.child(g));
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
  let name = '';
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes: Record<string, AttributeValue> = {};
  const held: Array<[string, InitializerDetail]> = [];
  for await (const f of msg.fields()) {
    if (f.wire !== 2) continue;
    if (f.no === 4) op = await msg.string(f);
    else if (f.no === 7) domain = await msg.string(f);
    else if (f.no === 5) {
      // Fields come in number order (name 3 and op 4 before attributes 5), so the node is named for its subgraphs.
      const [key, value] = await attribute(await msg.child(f), t, name || op || `node ${t.nodes}`);
      if (key) attributes[key] = value;
      if (typeof value === 'object' && 'tensor' in value) held.push([key, value.tensor]);
    } else if (f.no === 1) inputs.push(await msg.string(f, 4096));
    else if (f.no === 2) outputs.push(await msg.string(f, 4096));
    else if (f.no === 3) name = await msg.string(f, 4096);
  }
  if (t.detail && t.depth === 0) {
    const detail: NodeDetail = { name, op, domain: domain === 'ai.onnx' ? '' : domain, inputs, outputs, attributes };
    t.detail.nodes.push(detail);
  }
  // A tensor-valued attribute (Constant's value) is a weight named by the node's output (its attribute if several).
  for (const [key, w] of held)
    weight(t, held.length === 1 && outputs[0] ? outputs[0] : `${outputs[0] || name || op}.${key}`, w);
  t.nodes++;
  const key = `${domain}::${op}`;
  const entry = t.ops.get(key) ?? { op, domain: domain === 'ai.onnx' ? '' : domain, count: 0 };
  entry.count++;
  t.ops.set(key, entry);
}

/**
 * Attributes can hold tensors (Constant's `value`) and subgraphs (If, Loop, Scan). Returns the attribute's name and a
 * small summary of its value (numbers and short strings as they are; a tensor as its details; a graph as `graph`).
 */
async function attribute(msg: Message, t: Tally, who: string): Promise<[string, AttributeValue]> {
  let name = '';
  let value: AttributeValue = '';
  const list: number[] = [];
  for await (const f of msg.fields()) {
    if (f.no === 1 && f.wire === 2) name = await msg.string(f, 1024);
    else if (f.no === 2 && f.wire === 5) value = floatAt(await msg.bytes(f));
    else if (f.no === 3 && f.wire === 0) value = f.int;
    else if (f.no === 4 && f.wire === 2) value = await msg.string(f, 1024);
    else if (f.no === 7 && f.wire === 2) {
      const b = await msg.bytes(f, 1 << 16);
      for (let i = 0; i + 4 <= b.length; i += 4) list.push(floatAt(b.subarray(i, i + 4)));
    } else if (f.no === 7 && f.wire === 5) list.push(floatAt(await msg.bytes(f)));
    else if (f.no === 8) await ints(msg, f, list);
    else if (f.wire !== 2) continue;
    else if (f.no === 5 || f.no === 10) value = { tensor: await tensor(await msg.child(f), t) };
    else if (f.no === 6 || f.no === 11) {
      t.subgraphs++;
      t.depth++;
      t.scope.push(`${who}.${name || 'graph'}`);
      try {
        await graph(await msg.child(f), t);
      } finally {
        t.depth--;
        t.scope.pop();
      }
      value = 'graph';
    }
  }
  return [name, list.length ? list : value];
}

/**
 * Keeps a weight the main graph's initializers do not hold (GraphDetail.weights), named by where it sits; only when
 * checksums were asked for (Compare Models), so the inspector's own reading keeps nothing more.
 */
function weight(t: Tally, name: string, w: InitializerDetail): void {
  if (!t.detail?.checksums) return;
  const where = [...t.scope, name].join('/');
  (t.detail.weights ??= []).push({ ...w, name: where });
}

function floatAt(b: Uint8Array): number {
  return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
}

interface GraphParts {
  name: string;
  inputs: TensorDesc[];
  outputs: TensorDesc[];
  initializers: Set<string>;
}

async function graph(msg: Message, t: Tally): Promise<GraphParts> {
  const parts: GraphParts = { name: '', inputs: [], outputs: [], initializers: new Set() };
  for await (const f of msg.fields()) {
    if (f.wire !== 2) continue;
    if (f.no === 1) await node(await msg.child(f), t);
    else if (f.no === 2) parts.name = await msg.string(f);
    else if (f.no === 5) {
      const init = await tensor(await msg.child(f), t);
      parts.initializers.add(init.name);
      if (t.detail && t.depth === 0) t.detail.initializers.push(init);
      else weight(t, init.name, init);
    } else if (f.no === 13 && t.detail && t.depth === 0) t.detail.valueInfo.push(await valueInfo(await msg.child(f)));
    else if (f.no === 15) {
      // SparseTensorProto: 1 values, 2 indices (both TensorProto).
      const sparse = await msg.child(f);
      for await (const g of sparse.fields()) if (g.no === 1 && g.wire === 2) await tensor(await sparse.child(g), t);
    } else if (f.no === 11) parts.inputs.push(await valueInfo(await msg.child(f)));
    else if (f.no === 12) parts.outputs.push(await valueInfo(await msg.child(f)));
  }
  return parts;
}

async function inspectSource(src: ByteSource, options: DetailOptions = {}): Promise<ModelInspection> {
  if (src.size === 0) throw new ProtoError(phrase('the file is empty'));
  const model = await Message.open(src, 0, src.size);
  const t: Tally = {
    ops: new Map(),
    nodes: 0,
    subgraphs: 0,
    depth: 0,
    scope: [],
    params: { count: 0, bytes: 0, tensors: 0, external: 0, byType: new Map() },
    ...(options.detail
      ? { detail: { nodes: [], initializers: [], valueInfo: [], checksums: options.checksums === true } }
      : {}),
  };
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
  if (irVersion === undefined || irVersion < 1 || irVersion > 100)
    throw new ProtoError(phrase('no IR version (field 1)'));
  if (!parts) throw new ProtoError(phrase('no graph (field 7)'));
  const operators: OperatorCount[] = [...t.ops.values()].sort((a, b) => b.count - a.count || a.op.localeCompare(b.op));
  const { initializers } = parts;
  return {
    fileBytes: src.size,
    irVersion,
    opsets,
    opsetVersion: opsets.find((o) => o.domain === '')?.version,
    producerName,
    producerVersion,
    domain,
    modelVersion,
    docString,
    graphName: parts.name,
    inputs: parts.inputs.filter((i) => !initializers.has(i.name)),
    outputs: parts.outputs,
    operators,
    nodes: t.nodes,
    subgraphs: t.subgraphs,
    functions,
    parameters: {
      count: t.params.count,
      bytes: t.params.bytes,
      tensors: t.params.tensors,
      external: t.params.external,
      byType: [...t.params.byType.entries()].map(([type, v]) => ({ type, ...v })).sort((a, b) => b.bytes - a.bytes),
    },
    metadata,
    ...(t.detail
      ? {
          graph: {
            nodes: t.detail.nodes,
            initializers: t.detail.initializers,
            valueInfo: t.detail.valueInfo,
            ...(t.detail.weights && { weights: t.detail.weights }),
          },
        }
      : {}),
  };
}

export interface DetailOptions {
  /** Also list the main graph's nodes, initializers and value infos (`ModelInspection.graph`). */
  readonly detail?: boolean;
  /**
   * With `detail`: a checksum of each initializer's data (reads the weights stored in the file), and the weights held
   * elsewhere (Constant values, subgraphs: `GraphDetail.weights`) with theirs.
   */
  readonly checksums?: boolean;
}

function notOnnx(err: unknown): Error {
  if (err instanceof ProtoError || err instanceof RangeError)
    return new NotOnnxError(err instanceof ProtoError && err.phrase ? err.phrase : err.message);
  return err instanceof Error ? err : new Error(String(err));
}

/** Inspects an `.onnx` file, streaming it (weights are skipped, never read, unless `checksums` asks for them). */
export async function inspectModelFile(path: string, options: DetailOptions = {}): Promise<ModelInspection> {
  const src = await openFileSource(path);
  try {
    return await inspectSource(src, options);
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
