import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic } from './support';
import { rescaleToOne } from '../../../../server/src/service/rules/experiment/rescale';

describe('EXP-006 split fractions', () => {
  it('passes a 0.7 / 0.15 / 0.15 stratified split', () => expectClean('exp-006/pass.experiment.yaml'));

  it('flags a split summing to 1.1 on `split`; the fix rescales to exactly 1', async () => {
    const checked = await check('exp-006/fail.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const [d] = checked.diagnostics;
    expectDiagnostic(
      d,
      'EXP-006',
      /fractions sum to 1\.1 \(train 0\.8 \+ validation 0\.1 \+ test 0\.2\), not 1/,
      [6, 2, 6, 7],
    );
    const fixed = await applyFix(checked, d, /Rescale the split to 0\.73 \/ 0\.09 \/ 0\.18/);
    assert.match(fixed.text, /train: 0\.73\n    validation: 0\.09\n    test: 0\.18\n/);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('turns percentages into fractions', async () => {
    const checked = await check('exp-006/percent.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(checked.diagnostics[0], 'EXP-006', /sum to 100 .*percentages\?/, [6, 2, 6, 7]);
    const fixed = await applyFix(checked, checked.diagnostics[0], /Rescale/);
    assert.match(fixed.text, /split: \{train: 0\.7, validation: 0\.15, test: 0\.15\}/);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('flags zero fractions on their values', async () => {
    const { diagnostics } = await check('exp-006/zero.experiment.yaml');
    assert.equal(diagnostics.length, 2);
    expectDiagnostic(
      diagnostics[0],
      'EXP-006',
      /`data.split.validation` is 0: a split fraction must be between 0 and 1/,
      [6, 34, 6, 35],
    );
    expectDiagnostic(diagnostics[1], 'EXP-006', /`data.split.test` is 0/, [6, 43, 6, 44]);
  });

  it('flags `by_group` without a `group_key` on the strategy', async () => {
    const { diagnostics } = await check('exp-006/group.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'EXP-006', /`by_group` but `data.split.group_key` is not set/, [6, 49, 6, 57]);
  });

  it('rescales with as few decimals as sum exactly to 1', () => {
    assert.deepEqual(rescaleToOne([1, 1, 1]), ['0.34', '0.33', '0.33']);
    assert.deepEqual(rescaleToOne([3, 2, 1]), ['0.5', '0.33', '0.17']);
    assert.deepEqual(rescaleToOne([80, 10, 10]), ['0.8', '0.1', '0.1']);
    assert.equal(rescaleToOne([0, 1]), undefined);
    for (const v of [
      [0.6, 0.3, 0.3],
      [3, 2, 1],
      [0.001, 0.5, 0.6],
    ]) {
      const out = rescaleToOne(v)!.map(Number);
      assert.ok(Math.abs(out.reduce((s, x) => s + x, 0) - 1) < 1e-9, `${v} → ${out}`);
    }
  });
});
