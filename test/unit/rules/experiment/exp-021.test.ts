import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';

describe('EXP-021 sensitive data needs privacy; third-party data needs a licence', () => {
  it('passes financial data with a privacy block and internal data', () => expectClean('exp-021/pass.experiment.yaml'));
  it('passes health data from a partner with privacy and a licence', () => expectClean('exp-007/pass.experiment.yaml'));

  it('errs on health data without privacy and warns on scraped data without a licence', async () => {
    const { diagnostics } = await check('exp-021/fail.experiment.yaml');
    assert.equal(diagnostics.length, 2);
    expectDiagnostic(
      diagnostics[0],
      'EXP-021',
      /`data.sensitivity` is `health` but there is no `privacy` section/,
      [6, 15, 6, 21],
      DiagnosticSeverity.Error,
    );
    expectDiagnostic(
      diagnostics[1],
      'EXP-021',
      /`data.source` is `scraped` but `data.license` is not set/,
      [7, 10, 7, 17],
      DiagnosticSeverity.Warning,
    );
  });

  it('warns on personal data with an empty privacy section', async () => {
    const { diagnostics } = await check('exp-021/personal.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-021',
      /`personal` but the `privacy` section is empty/,
      [6, 15, 6, 23],
      DiagnosticSeverity.Warning,
    );
  });
});
