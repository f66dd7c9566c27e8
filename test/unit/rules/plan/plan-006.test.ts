import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-006 runway reaches the next round', () => {
  it('passes 10 months of runway before a round 5 months out', () => expectClean('plan-006/pass.plan.yaml'));

  it('warns on the cash when it runs out before the next planned round', async () => {
    const { diagnostics } = await check('plan-006/fail.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-006',
      /Runway is 4 months \(cash_on_hand ¥1\.2M ÷ monthly_burn ¥300k\): from the plan date 2026-01-15 the cash runs out around 2026-05-15, before the next planned round `Seed` \(2026-06\)/,
      [7, 16, 7, 23],
      DiagnosticSeverity.Warning,
    );
  });
});
