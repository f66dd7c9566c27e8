/**
 * Liftoff's inference on models that PyTorch 2.11 exported after training on an H200 (test/gpu/run.sh), against
 * onnxruntime for Python on the same rows: the raw rows go in, Liftoff applies the model card's standardisation
 * itself, and the probabilities must agree with Python's. One of the models keeps its weights in model.onnx.data beside
 * model.onnx (what PyTorch's exporter wrote by default), which must load from its path like any other.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runInference } from '../../../../core/src/inference/infer';
import { SessionCache } from '../../../../core/src/inference/session-cache';
import { FIXTURES } from '../../../support/fixtures';

interface Check {
  opset: number[];
  external_data: string[];
  used: string[];
  reference: { rows: number[][]; probabilities: number[][]; labels: string[] };
}

const MODELS = ['runs/gpu-bf16', 'runs/gpu-torchrun', 'external-data'];

describe('inference on GPU-trained PyTorch exports, compared with onnxruntime for Python', function () {
  this.timeout(30_000);
  const cache = new SessionCache();
  after(() => cache.dispose());

  for (const model of MODELS) {
    it(`${model}: the same labels and probabilities (|Δ| < 1e-5) as Python on 64 rows`, async () => {
      const dir = path.join(FIXTURES, 'gpu', model);
      const check = JSON.parse(readFileSync(path.join(dir, 'onnx-check.json'), 'utf8')) as Check;
      const header = check.reference.rows[0]!.map((_, i) => `f${i}`).join(',');
      const text = [header, ...check.reference.rows.map((r) => r.join(','))].join('\n');
      const result = await runInference(cache, { model: path.join(dir, 'model.onnx'), text });
      assert.equal(result.facts.preprocessing.kind, 'standardize', 'the model card next to the model was applied');
      const p = result.predictions;
      assert.equal(p.kind, 'classification');
      if (p.kind !== 'classification') return;
      assert.deepEqual(p.labels, ['class_0', 'class_1', 'class_2', 'class_3']);
      const n = check.reference.rows.length;
      const labels = Array.from({ length: n }, (_, i) => p.labels[p.top[i * p.k]!]);
      assert.deepEqual(labels, check.reference.labels);
      let worst = 0;
      check.reference.probabilities.forEach((row, i) =>
        row.forEach((q, c) => {
          worst = Math.max(worst, Math.abs(p.probabilities[i * p.classes + c]! - q));
        }),
      );
      assert.ok(worst < 1e-5, `largest difference ${worst}`);
    });
  }

  it('the fixtures cover both export styles: one self-contained file (opset 18) and weights in external data (opset 17)', () => {
    const checks = MODELS.map(
      (m) => JSON.parse(readFileSync(path.join(FIXTURES, 'gpu', m, 'onnx-check.json'), 'utf8')) as Check,
    );
    assert.deepEqual(
      checks.map((c) => c.external_data),
      [[], [], ['model.onnx.data']],
    );
    assert.deepEqual(
      checks.map((c) => c.opset),
      [[18], [18], [17]],
    );
  });
});
