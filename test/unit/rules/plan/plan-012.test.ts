import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-012 risk coverage', () => {
  it('passes a fintech plan with technical, market, financial, data and legal risks', () =>
    expectClean('plan-012/pass.plan.yaml'));
  it('leaves an empty risk list to PLAN-001', () => expectClean('plan-001/pass.plan.yaml', 'PLAN-012'));

  it('lists the missing categories, sector ones included, on the risks key', async () => {
    const { diagnostics } = await check('plan-012/fail.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-012',
      /^No `market` or `financial` risk: every plan needs .*; and `metadata.sector` is healthcare, so `data` and `legal_compliance` risks are expected too \(patient data/,
      [6, 0, 6, 5],
      DiagnosticSeverity.Warning,
    );
  });

  it('names a single missing sector category', async () => {
    const { diagnostics } = await check('plan-012/sector-only.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-012',
      /^`metadata.sector` is fintech, so a `legal_compliance` risk is expected too/,
      [6, 0, 6, 5],
    );
  });
});
