import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiftoffApi } from '../../../client/src/extension';
import type { RunsNode } from '../../../client/src/runs/runs-tree';
import { RunStore } from '../../../core/src/runs/run-store';
import { waitFor } from '../../support/wait';

async function api(): Promise<LiftoffApi> {
  const ext = vscode.extensions.getExtension<LiftoffApi>('liftoff-dev.liftoff');
  assert.ok(ext);
  await ext.activate();
  await ext.exports.ready();
  return ext.exports;
}

/** The Runs view's rows, as the user sees them: "experiment › run-id: description". */
async function runsView(liftoff: LiftoffApi): Promise<string[]> {
  const rows: string[] = [];
  const { tree } = await liftoff.runs();
  for (const exp of await tree.getChildren()) {
    for (const run of await tree.getChildren(exp)) {
      const item = await tree.getTreeItem(run);
      rows.push(
        `${(exp as Extract<RunsNode, { kind: 'experiment' }>).name} › ${String(item.label)}: ${String(item.description)}`,
      );
    }
  }
  return rows;
}

describe('Training from VS Code', function () {
  this.timeout(120_000);

  it('"▶ Train" starts a run; the Runs view shows it running, then succeeded with its primary metric', async () => {
    const liftoff = await api();
    const folder = vscode.workspace.workspaceFolders![0]!;
    const uri = vscode.Uri.joinPath(folder.uri, 'credit-risk', 'credit-risk.experiment.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const train = lenses.find((l) => l.command?.title === '▶ Train');
    assert.ok(train?.command, 'the Train code lens is there');
    const run = await vscode.commands.executeCommand<{ dir: string; record: { id: string } } | undefined>(
      train.command.command,
      ...(train.command.arguments ?? []),
    );
    assert.ok(run, 'the command returns the started run');
    const seen = new Set<string>();
    await waitFor(
      async () => {
        const row = (await runsView(liftoff)).find((r) => r.includes(run.record.id)) ?? '';
        for (const state of ['running', 'succeeded', 'failed']) if (row.includes(state)) seen.add(state);
        return /succeeded|failed|cancelled/.test(row);
      },
      { timeoutMs: 90_000, intervalMs: 100, what: 'the run to finish in the Runs view' },
    );
    const row = (await runsView(liftoff)).find((r) => r.includes(run.record.id))!;
    assert.match(row, /^credit-risk-mlp › \d{8}-\d{6}-\w+: succeeded · \d+s · [\d.]+ CPU-h · val_auc 0\.\d+/, row);
    assert.ok(seen.has('running') || seen.has('succeeded'), `states seen: ${[...seen].join(', ')}`);
    const record = await RunStore.read(run.dir);
    assert.equal(record?.state, 'succeeded');
    assert.ok(record?.git === undefined || typeof record.git.commit === 'string');
    assert.equal(path.basename(path.dirname(run.dir)), 'credit-risk-mlp');
  });
});
