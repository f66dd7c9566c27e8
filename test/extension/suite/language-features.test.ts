import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../../support/wait';

const EXPERIMENT = `apiVersion: liftoff/v1
kind: Experiment
metadata:
  name: vscode-features
task:
  type: classification
data:
  train: data/train.csv
  format: csv
model:
  architecture: mlp
training:
  epochs: 5
  batch_size: 32
  optimizer:
    type: 
run:
  trainer: builtin
`;

async function openExperiment(): Promise<vscode.TextDocument> {
  const ext = vscode.extensions.getExtension<{ ready(): Promise<void> }>('liftoff-dev.liftoff');
  await ext?.activate();
  await ext?.exports.ready();
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: EXPERIMENT });
  await vscode.window.showTextDocument(doc);
  return doc;
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `${needle} in the document`);
  return doc.positionAt(i + delta);
}

describe('Liftoff language features in a real VS Code', () => {
  it('completion at `optimizer:\\n  type: ` offers adamw', async () => {
    const doc = await openExperiment();
    const pos = positionOf(doc, '    type: ', '    type: '.length);
    let labels: string[] = [];
    await waitFor(
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          doc.uri,
          pos,
        );
        labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return labels.includes('adamw');
      },
      { timeoutMs: 20_000, what: 'adamw in the completion list' },
    );
    for (const l of ['sgd', 'adam', 'adamw']) assert.ok(labels.includes(l), `${l} offered`);
  });

  it('hover on batch_size shows its documentation', async () => {
    const doc = await openExperiment();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionOf(doc, 'batch_size', 3),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /training\.batch_size/);
    assert.match(text, /[Ss]amples/);
  });

  it('the outline lists the sections', async () => {
    const doc = await openExperiment();
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      doc.uri,
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['apiVersion', 'kind', 'metadata', 'task', 'data', 'model', 'training', 'run'],
    );
  });

  it('shows "▶ Train" and "Show metrics" above run:, bound to the training and metrics commands', async () => {
    const doc = await openExperiment();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.deepEqual(
      lenses.map((l) => [l.command?.title, l.command?.command]),
      [
        ['▶ Train', 'liftoff.train'],
        ['Show metrics', 'liftoff.showMetrics'],
      ],
    );
    assert.equal(lenses[0]!.range.start.line, doc.getText().split('\n').indexOf('run:'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
