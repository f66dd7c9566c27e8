import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic } from './support';

describe('PLAN-011 a risk response has what it needs', () => {
  it('passes transfer with a loan or insurance, accept with a contingency, mitigate with a mitigation', () =>
    expectClean('plan-011/pass.plan.yaml'));

  it('flags each response on its value (a high risk without mitigation is left to PLAN-010)', async () => {
    const checked = await check('plan-011/fail.plan.yaml');
    const d = checked.diagnostics;
    assert.equal(d.length, 3);
    expectDiagnostic(
      d[0],
      'PLAN-011',
      /Risk `r-cash` is transferred \(`response: transfer`\) but its mitigation names no instrument/,
      [6, 99, 6, 107],
    );
    expectDiagnostic(
      d[1],
      'PLAN-011',
      /Risk `r-demand` is accepted \(`response: accept`\) but has no `contingency`/,
      [7, 107, 7, 113],
    );
    expectDiagnostic(
      d[2],
      'PLAN-011',
      /Risk `r-churn` is mitigated \(`response: mitigate`\) but has no `mitigation`/,
      [13, 14, 13, 22],
    );
    const fixed = await applyFix(checked, d[2], /Add a mitigation stub \(Pilot customers, Staged launch\)/);
    assert.match(
      fixed.text,
      /    response: mitigate\n    mitigation: {2}# suggested for a market risk: adapt to your plan\n      - Pilot customers\n      - Staged launch\n  - \{id: r-high/,
    );
    assert.equal(fixed.diagnostics.length, 2);
  });
});
