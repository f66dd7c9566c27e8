import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-015 financing rounds and channels', () => {
  it('passes rounds in date order (day and month dates mixed) from several channels', () =>
    expectClean('plan-015/pass.plan.yaml'));

  it('flags a single channel, a round out of order and a zero amount', async () => {
    const { diagnostics } = await check('plan-015/fail.plan.yaml');
    assert.equal(diagnostics.length, 3);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-015',
      /Only one financing channel \(venture_capital\)/,
      [6, 12, 6, 29],
      DiagnosticSeverity.Warning,
    );
    expectDiagnostic(
      diagnostics[1],
      'PLAN-015',
      /Round `Angel` \(2025-10\) is listed after `Seed` \(2026-06\): list the rounds in date order/,
      [9, 26, 9, 33],
      DiagnosticSeverity.Error,
    );
    expectDiagnostic(
      diagnostics[2],
      'PLAN-015',
      /Round `Series A` raises 0/,
      [10, 46, 10, 47],
      DiagnosticSeverity.Error,
    );
  });
});
