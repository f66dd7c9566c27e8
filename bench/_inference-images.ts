/**
 * The image case of bench/inference (issue 20): 100 images of 224 × 224 (50 JPEG at quality 90 and 50 PNG, written
 * at bench time with jpeg-js and pngjs, the encoders Liftoff's decoders pair with: smooth colour fields with shapes
 * and grain, so they compress like photographs rather than flat colour) through a MobileNetV2
 * (bench/_inference-cnn.ts), with the preprocessing an ImageNet model is trained with (resize 256, center crop
 * 224 × 224, mean/std), through Liftoff's real image path: `runImageInference` (read + decode, preprocess,
 * run, top-k). Each image alone (batch 1: one call per image, as "run on the image open in the editor" does) and all
 * 100 in one call (as a selection of 100 files runs: 16 images a model run, the batch dimension being symbolic).
 * The stages are the call's own timing (`timing.decodeMs`, `preprocessMs`, `runMs`); medians of 3 rounds.
 * Target: decode + preprocess ≤ the model's own run time.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { parseExperimentSettings } from '../core/src/inference/experiment-settings';
import { decodeImage } from '../core/src/inference/image/decode-image';
import { runImageInference } from '../core/src/inference/image/image-inference';
import { imageTensor } from '../core/src/inference/image/image-tensor';
import type { SessionCache } from '../core/src/inference/session-cache';
import { writeMobileNetV2 } from './_inference-cnn';

const SIDE = 224;
const COUNT = 100;
const ROUNDS = 3;

/** Stage times of one round, summed over its images (ms). */
export interface Stages {
  readonly decodeMs: number;
  readonly preprocessMs: number;
  readonly runMs: number;
}

export interface ImageFigures {
  readonly model: string;
  readonly modelMb: number;
  readonly images: number;
  readonly jpegKb: number;
  readonly pngKb: number;
  /** One call per image: the sums over the 100 images (median round). */
  readonly single: Stages;
  /** One call for all 100 images (median round). */
  readonly batch: Stages;
  /** decodeImage alone, per image, by format (median round, ms). */
  readonly decodeJpegMs: number;
  readonly decodePngMs: number;
  /** imageTensor alone for one image (median, ms). */
  readonly tensorMs: number;
}

/** A photograph-like RGBA image: two colour gradients, a few discs and rectangles, per-pixel grain. */
function picture(seed: number): Buffer {
  let s = seed * 7919 + 1;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const data = Buffer.alloc(SIDE * SIDE * 4);
  const base = [rnd() * 255, rnd() * 255, rnd() * 255];
  const grad = [rnd() * 2 - 1, rnd() * 2 - 1, rnd() * 2 - 1];
  const shapes = Array.from({ length: 6 }, () => ({
    x: rnd() * SIDE,
    y: rnd() * SIDE,
    r: 10 + rnd() * 50,
    disc: rnd() < 0.5,
    rgb: [rnd() * 255, rnd() * 255, rnd() * 255],
  }));
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      let rgb = base.map((b, c) => b + grad[c]! * (x + y) * 0.4 + 20 * Math.sin((x * (c + 1)) / 17 + y / 23));
      for (const sh of shapes) {
        const inside = sh.disc
          ? (x - sh.x) ** 2 + (y - sh.y) ** 2 < sh.r ** 2
          : Math.abs(x - sh.x) < sh.r && Math.abs(y - sh.y) < sh.r * 0.6;
        if (inside) rgb = sh.rgb.map((v, c) => v * 0.8 + rgb[c]! * 0.2);
      }
      const grain = (rnd() - 0.5) * 12;
      const i = (y * SIDE + x) * 4;
      for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, Math.round(rgb[c]! + grain)));
      data[i + 3] = 255;
    }
  return data;
}

function writeImages(dir: string): string[] {
  const files: string[] = [];
  for (let n = 0; n < COUNT; n++) {
    const data = picture(n + 1);
    const jpeg = n % 2 === 0;
    const file = path.join(dir, `image-${String(n).padStart(3, '0')}.${jpeg ? 'jpg' : 'png'}`);
    if (jpeg) writeFileSync(file, encodeJpeg({ data, width: SIDE, height: SIDE }, 90).data);
    else {
      const png = new PNG({ width: SIDE, height: SIDE });
      png.data.set(data);
      writeFileSync(file, PNG.sync.write(png));
    }
    files.push(file);
  }
  return files;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianStages = (rounds: Stages[]): Stages => ({
  decodeMs: median(rounds.map((r) => r.decodeMs)),
  preprocessMs: median(rounds.map((r) => r.preprocessMs)),
  runMs: median(rounds.map((r) => r.runMs)),
});

export async function imageCase(cache: SessionCache): Promise<ImageFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-bench-images-'));
  try {
    const model = path.join(dir, 'mobilenet-v2.onnx');
    const cnn = writeMobileNetV2(model);
    const files = writeImages(dir);
    const experiment = parseExperimentSettings(
      [
        'apiVersion: liftoff/v1',
        'kind: Experiment',
        'metadata: {name: images}',
        'inference:',
        '  image: {resize: 256, crop: [224, 224], mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]}',
        '',
      ].join('\n'),
      path.join(dir, 'images.experiment.yaml'),
    );
    if (!experiment?.image) throw new Error('the bench experiment has no inference.image');
    const lease = await cache.acquire(model); // the session stays loaded and warm for every round
    try {
      for (const f of files.slice(0, 4)) await runImageInference(cache, { model, files: [f], experiment, topK: 5 });
      await runImageInference(cache, { model, files, experiment, topK: 5 });
      const single: Stages[] = [];
      const batch: Stages[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const sum = { decodeMs: 0, preprocessMs: 0, runMs: 0 };
        for (const f of files) {
          const res = await runImageInference(cache, { model, files: [f], experiment, topK: 5 });
          if (res.predictions.kind !== 'classification') throw new Error('expected class scores');
          sum.decodeMs += res.timing.decodeMs;
          sum.preprocessMs += res.timing.preprocessMs;
          sum.runMs += res.timing.runMs;
        }
        single.push(sum);
        const all = await runImageInference(cache, { model, files, experiment, topK: 5 });
        if (all.images.length !== COUNT) throw new Error(`ran ${all.images.length} images of ${COUNT}`);
        batch.push(all.timing);
      }
      // Where the decode time goes: each format alone, from bytes in memory.
      const bytes = files.map((f) => readFileSync(f));
      const decodeRounds = { jpeg: [] as number[], png: [] as number[] };
      for (let r = 0; r < ROUNDS; r++) {
        for (const fmt of ['jpeg', 'png'] as const) {
          const picked = bytes.filter((_, i) => (i % 2 === 0) === (fmt === 'jpeg'));
          const t = performance.now();
          for (const b of picked) decodeImage(b, fmt);
          decodeRounds[fmt].push((performance.now() - t) / picked.length);
        }
      }
      const decoded = decodeImage(bytes[0]!, 'first');
      const pre = experiment.image;
      const tensorTimes: number[] = [];
      for (let r = 0; r < 30; r++) {
        const t = performance.now();
        imageTensor([decoded], pre, 3, [SIDE, SIDE]);
        tensorTimes.push(performance.now() - t);
      }
      const kb = (ext: string) =>
        files.filter((f) => f.endsWith(ext)).reduce((a, f) => a + statSync(f).size, 0) / (COUNT / 2) / 1024;
      return {
        model: cnn.description,
        modelMb: cnn.bytes / 2 ** 20,
        images: COUNT,
        jpegKb: kb('.jpg'),
        pngKb: kb('.png'),
        single: medianStages(single),
        batch: medianStages(batch),
        decodeJpegMs: median(decodeRounds.jpeg),
        decodePngMs: median(decodeRounds.png),
        tensorMs: median(tensorTimes),
      };
    } finally {
      lease.release();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
