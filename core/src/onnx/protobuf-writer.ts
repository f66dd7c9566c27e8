/**
 * A tiny protobuf encoder: the four field kinds an ONNX `ModelProto` needs (varint, 32-bit float, length-delimited
 * bytes/strings and nested messages). Fields are written in call order; nested messages are encoded first and
 * then copied in with their length, which is plenty for models of a few megabytes.
 */

const utf8 = new TextEncoder();

export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  /** A varint field (wire type 0): int32, int64, enum, bool. Only non-negative integers (ONNX needs no others here). */
  int(field: number, value: number): this {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`protobuf: field ${field} needs a non-negative integer, got ${value}`);
    this.key(field, 0);
    this.push(varint(value));
    return this;
  }

  /** A 32-bit float field (wire type 5), little-endian. */
  float(field: number, value: number): this {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
    return this;
  }

  /** A length-delimited field (wire type 2) holding raw bytes. */
  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.push(varint(value.length));
    this.push(value);
    return this;
  }

  /** A UTF-8 string field. */
  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** A nested message, built by `build` on a fresh writer. */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** The encoded message. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let pos = 0;
    for (const p of this.parts) {
      out.set(p, pos);
      pos += p.length;
    }
    return out;
  }

  private key(field: number, wire: number): void {
    if (!Number.isInteger(field) || field < 1) throw new Error(`protobuf: invalid field number ${field}`);
    this.push(varint(field * 8 + wire));
  }

  private push(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.length;
  }
}

/** Base-128 varint of a non-negative safe integer (arithmetic, so values above 2^31 stay exact). */
export function varint(value: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Uint8Array.from(out);
}

/** Little-endian float32 bytes of `values` (ONNX `raw_data`), independent of the host's byte order. */
export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}
