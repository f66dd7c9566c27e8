import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-017 overdue milestones', () => {
  it('passes when nothing is due before the plan date', () => expectClean('plan-017/pass.plan.yaml'));

  it('informs on due dates before the plan date unless done or cancelled (a due month counts until its end)', async () => {
    const { diagnostics } = await check('plan-017/fail.plan.yaml');
    assert.equal(diagnostics.length, 2);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-017',
      /Milestone `m-data` was due 2026-03, before the plan date 2026-04-15, and is not done \(status: in_progress\)/,
      [7, 61, 7, 68],
      DiagnosticSeverity.Information,
    );
    expectDiagnostic(
      diagnostics[1],
      'PLAN-017',
      /Milestone `m-ethics` was due 2026-04-10, .*\(no status\)/,
      [11, 48, 11, 58],
    );
  });
});
