import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { loadSchemas } from '../../server/src/host/schemas';
import { createNodeHost } from '../../server/src/host/node-host';
import {
  nameProblem,
  newDocument,
  slugOf,
  TEMPLATES,
  templatesOf,
  withName,
  type TemplateInfo,
} from '../../core/src/templates';
import { trainerConfigFromExperiment } from '../../core/src/trainer/config';
import { runBuiltinTrainer } from '../../core/src/trainer/run';
import { renderPlanMarkdown, renderStandaloneHtml } from '../../core/src/plan/render';
import { REPO_ROOT } from '../support/fixtures';

const TEMPLATES_ROOT = path.join(REPO_ROOT, 'templates');
const CASES = [
  'credit-risk',
  'medical-imaging',
  'demand-forecasting',
  'defect-detection',
  'customer-service',
  'education',
];

/** A new document made from `t` in a fresh folder, written to disk, validated with the real service and host. */
async function instantiateAndValidate(t: TemplateInfo, name: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-template-'));
  try {
    const doc = newDocument(TEMPLATES_ROOT, t, dir, name);
    for (const f of doc.files) {
      mkdirSync(path.dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.content);
    }
    const service = createLanguageService(
      {},
      {
        schemas: loadSchemas(path.join(REPO_ROOT, 'schemas')),
        host: createNodeHost({ workspaceFolders: [dir], gpuProbe: async () => ({ status: 'no-driver' }) }),
      },
    );
    const text = readFileSync(doc.main, 'utf8');
    const source = { uri: pathToFileURL(doc.main).toString(), text };
    const diagnostics = await service.validate(source);
    const preview = t.kind === 'BusinessPlan' ? service.planViewModel(source, diagnostics) : undefined;
    return { doc, text, diagnostics, dir, preview };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

describe('new from template (templates/ and core/src/templates)', () => {
  it('offers each case of DOMAIN.md as an experiment and as a plan', () => {
    assert.deepEqual(
      templatesOf('Experiment')
        .map((t) => t.id)
        .sort(),
      [...CASES].sort(),
    );
    assert.deepEqual(
      templatesOf('BusinessPlan')
        .map((t) => t.id)
        .sort(),
      [...CASES].sort(),
    );
  });

  for (const t of TEMPLATES)
    it(`${t.kind} “${t.title}” validates with no error or warning, with the real language service`, async function () {
      this.timeout(30_000);
      const { diagnostics, dir, preview } = await instantiateAndValidate(t, `My ${t.id} test`);
      try {
        if (preview) {
          // The plan previews: every section of the six-part plan is there, nothing reported missing.
          assert.equal(preview.status, 'ok');
          assert.deepEqual(preview.missing, []);
          assert.ok(preview.sections.length >= 12, `${preview.sections.length} sections`);
          // …and exports: standalone HTML and Markdown with the plan's name and its risk table.
          assert.match(renderStandaloneHtml(preview), new RegExp(`<h1[^>]*>My ${t.id} test</h1>`));
          assert.match(renderPlanMarkdown(preview), new RegExp(`^# My ${t.id} test$`, 'm'));
          assert.match(renderPlanMarkdown(preview), /Seed round slips|Series A slips/);
        }
        const serious = diagnostics.filter(
          (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
        );
        assert.deepEqual(
          serious.map((d) => `${d.range.start.line + 1}: ${d.code}: ${String(d.message)}`),
          [],
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

  for (const t of templatesOf('Experiment')) {
    const js = parse(readFileSync(path.join(TEMPLATES_ROOT, t.source, t.main), 'utf8')) as {
      run: { trainer: string };
      metrics: { primary: { name: string } };
    };
    if (js.run.trainer !== 'builtin') continue;
    it(`experiment “${t.id}” trains with the built-in trainer on the data it ships`, async function () {
      this.timeout(60_000);
      const config = trainerConfigFromExperiment(js, path.join(TEMPLATES_ROOT, t.source));
      const result = await runBuiltinTrainer(config);
      assert.ok(result.epochsRun >= 1);
      assert.ok(!result.aborted);
      const last = result.history[result.history.length - 1]!;
      const primary = (last as unknown as Record<string, number>)[js.metrics.primary.name];
      assert.ok(Number.isFinite(primary), `${js.metrics.primary.name} is reported`);
      // The synthetic data has signal: the model beats chance clearly (AUC/recall) or explains variance (MAE < spread).
      if (js.metrics.primary.name === 'val_auc') assert.ok(primary! > 0.65, `val_auc ${primary}`);
    });
  }

  it('makes an experiment a folder named after the document, with its data, without overwriting', () => {
    const t = TEMPLATES.find((x) => x.kind === 'Experiment' && x.id === 'credit-risk')!;
    const taken = new Set([path.join('/w', 'loan-default')]);
    const doc = newDocument(TEMPLATES_ROOT, t, '/w', 'Loan default', (p) => taken.has(p));
    assert.equal(doc.main, path.join('/w', 'loan-default-2', 'loan-default-2.experiment.yaml'));
    assert.equal(doc.files[0]!.path, doc.main);
    assert.ok(doc.files.some((f) => f.path === path.join('/w', 'loan-default-2', 'data', 'applications.csv')));
    assert.match(doc.files[0]!.content.toString(), /^metadata:\n {2}name: loan-default-2$/m);
  });

  it('makes a plan one file and keeps the name as written', () => {
    const t = TEMPLATES.find((x) => x.kind === 'BusinessPlan' && x.id === 'education')!;
    const doc = newDocument(TEMPLATES_ROOT, t, '/w', 'Course Guard: seed plan', () => false);
    assert.equal(doc.main, path.join('/w', 'course-guard-seed-plan.plan.yaml'));
    assert.equal(doc.files.length, 1);
    assert.match(doc.files[0]!.content.toString(), /^ {2}name: "Course Guard: seed plan"$/m);
  });

  it('names: slugs are file-safe, odd names are quoted, empty names are refused', () => {
    assert.equal(slugOf('  Crédit Risk / v2 '), 'credit-risk-v2');
    assert.equal(slugOf('風險'), 'untitled');
    assert.equal(withName('metadata:\n  name: x\n  date: 1\n', 'yes'), 'metadata:\n  name: "yes"\n  date: 1\n');
    assert.equal(nameProblem('  '), 'Give the new document a name.');
    assert.equal(nameProblem('ok'), undefined);
  });
});
