import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic, fixTitles } from './support';

describe('PLAN-008 unique ids and resolving references', () => {
  it('passes a plan whose references all resolve', () => expectClean('plan-008/pass.plan.yaml'));

  it('flags a reused id and every dangling reference on its value', async () => {
    const checked = await check('plan-008/fail.plan.yaml');
    const d = checked.diagnostics;
    assert.equal(d.length, 6);
    expectDiagnostic(
      d[0],
      'PLAN-008',
      /`kpi: kpi-speed` does not name a KPI \(known ids: `kpi-sens`\)/,
      [7, 35, 7, 44],
    );
    expectDiagnostic(
      d[1],
      'PLAN-008',
      /`owner: ml2` does not name a team member \(known ids: `ceo`, `ml1`, `pm1`\)/,
      [14, 45, 14, 48],
    );
    expectDiagnostic(d[2], 'PLAN-008', /`depends_on: m-design` does not name a milestone/, [17, 53, 17, 61]);
    expectDiagnostic(
      d[3],
      'PLAN-008',
      /Id `ceo` is already used by the team member on line 11: ids must be unique/,
      [19, 9, 19, 12],
    );
    expectDiagnostic(d[4], 'PLAN-008', /`contingency: cp-missing` does not name a contingency plan/, [19, 90, 19, 100]);
    expectDiagnostic(d[5], 'PLAN-008', /`owner: cfo` does not name a team member/, [27, 38, 27, 41]);
    assert.deepEqual(fixTitles(d[2]), [], 'no guess for a name far from every id');
    assert.deepEqual(fixTitles(d[5]), ['Change to `ceo`']);
    const fixed = await applyFix(checked, d[1], /Change to `ml1`/);
    assert.match(fixed.text, /owner: ml1\}/);
    assert.equal(fixed.diagnostics.length, 5);
  });
});
