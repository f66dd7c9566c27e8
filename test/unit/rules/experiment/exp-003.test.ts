import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic, fixTitles } from './support';

describe('EXP-003 loss fits the task', () => {
  it('passes a regression task with a huber loss', () => expectClean('exp-003/pass.experiment.yaml'));
  it('passes a binary classifier with bce', () => expectClean('exp-002/pass.experiment.yaml'));

  it('flags a regression loss on a classification task and offers cross_entropy / bce', async () => {
    const checked = await check('exp-003/fail.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const [d] = checked.diagnostics;
    expectDiagnostic(
      d,
      'EXP-003',
      /`training.loss` is `mse`, a regression loss, but `task.type` is `classification`: use `cross_entropy`.*`bce`/,
      [10, 8, 10, 11],
    );
    assert.deepEqual(fixTitles(d), ['Change `training.loss` to `cross_entropy`', 'Change `training.loss` to `bce`']);
    const fixed = await applyFix(checked, d, /to `cross_entropy`/);
    assert.match(fixed.text, /\n  loss: cross_entropy\n/);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('flags a classification loss on a regression task on the value, not the comment', async () => {
    const checked = await check('exp-003/regression.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(
      checked.diagnostics[0],
      'EXP-003',
      /`cross_entropy`, a classification loss, but `task.type` is `regression`: use `mse`, `mae` or `huber`/,
      [9, 8, 9, 21],
    );
    const fixed = await applyFix(checked, checked.diagnostics[0], /to `huber`/);
    assert.match(fixed.text, /loss: huber # copied from a classifier/);
    assert.deepEqual(fixed.diagnostics, []);
  });
});
