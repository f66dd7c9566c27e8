import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyFix, checkFile, expectDiagnostic, fixTitles, workspace, xdocService } from './support';

const DIR = workspace('xdoc-002');
const service = xdocService(DIR);
const plan = (name: string, text?: string) => checkFile(service, path.join(DIR, name), 'XDOC-002', text);

describe('XDOC-002 KPI metrics and targets agree with the linked experiment', () => {
  it('passes KPIs measured by evaluated (`val_` prefixed) or tracked metrics, with targets within the thresholds', async () => {
    assert.deepEqual((await plan('pass.plan.yaml')).diagnostics, []);
  });

  it('flags a pct target below the threshold minimum, comparing 92 % as 0.92 with 0.95', async () => {
    const checked = await plan('fail.plan.yaml');
    const d = checked.diagnostics.find((x) => x.range.start.line === 11);
    expectDiagnostic(
      d,
      'XDOC-002',
      /^KPI `kpi-sens` targets 92% \(0.92 as a fraction\) for `recall`, below the minimum 0.95 that `nodule.experiment.yaml` accepts \(`evaluation.thresholds.recall.min`\).*e\.g\. 95/,
      [11, 12, 11, 14],
      DiagnosticSeverity.Warning,
    );
    const fixed = await applyFix(service, checked, d, /Change the target to 95/);
    assert.match(fixed.text, /    target: 95\n/);
    assert.equal(fixed.diagnostics.filter((x) => x.range.start.line === 11).length, 0);
  });

  it('flags a target to decrease that lies above the threshold maximum', async () => {
    const { diagnostics } = await plan('fail.plan.yaml');
    expectDiagnostic(
      diagnostics.find((x) => x.range.start.line === 17),
      'XDOC-002',
      /KPI `kpi-loss` targets 0.5 for `val_loss`, above the maximum 0.3 that `nodule.experiment.yaml` accepts \(`evaluation.thresholds.val_loss.max`\)/,
      [17, 78, 17, 81],
    );
  });

  it('flags metrics the experiment does not compute, with its metrics listed and a fix for synonyms and typos', async () => {
    const checked = await plan('fail.plan.yaml');
    assert.equal(checked.diagnostics.length, 5);
    const [, synonym, typo, unknown] = checked.diagnostics;
    expectDiagnostic(
      synonym,
      'XDOC-002',
      /^KPI `kpi-syn` is measured by `sensitivity`, which `nodule.experiment.yaml` does not compute: its `evaluation.metrics` are `accuracy`, `recall`, `specificity` and `auc` and it tracks `train_loss`, `val_loss`, `val_recall` and `val_auc`\. `sensitivity` is called `recall` there\.$/,
      [14, 158, 14, 169],
    );
    assert.deepEqual(fixTitles(synonym), ['Change to `recall`']);
    expectDiagnostic(typo, 'XDOC-002', /`specifity`, which .* Did you mean `specificity`\?$/, [15, 158, 15, 167]);
    expectDiagnostic(
      unknown,
      'XDOC-002',
      /`dice`, which .* Add `dice` to the experiment's `evaluation.metrics` or measure the KPI with one of its metrics\.$/,
      [16, 154, 16, 158],
    );
    assert.deepEqual(fixTitles(unknown), []);
    const fixed = await applyFix(service, checked, typo, /Change to `specificity`/);
    assert.equal(fixed.diagnostics.length, 4);
  });

  it('stays silent when the link is broken (XDOC-001 reports it) or the document is unsaved', async () => {
    const text = (await plan('fail.plan.yaml')).doc.text;
    assert.deepEqual(
      (await plan('fail.plan.yaml', text.replace(/nodule\.experiment/g, 'gone.experiment'))).diagnostics,
      [],
    );
    assert.deepEqual(
      (await service.validate({ uri: 'untitled:plan', text })).filter((d) => d.code === 'XDOC-002'),
      [],
    );
  });
});
