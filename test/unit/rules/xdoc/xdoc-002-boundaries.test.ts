/**
 * XDOC-002 boundaries the fixture tests leave open: every synonym, the `val_`/`test_` prefix only at the start, the
 * primary metric and a scalar metrics entry, empty names, the typo distance at its limit, KPIs without a link or a
 * metric, the exact threshold key before a prefixed one, the pct comparison at a bound of 1, and a target equal to the
 * bound.
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LanguageService } from '../../../../server/src/service';
import { checkText, fixTitles, tempWorkspace, xdocService } from './support';

const exp = (body: string) => `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: x}\n${body}\n`;

describe('XDOC-002 boundaries', () => {
  let dir: string;
  let service: LanguageService;
  before(() => {
    dir = tempWorkspace('xdoc002b', {
      'syn.experiment.yaml': exp('evaluation: {metrics: [recall, auc, f1, auc_pr, specificity]}'),
      'tracked.experiment.yaml': exp('metrics: {primary: {name: main_score, goal: max}, track: [val_recall]}'),
      'empty.experiment.yaml': exp('task: {type: classification}'),
      'scalar.experiment.yaml': exp('evaluation: {metrics: recall_val_auc}'),
      'blank.experiment.yaml': exp('evaluation: {metrics: [recall, "", ~]}'),
      'thr.experiment.yaml': exp(
        [
          'evaluation:',
          '  metrics: [recall, val_recall, loss, prec, big]',
          '  thresholds:',
          '    recall: {min: 0.5}',
          '    val_recall: {min: 0.9}',
          '    loss: {max: 0.3}',
          '    prec: {min: 1}',
          '    big: {min: 50}',
        ].join('\n'),
      ),
    });
    service = xdocService(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const plan = (...kpis: string[]) =>
    [
      'apiVersion: liftoff/v1',
      'kind: BusinessPlan',
      'metadata: {name: kpis, date: 2026-01-15}',
      'kpis:',
      ...kpis.map((k) => `  - ${k}`),
      '',
    ].join('\n');
  const kpi = (experiment: string, metric: string, rest = 'unit: ratio, target: 0.8, direction: increase') =>
    `{id: k-${metric || 'none'}, name: K, ${rest}, measured_by: {experiment: ${experiment}, metric: ${metric}}}`;
  const check = async (...kpis: string[]) => (await checkText(service, dir, plan(...kpis), 'XDOC-002')).diagnostics;
  const messages = async (...kpis: string[]) => (await check(...kpis)).map((d) => String(d.message));

  it('names every synonym by what the experiment calls it', async () => {
    const synonyms: Record<string, string> = {
      sensitivity: 'recall',
      tpr: 'recall',
      true_positive_rate: 'recall',
      hit_rate: 'recall',
      roc_auc: 'auc',
      auc_roc: 'auc',
      auroc: 'auc',
      f1_score: 'f1',
      average_precision: 'auc_pr',
      pr_auc: 'auc_pr',
      tnr: 'specificity',
      true_negative_rate: 'specificity',
    };
    for (const [synonym, name] of Object.entries(synonyms)) {
      const [d, ...more] = await check(kpi('syn.experiment.yaml', synonym));
      assert.equal(more.length, 0, synonym);
      assert.ok(
        String(d?.message).endsWith(` \`${synonym}\` is called \`${name}\` there.`),
        `${synonym}: ${String(d?.message)}`,
      );
      assert.deepEqual(fixTitles(d), [`Change to \`${name}\``], synonym);
      assert.equal(d?.severity, DiagnosticSeverity.Warning);
    }
  });

  it('names the synonym but changes the link to the prefixed name the experiment tracks', async () => {
    const [d] = await check(kpi('tracked.experiment.yaml', 'sensitivity'));
    assert.equal(
      d?.message,
      'KPI `k-sensitivity` is measured by `sensitivity`, which `tracked.experiment.yaml` does not compute: it has no `evaluation.metrics` and it tracks `val_recall` and `main_score`. `sensitivity` is called `recall` there.',
    );
    assert.deepEqual(fixTitles(d), ['Change to `val_recall`']);
  });

  it('accepts a metric with a `val_`/`test_` prefix or another case, the primary metric, and a scalar metrics entry', async () => {
    assert.deepEqual(
      await check(
        kpi('syn.experiment.yaml', 'val_recall'),
        kpi('syn.experiment.yaml', 'test_specificity'),
        kpi('syn.experiment.yaml', 'AUC'),
        kpi('tracked.experiment.yaml', 'recall'),
        kpi('tracked.experiment.yaml', 'main_score'),
        kpi('scalar.experiment.yaml', 'recall_val_auc'),
      ),
      [],
    );
  });

  it('strips the prefix only at the start of a name', async () => {
    assert.deepEqual(await messages(kpi('scalar.experiment.yaml', 'recall_auc')), [
      "KPI `k-recall_auc` is measured by `recall_auc`, which `scalar.experiment.yaml` does not compute: its `evaluation.metrics` are `recall_val_auc`. Add `recall_auc` to the experiment's `evaluation.metrics` or measure the KPI with one of its metrics.",
    ]);
  });

  it('leaves empty names out of the list, and says when the experiment has no metrics at all', async () => {
    assert.deepEqual(await messages(kpi('blank.experiment.yaml', 'dice'), kpi('empty.experiment.yaml', 'dice')), [
      "KPI `k-dice` is measured by `dice`, which `blank.experiment.yaml` does not compute: its `evaluation.metrics` are `recall`. Add `dice` to the experiment's `evaluation.metrics` or measure the KPI with one of its metrics.",
      "KPI `k-dice` is measured by `dice`, which `empty.experiment.yaml` does not compute: it has no `evaluation.metrics`. Add `dice` to the experiment's `evaluation.metrics` or measure the KPI with one of its metrics.",
    ]);
  });

  it('guesses a name within a third of the length (at least 1) and no further', async () => {
    // `recaxx`: 6 letters, 2 edits from `recall`.
    const [near] = await check(kpi('blank.experiment.yaml', 'recaxx'));
    assert.ok(String(near?.message).endsWith(' Did you mean `recall`?'), String(near?.message));
    assert.deepEqual(fixTitles(near), ['Change to `recall`']);
    const [far] = await check(kpi('blank.experiment.yaml', 'rexxxl'));
    assert.ok(String(far?.message).endsWith('or measure the KPI with one of its metrics.'), String(far?.message));
    assert.deepEqual(fixTitles(far), []);
  });

  it('skips KPIs without a link, a metric or a measured_by, and checks the next one', async () => {
    const ds = await check(
      '{id: k-a, name: A, target: 1}',
      '{id: k-b, name: B, measured_by: {metric: dice}}',
      '{id: k-c, name: C, measured_by: {experiment: syn.experiment.yaml}}',
      '{id: k-d, name: D, measured_by: {experiment: syn.experiment.yaml, metric: ""}}',
      '{id: k-e, name: E, measured_by: {experiment: "", metric: dice}}',
      kpi('syn.experiment.yaml', 'dice'),
    );
    assert.equal(ds.length, 1);
    assert.match(String(ds[0]?.message), /^KPI `k-dice` is measured by `dice`/);
  });

  it('takes the threshold of the exact name before one of the same metric with another prefix', async () => {
    // `val_recall` has its own bound 0.9; `recall`'s is 0.5.
    const [exact] = await messages(kpi('thr.experiment.yaml', 'val_recall'));
    assert.match(
      String(exact),
      /targets 0\.8 for `val_recall`, below the minimum 0\.9 .*`evaluation\.thresholds\.val_recall\.min`/,
    );
    assert.deepEqual(await messages(kpi('thr.experiment.yaml', 'recall')), []);
    // Only a prefixed name has a bound: it applies.
    const [prefixed] = await messages(kpi('thr.experiment.yaml', 'test_recall', 'target: 0.4, direction: increase'));
    assert.match(
      String(prefixed),
      /targets 0\.4 for `test_recall`, below the minimum 0\.5 .*`evaluation\.thresholds\.recall\.min`/,
    );
  });

  it('compares a target equal to the bound as agreeing, and needs a direction', async () => {
    assert.deepEqual(await messages(kpi('thr.experiment.yaml', 'loss', 'target: 0.3, direction: decrease')), []);
    assert.equal((await messages(kpi('thr.experiment.yaml', 'loss', 'target: 0.31, direction: decrease'))).length, 1);
    assert.deepEqual(await messages(kpi('thr.experiment.yaml', 'recall', 'target: 0.5, direction: increase')), []);
    assert.deepEqual(await messages(kpi('thr.experiment.yaml', 'loss', 'target: 0.9')), []);
    assert.deepEqual(await messages(kpi('thr.experiment.yaml', 'loss', 'target: 0.9, direction: stable')), []);
  });

  it('reads a pct target as a fraction for bounds up to 1, and as it is above', async () => {
    const [one] = await messages(kpi('thr.experiment.yaml', 'prec', 'unit: pct, target: 90, direction: increase'));
    assert.match(
      String(one),
      /^KPI `k-prec` targets 90% \(0\.9 as a fraction\) for `prec`, below the minimum 1 .*\(e\.g\. 100\)/,
    );
    const [big] = await messages(kpi('thr.experiment.yaml', 'big', 'unit: pct, target: 40, direction: increase'));
    assert.match(String(big), /^KPI `k-big` targets 40 for `big`, below the minimum 50 .*\(e\.g\. 50\)/);
  });
});
