/**
 * PNG and JPEG files → RGBA pixels, with pure-JavaScript decoders (pngjs, jpeg-js: no native download at install);
 * the common PNGs (8-bit RGB/RGBA, not interlaced) go through a faster path on Node's zlib first (./png-fast).
 * The format is read from the file's signature, not its name. The size in the header is checked before any pixel
 * is decoded, so a small file that claims a huge image (a decompression bomb) is refused instead of allocating
 * gigabytes; every failure names the file and what is wrong.
 */
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { phrase } from '../../l10n';
import { InferenceError } from '../errors';
import { decodePngFast, idatError } from './png-fast';

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4, row-major RGBA. */
  readonly rgba: Uint8Array;
  readonly format: 'png' | 'jpeg';
}

/** The most pixels Liftoff decodes (50 megapixels: ~200 MB of RGBA). */
export const MAX_PIXELS = 50_000_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function imageFormat(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

function tooBig(name: string, width: number, height: number): InferenceError {
  return new InferenceError(
    'not-an-image',
    phrase(
      '{0} says it is {1} × {2} pixels ({3} megapixels), more than Liftoff decodes ({4} megapixels). Resize it first.',
      name,
      width,
      height,
      ((width * height) / 1e6).toFixed(0),
      MAX_PIXELS / 1e6,
    ),
  );
}

export function decodeImage(bytes: Uint8Array, name: string): DecodedImage {
  const format = imageFormat(bytes);
  if (!format)
    throw new InferenceError(
      'not-an-image',
      phrase('{0} is not a PNG or JPEG image (its first bytes are neither signature).', name),
    );
  if (format === 'png') {
    // IHDR is the first chunk: width and height at bytes 16–23.
    if (bytes.length < 24)
      throw new InferenceError('not-an-image', phrase('{0} is a truncated PNG (no header).', name));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    if (width * height > MAX_PIXELS) throw tooBig(name, width, height);
    const fast = decodePngFast(bytes);
    if (fast) return { ...fast, format };
    const broken = idatError(bytes);
    if (broken?.kind === 'not-deflate')
      throw new InferenceError(
        'not-an-image',
        phrase(
          '{0} cannot be decoded as PNG: its image data is not compressed data ({1}). The file is damaged.',
          name,
          broken.message,
        ),
      );
    if (broken?.kind === 'short')
      throw new InferenceError(
        'not-an-image',
        phrase(
          '{0} cannot be decoded as PNG: its image data ends early ({1} of the {2} bytes its lines need). The file is damaged or was cut short.',
          name,
          broken.bytes.toLocaleString('en-US'),
          broken.need.toLocaleString('en-US'),
        ),
      );
    try {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, rgba: png.data, format };
    } catch (err) {
      throw new InferenceError(
        'not-an-image',
        phrase('{0} cannot be decoded as PNG: {1}.', name, (err as Error).message),
      );
    }
  }
  try {
    const jpeg = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_PIXELS / 1e6,
      maxMemoryUsageInMB: 512,
    });
    return { width: jpeg.width, height: jpeg.height, rgba: jpeg.data, format };
  } catch (err) {
    const text = (err as Error).message;
    const big = /maxResolutionInMP|maxMemoryUsageInMB/.exec(text);
    throw new InferenceError(
      'not-an-image',
      big
        ? phrase('{0} is larger than Liftoff decodes ({1} megapixels). Resize it first.', name, MAX_PIXELS / 1e6)
        : phrase('{0} cannot be decoded as JPEG: {1}.', name, text),
    );
  }
}
