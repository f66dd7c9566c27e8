/**
 * core/src/inference/image/png-fast.ts against pngjs, the decoder it stands in front of: for the PNGs it takes
 * (8-bit RGB/RGBA, not interlaced) the same pixels, byte for byte, whatever the filters, IDAT split and ancillary
 * chunks; everything else it hands back (undefined), so `decodeImage` answers exactly as pngjs does — the same
 * pixels for unusual files, the same error for broken ones.
 */
import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { PNG, type PNGOptions } from 'pngjs';
import { InferenceError } from '../../../../core/src/inference/errors';
import { decodeImage } from '../../../../core/src/inference/image/decode-image';
import { decodePngFast, idatError } from '../../../../core/src/inference/image/png-fast';

interface Chunk {
  type: string;
  data: Buffer;
  /** A CRC to write instead of the right one. */
  crc?: number;
}

const crc = (b: Uint8Array): number => (zlib as unknown as { crc32(b: Uint8Array): number }).crc32(b);

function chunks(file: Buffer): Chunk[] {
  const out: Chunk[] = [];
  for (let pos = 8; pos < file.length;) {
    const len = file.readUInt32BE(pos);
    out.push({ type: file.toString('latin1', pos + 4, pos + 8), data: file.subarray(pos + 8, pos + 8 + len) });
    pos += 12 + len;
  }
  return out;
}

function assemble(list: readonly Chunk[]): Buffer {
  const parts: Uint8Array[] = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
  for (const c of list) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(c.data.length, 0);
    head.write(c.type, 4, 'latin1');
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(c.crc ?? crc(Buffer.concat([head.subarray(4), c.data])), 0);
    parts.push(head, c.data, tail);
  }
  return Buffer.concat(parts);
}

/** A PNG whose IHDR and raw (filtered, uncompressed) scanlines are given: files pngjs's encoder cannot write. */
function handMade(ihdr: { w: number; h: number; depth: number; color: number; interlace?: number }, raw: Buffer) {
  const head = Buffer.alloc(13);
  head.writeUInt32BE(ihdr.w, 0);
  head.writeUInt32BE(ihdr.h, 4);
  head.set([ihdr.depth, ihdr.color, 0, 0, ihdr.interlace ?? 0], 8);
  return assemble([
    { type: 'IHDR', data: head },
    { type: 'IDAT', data: zlib.deflateSync(raw) },
    { type: 'IEND', data: Buffer.alloc(0) },
  ]);
}

/** What pngjs makes of a file: its pixels, or its error's message. */
function pngjs(file: Buffer): Buffer | string {
  try {
    return PNG.sync.read(file).data;
  } catch (err) {
    return (err as Error).message;
  }
}

function encode(w: number, h: number, pixels: Uint8Array, options: PNGOptions): Buffer {
  const img = new PNG({ width: w, height: h });
  img.data.set(pixels);
  return PNG.sync.write(img, options);
}

/**
 * A message with its numbers and anything after a control character taken out: on data that is not deflate, pngjs's
 * message quotes bytes of uninitialised memory (digits or raw bytes, different on every call).
 */
const digitless = (s: string) => s.replace(/[\x00-\x08\x0e-\x1f\x7f-\uffff][\s\S]*$/, '').replace(/\d+/g, '#');

const sameAsPngjs = (file: Buffer) => {
  const fast = decodePngFast(file);
  assert.ok(fast, 'the fast path should take this file');
  const want = pngjs(file);
  assert.ok(Buffer.isBuffer(want), String(want));
  assert.equal(Buffer.compare(Buffer.from(fast.rgba), want), 0);
};

/** Pixels with both smooth runs and noise, so every filter gets used by the adaptive encoder. */
const pixels = (w: number, h: number) =>
  fc
    .uint8Array({ minLength: w * h * 4, maxLength: w * h * 4 })
    .chain((noise) =>
      fc
        .nat(3)
        .map((smooth) =>
          noise.map((v, i) => (i % 4 === 3 ? (smooth === 0 ? v : 255) : smooth ? (i >> 2) * smooth + (v & 7) : v)),
        ),
    );

describe('PNG fast path (Node zlib) equals pngjs', () => {
  it('8-bit RGB and RGBA, every filter and the adaptive choice, any size: the same pixels', () => {
    fc.assert(
      fc.property(
        fc.record({ w: fc.integer({ min: 1, max: 33 }), h: fc.integer({ min: 1, max: 33 }) }).chain(({ w, h }) =>
          fc.record({
            w: fc.constant(w),
            h: fc.constant(h),
            px: pixels(w, h),
            colorType: fc.constantFrom(2 as const, 6 as const),
            filterType: fc.constantFrom(-1, 0, 1, 2, 3, 4),
          }),
        ),
        ({ w, h, px, colorType, filterType }) =>
          sameAsPngjs(encode(w, h, px, { colorType, filterType, inputHasAlpha: true })),
      ),
      { numRuns: 300 },
    );
  });

  it('IDAT split into several chunks, ancillary chunks (tEXt, gAMA, pHYs) in between: the same pixels', () => {
    const w = 37;
    const h = 23;
    const px = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 31 + (i >> 7)) & 255);
    const base = chunks(encode(w, h, px, { colorType: 6 }));
    const idat = base.find((c) => c.type === 'IDAT')!.data;
    const third = Math.floor(idat.length / 3);
    const text = { type: 'tEXt', data: Buffer.from('Comment\0made by a test') };
    const gama = { type: 'gAMA', data: Buffer.from([0, 0, 0xb1, 0x8f]) };
    const phys = { type: 'pHYs', data: Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]) };
    sameAsPngjs(
      assemble([
        base[0]!,
        text,
        gama,
        phys,
        { type: 'IDAT', data: idat.subarray(0, third) },
        { type: 'IDAT', data: idat.subarray(third, 2 * third) },
        { type: 'IDAT', data: idat.subarray(2 * third) },
        text,
        base.at(-1)!,
      ]),
    );
  });

  it('grey, palette, 16-bit, interlaced and tRNS files are left to pngjs, which decodes them as before', () => {
    const w = 9;
    const h = 7;
    const px = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 57) & 255);
    const files: Record<string, Buffer> = {
      grey: encode(w, h, px, { colorType: 0 }),
      'grey + alpha': encode(w, h, px, { colorType: 4 }),
      '16-bit RGBA': encode(w, h, px, { colorType: 6, bitDepth: 16 }),
      '16-bit RGB': encode(w, h, px, { colorType: 2, bitDepth: 16 }),
      palette: handMade({ w: 2, h: 1, depth: 8, color: 3 }, Buffer.from([0, 0, 1])),
      // Interlaced: Adam7 passes of one 1 × 1 image are a single scanline.
      interlaced: handMade({ w: 1, h: 1, depth: 8, color: 2, interlace: 1 }, Buffer.from([0, 10, 20, 30])),
    };
    const rgb = chunks(encode(w, h, px, { colorType: 2 }));
    files.tRNS = assemble([rgb[0]!, { type: 'tRNS', data: Buffer.from([0, 0, 0, 57, 0, 114]) }, ...rgb.slice(1)]);
    for (const [what, file] of Object.entries(files)) {
      assert.equal(decodePngFast(file), undefined, what);
      const want = pngjs(file);
      if (typeof want === 'string') {
        assert.throws(
          () => decodeImage(file, 'x.png'),
          (e: unknown) => (e as Error).message.includes(want),
          what,
        );
      } else {
        const got = decodeImage(file, 'x.png');
        assert.equal(Buffer.compare(Buffer.from(got.rgba), want), 0, what);
      }
    }
  });

  it('broken files are left to pngjs: decodeImage gives the error it gave before', () => {
    const w = 6;
    const h = 5;
    const px = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 13) & 255);
    const good = encode(w, h, px, { colorType: 6, filterType: 4 });
    const base = chunks(good);
    const idat = base.find((c) => c.type === 'IDAT')!;
    const stride = w * 4 + 1;
    const rawLines = zlib.inflateSync(idat.data);
    const badFilter = Buffer.from(rawLines);
    badFilter[stride * 2] = 5;
    const cases: Record<string, Buffer> = {
      'a wrong CRC on IDAT': assemble(base.map((c) => (c.type === 'IDAT' ? { ...c, crc: 1234 } : c))),
      'a wrong CRC on IHDR': assemble(base.map((c) => (c.type === 'IHDR' ? { ...c, crc: 99 } : c))),
      'filter type 5': assemble(base.map((c) => (c.type === 'IDAT' ? { ...c, data: zlib.deflateSync(badFilter) } : c))),
      'an unknown critical chunk': assemble([base[0]!, { type: 'ABCD', data: Buffer.from([1]) }, ...base.slice(1)]),
      'cut in the middle': good.subarray(0, good.length - 20),
      'no IEND': assemble(base.slice(0, -1)),
    };
    // Data that is not deflate, and data one scanline short: pngjs's answer varies from run to run (it reads what is
    // missing from a buffer it never filled, and sometimes returns that memory as pixels), so Liftoff refuses them
    // itself, the same every time.
    const short = assemble(
      base.map((c) => (c.type === 'IDAT' ? { ...c, data: zlib.deflateSync(rawLines.subarray(stride)) } : c)),
    );
    const notDeflate = assemble(base.map((c) => (c.type === 'IDAT' ? { ...c, data: Buffer.from('nope') } : c)));
    for (const [file, message] of [
      [
        short,
        `x.png cannot be decoded as PNG: its image data ends early (${(rawLines.length - stride).toLocaleString('en-US')} of the ${rawLines.length.toLocaleString('en-US')} bytes its lines need)`,
      ],
      [notDeflate, 'x.png cannot be decoded as PNG: its image data is not compressed data (incorrect header check)'],
    ] as const) {
      assert.equal(decodePngFast(file), undefined);
      for (let i = 0; i < 5; i++)
        assert.throws(
          () => decodeImage(file, 'x.png'),
          (err: unknown) => err instanceof InferenceError && err.message.startsWith(message),
        );
    }
    for (const [what, file] of Object.entries(cases)) {
      assert.equal(decodePngFast(file), undefined, what);
      const want = pngjs(file);
      let got: Buffer | string;
      try {
        got = Buffer.from(decodeImage(file, 'x.png').rgba);
      } catch (err) {
        assert.ok(err instanceof InferenceError, what);
        got = err.message;
      }
      if (typeof want === 'string')
        // Numbers aside: on data that is not deflate, pngjs's message names a byte of uninitialised memory.
        assert.ok(
          String(got).startsWith('x.png ') && digitless(String(got)).includes(digitless(want)),
          `${what}: ${String(got)} vs ${want}`,
        );
      else assert.equal(Buffer.compare(got as Buffer, want), 0, what);
    }
  });

  it('property: image data of exactly the size its lines need is never refused; one byte less always is', () => {
    const kinds = [
      ...[1, 2, 4, 8, 16].map((depth) => ({ color: 0, depth, channels: 1 })),
      ...[8, 16].map((depth) => ({ color: 2, depth, channels: 3 })),
      ...[8, 16].map((depth) => ({ color: 4, depth, channels: 2 })),
      ...[8, 16].map((depth) => ({ color: 6, depth, channels: 4 })),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.integer({ min: 1, max: 33 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(),
        ({ color, depth, channels }, w, h, seed) => {
          const line = 1 + Math.ceil((w * channels * depth) / 8);
          // Filter type 0 on every line, the rest any bytes.
          const raw = Buffer.from(
            Array.from({ length: line * h }, (_, i) => (i % line === 0 ? 0 : (seed + i * 31) & 255)),
          );
          const whole = handMade({ w, h, depth, color }, raw);
          assert.equal(idatError(whole), undefined);
          const want = pngjs(whole);
          assert.ok(Buffer.isBuffer(want), `pngjs decodes it: ${String(want)}`);
          assert.equal(Buffer.compare(Buffer.from(decodeImage(whole, 'x.png').rgba), want), 0);
          const cut = handMade({ w, h, depth, color }, raw.subarray(0, raw.length - 1));
          assert.deepEqual(idatError(cut), { kind: 'short', bytes: raw.length - 1, need: raw.length });
          assert.throws(() => decodeImage(cut, 'x.png'), /ends early/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an ancillary chunk with a bad CRC (pngjs skips those unchecked) and bytes after IEND go to pngjs', () => {
    const px = Uint8Array.from({ length: 4 * 4 * 4 }, (_, i) => i & 255);
    const base = chunks(encode(4, 4, px, { colorType: 6 }));
    const text = { type: 'tEXt', data: Buffer.from('a\0b'), crc: 7 };
    const files = [assemble([base[0]!, text, ...base.slice(1)]), Buffer.concat([assemble(base), Buffer.from([0])])];
    for (const file of files) {
      assert.equal(decodePngFast(file), undefined);
      const want = pngjs(file);
      let got: Buffer | string;
      try {
        got = Buffer.from(decodeImage(file, 'x.png').rgba);
      } catch (err) {
        got = (err as Error).message;
      }
      if (typeof want === 'string') assert.ok(String(got).includes(want), `${String(got)} vs ${want}`);
      else assert.equal(Buffer.compare(got as Buffer, want), 0);
    }
  });
});
