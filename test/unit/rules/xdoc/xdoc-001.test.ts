import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyFix, checkFile, expectDiagnostic, fixTitles, workspace, xdocService } from './support';

const DIR = workspace('xdoc-001');
const service = xdocService(DIR);
const plan = (name: string) => checkFile(service, path.join(DIR, name), 'XDOC-001');
const experiment = (name: string) => checkFile(service, path.join(DIR, 'experiments', name), 'XDOC-001');

describe('XDOC-001 linked documents resolve to the right kind', () => {
  it('passes a plan whose solution, milestone and KPI links all name an Experiment', async () => {
    assert.deepEqual((await plan('pass.plan.yaml')).diagnostics, []);
  });

  it('says which link is broken and how: missing file, wrong kind, not a Liftoff document, a folder', async () => {
    const { diagnostics } = await plan('fail.plan.yaml');
    assert.equal(diagnostics.length, 6);
    const [missing, typo, wrongKind, notLiftoff, folder, kpi] = diagnostics;
    expectDiagnostic(
      missing,
      'XDOC-001',
      /^`solution.linked_experiments` links `experiments\/missing.experiment.yaml`, which does not exist \(looked for .*missing\.experiment\.yaml\)\. Links are relative to this file's folder\.$/,
      [9, 6, 9, 41],
      DiagnosticSeverity.Error,
    );
    assert.deepEqual(fixTitles(missing), [], 'no similarly named experiment');
    expectDiagnostic(
      typo,
      'XDOC-001',
      /links `experiments\/nodle.experiment.yaml`, which does not exist .*Did you mean `experiments\/nodule.experiment.yaml`\?$/,
      [10, 6, 10, 39],
    );
    expectDiagnostic(
      wrongKind,
      'XDOC-001',
      /links `experiments\/other.plan.yaml`, which is a BusinessPlan, not an Experiment: link an Experiment document \(`kind: Experiment`\)\.$/,
      [11, 6, 11, 33],
    );
    expectDiagnostic(
      notLiftoff,
      'XDOC-001',
      /links `experiments\/notes.yaml`, which is not a Liftoff document \(it has no `kind: Experiment`\)/,
      [12, 6, 12, 28],
    );
    expectDiagnostic(
      folder,
      'XDOC-001',
      /links `experiments`, which is a folder, not an Experiment document\.$/,
      [13, 6, 13, 17],
    );
    expectDiagnostic(
      kpi,
      'XDOC-001',
      /^`measured_by.experiment` of KPI `kpi-sens` links `nodule.experiment.yaml`, which does not exist .* Did you mean `experiments\/nodule.experiment.yaml`\?$/,
      [23, 30, 23, 52],
    );
  });

  it('fixes a near-miss with the relative path of the workspace experiment it meant', async () => {
    const checked = await plan('fail.plan.yaml');
    const typo = checked.diagnostics[1];
    assert.deepEqual(fixTitles(typo), ['Change to `experiments/nodule.experiment.yaml`']);
    const fixed = await applyFix(service, checked, typo, /Change to/);
    assert.match(fixed.text, /    - experiments\/nodule\.experiment\.yaml\n/);
    assert.equal(fixed.diagnostics.length, 5);
    const kpi = await applyFix(
      service,
      checked,
      checked.diagnostics[5],
      /Change to `experiments\/nodule.experiment.yaml`/,
    );
    assert.match(kpi.text, /measured_by: \{experiment: experiments\/nodule\.experiment\.yaml, metric: recall\}/);
  });

  it("checks an experiment's `metadata.linked_plan` is a BusinessPlan", async () => {
    assert.deepEqual((await experiment('nodule.experiment.yaml')).diagnostics, []);
    const wrong = await experiment('wrong-plan.experiment.yaml');
    assert.equal(wrong.diagnostics.length, 1);
    expectDiagnostic(
      wrong.diagnostics[0],
      'XDOC-001',
      /^`metadata.linked_plan` links `nodule.experiment.yaml`, which is an Experiment, not a BusinessPlan: link a BusinessPlan document/,
      [4, 15, 4, 37],
    );
    const typo = await experiment('typo-plan.experiment.yaml');
    assert.equal(typo.diagnostics.length, 1);
    expectDiagnostic(
      typo.diagnostics[0],
      'XDOC-001',
      /links `\.\.\/pas.plan.yaml`, which does not exist .* Did you mean `\.\.\/pass.plan.yaml`\?$/,
      [4, 15, 4, 31],
    );
    const fixed = await applyFix(service, typo, typo.diagnostics[0], /Change to `\.\.\/pass\.plan\.yaml`/);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('leaves unsaved documents, URIs and `${…}` paths alone', async () => {
    const text = (await plan('fail.plan.yaml')).doc.text;
    assert.deepEqual(
      (await service.validate({ uri: 'untitled:Untitled-1', text })).filter((d) => d.code === 'XDOC-001'),
      [],
    );
    const remote = text
      .replace('experiments/missing.experiment.yaml', 's3://bucket/x.experiment.yaml')
      .replace('experiments/nodle.experiment.yaml', '"${workspace}/x.experiment.yaml"');
    assert.equal(
      (await checkFile(service, path.join(DIR, 'fail.plan.yaml'), 'XDOC-001', remote)).diagnostics.length,
      4,
    );
  });
});
