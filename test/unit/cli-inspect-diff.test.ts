import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { FIXTURES } from '../support/fixtures';

describe('liftoff inspect --nodes / --diff', function () {
  this.timeout(30_000);
  const gpu = path.join(FIXTURES, 'gpu');
  const cli = cliIn(gpu);

  it('--nodes lists every node with its output shape, parameters and MACs, and the totals per batch item', async () => {
    const r = await cli('inspect', 'runs/gpu-bf16/model.onnx', '--nodes');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Nodes \(5\):/);
    assert.match(r.out, /Gemm\s+\[batch, 256\]\s+4\.35 k\s+4\.10 k/);
    assert.match(r.out, /Total: 37,764 parameters; 37\.4 k MACs, [\d.]+ k FLOPs per batch/);
  });

  it('--diff of two versions of a model: the opsets and the changed weights; exit 1 because they differ', async () => {
    const r = await cli('inspect', 'external-data/model.onnx', '--diff', 'runs/gpu-bf16/model.onnx');
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^Comparing external-data\/model\.onnx \(a\) with runs\/gpu-bf16\/model\.onnx \(b\)/);
    assert.match(r.out, /Opsets: ai\.onnx 17 → ai\.onnx 18/);
    assert.match(r.out, /Parameters: 37,764 → 37,764/);
  });

  it('--diff of a model with itself says so and exits 0; JSON carries the same facts', async () => {
    const r = await cli('inspect', 'runs/gpu-bf16/model.onnx', '--diff', 'runs/gpu-bf16/model.onnx');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /the same inputs, outputs, opsets, operators, weights and nodes/);
    const j = JSON.parse(
      (await cli('inspect', 'external-data/model.onnx', '--diff', 'runs/gpu-bf16/model.onnx', '--format', 'json')).out,
    ) as { same: boolean; opsets: unknown };
    assert.equal(j.same, false);
    assert.deepEqual(j.opsets, { a: 'ai.onnx 17', b: 'ai.onnx 18' });
  });

  it('names the file that is not a model, and rejects a value given to --nodes', async () => {
    const r = await cli('inspect', 'runs/gpu-bf16/model.onnx', '--diff', 'runs/gpu-bf16/metrics.jsonl');
    assert.equal(r.code, 2);
    assert.match(r.err, /^liftoff inspect: runs\/gpu-bf16\/metrics\.jsonl is not an ONNX model/);
    const v = await cli('inspect', 'runs/gpu-bf16/model.onnx', '--nodes=yes');
    assert.equal(v.code, 2);
    assert.match(v.err, /option '--nodes' takes no value/);
  });
});
