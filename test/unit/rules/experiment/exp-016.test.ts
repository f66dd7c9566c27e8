import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, expectClean, expectDiagnostic } from './support';
import { parseCount } from '../../../../server/src/service/rules/experiment/exp-016-memory-estimate';

describe('EXP-016 training memory estimate', () => {
  it('passes BERT-base (110M parameters, fp32) on 24 GB', () => expectClean('exp-016/pass.experiment.yaml'));
  it('passes a 7.6B model sharded with DeepSpeed', () => expectClean('exp-015/pass.experiment.yaml'));

  it('warns that 7B parameters in bf16 with AdamW need more than 24 GB, showing the arithmetic', async () => {
    const { diagnostics } = await check('exp-016/fail.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-016',
      /at least 52\.2 GiB per GPU, more than `resources.gpu_memory_gb: 24`: 7,000,000,000 parameters × 2 bytes \(bf16\) × 4 \(weights, gradients and Adam's two moment estimates\)/,
      [14, 17, 14, 19],
      DiagnosticSeverity.Warning,
    );
  });

  it('reads parameter counts with suffixes', () => {
    assert.equal(parseCount('7B'), 7e9);
    assert.equal(parseCount('110M'), 110e6);
    assert.equal(parseCount('1.5k'), 1500);
    assert.equal(parseCount('25600000'), 25.6e6);
    assert.equal(parseCount('seven'), undefined);
  });
});
