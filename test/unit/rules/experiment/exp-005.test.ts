import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic, fixTitles } from './support';

describe('EXP-005 multi-class precision/recall/F1 need an average', () => {
  it('passes a multi-class task with `average: macro`', () => expectClean('exp-005/pass.experiment.yaml'));
  it('passes a binary task with `average: binary`', () => expectClean('exp-002/pass.experiment.yaml'));

  it('flags the first averaged metric and inserts `average` after `metrics`', async () => {
    const checked = await check('exp-005/fail.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const [d] = checked.diagnostics;
    expectDiagnostic(
      d,
      'EXP-005',
      /`task.labels` has 6 classes and `evaluation.metrics` includes `f1`, `recall`.*`evaluation.average`.*`macro`.*`weighted`.*`micro`/,
      [11, 22, 11, 24],
    );
    assert.deepEqual(fixTitles(d), ['Add `average: macro`', 'Add `average: weighted`', 'Add `average: micro`']);
    const fixed = await applyFix(checked, d, /average: weighted/);
    assert.match(fixed.text, /  metrics: \[accuracy, f1, recall\]\n  average: weighted\n  thresholds:/);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('flags `average: binary` on three classes and offers the multi-class averages', async () => {
    const checked = await check('exp-005/binary-average.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(
      checked.diagnostics[0],
      'EXP-005',
      /`evaluation.average` is `binary`.*`task.labels` has 3 classes/,
      [11, 11, 11, 17],
    );
    const fixed = await applyFix(checked, checked.diagnostics[0], /to `macro`/);
    assert.match(fixed.text, /average: macro\n$/);
    assert.deepEqual(fixed.diagnostics, []);
  });
});
