import * as assert from 'node:assert/strict';
import { check, expectClean, expectDiagnostic } from './support';

describe('EXP-019 the builtin trainer takes tabular CSV classification/regression', () => {
  it('passes a tabular CSV regression on the builtin trainer', () => expectClean('exp-019/pass.experiment.yaml'));

  it('flags an image detection task on each offending value', async () => {
    const { diagnostics } = await check('exp-019/fail.experiment.yaml');
    assert.equal(diagnostics.length, 3);
    expectDiagnostic(
      diagnostics[0],
      'EXP-019',
      /`task.type` is `detection` but the builtin trainer .* CSV data only/,
      [5, 8, 5, 17],
    );
    expectDiagnostic(diagnostics[1], 'EXP-019', /`task.domain` is `vision`/, [6, 10, 6, 16]);
    expectDiagnostic(
      diagnostics[2],
      'EXP-019',
      /`data.format` is `image_folder`.*`run.trainer: command`/,
      [9, 10, 9, 22],
    );
  });

  it('flags a Parquet training file when no format is given', async () => {
    const { diagnostics } = await check('exp-019/parquet.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'EXP-019', /`data.train` is a `.parquet` file/, [8, 9, 8, 28]);
  });
});
