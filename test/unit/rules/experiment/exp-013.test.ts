import * as assert from 'node:assert/strict';
import { check, expectClean, expectDiagnostic } from './support';

describe('EXP-013 fine-tuning needs pretrained weights', () => {
  it('passes finetune with `model.pretrained`', () => expectClean('exp-013/pass.experiment.yaml'));

  it('flags finetune without `model.pretrained` on the mode', async () => {
    const { diagnostics } = await check('exp-013/fail.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-013',
      /`training.mode` is `finetune`.*`model.pretrained` is not set/,
      [7, 8, 7, 16],
    );
  });

  it('treats an empty `pretrained: {}` as missing', async () => {
    const { diagnostics } = await check('exp-013/empty-pretrained.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'EXP-013', /`training.mode` is `feature_extraction`/, [8, 8, 8, 26]);
  });
});
