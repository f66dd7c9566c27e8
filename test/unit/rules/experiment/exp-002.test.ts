import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic } from './support';

describe('EXP-002 classification labels', () => {
  it('passes a binary task with two labels and a positive label', () => expectClean('exp-002/pass.experiment.yaml'));
  it('passes a multi-class task without a positive label', () => expectClean('exp-002/multiclass.experiment.yaml'));

  it('flags a duplicate label (fix removes it) and a positive label that is not a class', async () => {
    const checked = await check('exp-002/fail.experiment.yaml');
    const [dup, positive] = checked.diagnostics;
    assert.equal(checked.diagnostics.length, 2);
    expectDiagnostic(dup, 'EXP-002', /`good` is listed twice/, [9, 6, 9, 10]);
    expectDiagnostic(
      positive,
      'EXP-002',
      /`task.positive_label` is `bad`, which is not one of `task.labels` \(`good`, `default`\)/,
      [10, 18, 10, 21],
    );
    const fixed = await applyFix(checked, dup, /Remove the duplicate `good`/);
    assert.match(fixed.text, /    - default\n  positive_label/);
    assert.deepEqual(
      fixed.diagnostics.map((d) => String(d.message)).filter((m) => /twice/.test(m)),
      [],
    );
  });

  it('passes a classification task that takes its classes from the data (no `labels`)', () =>
    expectClean('exp-002/from-data.experiment.yaml'));

  it('flags an empty `labels:` on its key', async () => {
    const { diagnostics } = await check('exp-002/empty.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'EXP-002', /`task.labels` is empty: list the class names/, [6, 2, 6, 8]);
  });

  it('flags a single class', async () => {
    const { diagnostics } = await check('exp-002/one-class.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'EXP-002', /at least two distinct classes.*only `spam`/, [6, 10, 6, 16]);
  });

  it('asks a two-class task for its positive label', async () => {
    const { diagnostics } = await check('exp-002/binary.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-002',
      /two classes \(`normal`, `lesion`\).*set `task.positive_label`/,
      [6, 10, 6, 26],
    );
  });
});
