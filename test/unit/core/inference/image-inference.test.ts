import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { InferenceError } from '../../../../core/src/inference/errors';
import { parseExperimentSettings } from '../../../../core/src/inference/experiment-settings';
import { runImageInference } from '../../../../core/src/inference/image/image-inference';
import { SessionCache } from '../../../../core/src/inference/session-cache';
import { FIXTURES } from '../../../support/fixtures';

/** test/fixtures/onnx/tiny-cnn/make.py: [N, 3, 8, 8] → "red" when red > blue on average, else "blue". */
const MODEL = path.join(FIXTURES, 'onnx', 'tiny-cnn', 'tiny-cnn.onnx');

function solid(w: number, h: number, rgb: [number, number, number]): { data: Buffer; width: number; height: number } {
  const data = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([...rgb, 255], i * 4);
  return { data, width: w, height: h };
}

describe('image inference with onnxruntime-node: a CNN built with Python onnx (tiny-cnn)', function () {
  this.timeout(30_000);
  let dir: string;
  let cache: SessionCache;
  const exp = (image: string) =>
    parseExperimentSettings(
      `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: i}\ninference:\n  image: ${image}\n`,
      '/ws/i.experiment.yaml',
    );
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-img-'));
    cache = new SessionCache({ idleMs: 60_000 });
    const red = new PNG({ width: 8, height: 8 });
    red.data.set(solid(8, 8, [220, 30, 20]).data);
    writeFileSync(path.join(dir, 'red.png'), PNG.sync.write(red));
    writeFileSync(path.join(dir, 'blue.jpg'), encodeJpeg(solid(40, 24, [20, 40, 230]), 90).data);
    // 30 × 10: blue edges, a red middle: resize [10, 30] → crop [8, 8] keeps the red middle only
    const mixed = new PNG({ width: 30, height: 10 });
    for (let y = 0; y < 10; y++)
      for (let x = 0; x < 30; x++)
        mixed.data.set(x >= 10 && x < 20 ? [250, 0, 0, 255] : [0, 0, 250, 255], (y * 30 + x) * 4);
    writeFileSync(path.join(dir, 'mixed.png'), PNG.sync.write(mixed));
  });
  after(async () => {
    await cache.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PNG and JPEG files of other sizes: resized to the model, labels from the model metadata', async () => {
    const r = await runImageInference(cache, {
      model: MODEL,
      files: ['red.png', 'blue.jpg'].map((f) => path.join(dir, f)),
      experiment: exp('{resize: [8, 8]}'),
      topK: 1,
    });
    const p = r.predictions;
    assert.ok(p.kind === 'classification');
    assert.deepEqual([p.labels[p.top[0]!], p.labels[p.top[1]!]], ['red', 'blue']);
    assert.ok(p.topP[0]! > 0.5 && p.topP[1]! > 0.5);
    assert.deepEqual(r.images, [
      { width: 8, height: 8, format: 'png' },
      { width: 40, height: 24, format: 'jpeg' },
    ]);
  });

  it('the center crop decides: the red middle of a blue-edged image is "red"; without the crop it is "blue"', async () => {
    const file = path.join(dir, 'mixed.png');
    const cropped = await runImageInference(cache, {
      model: MODEL,
      files: [file],
      experiment: exp('{resize: 8, crop: [8, 8]}'),
      topK: 1,
    });
    const whole = await runImageInference(cache, {
      model: MODEL,
      files: [file],
      experiment: exp('{resize: [8, 8]}'),
      topK: 1,
    });
    const top = (r: typeof whole) =>
      r.predictions.kind === 'classification' ? r.predictions.labels[r.predictions.top[0]!] : '';
    assert.equal(top(cropped), 'red');
    assert.equal(top(whole), 'blue');
  });

  it('more images than one run takes (16): each gets the probabilities it gets alone, thumbnails in order', async () => {
    // 37 images: runs of 16, 16 and 5 through one reused input buffer; each image its own colour mix and size.
    const files: string[] = [];
    for (let i = 0; i < 37; i++) {
      const w = 8 + (i % 5);
      const img = new PNG({ width: w, height: 8 });
      for (let k = 0; k < w * 8; k++)
        img.data.set([(i * 53 + k * 7) % 256, (i * 11) % 256, (255 - i * 17) & 255, 255], k * 4);
      const file = path.join(dir, `many-${i}.png`);
      writeFileSync(file, PNG.sync.write(img));
      files.push(file);
    }
    const experiment = exp('{resize: [8, 8]}');
    const all = await runImageInference(cache, { model: MODEL, files, experiment, topK: 2, thumbnails: 4 });
    assert.ok(all.predictions.kind === 'classification');
    assert.equal(all.thumbnails?.length, 37);
    for (let i = 0; i < files.length; i++) {
      const one = await runImageInference(cache, {
        model: MODEL,
        files: [files[i]!],
        experiment,
        topK: 2,
        thumbnails: 4,
      });
      assert.ok(one.predictions.kind === 'classification');
      assert.deepEqual(
        [...all.predictions.probabilities.subarray(i * 2, i * 2 + 2)],
        [...one.predictions.probabilities],
        `image ${i}`,
      );
      assert.equal(all.thumbnails![i], one.thumbnails![0]);
    }
  });

  it('images that come out in different sizes are refused before anything runs, even across runs', async () => {
    // 16 images of 8 × 8, then 5 of 9 × 9: each run alone would be of one size.
    const files: string[] = [];
    for (let i = 0; i < 21; i++) {
      const side = i < 16 ? 8 : 9;
      const img = new PNG({ width: side, height: side });
      img.data.fill(200);
      const file = path.join(dir, `sizes-${i}.png`);
      writeFileSync(file, PNG.sync.write(img));
      files.push(file);
    }
    await assert.rejects(
      runImageInference(cache, { model: MODEL, files, experiment: exp('{scale: 1}') }),
      /The images come out in different sizes \(8 × 8 and 9 × 9\)/,
    );
  });

  it('without preprocessing the size mismatch is named with what to set; a non-image file is named', async () => {
    await assert.rejects(
      runImageInference(cache, { model: MODEL, files: [path.join(dir, 'blue.jpg')] }),
      /After preprocessing the image is 40 × 24 \(width × height\), but the model takes 8 × 8: set inference\.image\.resize and crop/,
    );
    writeFileSync(path.join(dir, 'notes.png'), 'not really a png');
    await assert.rejects(
      runImageInference(cache, {
        model: MODEL,
        files: [path.join(dir, 'notes.png')],
        experiment: exp('{resize: [8, 8]}'),
      }),
      (err: unknown) => err instanceof InferenceError && /^notes\.png is not a PNG or JPEG image/.test(err.message),
    );
    await assert.rejects(
      runImageInference(cache, {
        model: MODEL,
        files: [path.join(dir, 'red.png')],
        experiment: exp('{resize: [8, 8], layout: NHWC}'),
      }),
      /has 8 channels in the NHWC layout; images give 1 or 3\. Is inference\.image\.layout right\?/,
    );
  });

  it('a missing file, a folder and a FIFO named as images: "cannot be read", without waiting on the FIFO', async function () {
    const fifo = path.join(dir, 'pipe.png');
    const folder = path.join(dir, 'folder.png');
    mkdirSync(folder);
    const named = [path.join(dir, 'missing.png'), folder];
    // A FIFO with no writer: a blocking open would wait for one forever (the test would time out).
    if (process.platform !== 'win32' && spawnSync('mkfifo', [fifo]).status === 0) named.push(fifo);
    for (const file of named)
      await assert.rejects(
        runImageInference(cache, { model: MODEL, files: [file], experiment: exp('{resize: [8, 8]}') }),
        (err: unknown) =>
          err instanceof InferenceError &&
          err.message === `${file} cannot be read: it does not exist or is not a file.`,
      );
    if (process.platform !== 'win32') assert.equal(named.length, 3, 'mkfifo should have made the FIFO');
    // The readable ones next to them still run.
    const ok = await runImageInference(cache, {
      model: MODEL,
      files: [path.join(dir, 'red.png'), path.join(dir, 'blue.jpg')],
      experiment: exp('{resize: [8, 8]}'),
    });
    assert.deepEqual(
      ok.images.map((i) => i.format),
      ['png', 'jpeg'],
    );
  });
});
