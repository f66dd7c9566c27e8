import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyFix, checkFile, expectDiagnostic, fixTitles, workspace, xdocService } from './support';

const DIR = workspace('xdoc-003');
const service = xdocService(DIR);
const plan = (name: string) => checkFile(service, path.join(DIR, name), 'XDOC-003');

describe('XDOC-003 sensitive experiment data needs a mitigated data risk', () => {
  it('passes a plan with a `category: data` risk that has a mitigation, and a plan whose experiments use public data', async () => {
    assert.deepEqual((await plan('pass.plan.yaml')).diagnostics, []);
    assert.deepEqual((await plan('public.plan.yaml')).diagnostics, []);
  });

  it('warns on `risks` when no risk covers data, naming each experiment and its sensitivity; the fix appends one', async () => {
    const checked = await plan('fail.plan.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const d = checked.diagnostics[0];
    expectDiagnostic(
      d,
      'XDOC-003',
      /^`health.experiment.yaml` trains on health data and `finance.experiment.yaml` on financial data \(`data.sensitivity`\), but no risk has `category: data`: add a data risk/,
      [24, 0, 24, 5],
      DiagnosticSeverity.Warning,
    );
    const fixed = await applyFix(service, checked, d, /Add a data risk with a mitigation stub/);
    assert.match(
      fixed.text,
      /\n {2}- \{id: r-data, title: Sensitive training data exposed or misused, category: data, likelihood: 2, impact: 4, response: mitigate, mitigation: \[Anonymization, Access control, Data-processing agreements\]\}\n$/,
    );
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('warns when the data risk has no mitigation, and fixes it with a mitigation stub', async () => {
    const checked = await plan('unmitigated.plan.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(
      checked.diagnostics[0],
      'XDOC-003',
      /^`health.experiment.yaml` trains on health data \(`data.sensitivity`\), but data risk `r-breach` has no mitigation: say how the data is protected/,
      [8, 0, 8, 5],
    );
    const fixed = await applyFix(service, checked, checked.diagnostics[0], /Add a mitigation stub/);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('without a `risks` section, reports on the link to the sensitive experiment and adds the section', async () => {
    const checked = await plan('no-risks.plan.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const d = checked.diagnostics[0];
    expectDiagnostic(
      d,
      'XDOC-003',
      /^`health.experiment.yaml` trains on health data \(`data.sensitivity`\), but the plan has no risks/,
      [10, 6, 10, 28],
    );
    assert.deepEqual(fixTitles(d), ['Add a data risk with a mitigation stub']);
    const fixed = await applyFix(service, checked, d, /Add a data risk/);
    assert.match(fixed.text, /\nrisks:\n {2}- id: r-data\n/);
    assert.deepEqual(fixed.diagnostics, []);
  });
});
