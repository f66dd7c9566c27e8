/**
 * Decoded images → the model's input tensor, with the preprocessing the model was trained with (from the
 * experiment's `inference.image`): resize (the shorter side to N pixels, as torchvision's Resize(N), or to an exact
 * [height, width]), center crop, channel order (RGB/BGR, or one grey channel), scale (default 1/255), mean/std per
 * channel, layout NCHW/NHWC, dtype float32 or uint8. Resizing is bilinear with half-pixel centers (PIL's and
 * PyTorch's `align_corners=False`), done only for the pixels the crop keeps. Alpha is dropped.
 */
import { phrase } from '../../l10n';
import { InferenceError } from '../errors';
import type { DecodedImage } from './decode-image';

export interface ImagePreprocessing {
  /** The shorter side to this many pixels (aspect kept), or exactly [height, width]. */
  readonly resize?: number | readonly [number, number];
  /** Center crop to [height, width], after resizing. */
  readonly crop?: readonly [number, number];
  readonly channelOrder?: 'RGB' | 'BGR';
  /** Pixel values (0–255) are multiplied by this first (default 1/255; 1 keeps 0–255). */
  readonly scale?: number;
  /** Per channel, after scaling: (v − mean) / std. */
  readonly mean?: readonly number[];
  readonly std?: readonly number[];
  readonly layout?: 'NCHW' | 'NHWC';
  readonly dtype?: 'float32' | 'uint8';
}

export interface ImageTensor {
  readonly data: Float32Array | Uint8Array;
  /** [n, c, h, w] or [n, h, w, c]. */
  readonly dims: readonly number[];
}

function outputSize(img: DecodedImage, pre: ImagePreprocessing): { rh: number; rw: number; ch: number; cw: number } {
  let rh = img.height;
  let rw = img.width;
  if (typeof pre.resize === 'number') {
    const s = pre.resize / Math.min(img.width, img.height);
    rh = Math.max(1, Math.round(img.height * s));
    rw = Math.max(1, Math.round(img.width * s));
  } else if (pre.resize) [rh, rw] = pre.resize;
  const [ch, cw] = pre.crop ?? [rh, rw];
  return { rh, rw, ch, cw };
}

/**
 * Where each output row or column samples the source (bilinear, half-pixel centers): the two source indices and the
 * weights, for `count` outputs starting `offset` into a `resized`-long axis of a `source`-long image axis. Computed
 * once per row and column instead of once per value: the same arithmetic, so the same numbers.
 */
function axisTaps(
  source: number,
  resized: number,
  offset: number,
  count: number,
): { i0: Int32Array; i1: Int32Array; w0: Float64Array; w1: Float64Array } {
  const f = source / resized;
  const i0 = new Int32Array(count);
  const i1 = new Int32Array(count);
  const w0 = new Float64Array(count);
  const w1 = new Float64Array(count);
  for (let o = 0; o < count; o++) {
    const s = Math.min(Math.max((o + offset + 0.5) * f - 0.5, 0), source - 1);
    const a = Math.floor(s);
    i0[o] = a;
    i1[o] = Math.min(a + 1, source - 1);
    w1[o] = s - a;
    w0[o] = 1 - (s - a);
  }
  return { i0, i1, w0, w1 };
}

/**
 * Checks `images` against the preprocessing and the model's size (what `imageTensor` checks, with the same errors)
 * without building anything: the tensor's height and width, and each image's resized size.
 */
export function imageTensorShape(
  images: readonly DecodedImage[],
  pre: ImagePreprocessing,
  channels: 1 | 3 = 3,
  expect?: readonly [number, number],
): { ch: number; cw: number; sizes: ReadonlyArray<{ rh: number; rw: number; ch: number; cw: number }> } {
  if (images.length === 0) throw new InferenceError('no-rows', phrase('No images were given.'));
  const mean = pre.mean ?? [];
  const std = pre.std ?? [];
  for (const [what, list] of [
    ['mean', mean],
    ['std', std],
  ] as const) {
    if (list.length !== 0 && list.length !== channels)
      throw new InferenceError(
        'image-preprocessing',
        channels === 1
          ? phrase('inference.image.{0} has {1} values, but the model takes 1 channel.', what, list.length)
          : phrase(
              'inference.image.{0} has {1} values, but the model takes {2} channels.',
              what,
              list.length,
              channels,
            ),
      );
  }
  if (std.some((s) => !(s > 0)))
    throw new InferenceError('image-preprocessing', phrase('inference.image.std values must be > 0.'));
  const sizes = images.map((img) => outputSize(img, pre));
  const { ch, cw } = sizes[0]!;
  for (const [i, s] of sizes.entries()) {
    if (s.ch > s.rh || s.cw > s.rw)
      throw new InferenceError(
        'image-preprocessing',
        phrase(
          "Image {0} is {1} × {2} after resizing, smaller than the crop {3} × {4}: resize it to at least the crop's size (inference.image.resize).",
          i + 1,
          s.rw,
          s.rh,
          s.cw,
          s.ch,
        ),
      );
    if (s.ch !== ch || s.cw !== cw)
      throw new InferenceError(
        'image-preprocessing',
        phrase(
          "The images come out in different sizes ({0} × {1} and {2} × {3}): set inference.image.resize and crop so every image gets the model's size.",
          cw,
          ch,
          s.cw,
          s.ch,
        ),
      );
  }
  if (expect && (expect[0] !== ch || expect[1] !== cw))
    throw new InferenceError(
      'image-preprocessing',
      phrase(
        'After preprocessing the image is {0} × {1} (width × height), but the model takes {2} × {3}: set inference.image.resize and crop (e.g. resize: {4}, crop: [{3}, {2}]).',
        cw,
        ch,
        expect[1],
        expect[0],
        Math.round(expect[0] * 1.143),
      ),
    );
  return { ch, cw, sizes };
}

/**
 * The tensor for `images` (one batch), `channels` 3 or 1 (grey). `expect` is the model's [height, width] when
 * fixed: a preprocessed size that differs is an error naming both, before anything runs.
 * `into`, when it is of the right type and large enough, is written instead of a new array (a caller running
 * batch after batch reuses one buffer).
 */
export function imageTensor(
  images: readonly DecodedImage[],
  pre: ImagePreprocessing,
  channels: 1 | 3 = 3,
  expect?: readonly [number, number],
  into?: Float32Array | Uint8Array,
): ImageTensor {
  const { ch, cw, sizes } = imageTensorShape(images, pre, channels, expect);
  const scale = pre.scale ?? 1 / 255;
  const mean = pre.mean ?? [];
  const std = pre.std ?? [];
  const nchw = (pre.layout ?? 'NCHW') === 'NCHW';
  const uint8 = pre.dtype === 'uint8';
  const per = channels * ch * cw;
  const size = images.length * per;
  const data =
    into && into instanceof (uint8 ? Uint8Array : Float32Array) && into.length >= size
      ? into.subarray(0, size)
      : uint8
        ? new Uint8Array(size)
        : new Float32Array(size);
  const order = channels === 1 ? [0] : pre.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const grey = channels === 1;
  const plane = ch * cw;
  const [m0, m1, m2] = [0, 1, 2].map((c) => mean[c] ?? 0) as [number, number, number];
  const [s0, s1, s2] = [0, 1, 2].map((c) => std[c] ?? 1) as [number, number, number];
  const [k0, k1, k2] = grey ? [0, 1, 2] : (order as [number, number, number]);
  const f32 = uint8 ? new Float32Array(0) : (data as Float32Array);
  const u8 = uint8 ? (data as Uint8Array) : new Uint8Array(0);
  // NCHW: a pixel's channels are a plane apart; NHWC: adjacent.
  const step = nchw ? plane : 1;
  const pixelStep = nchw ? 1 : channels;
  // Per value: the bilinear sample (p00·(1−dx) + p01·dx)·(1−dy) + (p10·(1−dx) + p11·dx)·dy of the source channel
  // (grey: 0.299 R + 0.587 G + 0.114 B of the samples), then uint8 rounding or (v·scale − mean) / std.
  images.forEach((img, n) => {
    const s = sizes[n]!;
    const { width: w, rgba } = img;
    const top = Math.round((s.rh - ch) / 2);
    const left = Math.round((s.rw - cw) / 2);
    const ys = axisTaps(img.height, s.rh, top, ch);
    const { i0: xi0, i1: xi1, w0: xw0, w1: xw1 } = axisTaps(w, s.rw, left, cw);
    let i = n * per;
    for (let y = 0; y < ch; y++) {
      const row0 = ys.i0[y]! * w;
      const row1 = ys.i1[y]! * w;
      const wy0 = ys.w0[y]!;
      const wy1 = ys.w1[y]!;
      for (let x = 0; x < cw; x++, i += pixelStep) {
        const a = (row0 + xi0[x]!) * 4;
        const b = (row0 + xi1[x]!) * 4;
        const d = (row1 + xi0[x]!) * 4;
        const e = (row1 + xi1[x]!) * 4;
        const wx0 = xw0[x]!;
        const wx1 = xw1[x]!;
        const r0 =
          (rgba[a + k0]! * wx0 + rgba[b + k0]! * wx1) * wy0 + (rgba[d + k0]! * wx0 + rgba[e + k0]! * wx1) * wy1;
        const r1 =
          (rgba[a + k1]! * wx0 + rgba[b + k1]! * wx1) * wy0 + (rgba[d + k1]! * wx0 + rgba[e + k1]! * wx1) * wy1;
        const r2 =
          (rgba[a + k2]! * wx0 + rgba[b + k2]! * wx1) * wy0 + (rgba[d + k2]! * wx0 + rgba[e + k2]! * wx1) * wy1;
        if (grey) {
          const v = 0.299 * r0 + 0.587 * r1 + 0.114 * r2;
          if (uint8) u8[i] = Math.round(v);
          else f32[i] = (v * scale - m0) / s0;
        } else if (uint8) {
          u8[i] = Math.round(r0);
          u8[i + step] = Math.round(r1);
          u8[i + 2 * step] = Math.round(r2);
        } else {
          f32[i] = (r0 * scale - m0) / s0;
          f32[i + step] = (r1 * scale - m1) / s1;
          f32[i + 2 * step] = (r2 * scale - m2) / s2;
        }
      }
    }
  });
  return { data, dims: nchw ? [images.length, channels, ch, cw] : [images.length, ch, cw, channels] };
}
