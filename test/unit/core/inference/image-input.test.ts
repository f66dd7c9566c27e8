import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { InferenceError } from '../../../../core/src/inference/errors';
import { parseExperimentSettings } from '../../../../core/src/inference/experiment-settings';
import { decodeImage, MAX_PIXELS } from '../../../../core/src/inference/image/decode-image';
import { imageTensor } from '../../../../core/src/inference/image/image-tensor';

/** A PNG of `w` × `h` whose pixel (x, y) is `color(x, y)` (RGBA). */
function png(w: number, h: number, color: (x: number, y: number) => [number, number, number, number]): Buffer {
  const img = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img.data.set(color(x, y), (y * w + x) * 4);
  return PNG.sync.write(img);
}

const rejectsWith = (f: () => unknown, code: InferenceError['code'], message: RegExp) =>
  assert.throws(f, (err: unknown) => {
    assert.ok(err instanceof InferenceError, String(err));
    assert.equal(err.code, code);
    assert.match(err.message, message);
    return true;
  });

describe('image input: PNG/JPEG decoding (pngjs, jpeg-js) and preprocessing into the model tensor', () => {
  it('decodes PNG and JPEG by their signature, pixels intact (PNG) or close (JPEG is lossy)', () => {
    const bytes = png(3, 2, (x, y) => [x * 100, y * 200, 7, 255]);
    const p = decodeImage(bytes, 'a.png');
    assert.deepEqual([p.format, p.width, p.height], ['png', 3, 2]);
    assert.deepEqual([...p.rgba.subarray((1 * 3 + 2) * 4, (1 * 3 + 2) * 4 + 4)], [200, 200, 7, 255]);
    const raw = new Uint8Array(16 * 16 * 4).fill(255);
    for (let i = 0; i < 16 * 16; i++) raw.set([200, 40, 90, 255], i * 4);
    const j = decodeImage(encodeJpeg({ data: raw, width: 16, height: 16 }, 95).data, 'b.jpg');
    assert.deepEqual([j.format, j.width, j.height], ['jpeg', 16, 16]);
    assert.ok(Math.abs(j.rgba[0]! - 200) <= 4 && Math.abs(j.rgba[1]! - 40) <= 4 && Math.abs(j.rgba[2]! - 90) <= 4);
  });

  it('hostile files: not an image, truncated, a header claiming a huge image — each a clear error, nothing allocated', () => {
    rejectsWith(
      () => decodeImage(Buffer.from('id,x\n1,2\n'), 'rows.csv'),
      'not-an-image',
      /^rows\.csv is not a PNG or JPEG image/,
    );
    const good = png(4, 4, () => [1, 2, 3, 255]);
    rejectsWith(
      () => decodeImage(good.subarray(0, 40), 'cut.png'),
      'not-an-image',
      /^cut\.png cannot be decoded as PNG/,
    );
    const bomb = Buffer.from(good);
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    rejectsWith(
      () => decodeImage(bomb, 'bomb.png'),
      'not-an-image',
      /^bomb\.png says it is 100000 × 100000 pixels \(10000 megapixels\), more than Liftoff decodes \(50 megapixels\)/,
    );
    assert.equal(MAX_PIXELS, 50_000_000);
    rejectsWith(
      () => decodeImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'bad.jpg'),
      'not-an-image',
      /^bad\.jpg cannot be decoded as JPEG/,
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (junk, asPng) => {
        const bytes = asPng
          ? Buffer.concat([good.subarray(0, 8), junk])
          : Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), junk]);
        try {
          decodeImage(bytes, 'junk');
        } catch (err) {
          assert.ok(err instanceof InferenceError && err.code === 'not-an-image', String(err));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('scale, mean/std per channel, NCHW vs NHWC, RGB vs BGR: each value where the model expects it', () => {
    const img = decodeImage(
      png(2, 1, (x) => (x === 0 ? [255, 0, 51, 255] : [0, 102, 255, 255])),
      'p.png',
    );
    const pre = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.25, 1] };
    const nchw = imageTensor([img], pre);
    assert.deepEqual(nchw.dims, [1, 3, 1, 2]);
    // channel R: (1 − .5)/.5, (0 − .5)/.5 ; G: (0 − .5)/.25, (.4 − .5)/.25 ; B: .2 − .5, 1 − .5
    const want = [1, -1, -2, -0.4, -0.3, 0.5];
    [...nchw.data].forEach((v, i) => assert.ok(Math.abs(v - want[i]!) < 1e-6, `${i}: ${v} vs ${want[i]}`));
    const nhwc = imageTensor([img], { ...pre, layout: 'NHWC' });
    assert.deepEqual(nhwc.dims, [1, 1, 2, 3]);
    assert.deepEqual(
      [...nhwc.data].map((v) => +v.toFixed(6)),
      [1, -2, -0.3, -1, -0.4, 0.5],
    );
    const bgr = imageTensor([img], { scale: 1, layout: 'NHWC', channelOrder: 'BGR' });
    assert.deepEqual([...bgr.data], [51, 0, 255, 255, 102, 0]);
    const u8 = imageTensor([img], { dtype: 'uint8' });
    assert.ok(u8.data instanceof Uint8Array);
    assert.deepEqual([...u8.data], [255, 0, 0, 102, 51, 255]);
    const grey = imageTensor([img], { scale: 1 }, 1);
    assert.deepEqual(grey.dims, [1, 1, 1, 2]);
    assert.ok(Math.abs(grey.data[0]! - (0.299 * 255 + 0.114 * 51)) < 1e-3);
  });

  it('resize of the shorter side then a center crop keeps the middle; a uniform image stays uniform at any size', () => {
    // 8 × 4: left half black, right half white; the shorter side to 2 → 4 × 2; crop [2, 2] keeps the middle columns
    const img = decodeImage(
      png(8, 4, (x) => (x < 4 ? [0, 0, 0, 255] : [255, 255, 255, 255])),
      'half.png',
    );
    const t = imageTensor([img], { resize: 2, crop: [2, 2], scale: 1 });
    assert.deepEqual(t.dims, [1, 3, 2, 2]);
    const r = [...t.data.subarray(0, 4)];
    assert.ok(r[0]! < 128 && r[1]! > 127, `left dark, right light: ${r.join(', ')}`);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (w, h, side) => {
          const u = decodeImage(
            png(w, h, () => [10, 20, 30, 255]),
            'u.png',
          );
          const out = imageTensor([u], { resize: [side, side], scale: 1 });
          for (let i = 0; i < out.data.length; i++)
            assert.ok(Math.abs(out.data[i]! - [10, 20, 30][Math.floor(i / (side * side))]!) < 1e-3);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('sizes that cannot match the model, and bad mean/std, are named before anything runs', () => {
    const img = decodeImage(
      png(10, 10, () => [1, 1, 1, 255]),
      'x.png',
    );
    rejectsWith(
      () => imageTensor([img], {}, 3, [224, 224]),
      'image-preprocessing',
      /is 10 × 10 \(width × height\), but the model takes 224 × 224: set inference\.image\.resize and crop \(e\.g\. resize: 256, crop: \[224, 224\]\)/,
    );
    rejectsWith(
      () => imageTensor([img], { crop: [20, 20] }),
      'image-preprocessing',
      /Image 1 is 10 × 10 after resizing, smaller than the crop 20 × 20/,
    );
    rejectsWith(
      () => imageTensor([img], { mean: [0.5, 0.5] }),
      'image-preprocessing',
      /inference\.image\.mean has 2 values, but the model takes 3 channels/,
    );
    const other = decodeImage(
      png(12, 10, () => [1, 1, 1, 255]),
      'y.png',
    );
    rejectsWith(() => imageTensor([img, other], {}), 'image-preprocessing', /different sizes \(10 × 10 and 12 × 10\)/);
    assert.deepEqual(imageTensor([img, other], { resize: [4, 4] }).dims, [2, 3, 4, 4], 'a batch once sizes agree');
  });

  it("the experiment's inference.image is read into the preprocessing", () => {
    const e = parseExperimentSettings(
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: img}\ninference:\n  image: {resize: 256, crop: [224, 224], channel_order: BGR, scale: 1, mean: [1, 2, 3], std: [4, 5, 6], layout: NHWC, dtype: float32}\n',
      '/ws/img.experiment.yaml',
    );
    assert.deepEqual(e?.image, {
      resize: 256,
      crop: [224, 224],
      channelOrder: 'BGR',
      scale: 1,
      mean: [1, 2, 3],
      std: [4, 5, 6],
      layout: 'NHWC',
      dtype: 'float32',
    });
  });
});
