import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic } from './support';

describe('EXP-020 augmentation is for training data only', () => {
  it('passes augmentation on train and deterministic preprocessing', () => expectClean('exp-020/pass.experiment.yaml'));

  it('flags validation/test in `applies_to` (fix removes them) and random ops in preprocessing', async () => {
    const checked = await check('exp-020/fail.experiment.yaml');
    assert.equal(checked.diagnostics.length, 4);
    // Diagnostics come sorted by position: preprocessing (lines 9-10) before augmentation (line 12).
    const [crop, flip, validation, test] = checked.diagnostics;
    expectDiagnostic(
      validation,
      'EXP-020',
      /`data.augmentation.applies_to` includes `validation`: augmentation is for training data only/,
      [11, 24, 11, 34],
    );
    expectDiagnostic(test, 'EXP-020', /includes `test`/, [11, 36, 11, 40]);
    expectDiagnostic(
      crop,
      'EXP-020',
      /`data.preprocessing` contains `random_crop`, a random operation.*move it to `data.augmentation`/,
      [8, 11, 8, 22],
    );
    expectDiagnostic(flip, 'EXP-020', /contains `horizontal_flip`/, [9, 10, 9, 25]);
    const fixed = await applyFix(checked, validation, /Remove `validation`/);
    assert.match(fixed.text, /applies_to: \[train, test\]/);
    const fixed2 = await applyFix(checked, test, /Remove `test`/);
    assert.match(fixed2.text, /applies_to: \[train, validation\]/);
  });

  it('removes a block list item by line and replaces a scalar with `train`', async () => {
    const checked = await check('exp-020/block.experiment.yaml');
    assert.equal(checked.diagnostics.length, 2);
    expectDiagnostic(checked.diagnostics[0], 'EXP-020', /includes `test`/, [9, 8, 9, 12]);
    expectDiagnostic(checked.diagnostics[1], 'EXP-020', /includes `validation`/, [19, 29, 19, 39]);
    const block = await applyFix(checked, checked.diagnostics[0], /Remove `test`/);
    assert.match(block.text, /applies_to:\n      - train\ntraining:/);
    const scalar = await applyFix(checked, checked.diagnostics[1], /`train` only/);
    assert.match(scalar.text, /augmentation: \{applies_to: train\}/);
    assert.equal(scalar.diagnostics.length, 1, 'the other document still has its own');
  });
});
