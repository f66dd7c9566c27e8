import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic, fixTitles } from './support';

describe('PLAN-014 KPI direction and percentage range', () => {
  it('passes targets that move in their direction', () => expectClean('plan-014/pass.plan.yaml'));

  it('warns on targets against their direction and on a percentage above 100', async () => {
    const checked = await check('plan-014/fail.plan.yaml');
    const d = checked.diagnostics;
    assert.equal(d.length, 3);
    expectDiagnostic(
      d[0],
      'PLAN-014',
      /KPI `kpi-turnaround` should decrease but its target 60 is above its baseline 52/,
      [10, 12, 10, 14],
    );
    expectDiagnostic(
      d[1],
      'PLAN-014',
      /KPI `kpi-sens` is a percentage \(`unit: pct`\) but its target is 120: use a value from 0 to 100/,
      [12, 71, 12, 74],
    );
    expectDiagnostic(
      d[2],
      'PLAN-014',
      /KPI `kpi-flat` should increase but its target 10 is equal to its baseline 10/,
      [13, 66, 13, 68],
    );
    assert.deepEqual(fixTitles(d[2]), [], 'no direction fixes an unchanged target');
    const fixed = await applyFix(checked, d[0], /Change direction to increase/);
    assert.match(fixed.text, /target: 60\n    direction: increase\n/);
    assert.equal(fixed.diagnostics.length, 2);
  });
});
