import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { InferenceError } from '../../../../core/src/inference/errors';
import { runInference, type InferenceRequest } from '../../../../core/src/inference/infer';
import { loadOrt } from '../../../../core/src/inference/ort';
import { createSession } from '../../../../core/src/inference/providers';
import { SessionCache } from '../../../../core/src/inference/session-cache';
import { FIXTURES } from '../../../support/fixtures';
import {
  bogusOpBytes,
  classifierBytes,
  classifierReference,
  int64Bytes,
  rank1Bytes,
  rank4Bytes,
  regressorBytes,
  saveModel,
  stringInputBytes,
  twoInputBytes,
} from '../../../support/onnx-graphs';
import { waitFor } from '../../../support/wait';
import { hasChinese, say } from '../../../../core/src/l10n';

async function rejects(p: Promise<unknown>, code: InferenceError['code'], message: RegExp | string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof InferenceError, `expected an InferenceError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

describe('core inference with onnxruntime-node: fixtures built by the writer', function () {
  this.timeout(30_000);
  let dir: string;
  let cache: SessionCache;
  const models: Record<string, string> = {};
  const infer = (model: string, text: string, extra: Partial<InferenceRequest> = {}) =>
    runInference(cache, { model: models[model] ?? model, text, ...extra });

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-infer-'));
    models.classifier = saveModel(dir, 'classifier', classifierBytes(), {
      preprocessing: { op: 'standardize', folded: true, mean: [5, 3, 1], std: [2, 1, 0.5] },
    });
    models.regressor = saveModel(dir, 'regressor', regressorBytes());
    models.fixedBatch = saveModel(dir, 'fixed', regressorBytes(true));
    models.int64 = saveModel(dir, 'int64', int64Bytes());
    models.twoInputs = saveModel(dir, 'two', twoInputBytes());
    models.strings = saveModel(dir, 'strings', stringInputBytes());
    models.rank4 = saveModel(dir, 'rank4', rank4Bytes());
    models.rank1 = saveModel(dir, 'rank1', rank1Bytes());
    models.bogus = saveModel(dir, 'bogus', bogusOpBytes());
    models.invalid = path.join(dir, 'invalid.onnx');
    writeFileSync(models.invalid, 'income,age\n1,2\n');
    models.truncated = path.join(dir, 'truncated.onnx');
    writeFileSync(models.truncated, classifierBytes().subarray(0, 200));
    // The PyTorch export (examples/pytorch/train.py) with its model.json: logits out, standardized input expected.
    models.pytorch = saveModel(dir, 'pytorch', readFileSync(path.join(FIXTURES, 'onnx', 'pytorch-mlp.onnx')), {
      input_name: 'features',
      output_name: 'logits',
      labels: ['class_0', 'class_1', 'class_2', 'class_3'],
      preprocessing: {
        op: 'standardize',
        mean: Array.from({ length: 16 }, (_, i) => i / 10),
        std: Array.from({ length: 16 }, (_, i) => 1 + i / 20),
      },
    });
    cache = new SessionCache({ idleMs: 60_000 });
  });
  after(async () => {
    await cache.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('MLP classifier: labels and probabilities equal the reference computation; provider reported', async () => {
    const rows = [
      [5, 3, 1],
      [7.5, 2, 0.2],
      [1, 4.5, 2.5],
      [6, 3.3, 1.7],
    ];
    const r = await infer('classifier', `sepal,petal,width\n${rows.map((x) => x.join(',')).join('\n')}`, { topK: 2 });
    assert.equal(r.provider, 'cpu');
    assert.equal(r.facts.preprocessing.kind, 'folded');
    assert.ok(r.predictions.kind === 'classification');
    assert.equal(r.predictions.activation, 'none');
    assert.deepEqual(r.predictions.labels, ['setosa', 'versicolor', 'virginica']);
    rows.forEach((x, i) => {
      const ref = classifierReference(x);
      const best = ref.indexOf(Math.max(...ref));
      assert.equal(r.predictions.kind === 'classification' && r.predictions.top[i * 2], best, `row ${i}`);
      ref.forEach((p, j) =>
        assert.ok(
          Math.abs((r.predictions.kind === 'classification' ? r.predictions.probabilities[i * 3 + j]! : NaN) - p) <
            1e-5,
        ),
      );
    });
    assert.equal(r.timing.batches.length, 1);
    assert.ok(r.timing.rowsPerSecond > 0);
  });

  it('regressor: values; a fixed batch of 1 runs row by row', async () => {
    const r = await infer('regressor', 'a b\n1 2\n-1 0.5\n');
    assert.ok(r.predictions.kind === 'values');
    assert.deepEqual(
      Array.from(r.predictions.values, (v) => Number(v.toFixed(5))),
      [0, -3],
    );
    const fixed = await infer('fixedBatch', '[[1,2],[3,4],[0,0]]');
    assert.equal(fixed.timing.batches.length, 3);
    assert.deepEqual(fixed.predictions.kind === 'values' && Array.from(fixed.predictions.values), [0, 2, 1]);
  });

  it('PyTorch export: model.json standardization is replayed and softmax applied to its logits', async () => {
    const x = Array.from({ length: 16 }, (_, i) => (i % 5) - 1.5);
    const r = await infer('pytorch', x.join(', '));
    assert.equal(r.facts.preprocessing.kind, 'standardize');
    assert.ok(r.predictions.kind === 'classification');
    assert.equal(r.predictions.activation, 'softmax');
    // The same row standardized by hand and fed with no preprocessing must give the same logits.
    const z = x.map((v, i) => (v - i / 10) / (1 + i / 20));
    const bare = await runInference(new SessionCache(), {
      model: path.join(FIXTURES, 'onnx', 'pytorch-mlp.onnx'),
      text: z.join(' '),
    });
    assert.equal(bare.facts.preprocessing.kind, 'none');
    assert.ok(bare.predictions.kind === 'classification');
    for (let j = 0; j < 4; j++)
      assert.ok(Math.abs(bare.predictions.probabilities[j]! - r.predictions.probabilities[j]!) < 1e-5);
    const en = r.notes.map((n) => say('en', n));
    assert.ok(
      en.some((n) => /Softmax applied: "logits"/.test(n)),
      en.join('\n'),
    );
    // The same notes in Chinese for a zh-cn reader (the panel says them with VS Code's language).
    const zh = r.notes.map((n) => say('zh-cn', n));
    assert.ok(zh.includes('已应用 Softmax："logits" 中是分数（logits），不是概率。'), zh.join('\n'));
    assert.ok(
      zh.every((n) => hasChinese(n)),
      zh.join('\n'),
    );
  });

  it('int64 input: whole numbers become int64 tensors; 1.5 is refused before running', async () => {
    const r = await infer('int64', '1 2 3\n0 0 1');
    assert.deepEqual(r.outputs[0]!.data.length, 4);
    assert.deepEqual(Array.from(r.outputs[0]!.data as Float32Array), [4, 5, 1, 1]);
    await rejects(
      infer('int64', '1 2.5 3'),
      'dtype',
      'Row 1 (line 1), column "x2": 2.5 is not a whole number, but the model input "ids" [N, 3] takes int64. Give whole numbers.',
    );
  });

  it('rank-1 input: one row per run', async () => {
    const r = await infer('rank1', '1 2 3\n1 0 0');
    assert.deepEqual(Array.from(r.outputs[0]!.data as Float32Array), [4, 5, 1, 0]);
    assert.deepEqual(r.outputs[0]!.dims, [2, 2]);
  });

  it('refuses models it cannot feed, saying which input and why', async () => {
    await rejects(
      infer('twoInputs', '1 2'),
      'unbuildable-input',
      'The model needs 2 inputs, and Liftoff feeds the rows to one of them: "a" (float32 [N, 2]): missing: the rows feed it (inference.input), or it needs a value in inference.inputs (zeros, ones, a number or a list); "b" (float32 [N, 2]): missing: the rows feed it (inference.input), or it needs a value in inference.inputs (zeros, ones, a number or a list). Which input the rows feed is not said: set inference.input to one of "a", "b". In the experiment, for example:\ninference:\n  input: a\n  inputs:\n    b: zeros',
    );
    await rejects(
      infer('strings', 'hello'),
      'dtype',
      'The model input "text" [N, 1] takes strings (dtype string): Liftoff builds numeric tensors from tables, so it cannot feed this model.',
    );
    await rejects(
      infer('rank4', '1 2 3'),
      'rank',
      'The model input "image" [N, 3, 4, 4] has rank 4, but Liftoff builds rank-2 tensors ([rows, features]) from tables, or rank 1 for one row at a time: it cannot feed this model.',
    );
    await rejects(
      infer('classifier', '1,2,3,4'),
      'feature-count',
      'Row 1 (line 1) has 4 values, but the model input "features" [N, 3] takes 3 features (sepal, petal, width).',
    );
  });

  it('files that are not ONNX: our reader says so before onnxruntime sees them', async () => {
    await rejects(
      infer('invalid', '1,2,3'),
      'not-onnx',
      /^invalid\.onnx is not an ONNX model \(.+\)\. Pick an \.onnx file/,
    );
    await rejects(infer('truncated', '1,2,3'), 'not-onnx', /^truncated\.onnx is not an ONNX model \(.*longer than/);
    await rejects(
      infer(path.join(dir, 'missing.onnx'), '1'),
      'not-onnx',
      /missing\.onnx cannot be read: the file does not exist/,
    );
  });

  it('native errors surface as messages and the process stays alive: an unsupported operator, a corrupt protobuf', async () => {
    await rejects(
      infer('bogus', '1 2'),
      'unsupported-operator',
      'model.onnx uses the operator FrobnicateTensor (opset 17), which onnxruntime does not implement. Re-export the model with standard ONNX operators or another opset.',
    );
    // Straight to onnxruntime (past our reader): its native "protobuf parsing failed" is mapped too.
    await rejects(
      createSession(loadOrt(), Buffer.from('not a model at all'), ['cpu'], 'junk.onnx'),
      'not-onnx',
      'junk.onnx is not an ONNX model: onnxruntime could not parse it (protobuf parsing failed). Re-export the model, or pick the .onnx file itself.',
    );
    // Still alive and working after both.
    const r = await infer('regressor', '1 1');
    assert.equal(r.table.n, 1);
  });

  it('providers are tried one at a time, falling back to CPU; the provider used and the failures are reported', async () => {
    const fallback = new SessionCache({ providers: () => ['no-such-provider', 'cpu'] });
    try {
      const r = await runInference(fallback, { model: models.regressor!, text: '1 2' });
      assert.equal(r.provider, 'cpu');
      assert.deepEqual(
        r.fallbacks.map((f) => f.provider),
        ['no-such-provider'],
      );
      assert.match(r.fallbacks[0]!.reason, /no-such-provider|backend/);
      assert.ok(r.notes.some((n) => say('en', n).startsWith('Execution provider no-such-provider could not be used')));
    } finally {
      await fallback.dispose();
    }
  });

  it('batches with progress, and stops between batches when cancelled', async () => {
    const text = Array.from({ length: 10 }, (_, i) => `${i} ${i}`).join('\n');
    const progress: number[] = [];
    const r = await infer('regressor', text, { batchRows: 3, onProgress: (done) => progress.push(done) });
    assert.deepEqual(progress, [3, 6, 9, 10]);
    assert.deepEqual(
      r.timing.batches.map((b) => b.rows),
      [3, 3, 3, 1],
    );
    assert.deepEqual(
      Array.from(r.predictions.kind === 'values' ? r.predictions.values : [], (v) => Math.round(v)),
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    const abort = new AbortController();
    await rejects(
      infer('regressor', text, {
        batchRows: 3,
        signal: abort.signal,
        onProgress: (done) => {
          if (done >= 6) abort.abort();
        },
      }),
      'cancelled',
      'Inference was cancelled.',
    );
  });

  it('sessions are cached by path and modification time, and closed when unused', async () => {
    const short = new SessionCache({ idleMs: 30 });
    const first = await short.acquire(models.regressor!);
    first.release();
    const again = await short.acquire(models.regressor!);
    assert.equal(again.model, first.model, 'the same loaded model is reused');
    again.release();
    const later = new Date(Date.now() + 5_000);
    utimesSync(models.regressor!, later, later);
    const reloaded = await short.acquire(models.regressor!);
    assert.notEqual(reloaded.model, first.model, 'a modified file is loaded again');
    assert.equal(short.size, 1);
    reloaded.release();
    await waitFor(() => short.size === 0, { timeoutMs: 5_000, what: 'the idle session to close' });
    await short.dispose();
  });
});
