import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic } from './support';

describe('EXP-004 evaluation metrics fit the task', () => {
  it('passes classification metrics on a classification task', () => expectClean('exp-004/pass.experiment.yaml'));
  it('passes regression metrics on a regression task', () => expectClean('exp-003/pass.experiment.yaml'));

  it('flags accuracy and bleu on a regression task, each on its list item', async () => {
    const checked = await check('exp-004/fail.experiment.yaml');
    const [accuracy, bleu] = checked.diagnostics;
    assert.equal(checked.diagnostics.length, 2);
    expectDiagnostic(
      accuracy,
      'EXP-004',
      /`accuracy`, which is a classification metric, not one for a regression task.*use mse, mae, rmse, r2 or mape/,
      [9, 17, 9, 25],
    );
    expectDiagnostic(bleu, 'EXP-004', /`bleu`, which does not apply to a regression task/, [9, 31, 9, 35]);
    const fixed = await applyFix(checked, accuracy, /Remove `accuracy`/);
    assert.match(fixed.text, /metrics: \[mae, r2, bleu\]/);
    assert.equal(fixed.diagnostics.length, 1, 'only bleu is left');
    const last = await applyFix(checked, bleu, /Remove `bleu`/);
    assert.match(last.text, /metrics: \[mae, accuracy, r2\]/);
  });

  it('flags r2 on a classification task in a block list; the fix deletes its line', async () => {
    const checked = await check('exp-004/classification.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(
      checked.diagnostics[0],
      'EXP-004',
      /`r2`, which is a regression metric, not one for a classification task.*accuracy, precision, recall, f1, auc or log_loss/,
      [13, 6, 13, 8],
    );
    const fixed = await applyFix(checked, checked.diagnostics[0], /Remove `r2`/);
    assert.match(fixed.text, /    - accuracy\n    - f1\n$/);
    assert.deepEqual(fixed.diagnostics, []);
  });
});
