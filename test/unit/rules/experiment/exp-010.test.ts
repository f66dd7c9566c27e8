import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';

describe('EXP-010 optimizer values', () => {
  it('passes SGD with lr 0.01 and momentum 0.9', () => expectClean('exp-010/pass.experiment.yaml'));
  it('passes AdamW with lr 2e-5', () => expectClean('exp-005/pass.experiment.yaml'));

  it('flags a zero learning rate and momentum ≥ 1 as errors', async () => {
    const { diagnostics } = await check('exp-010/fail.experiment.yaml');
    assert.equal(diagnostics.length, 2);
    expectDiagnostic(
      diagnostics[0],
      'EXP-010',
      /`training.optimizer.learning_rate` is 0: it must be greater than 0 and at most 1/,
      [8, 19, 8, 20],
      DiagnosticSeverity.Error,
    );
    expectDiagnostic(
      diagnostics[1],
      'EXP-010',
      /`training.optimizer.momentum` is 1.2: it must be at least 0 and below 1/,
      [9, 14, 9, 17],
      DiagnosticSeverity.Error,
    );
  });

  it('warns on Adam above 0.01 and errs on a learning rate above 1', async () => {
    const { diagnostics } = await check('exp-010/adam-high.experiment.yaml');
    assert.equal(diagnostics.length, 2);
    expectDiagnostic(
      diagnostics[0],
      'EXP-010',
      /is 0.1, high for `adam`.*1e-5 to 1e-3/,
      [6, 41, 6, 44],
      DiagnosticSeverity.Warning,
    );
    expectDiagnostic(
      diagnostics[1],
      'EXP-010',
      /is 5: it must be greater than 0 and at most 1/,
      [14, 40, 14, 41],
      DiagnosticSeverity.Error,
    );
  });
});
