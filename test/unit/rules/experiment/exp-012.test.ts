import * as assert from 'node:assert/strict';
import { check, expectClean, expectDiagnostic } from './support';

describe('EXP-012 early stopping needs validation data', () => {
  it('passes early stopping with a validation fraction', () => expectClean('exp-012/pass.experiment.yaml'));
  it('passes early stopping with a validation file', () => expectClean('exp-005/pass.experiment.yaml'));

  it('flags early stopping without validation data on its key', async () => {
    const { diagnostics } = await check('exp-012/fail.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-012',
      /`training.early_stopping` is set but the experiment has no validation data/,
      [9, 2, 9, 16],
    );
  });
});
