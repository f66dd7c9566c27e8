import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { loadSchemas } from '../../server/src/host/schemas';
import { createNodeHost } from '../../server/src/host/node-host';
import { fixture, FIXTURES, REPO_ROOT } from '../support/fixtures';

const service = createLanguageService(
  {},
  {
    schemas: loadSchemas(path.join(REPO_ROOT, 'schemas')),
    host: createNodeHost({
      workspaceFolders: [path.join(FIXTURES, 'features')],
      gpuProbe: async () => ({ status: 'no-driver' }),
    }),
  },
);
const credit = fixture('features/credit.experiment.yaml');

/** Completion after replacing the line that starts with `marker` by `replacement` (cursor at its end). */
async function completeAt(marker: string, replacement: string): Promise<CompletionItem[]> {
  const lines = credit.text.split('\n');
  const line = lines.findIndex((l) => l.startsWith(marker));
  assert.ok(line >= 0, `fixture has a line starting with ${JSON.stringify(marker)}`);
  lines[line] = replacement;
  return service.complete({ uri: credit.uri, text: lines.join('\n') }, { line, character: replacement.length });
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe('completion', () => {
  it('offers enum values for `optimizer:\\n  type: ` (adamw among them, with docs)', async () => {
    const text = credit.text.replace('  optimizer: {type: adam, learning_rate: 0.001}', '  optimizer:\n    type: ');
    const line = text.split('\n').findIndex((l) => l === '    type: ');
    const items = await service.complete({ uri: credit.uri, text }, { line, character: 10 });
    assert.deepEqual(labels(items).sort(), ['adagrad', 'adam', 'adamw', 'rmsprop', 'sgd']);
    assert.match(
      (items.find((i) => i.label === 'adamw')?.documentation as MarkupContent | undefined)?.value ?? '',
      /weight decay/i,
    );
  });

  it('offers the keys allowed at the cursor, minus those already there, required ones first', async () => {
    const items = await completeAt('  batch_size:', '  ');
    const keys = labels(items);
    for (const k of ['gradient_accumulation', 'schedule', 'checkpoint', 'max_steps'])
      assert.ok(keys.includes(k), `${k} offered`);
    for (const k of ['epochs', 'optimizer', 'loss', 'seed', 'precision'])
      assert.ok(!keys.includes(k), `${k} already present`);
  });

  it('offers whole-section snippets at the top level', async () => {
    const items = await completeAt('privacy:', 'depl');
    const section = items.find((i) => i.label === 'deployment (section)');
    assert.ok(section, labels(items).join(', '));
  });

  it('offers metric names the document knows for early_stopping.monitor', async () => {
    const text = credit.text.replace(
      '  early_stopping: {monitor: val_loss, mode: min, patience: 5}',
      '  early_stopping:\n    monitor: ',
    );
    const line = text.split('\n').findIndex((l) => l === '    monitor: ');
    const names = labels(await service.complete({ uri: credit.uri, text }, { line, character: 13 }));
    for (const n of ['val_loss', 'val_auc', 'train_loss', 'val_accuracy'])
      assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  });

  it('offers the CSV header columns for `data.target`', async () => {
    const names = labels(await completeAt('  target:', '  target: '));
    assert.deepEqual(names, [
      'income',
      'age',
      'employment_years',
      'debt_ratio',
      'credit_lines',
      'late_payments_12m',
      'loan_amount',
      'outcome',
    ]);
  });

  it('offers files for `data.train`', async () => {
    const names = labels(await completeAt('  train:', '  train: data/'));
    assert.deepEqual(names, ['data/applications.csv']);
  });

  it('offers nothing in YAML that is not a Liftoff document', async () => {
    assert.deepEqual(
      await service.complete(
        { uri: 'file:///tmp/compose.yaml', text: 'services:\n  web:\n    ' },
        { line: 2, character: 4 },
      ),
      [],
    );
  });
});

describe('hover', () => {
  const at = (needle: string, offset = 0) => {
    const i = credit.text.indexOf(needle);
    assert.ok(i >= 0);
    const before = credit.text.slice(0, i + offset);
    return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
  };

  it('shows the documentation of `batch_size` (with its Chinese term)', () => {
    const h = service.hover(credit, at('batch_size', 2));
    const value = (h?.contents as MarkupContent).value;
    assert.match(value, /\*\*training\.batch_size\*\*/);
    assert.match(value, /[\u4e00-\u9fff]/, 'a Chinese term is shown');
  });

  it('shows the formula on a metric name', () => {
    const h = service.hover(credit, at('val_auc, goal', 2));
    assert.match((h?.contents as MarkupContent).value, /ROC AUC/);
  });

  it("shows an enum value's own description", () => {
    const h = service.hover(credit, at('from_scratch', 2));
    assert.match((h?.contents as MarkupContent).value, /`from_scratch`: /);
  });
});

describe('outline, folding and code lenses', () => {
  it('lists the sections in order, with their keys as children', () => {
    const symbols = service.documentSymbols(credit);
    assert.deepEqual(
      symbols.map((s) => s.name),
      [
        'apiVersion',
        'kind',
        'metadata',
        'task',
        'data',
        'model',
        'training',
        'resources',
        'run',
        'metrics',
        'evaluation',
        'export',
        'inference',
        'privacy',
      ],
    );
    const training = symbols.find((s) => s.name === 'training');
    assert.ok(training?.children?.some((c) => c.name === 'optimizer'));
  });

  it('folds multi-line sections', () => {
    const folds = service.foldingRanges(credit);
    const lines = credit.text.split('\n');
    const training = lines.findIndex((l) => l === 'training:');
    assert.ok(folds.some((f) => f.startLine === training && f.endLine > training + 3));
  });

  it('puts "▶ Train" and "Show metrics" above `run:`', () => {
    const lenses = service.codeLenses(credit);
    const runLine = credit.text.split('\n').findIndex((l) => l === 'run:');
    assert.deepEqual(
      lenses.map((l) => [l.command?.title, l.command?.command, l.range.start.line]),
      [
        ['▶ Train', 'liftoff.train', runLine],
        ['Show metrics', 'liftoff.showMetrics', runLine],
      ],
    );
    assert.deepEqual(
      service.codeLenses({ uri: 'file:///x.plan.yaml', text: 'apiVersion: liftoff/v1\nkind: BusinessPlan\nrun: {}\n' }),
      [],
    );
  });
});
