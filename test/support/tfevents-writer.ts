/**
 * Writes real TensorBoard event files for tests and benches: TFRecord framing (uint64 LE length, masked CRC-32C of
 * the length, data, masked CRC-32C of the data) around protobuf `Event`s, as TensorFlow's and PyTorch's writers do.
 * Scalars as `simple_value` (PyTorch's default) or as a scalar tensor (TF2 `tf.summary.scalar`, with the `scalars`
 * plugin metadata): float or double, in `float_val`/`double_val` or `tensor_content`.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { crc32c, maskCrc } from '../../core/src/metrics/crc32c';

export type ScalarEncoding =
  | 'simple' // Value.simple_value (float32)
  | 'tensor-float' // TensorProto DT_FLOAT, float_val packed
  | 'tensor-double' // TensorProto DT_DOUBLE, double_val packed
  | 'content-float' // TensorProto DT_FLOAT, tensor_content (4 bytes)
  | 'content-double'; // TensorProto DT_DOUBLE, tensor_content (8 bytes)

export interface ScalarValue {
  readonly tag: string;
  readonly value: number;
  readonly encoding?: ScalarEncoding;
}

export interface EventInput {
  readonly wallTime: number;
  readonly step: number;
  readonly fileVersion?: string;
  readonly values?: readonly ScalarValue[];
  /** Extra, non-scalar values (e.g. a histogram tensor) to check they are skipped. */
  readonly rawValues?: readonly Buffer[];
}

// --- protobuf encoding ---------------------------------------------------------------------------------------------

export function varint(n: number): Buffer {
  const out: number[] = [];
  if (n < 0) {
    // int64 two's complement: 10 bytes
    let lo = (n % 4294967296) >>> 0;
    let hi = Math.floor(n / 4294967296) >>> 0;
    for (let i = 0; i < 9; i++) {
      out.push((lo & 0x7f) | 0x80);
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi = hi >>> 7;
    }
    out.push(1);
    return Buffer.from(out);
  }
  let v = n;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

const key = (field: number, wire: number): Buffer => varint((field << 3) | wire);
const lenField = (field: number, data: Buffer): Buffer => Buffer.concat([key(field, 2), varint(data.length), data]);
const str = (field: number, s: string): Buffer => lenField(field, Buffer.from(s, 'utf8'));
function f32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeFloatLE(v);
  return b;
}
function f64(v: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v);
  return b;
}

const DT_FLOAT = 1;
const DT_DOUBLE = 2;

function tensorProto(value: number, encoding: Exclude<ScalarEncoding, 'simple'>): Buffer {
  const double = encoding.endsWith('double');
  const parts = [key(1, 0), varint(double ? DT_DOUBLE : DT_FLOAT), lenField(2, Buffer.alloc(0))]; // shape {} = scalar
  if (encoding.startsWith('content')) parts.push(lenField(4, double ? f64(value) : f32(value)));
  else parts.push(lenField(double ? 6 : 5, double ? f64(value) : f32(value)));
  return Buffer.concat(parts);
}

/** SummaryMetadata { plugin_data { plugin_name: "scalars" } }. */
const SCALARS_METADATA = lenField(9, lenField(1, str(1, 'scalars')));

export function summaryValue(v: ScalarValue): Buffer {
  const enc = v.encoding ?? 'simple';
  if (enc === 'simple') return Buffer.concat([str(1, v.tag), key(2, 5), f32(v.value)]);
  return Buffer.concat([str(1, v.tag), SCALARS_METADATA, lenField(8, tensorProto(v.value, enc))]);
}

/** A Value holding a [n, 3] float tensor (the shape of a TB2 histogram): not a scalar. */
export function histogramValue(tag: string, n: number): Buffer {
  const dims = Buffer.concat([
    lenField(2, Buffer.concat([key(1, 0), varint(n)])),
    lenField(2, Buffer.concat([key(1, 0), varint(3)])),
  ]);
  const content = Buffer.alloc(n * 3 * 4);
  const tensor = Buffer.concat([key(1, 0), varint(DT_FLOAT), lenField(2, dims), lenField(4, content)]);
  return Buffer.concat([str(1, tag), lenField(8, tensor)]);
}

export function encodeEvent(e: EventInput): Buffer {
  const parts: Buffer[] = [key(1, 1), f64(e.wallTime)];
  if (e.step !== 0) parts.push(key(2, 0), varint(e.step));
  if (e.fileVersion !== undefined) parts.push(str(3, e.fileVersion));
  const values = [
    ...(e.values ?? []).map((v) => lenField(1, summaryValue(v))),
    ...(e.rawValues ?? []).map((r) => lenField(1, r)),
  ];
  if (values.length > 0) parts.push(lenField(5, Buffer.concat(values)));
  return Buffer.concat(parts);
}

// --- TFRecord framing ----------------------------------------------------------------------------------------------

export function tfrecord(data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length + 4);
  out.writeUInt32LE(data.length % 4294967296, 0);
  out.writeUInt32LE(Math.floor(data.length / 4294967296), 4);
  out.writeUInt32LE(maskCrc(crc32c(out, 0, 8)), 8);
  data.copy(out, 12);
  out.writeUInt32LE(maskCrc(crc32c(data)), 12 + data.length);
  return out;
}

/** The first record every event file starts with. */
export function fileVersionRecord(wallTime = 1767225600): Buffer {
  return tfrecord(encodeEvent({ wallTime, step: 0, fileVersion: 'brain.Event:2' }));
}

export function eventsFileName(time = 1767225600, host = 'testhost'): string {
  return `events.out.tfevents.${time}.${host}.1234.0`;
}

/** Appends records to an event file (synchronously, so a test knows what is on disk). */
export class TfEventsWriter {
  constructor(
    readonly path: string,
    options: { fileVersion?: boolean } = {},
  ) {
    writeFileSync(path, options.fileVersion === false ? Buffer.alloc(0) : fileVersionRecord());
  }

  /** The record's bytes, also appended to the file. */
  write(e: EventInput): Buffer {
    const rec = tfrecord(encodeEvent(e));
    appendFileSync(this.path, rec);
    return rec;
  }

  scalar(
    tag: string,
    value: number,
    step: number,
    wallTime = 1767225600 + step,
    encoding: ScalarEncoding = 'simple',
  ): Buffer {
    return this.write({ wallTime, step, values: [{ tag, value, encoding }] });
  }

  raw(bytes: Buffer): void {
    appendFileSync(this.path, bytes);
  }
}
