/**
 * core/src/inference/image/image-tensor.ts computes each output row's and column's bilinear taps once (for speed:
 * bench/inference's image case) instead of once per value. This holds it, value for value and bit for bit, to the
 * straightforward per-value form it replaced (kept here as the reference): every preprocessing option — resize by
 * the shorter side or to an exact size (up and down), center crop, RGB/BGR/grey, scale, mean/std, NCHW/NHWC,
 * float32/uint8 — on random images of random sizes, several per batch.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DecodedImage } from '../../../../core/src/inference/image/decode-image';
import { imageTensor, type ImagePreprocessing } from '../../../../core/src/inference/image/image-tensor';

/** The per-value form: one bilinear sample (half-pixel centers) per output value and channel. */
function reference(images: readonly DecodedImage[], pre: ImagePreprocessing, channels: 1 | 3): number[] {
  const out: number[] = [];
  const scale = pre.scale ?? 1 / 255;
  const mean = pre.mean ?? [];
  const std = pre.std ?? [];
  const size = (img: DecodedImage) => {
    let rh = img.height;
    let rw = img.width;
    if (typeof pre.resize === 'number') {
      const s = pre.resize / Math.min(img.width, img.height);
      rh = Math.max(1, Math.round(img.height * s));
      rw = Math.max(1, Math.round(img.width * s));
    } else if (pre.resize) [rh, rw] = pre.resize;
    const [ch, cw] = pre.crop ?? [rh, rw];
    return { rh, rw, ch, cw };
  };
  const nchw = (pre.layout ?? 'NCHW') === 'NCHW';
  const order = channels === 1 ? [0] : pre.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  for (const img of images) {
    const { rh, rw, ch, cw } = size(img);
    const { width: w, height: h, rgba } = img;
    const at = (y: number, x: number, k: number) => {
      const sy = Math.min(Math.max((y + 0.5) * (h / rh) - 0.5, 0), h - 1);
      const sx = Math.min(Math.max((x + 0.5) * (w / rw) - 0.5, 0), w - 1);
      const y0 = Math.floor(sy);
      const x0 = Math.floor(sx);
      const y1 = Math.min(y0 + 1, h - 1);
      const x1 = Math.min(x0 + 1, w - 1);
      const dy = sy - y0;
      const dx = sx - x0;
      const p = (yy: number, xx: number) => rgba[(yy * w + xx) * 4 + k]!;
      return (p(y0, x0) * (1 - dx) + p(y0, x1) * dx) * (1 - dy) + (p(y1, x0) * (1 - dx) + p(y1, x1) * dx) * dy;
    };
    const top = Math.round((rh - ch) / 2);
    const left = Math.round((rw - cw) / 2);
    const values = new Array<number>(channels * ch * cw);
    for (let y = 0; y < ch; y++)
      for (let x = 0; x < cw; x++)
        for (let c = 0; c < channels; c++) {
          const raw =
            channels === 1
              ? 0.299 * at(y + top, x + left, 0) + 0.587 * at(y + top, x + left, 1) + 0.114 * at(y + top, x + left, 2)
              : at(y + top, x + left, order[c]!);
          const v =
            pre.dtype === 'uint8' ? Math.round(raw) : Math.fround((raw * scale - (mean[c] ?? 0)) / (std[c] ?? 1));
          values[nchw ? c * ch * cw + y * cw + x : (y * cw + x) * channels + c] = v;
        }
    for (const v of values) out.push(v);
  }
  return out;
}

const image = (w: number, h: number) =>
  fc
    .uint8Array({ minLength: w * h * 4, maxLength: w * h * 4 })
    .map((rgba): DecodedImage => ({ width: w, height: h, rgba, format: 'png' }));

/** A batch of images that all come out at one size: a shared resize/crop that fits the smallest. */
const batch = fc
  .record({
    w: fc.integer({ min: 1, max: 19 }),
    h: fc.integer({ min: 1, max: 19 }),
    n: fc.integer({ min: 1, max: 3 }),
    resize: fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 1, max: 23 }),
      fc.tuple(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 23 })),
    ),
    cropShrink: fc.option(fc.tuple(fc.nat(6), fc.nat(6)), { nil: undefined }),
  })
  .chain(({ w, h, n, resize, cropShrink }) => {
    // Same-size images when the resize keeps each size; any sizes when it is exact.
    const sizes = fc.array(
      Array.isArray(resize)
        ? fc.tuple(fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 19 }))
        : fc.constant([w, h] as [number, number]),
      { minLength: n, maxLength: n },
    );
    return sizes.chain((dims) =>
      fc.record({
        images: fc.tuple(...dims.map(([iw, ih]) => image(iw, ih))),
        resize: fc.constant(resize),
        cropShrink: fc.constant(cropShrink),
      }),
    );
  });

const options = fc.record({
  channels: fc.constantFrom(1 as const, 3 as const),
  channelOrder: fc.constantFrom(undefined, 'RGB' as const, 'BGR' as const),
  scale: fc.option(fc.double({ min: -4, max: 4, noNaN: true }), { nil: undefined }),
  mean: fc.option(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }), {
    nil: undefined,
  }),
  std: fc.option(fc.array(fc.double({ min: 0.01, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), {
    nil: undefined,
  }),
  layout: fc.constantFrom(undefined, 'NCHW' as const, 'NHWC' as const),
  dtype: fc.constantFrom(undefined, 'float32' as const, 'uint8' as const),
});

describe('image tensor: per-row/column bilinear taps equal the per-value form', () => {
  it('every option, random images and sizes: the same values, bit for bit, in the same places', () => {
    fc.assert(
      fc.property(batch, options, ({ images, resize, cropShrink }, o) => {
        const first = images[0]!;
        const rh = Array.isArray(resize)
          ? resize[0]
          : typeof resize === 'number'
            ? Math.max(1, Math.round(first.height * (resize / Math.min(first.width, first.height))))
            : first.height;
        const rw = Array.isArray(resize)
          ? resize[1]
          : typeof resize === 'number'
            ? Math.max(1, Math.round(first.width * (resize / Math.min(first.width, first.height))))
            : first.width;
        const crop = cropShrink
          ? ([Math.max(1, rh - cropShrink[0]), Math.max(1, rw - cropShrink[1])] as const)
          : undefined;
        const pre: ImagePreprocessing = {
          ...(resize !== undefined && { resize }),
          ...(crop && { crop }),
          ...(o.channelOrder && { channelOrder: o.channelOrder }),
          ...(o.scale !== undefined && { scale: o.scale }),
          ...(o.mean && { mean: o.mean.slice(0, o.channels) }),
          ...(o.std && { std: o.std.slice(0, o.channels) }),
          ...(o.layout && { layout: o.layout }),
          ...(o.dtype && { dtype: o.dtype }),
        };
        const got = imageTensor(images, pre, o.channels);
        const want = reference(images, pre, o.channels);
        assert.equal(got.data instanceof (o.dtype === 'uint8' ? Uint8Array : Float32Array), true);
        assert.equal(got.data.length, want.length);
        for (let i = 0; i < want.length; i++)
          if (!Object.is(got.data[i], want[i]))
            assert.fail(`value ${i} of ${want.length}: ${got.data[i]} ≠ ${want[i]} (${JSON.stringify(pre)})`);
      }),
      { numRuns: 400 },
    );
  });

  it('a 224 × 224 photo-sized image resized to 256 and cropped to 224 (the bench case), NCHW float32', () => {
    const w = 224;
    const rgba = new Uint8Array(w * w * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 7919 + (i >> 9)) % 251;
    const img: DecodedImage = { width: w, height: w, rgba, format: 'jpeg' };
    const pre: ImagePreprocessing = {
      resize: 256,
      crop: [224, 224],
      mean: [0.485, 0.456, 0.406],
      std: [0.229, 0.224, 0.225],
    };
    const got = imageTensor([img, img], pre, 3, [224, 224]);
    const want = reference([img, img], pre, 3);
    assert.deepEqual([...got.dims], [2, 3, 224, 224]);
    assert.equal(got.data.length, want.length);
    let differ = 0;
    for (let i = 0; i < want.length; i++) if (!Object.is(got.data[i], want[i])) differ++;
    assert.equal(differ, 0);
  });
});
