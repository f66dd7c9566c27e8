import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic } from './support';

describe('EXP-011 metric references and their mode', () => {
  it('passes monitor, save_best and primary metrics that are tracked, with fitting modes', () =>
    expectClean('exp-011/pass.experiment.yaml'));

  it('flags a wrong mode (fix: replace it) and an untracked metric', async () => {
    const checked = await check('exp-011/fail.experiment.yaml');
    const [mode, untracked, goal] = checked.diagnostics;
    assert.equal(checked.diagnostics.length, 3);
    expectDiagnostic(
      mode,
      'EXP-011',
      /`training.early_stopping.mode` is `max` but for `val_loss` lower is better: use `min`/,
      [15, 10, 15, 13],
    );
    expectDiagnostic(
      untracked,
      'EXP-011',
      /`training.checkpoint.save_best.metric` is `val_auc`, which the run neither tracks .* nor evaluates/,
      [19, 24, 19, 31],
    );
    expectDiagnostic(
      goal,
      'EXP-011',
      /`metrics.primary.goal` is `min` but for `val_accuracy` higher is better: use `max`/,
      [23, 10, 23, 13],
    );
    const fixedMode = await applyFix(checked, mode, /Change `mode` to `min`/);
    assert.match(fixedMode.text, /monitor: val_loss\n    mode: min\n/);
    assert.equal(fixedMode.diagnostics.length, 2);
    const fixedGoal = await applyFix(checked, goal, /Change `goal` to `max`/);
    assert.match(fixedGoal.text, /name: val_accuracy\n    goal: max\n/);
    assert.equal(fixedGoal.diagnostics.length, 2);
  });
});
