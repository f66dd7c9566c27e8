/**
 * The protobuf wire reader under TensorBoard's event files (protobuf-reader.ts): every value a writer can encode reads
 * back exactly, and every truncated or oversized field is a ProtoError (a skipped record), never a wrong number or a
 * read past the message.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ProtoError,
  ProtoReader,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
} from '../../../../core/src/metrics/protobuf-reader';

/** A varint of the 64-bit two's complement of `v` (protobuf's int64 encoding; negatives take 10 bytes). */
function varint64(v: bigint): number[] {
  let u = BigInt.asUintN(64, v);
  const out: number[] = [];
  do {
    const low = Number(u & 0x7fn);
    u >>= 7n;
    out.push(u > 0n ? low | 0x80 : low);
  } while (u > 0n);
  return out;
}

const reader = (bytes: number[] | Buffer, start = 0, end?: number) => {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  return new ProtoReader(buf, start, end ?? buf.length);
};
const protoError = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof ProtoError && message.test(e.message));

describe('protobuf wire reader', () => {
  it('uint32: every 32-bit value reads back, and the reader stops right after it', () => {
    for (const v of [0, 1, 127, 128, 300, 16383, 16384, 2 ** 28 - 1, 2 ** 28, 2 ** 31, 0xffffffff]) {
      const bytes = varint64(BigInt(v));
      const r = reader([...bytes, 0x2a]);
      assert.equal(r.uint32(), v);
      assert.equal(r.pos, bytes.length);
      assert.ok(!r.done);
    }
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), (v) => {
        const r = reader(varint64(BigInt(v)));
        assert.equal(r.uint32(), v);
        assert.ok(r.done);
      }),
      { numRuns: 2000, seed: 1 },
    );
  });

  it('uint32: a value over 32 bits is too large, a sixth byte too long, a missing byte truncated', () => {
    protoError(() => reader(varint64(2n ** 32n)).uint32(), /too large/);
    protoError(() => reader([0xff, 0xff, 0xff, 0xff, 0x7f]).uint32(), /too large/);
    protoError(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).uint32(), /too long/);
    protoError(() => reader([0x80, 0x80]).uint32(), /truncated varint/);
    protoError(() => reader([]).uint32(), /truncated varint/);
    // The end of the message is where the reader stops, not the end of the buffer.
    protoError(() => reader([0x80, 0x01], 0, 1).uint32(), /truncated varint/);
    // Five bytes whose value still fits: 0xffffffff is 0xff 0xff 0xff 0xff 0x0f.
    assert.equal(reader([0xff, 0xff, 0xff, 0xff, 0x0f]).uint32(), 0xffffffff);
  });

  it('int64: every safe integer reads back, negatives as negatives, from any offset', () => {
    for (const v of [0, 1, -1, 127, 128, -128, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 35 + 5, -(2 ** 40)])
      assert.equal(reader(varint64(BigInt(v))).int64(), v, String(v));
    assert.equal(reader(varint64(BigInt(Number.MAX_SAFE_INTEGER))).int64(), Number.MAX_SAFE_INTEGER);
    assert.equal(reader(varint64(BigInt(Number.MIN_SAFE_INTEGER))).int64(), Number.MIN_SAFE_INTEGER);
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.nat({ max: 5 }), (v, pad) => {
        const bytes = varint64(BigInt(v));
        const r = reader([...Array<number>(pad).fill(0x55), ...bytes, 0x08], pad);
        assert.equal(r.int64(), v);
        assert.equal(r.pos, pad + bytes.length);
      }),
      { numRuns: 3000, seed: 2 },
    );
  });

  it('int64: eleven bytes are too long, a cut varint is truncated', () => {
    protoError(() => reader([...Array<number>(10).fill(0x80), 0x01]).int64(), /too long/);
    protoError(() => reader(varint64(-1n).slice(0, 9)).int64(), /truncated varint/);
    protoError(() => reader([0x80], 0, 1).int64(), /truncated varint/);
  });

  it('float and double read little-endian at the position and need all their bytes', () => {
    const b = Buffer.alloc(13);
    b[0] = 0x99;
    b.writeFloatLE(1.5, 1);
    b.writeDoubleLE(-0.1, 5);
    const r = reader(b, 1);
    assert.equal(r.float(), 1.5);
    assert.equal(r.pos, 5);
    assert.equal(r.double(), -0.1);
    assert.ok(r.done);
    protoError(() => reader(b, 10).float(), /truncated fixed32/);
    protoError(() => reader(b, 6).double(), /truncated fixed64/);
    assert.equal(reader(b, 9).float(), b.readFloatLE(9), 'exactly four bytes left is enough');
    assert.equal(reader(b, 5).double(), -0.1, 'exactly eight bytes left is enough');
    protoError(() => reader(b, 1, 4).float(), /truncated fixed32/);
    protoError(() => reader(b, 5, 12).double(), /truncated fixed64/);
  });

  it('a length-delimited field ends within the message', () => {
    const r = reader([3, 0x61, 0x62, 0x63, 0x01]);
    assert.equal(r.lengthDelimited(), 4);
    assert.equal(r.pos, 1);
    assert.equal(reader([4, 1, 2, 3, 4]).lengthDelimited(), 5, 'up to the last byte');
    protoError(() => reader([5, 1, 2, 3, 4]).lengthDelimited(), /length past the end/);
    protoError(() => reader([3, 1, 2, 3, 4], 0, 3).lengthDelimited(), /length past the end/);
  });

  it('skip moves past one field of each wire type, exactly', () => {
    const fields: [number, number[]][] = [
      [WIRE_VARINT, varint64(-5n)],
      [WIRE_FIXED64, [1, 2, 3, 4, 5, 6, 7, 8]],
      [WIRE_LEN, [2, 9, 9]],
      [WIRE_FIXED32, [1, 2, 3, 4]],
    ];
    for (const [wire, bytes] of fields) {
      const r = reader([...bytes, 0x7e]);
      r.skip(wire);
      assert.equal(r.pos, bytes.length, `wire type ${wire}`);
      protoError(() => reader(bytes.slice(0, -1)).skip(wire), /truncated|past the end/);
    }
    // The last field of a message may end exactly at its end.
    for (const [wire, bytes] of fields) {
      const r = reader([0x11, ...bytes], 1);
      r.skip(wire);
      assert.ok(r.done, `wire type ${wire} at the end`);
    }
    for (const wire of [3, 4, 6, 7])
      protoError(() => reader([0, 0, 0, 0, 0, 0, 0, 0]).skip(wire), /unsupported wire type/);
  });

  it('init points a reused reader at another message', () => {
    const r = reader([0x05]);
    assert.equal(r.uint32(), 5);
    assert.ok(r.done);
    const other = Buffer.from([0x00, 0x96, 0x01, 0x00]);
    assert.equal(r.init(other, 1, 3), r);
    assert.ok(!r.done);
    assert.equal(r.uint32(), 150);
    assert.ok(r.done);
    protoError(() => r.uint32(), /truncated varint/);
  });

  it('property: random bytes either read as fields within the message or throw ProtoError, never past the end', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat({ max: 40 }), (bytes, cut) => {
        const buf = Buffer.from(bytes);
        const end = Math.min(cut, buf.length);
        const r = reader(buf, 0, end);
        try {
          while (!r.done) {
            const tag = r.uint32();
            r.skip(tag & 7);
            assert.ok(r.pos <= end);
          }
        } catch (e) {
          assert.ok(e instanceof ProtoError, String(e));
        }
      }),
      { numRuns: 2000, seed: 4 },
    );
  });
});
