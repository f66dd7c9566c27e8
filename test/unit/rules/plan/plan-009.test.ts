import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-009 milestone schedule', () => {
  it('passes a schedule in order (a dependent may start in the month its dependency is due)', () =>
    expectClean('plan-009/pass.plan.yaml'));

  it('flags start after due, cycles and a dependent that starts too early', async () => {
    const { diagnostics } = await check('plan-009/fail.plan.yaml');
    assert.equal(diagnostics.length, 4);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-009',
      /Milestone `m-a` is due 2026-03, before it starts \(2026-05\)/,
      [6, 53, 6, 60],
      DiagnosticSeverity.Error,
    );
    expectDiagnostic(diagnostics[1], 'PLAN-009', /cycle: m-b → m-c → m-b/, [8, 74, 8, 77], DiagnosticSeverity.Error);
    expectDiagnostic(
      diagnostics[2],
      'PLAN-009',
      /Milestone `m-d` starts 2026-02-01, before its dependency `m-e` is due \(2026-04-30\)/,
      [9, 39, 9, 49],
      DiagnosticSeverity.Warning,
    );
    expectDiagnostic(diagnostics[3], 'PLAN-009', /cycle: m-f → m-f/, [11, 70, 11, 73]);
  });
});
