/**
 * Minimal protobuf wire-format reading (varints, fixed32/64, length-delimited), enough to walk TensorBoard's `Event`
 * messages by hand. Malformed input throws `ProtoError`, which callers catch per record.
 */

export class ProtoError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

export class ProtoReader {
  pos: number;
  constructor(
    public buf: Buffer,
    start: number,
    public end: number,
  ) {
    this.pos = start;
  }

  /** Points this reader at another message (readers are reused: no allocation per record). */
  init(buf: Buffer, start: number, end: number): this {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    return this;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a uint32 (tags, lengths, enums); longer ones are rejected. */
  uint32(): number {
    const b = this.buf;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint');
      const byte = b[this.pos++] as number;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (result > 0xffffffff) throw new ProtoError('varint too large');
        return result;
      }
    }
    throw new ProtoError('varint too long');
  }

  /** An int64 varint as a number (exact up to 2^53; negative values in two's complement are kept negative). */
  int64(): number {
    const b = this.buf;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint');
      const byte = b[this.pos++] as number;
      const bits = byte & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (byte < 0x80) return (hi | 0) * 4294967296 + (lo >>> 0);
    }
    throw new ProtoError('varint too long');
  }

  float(): number {
    if (this.pos + 4 > this.end) throw new ProtoError('truncated fixed32');
    const v = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new ProtoError('truncated fixed64');
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A length-delimited field: returns its end and leaves `pos` at its start. */
  lengthDelimited(): number {
    const n = this.uint32();
    const end = this.pos + n;
    if (end > this.end) throw new ProtoError('length past the end');
    return end;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.int64();
        return;
      case WIRE_FIXED64:
        if ((this.pos += 8) > this.end) throw new ProtoError('truncated fixed64');
        return;
      case WIRE_LEN:
        this.pos = this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        if ((this.pos += 4) > this.end) throw new ProtoError('truncated fixed32');
        return;
      default:
        throw new ProtoError(`unsupported wire type ${wireType}`);
    }
  }
}
