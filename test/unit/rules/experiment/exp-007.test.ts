import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';

describe('EXP-007 health data split by group', () => {
  it('passes health data split by patient', () => expectClean('exp-007/pass.experiment.yaml'));

  it('warns on `strategy: random` with health data', async () => {
    const { diagnostics } = await check('exp-007/fail.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-007',
      /`data.sensitivity` is `health` and `data.split.strategy` is `random`.*same patient.*`strategy: by_group`/,
      [8, 62, 8, 68],
      DiagnosticSeverity.Warning,
    );
  });

  it('warns on the `split` key when no strategy is given', async () => {
    const { diagnostics } = await check('exp-007/no-strategy.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-007',
      /`data.split.strategy` is not set/,
      [6, 2, 6, 7],
      DiagnosticSeverity.Warning,
    );
  });
});
