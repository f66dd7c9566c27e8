import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic, fixTitles } from './support';

describe('EXP-009 epochs xor max_steps', () => {
  it('passes `epochs` alone', () => expectClean('exp-009/pass.experiment.yaml'));
  it('passes `max_steps` alone', () => expectClean('exp-009/steps.experiment.yaml'));

  it('flags both on the later key with two fixes that delete a whole line', async () => {
    const checked = await check('exp-009/fail.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const [d] = checked.diagnostics;
    expectDiagnostic(d, 'EXP-009', /`training.epochs` and `training.max_steps` are both set/, [7, 2, 7, 11]);
    assert.deepEqual(fixTitles(d), ['Remove `max_steps`', 'Remove `epochs`']);
    const noSteps = await applyFix(checked, d, /Remove `max_steps`/);
    assert.match(noSteps.text, /training:\n  epochs: 10\n  batch_size: 32\n  loss: cross_entropy\n(?!  )/);
    assert.deepEqual(noSteps.diagnostics, []);
    const noEpochs = await applyFix(checked, d, /Remove `epochs`/);
    assert.match(noEpochs.text, /training:\n  batch_size: 32\n  max_steps: 5000\n/);
    assert.deepEqual(noEpochs.diagnostics, []);
  });

  it('flags a training section with neither on its key', async () => {
    const { diagnostics } = await check('exp-009/neither.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'EXP-009', /sets neither `epochs` nor `max_steps`/, [4, 0, 4, 8]);
  });

  it('flags a fractional epoch count and zero steps, in every document of the file', async () => {
    const { diagnostics } = await check('exp-009/not-integer.experiment.yaml');
    assert.equal(diagnostics.length, 2);
    expectDiagnostic(
      diagnostics[0],
      'EXP-009',
      /`training.epochs` is `2.5`: it must be a positive whole number/,
      [5, 10, 5, 13],
    );
    expectDiagnostic(
      diagnostics[1],
      'EXP-009',
      /`training.max_steps` is `0`: it must be a positive whole number/,
      [12, 13, 12, 14],
    );
  });
});
