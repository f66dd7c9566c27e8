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

/** One image's sample at resized coordinates (y, x), channel k (0 R, 1 G, 2 B), bilinear. */
function sampler(img: DecodedImage, rh: number, rw: number): (y: number, x: number, k: number) => number {
  const { width: w, height: h, rgba } = img;
  const fy = h / rh;
  const fx = w / rw;
  return (y, x, k) => {
    const sy = Math.min(Math.max((y + 0.5) * fy - 0.5, 0), h - 1);
    const sx = Math.min(Math.max((x + 0.5) * fx - 0.5, 0), w - 1);
    const y0 = Math.floor(sy);
    const x0 = Math.floor(sx);
    const y1 = Math.min(y0 + 1, h - 1);
    const x1 = Math.min(x0 + 1, w - 1);
    const dy = sy - y0;
    const dx = sx - x0;
    const p = (yy: number, xx: number) => rgba[(yy * w + xx) * 4 + k]!;
    return (p(y0, x0) * (1 - dx) + p(y0, x1) * dx) * (1 - dy) + (p(y1, x0) * (1 - dx) + p(y1, x1) * dx) * dy;
  };
}

/**
 * The tensor for `images` (one batch), `channels` 3 or 1 (grey). `expect` is the model's [height, width] when
 * fixed: a preprocessed size that differs is an error naming both, before anything runs.
 */
export function imageTensor(
  images: readonly DecodedImage[],
  pre: ImagePreprocessing,
  channels: 1 | 3 = 3,
  expect?: readonly [number, number],
): ImageTensor {
  if (images.length === 0) throw new InferenceError('no-rows', phrase('No images were given.'));
  const scale = pre.scale ?? 1 / 255;
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
  const nchw = (pre.layout ?? 'NCHW') === 'NCHW';
  const uint8 = pre.dtype === 'uint8';
  const per = channels * ch * cw;
  const data = uint8 ? new Uint8Array(images.length * per) : new Float32Array(images.length * per);
  const order = channels === 1 ? [0] : pre.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  images.forEach((img, n) => {
    const s = sizes[n]!;
    const top = Math.round((s.rh - ch) / 2);
    const left = Math.round((s.rw - cw) / 2);
    const at = sampler(img, s.rh, s.rw);
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        for (let c = 0; c < channels; c++) {
          const k = order[c]!;
          const raw =
            channels === 1
              ? 0.299 * at(y + top, x + left, 0) + 0.587 * at(y + top, x + left, 1) + 0.114 * at(y + top, x + left, 2)
              : at(y + top, x + left, k);
          const i = n * per + (nchw ? c * ch * cw + y * cw + x : (y * cw + x) * channels + c);
          if (uint8) data[i] = Math.round(raw);
          else data[i] = (raw * scale - (mean[c] ?? 0)) / (std[c] ?? 1);
        }
      }
    }
  });
  return { data, dims: nchw ? [images.length, channels, ch, cw] : [images.length, ch, cw, channels] };
}
