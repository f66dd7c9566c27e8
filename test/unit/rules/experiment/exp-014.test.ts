import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic, fixTitles } from './support';

describe('EXP-014 reduced precision needs a GPU', () => {
  it('passes bf16 on a GPU', () => expectClean('exp-014/pass.experiment.yaml'));

  it('flags fp16 on CPU with two fixes: fp32, or a GPU', async () => {
    const checked = await check('exp-014/fail.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const [d] = checked.diagnostics;
    expectDiagnostic(
      d,
      'EXP-014',
      /`training.precision` is `fp16` but `resources.accelerator` is `cpu`/,
      [6, 13, 6, 17],
    );
    const fp32 = await applyFix(checked, d, /precision` to `fp32`/);
    assert.match(fp32.text, /precision: fp32\n/);
    assert.deepEqual(fp32.diagnostics, []);
    const gpu = await applyFix(checked, d, /accelerator` to `gpu`/);
    assert.match(gpu.text, /accelerator: gpu\n/);
    assert.deepEqual(
      gpu.diagnostics.map((x) => x.code),
      ['EXP-015'],
      'a GPU now needs `gpus` (EXP-015)',
    );
  });

  it('flags bf16 when no accelerator is set', async () => {
    const checked = await check('exp-014/no-accelerator.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(
      checked.diagnostics[0],
      'EXP-014',
      /`bf16` but `resources.accelerator` is not set/,
      [6, 13, 6, 17],
    );
    assert.deepEqual(fixTitles(checked.diagnostics[0]), ['Change `training.precision` to `fp32`']);
  });
});
