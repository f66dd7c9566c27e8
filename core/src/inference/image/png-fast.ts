/**
 * A fast path for the PNGs cameras, browsers and image libraries write most: 8-bit RGB or RGBA, not interlaced, no
 * palette or transparency chunk. Node's zlib inflates and checks the chunks' CRCs (native code), and the scanlines
 * are unfiltered straight into the RGBA output: about 3× less time than pngjs on a 224 × 224 photograph
 * (bench/inference), and the same pixels (test/unit/core/inference/png-fast.test.ts holds the two together).
 *
 * Anything else — another colour type or bit depth, interlacing, a palette or tRNS chunk, a CRC that does not match,
 * an unknown critical chunk, data that does not inflate to exactly the image's size, bytes after IEND — returns
 * `undefined`, and the caller decodes with pngjs as before: pngjs keeps the last word on every unusual or broken
 * file (its result or its error), so this path changes speed, never outcome. One exception, `idatError`: image data
 * that is not a deflate stream, which pngjs sometimes decodes into pixels of uninitialised memory instead of refusing.
 */
import * as zlib from 'node:zlib';

export interface FastPng {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

const crc32: ((data: Uint8Array, value?: number) => number) | undefined = (
  zlib as { crc32?: (data: Uint8Array, value?: number) => number }
).crc32;

const type = (s: string) =>
  (s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3);
const IHDR = type('IHDR');
const IDAT = type('IDAT');
const IEND = type('IEND');
const PLTE = type('PLTE');
const TRNS = type('tRNS');
const GAMA = type('gAMA');

/** The decoded pixels, or `undefined` when the file is not the plain kind this path takes (see above). */
export function decodePngFast(bytes: Uint8Array): FastPng | undefined {
  if (!crc32 || bytes.length < 8 + 25) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8; // after the signature (checked by the caller)
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (!ended) {
    if (pos + 12 > bytes.length) return undefined;
    const length = view.getUint32(pos);
    const kind = view.getInt32(pos + 4);
    const end = pos + 8 + length;
    if (end + 4 > bytes.length) return undefined;
    // The CRC covers the type and the data.
    if (crc32(bytes.subarray(pos + 4, end)) !== view.getUint32(end)) return undefined;
    const data = bytes.subarray(pos + 8, end);
    if (pos === 8) {
      if (kind !== IHDR || length !== 13) return undefined;
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      const [depth, colorType, compression, filter, interlace] = data.subarray(8, 13);
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || compression !== 0 || filter !== 0 || interlace !== 0)
        return undefined;
      if (width === 0 || height === 0) return undefined;
      channels = colorType === 6 ? 4 : 3;
    } else if (kind === IDAT) idat.push(data);
    else if (kind === IEND) ended = true;
    else if (kind === IHDR || kind === PLTE || kind === TRNS || (kind === GAMA && length !== 4)) return undefined;
    else if (!(bytes[pos + 4]! & 0x20)) return undefined; // an unknown critical chunk
    pos = end + 4;
  }
  if (pos !== bytes.length || idat.length === 0) return undefined;
  const stride = width * channels;
  const expected = (stride + 1) * height;
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(idat.length === 1 ? idat[0]! : Buffer.concat(idat), { maxOutputLength: expected });
  } catch {
    return undefined;
  }
  if (raw.length !== expected) return undefined;
  const rgba = unfilter(raw, width, height, channels);
  return rgba && { width, height, rgba };
}

/** PNG's five scanline filters reversed (filter method 0), written out as RGBA (alpha 255 for RGB). */
function unfilter(raw: Uint8Array, width: number, height: number, channels: number): Uint8Array | undefined {
  const stride = width * channels;
  const rgba = new Uint8Array(width * height * 4);
  const c = channels;
  // RGBA: each line is unfiltered in place in the output; RGB: in two line buffers, then spread out.
  let line = c === 4 ? rgba.subarray(0, stride) : new Uint8Array(stride);
  let prev = new Uint8Array(stride); // zeros: the line above the first
  let spare = c === 4 ? prev : new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    if (c === 4) line = rgba.subarray(y * stride, (y + 1) * stride);
    const src = y * (stride + 1) + 1;
    switch (raw[src - 1]) {
      case 0:
        line.set(raw.subarray(src, src + stride));
        break;
      case 1:
        for (let x = 0; x < c; x++) line[x] = raw[src + x]!;
        for (let x = c; x < stride; x++) line[x] = raw[src + x]! + line[x - c]!;
        break;
      case 2:
        for (let x = 0; x < stride; x++) line[x] = raw[src + x]! + prev[x]!;
        break;
      case 3:
        for (let x = 0; x < c; x++) line[x] = raw[src + x]! + (prev[x]! >> 1);
        for (let x = c; x < stride; x++) line[x] = raw[src + x]! + ((line[x - c]! + prev[x]!) >> 1);
        break;
      case 4:
        // The first pixel has no left or upper-left neighbour: the predictor picks the one above.
        for (let x = 0; x < c; x++) line[x] = raw[src + x]! + prev[x]!;
        for (let x = c; x < stride; x++) {
          const left = line[x - c]!;
          const up = prev[x]!;
          const upLeft = prev[x - c]!;
          // Paeth without branches (photographs make them unpredictable): p = left + up − upLeft; the nearest of
          // left, up, upLeft to p, ties in that order. Sign bits stand for the comparisons.
          let pl = up - upLeft; // p − left
          let pu = left - upLeft; // p − up
          let pul = pl + pu; // p − upLeft
          pl = (pl ^ (pl >> 31)) - (pl >> 31);
          pu = (pu ^ (pu >> 31)) - (pu >> 31);
          pul = (pul ^ (pul >> 31)) - (pul >> 31);
          const notLeft = ((pu - pl) | (pul - pl)) >> 31; // −1 unless pl ≤ pu and pl ≤ pul
          const notUp = (pul - pu) >> 31; // −1 unless pu ≤ pul
          line[x] = raw[src + x]! + ((left & ~notLeft) | (notLeft & ((up & ~notUp) | (upLeft & notUp))));
        }
        break;
      default:
        return undefined;
    }
    if (c === 3) {
      for (let x = 0, o = y * width * 4; x < stride; x += 3, o += 4) {
        rgba[o] = line[x]!;
        rgba[o + 1] = line[x + 1]!;
        rgba[o + 2] = line[x + 2]!;
        rgba[o + 3] = 255;
      }
      [line, spare] = [spare, line];
    }
    prev = c === 4 ? line : spare;
  }
  return rgba;
}

/** Channels of each PNG colour type (grey, RGB, palette, grey + alpha, RGBA). */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Why a PNG's image data (its IDAT chunks, joined) cannot give its pixels, when it cannot: not a deflate stream
 * (zlib's own message), or, in a file that is not interlaced, fewer bytes than its lines need. Checked on files of any
 * colour type once their chunks are whole (the IHDR first, an IEND, every length within the file); a file whose chunks
 * are not, and a stream cut short (zlib's "unexpected end of file"), are left to pngjs. pngjs reads such data into a
 * buffer it never filled: its answer varies from run to run, and some runs return an image of that memory instead of
 * an error (test/unit/core/inference/png-fast.test.ts).
 */
export type IdatProblem =
  | { readonly kind: 'not-deflate'; readonly message: string }
  | { readonly kind: 'short'; readonly bytes: number; readonly need: number };

export function idatError(bytes: Uint8Array): IdatProblem | undefined {
  if (bytes.length < 8 + 25) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  const idat: Uint8Array[] = [];
  let ended = false;
  let need: number | undefined;
  while (!ended) {
    if (pos + 12 > bytes.length) return undefined;
    const length = view.getUint32(pos);
    const kind = view.getInt32(pos + 4);
    const end = pos + 8 + length;
    if (end + 4 > bytes.length) return undefined;
    if (pos === 8) {
      if (kind !== IHDR || length !== 13) return undefined;
      const width = view.getUint32(pos + 8);
      const height = view.getUint32(pos + 12);
      const [depth, colorType, , , interlace] = bytes.subarray(pos + 16, pos + 21);
      const channels = CHANNELS[colorType!];
      // A filter byte and the line's bits, rounded up to whole bytes, for each line.
      if (channels !== undefined && interlace === 0 && [1, 2, 4, 8, 16].includes(depth!))
        need = height * (1 + Math.ceil((width * channels * depth!) / 8));
    } else if (kind === IDAT) idat.push(bytes.subarray(pos + 8, end));
    else if (kind === IEND) ended = true;
    pos = end + 4;
  }
  if (idat.length === 0 || need === undefined || need > 2 ** 31 - 1) return undefined;
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(idat.length === 1 ? idat[0]! : Buffer.concat(idat), { maxOutputLength: need });
  } catch (err) {
    // Not deflate data (Z_DATA_ERROR); more data than the image holds and a stream cut short are pngjs's to judge.
    return (err as { code?: string }).code === 'Z_DATA_ERROR'
      ? { kind: 'not-deflate', message: (err as Error).message }
      : undefined;
  }
  return raw.length < need ? { kind: 'short', bytes: raw.length, need } : undefined;
}
