import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-003 market size funnel', () => {
  it('passes TAM ≥ SAM ≥ SOM with years and sources', () => expectClean('plan-003/pass.plan.yaml'));

  it('errs on a SOM above the SAM of the same year and warns on a figure without a source', async () => {
    const { diagnostics } = await check('plan-003/fail.plan.yaml');
    assert.equal(diagnostics.length, 2);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-003',
      /`market.size.tam` has no `source`: a market figure needs/,
      [7, 4, 7, 7],
      DiagnosticSeverity.Warning,
    );
    expectDiagnostic(
      diagnostics[1],
      'PLAN-003',
      /SOM \(¥80M\) is larger than SAM \(¥60M\) for 2026: .*SOM ≤ SAM ≤ TAM/,
      [10, 13, 10, 19],
      DiagnosticSeverity.Error,
    );
  });

  it('does not compare figures of different years; a bare value lacks year and source', async () => {
    const { diagnostics } = await check('plan-003/years.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'PLAN-003', /`market.size.tam` has no `source` and no `year`/, [9, 4, 9, 7]);
  });
});
