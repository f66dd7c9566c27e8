import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic } from './support';

describe('EXP-015 GPU count, distribution and launcher', () => {
  it('passes two 4-GPU A100 nodes with deepspeed on Slurm', () => expectClean('exp-015/pass.experiment.yaml'));
  it('passes one GPU', () => expectClean('exp-005/pass.experiment.yaml'));

  it('flags a GPU run without `gpus` and inserts `gpus: 1`', async () => {
    const checked = await check('exp-015/fail.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(
      checked.diagnostics[0],
      'EXP-015',
      /`resources.accelerator` is `gpu` but `resources.gpus` is not set/,
      [7, 15, 7, 18],
    );
    const fixed = await applyFix(checked, checked.diagnostics[0], /Add `gpus: 1`/);
    assert.match(fixed.text, /  accelerator: gpu\n  gpus: 1\n  gpu_type: a100\n/);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('flags `gpus: 0` on a GPU run', async () => {
    const checked = await check('exp-015/zero-gpus.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(checked.diagnostics[0], 'EXP-015', /`resources.gpus` is `0`.*at least 1/, [8, 8, 8, 9]);
    assert.deepEqual((await applyFix(checked, checked.diagnostics[0], /gpus` to 1/)).diagnostics, []);
  });

  it('flags four GPUs on one node without a distributed strategy; the fix adds torchrun', async () => {
    const checked = await check('exp-015/multi-gpu.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(
      checked.diagnostics[0],
      'EXP-015',
      /`resources.gpus` is 4 on one node but `run.distributed` is not set/,
      [8, 8, 8, 9],
    );
    const fixed = await applyFix(checked, checked.diagnostics[0], /distributed: torchrun/);
    assert.match(fixed.text, /"\$\{config\}"\]\n  distributed: torchrun\n$/);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('flags two nodes with the local launcher; the fix switches to Slurm', async () => {
    const checked = await check('exp-015/multi-node.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(
      checked.diagnostics[0],
      'EXP-015',
      /`resources.nodes` is 2 but `run.launcher` is `local`.*`run.launcher: slurm`/,
      [9, 9, 9, 10],
    );
    const fixed = await applyFix(checked, checked.diagnostics[0], /launcher: slurm/);
    assert.match(fixed.text, /launcher: slurm\n$/);
    assert.deepEqual(fixed.diagnostics, []);
  });
});
