import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { InferenceError } from '../../../../core/src/inference/errors';
import { parseExperimentSettings } from '../../../../core/src/inference/experiment-settings';
import { runInference } from '../../../../core/src/inference/infer';
import { scoreFile } from '../../../../core/src/inference/score-file';
import { fileSink } from '../../../../core/src/inference/score-sink';
import { SessionCache } from '../../../../core/src/inference/session-cache';
import { FIXTURES } from '../../../support/fixtures';

/** test/fixtures/onnx/multi-input/make.py: logits = (features @ W + state @ U + b) * scale, labels [no, yes]. */
const MODEL = path.join(FIXTURES, 'onnx', 'multi-input', 'multi-input.onnx');
const W = [
  [1, -1],
  [0.5, 0.25],
  [-2, 1],
];
const U = [
  [3, 0],
  [0, -3],
];
const B = [0.1, -0.2];

function reference(x: readonly number[], state: readonly number[], scale: number): { label: string; p: number } {
  const z = [0, 1].map(
    (o) =>
      (x.reduce((a, v, i) => a + v * W[i]![o]!, 0) + state.reduce((a, v, i) => a + v * U[i]![o]!, 0) + B[o]!) * scale,
  );
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e[0]! + e[1]!;
  const best = z[1]! > z[0]! ? 1 : 0;
  return { label: ['no', 'yes'][best]!, p: e[best]! / s };
}

const experiment = (inference: string) =>
  parseExperimentSettings(
    `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: multi}\ninference:\n${inference}`,
    '/ws/multi.experiment.yaml',
  );

describe('models with several inputs: the mapping from inference.input / inference.inputs (real ONNX built with Python onnx)', function () {
  this.timeout(30_000);
  let cache: SessionCache;
  before(() => {
    cache = new SessionCache({ idleMs: 60_000 });
  });
  after(async () => {
    await cache.dispose();
  });

  const rows = [
    [1, 2, 3],
    [0.5, -1, 0],
    [-2, 0.25, 1],
  ];
  const text = `a,b,c\n${rows.map((r) => r.join(',')).join('\n')}\n`;

  it('without a mapping: the message names each input, its type and shape, what is missing, and the YAML to add', async () => {
    await assert.rejects(runInference(cache, { model: MODEL, text }), (err: unknown) => {
      assert.ok(err instanceof InferenceError);
      assert.equal(err.code, 'unbuildable-input');
      assert.equal(
        err.message,
        'The model needs 3 inputs, and Liftoff feeds the rows to one of them: ' +
          '"features" (float32 [N, 3]): missing: the rows feed it (inference.input), or it needs a value in inference.inputs (zeros, ones, a number or a list); ' +
          '"state" (float32 [N, 2]): missing: the rows feed it (inference.input), or it needs a value in inference.inputs (zeros, ones, a number or a list); ' +
          '"scale" (float32 []): missing: the rows feed it (inference.input), or it needs a value in inference.inputs (zeros, ones, a number or a list). ' +
          'Which input the rows feed is not said: set inference.input to one of "features", "state", "scale". ' +
          'In the experiment, for example:\ninference:\n  input: features\n  inputs:\n    state: zeros\n    scale: 1.0',
      );
      return true;
    });
  });

  it('zeros for the state and a scalar: predictions equal the hand computation', async () => {
    const e = experiment('  input: features\n  inputs: {state: zeros, scale: 2}\n');
    assert.deepEqual(e?.inputValues, { state: 'zeros', scale: 2 });
    const r = await runInference(cache, { model: MODEL, text, experiment: e, topK: 1 });
    const p = r.predictions;
    assert.ok(p.kind === 'classification');
    rows.forEach((x, i) => {
      const want = reference(x, [0, 0], 2);
      assert.equal(p.labels[p.top[i]!], want.label, `row ${i + 1}`);
      assert.ok(Math.abs(p.topP[i]! - want.p) < 1e-5);
    });
  });

  it('the fed input is found without inference.input when every other input has a value; a list is one row of the state', async () => {
    const e = experiment('  inputs: {state: [0.5, -0.25], scale: [1]}\n');
    const r = await runInference(cache, { model: MODEL, text, experiment: e, topK: 1 });
    const p = r.predictions;
    assert.ok(p.kind === 'classification');
    rows.forEach((x, i) => assert.equal(p.labels[p.top[i]!], reference(x, [0.5, -0.25], 1).label));
  });

  it('values that do not fit are named with the input: list length, unknown input, unknown fed input', async () => {
    await assert.rejects(
      runInference(cache, {
        model: MODEL,
        text,
        experiment: experiment('  input: features\n  inputs: {state: [1, 2, 3], scale: 1}\n'),
      }),
      /"state" \(float32 \[N, 2\]\): cannot use \[1,2,3\]: a list of 3 values, but one row of it holds 2 \(\[N, 2\]\)/,
    );
    await assert.rejects(
      runInference(cache, {
        model: MODEL,
        text,
        experiment: experiment('  input: feats\n  inputs: {state: zeros, scale: 1, temperature: 3}\n'),
      }),
      (err: unknown) => {
        assert.ok(err instanceof InferenceError);
        assert.match(
          err.message,
          /inference\.input of multi\.experiment\.yaml is "feats", which the model does not have\./,
        );
        assert.match(
          err.message,
          /inference\.inputs of multi\.experiment\.yaml names "temperature", which the model does not have\./,
        );
        assert.match(err.message, /"features" \(float32 \[N, 3\]\): missing/);
        return true;
      },
    );
  });

  it('a whole file scored with the same mapping', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-multi-'));
    try {
      const input = path.join(dir, 'rows.csv');
      writeFileSync(input, text);
      const out = path.join(dir, 'out.csv');
      const sink = fileSink(out);
      const e = experiment('  input: features\n  inputs: {state: ones, scale: 0.5}\n');
      const s = await scoreFile(cache, {
        model: MODEL,
        input,
        sink,
        topK: 1,
        ...(e && { experiment: e }),
        readBytes: 7,
      });
      await sink.close();
      assert.equal(s.rows, 3);
      const labels = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[4]);
      assert.deepEqual(
        labels,
        rows.map((x) => reference(x, [1, 1], 0.5).label),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
