/**
 * Reads what the editor needs from an ONNX file (a protobuf `ModelProto`) without any dependency: IR version,
 * opsets, producer, and the graph's inputs and outputs with element type and shape (symbolic dims as strings).
 * Only the fields below are decoded; everything else (weights included) is skipped by length.
 */

export interface TensorInfo {
  readonly name: string;
  /** `TensorProto.DataType` (1 = float, 7 = int64, …); 0 when not a tensor or not given. */
  readonly elemType: number;
  readonly elemTypeName: string;
  /** Fixed sizes as numbers, symbolic ones (`batch`) as strings, `?` when neither; undefined when the rank is unknown. */
  readonly dims: ReadonlyArray<number | string> | undefined;
}

export interface ModelInfo {
  readonly irVersion: number;
  /** The version of the default (`ai.onnx`) domain, if imported. */
  readonly opsetVersion: number | undefined;
  readonly opsets: ReadonlyArray<{ readonly domain: string; readonly version: number }>;
  readonly producerName: string;
  readonly producerVersion: string;
  /** Graph inputs that are not initializers (the tensors a caller feeds). */
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
}

const ELEM_TYPES = [
  'undefined',
  'float',
  'uint8',
  'int8',
  'uint16',
  'int16',
  'int32',
  'int64',
  'string',
  'bool',
  'float16',
  'double',
  'uint32',
  'uint64',
  'complex64',
  'complex128',
  'bfloat16',
];

interface Field {
  readonly no: number;
  readonly wire: number;
  readonly int: number;
  readonly bytes: Uint8Array;
}

/** Decodes one protobuf message into its top-level fields (throws on malformed input). */
function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value >= 2 ** 63 ? value - 2 ** 64 : value; // int64 negatives are 10-byte varints
    }
    throw new Error('varint too long');
  };
  while (pos < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (no < 1) throw new Error(`invalid field number at byte ${pos}`);
    if (wire === 0) out.push({ no, wire, int: varint(), bytes: EMPTY });
    else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (pos + n > buf.length) throw new Error('truncated fixed-width field');
      out.push({ no, wire, int: 0, bytes: buf.subarray(pos, pos + n) });
      pos += n;
    } else if (wire === 2) {
      const len = varint();
      if (len < 0 || pos + len > buf.length) throw new Error(`field ${no} is longer than the data`);
      out.push({ no, wire, int: 0, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else throw new Error(`unsupported wire type ${wire} at byte ${pos}`);
  }
  return out;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8');

function find(fs: readonly Field[], no: number, wire: number): Field[] {
  const found = fs.filter((f) => f.no === no);
  if (found.some((f) => f.wire !== wire))
    throw new Error(`field ${no} has wire type ${found[0]!.wire}, expected ${wire}`);
  return found;
}
const str = (fs: readonly Field[], no: number) => {
  const f = find(fs, no, 2).pop();
  return f ? utf8.decode(f.bytes) : '';
};
const int = (fs: readonly Field[], no: number) => find(fs, no, 0).pop()?.int;
const msgs = (fs: readonly Field[], no: number) => find(fs, no, 2).map((f) => fields(f.bytes));

function valueInfo(fs: readonly Field[]): TensorInfo {
  const tensor = msgs(fs, 2)
    .flatMap((type) => msgs(type, 1))
    .pop();
  const elemType = tensor ? (int(tensor, 1) ?? 0) : 0;
  const shape = tensor ? msgs(tensor, 2).pop() : undefined;
  const dims = shape ? msgs(shape, 1).map((d) => int(d, 1) ?? (str(d, 2) || '?')) : undefined;
  return { name: str(fs, 1), elemType, elemTypeName: ELEM_TYPES[elemType] ?? `type ${elemType}`, dims };
}

/** Reads the model info from the bytes of an `.onnx` file; throws `Error("not an ONNX model: …")` on anything else. */
export function readModelInfo(bytes: Uint8Array): ModelInfo {
  try {
    if (bytes.length === 0) throw new Error('the file is empty');
    const model = fields(bytes);
    const irVersion = int(model, 1);
    const graph = msgs(model, 7).pop();
    if (irVersion === undefined || irVersion < 1) throw new Error('no IR version (field 1)');
    if (!graph) throw new Error('no graph (field 7)');
    const opsets = msgs(model, 8).map((o) => ({ domain: str(o, 1), version: int(o, 2) ?? 0 }));
    const initializers = new Set(msgs(graph, 5).map((t) => str(t, 8)));
    return {
      irVersion,
      opsetVersion: opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version,
      opsets,
      producerName: str(model, 2),
      producerVersion: str(model, 3),
      inputs: msgs(graph, 11)
        .map(valueInfo)
        .filter((i) => !initializers.has(i.name)),
      outputs: msgs(graph, 12).map(valueInfo),
    };
  } catch (err) {
    throw new Error(`not an ONNX model: ${err instanceof Error ? err.message : String(err)}`);
  }
}
