import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiftoffApi } from '../../../client/src/extension';
import { waitFor } from '../../support/wait';

const EXTENSION_ID = 'liftoff-dev.liftoff';

async function liftoff(): Promise<vscode.Extension<LiftoffApi>> {
  const ext = vscode.extensions.getExtension<LiftoffApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  await ext.activate();
  await ext.exports.ready();
  return ext;
}

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

async function diagnosticsOf(
  uri: vscode.Uri,
  pred: (d: readonly vscode.Diagnostic[]) => boolean,
): Promise<readonly vscode.Diagnostic[]> {
  await waitFor(() => pred(vscode.languages.getDiagnostics(uri)), {
    timeoutMs: 20_000,
    what: `diagnostics for ${uri.fsPath}`,
  });
  return vscode.languages.getDiagnostics(uri);
}

describe('Liftoff in a real VS Code', () => {
  it('runs inside VS Code 1.139 and activates', async () => {
    assert.match(vscode.version, /^1\.139\./, `VS Code version is ${vscode.version}`);
    const ext = await liftoff();
    assert.equal(ext.isActive, true);
  });

  it('registers every command the manifest contributes, and no undeclared liftoff command', async () => {
    const ext = await liftoff();
    const manifest = JSON.parse(readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ command: string; title: string; category: string }> };
    };
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    // VS Code registers its own commands for each contributed view (`liftoff.runs.focus`…): those are not ours.
    const views = new Set(['liftoff.runs']);
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('liftoff.') && !views.has(c.slice(0, c.lastIndexOf('.'))))
      .sort();
    assert.deepEqual(registered, declared);
    for (const c of manifest.contributes.commands)
      assert.equal(c.category, 'Liftoff', `${c.command} has the Liftoff category`);
  });

  it('has a handler in the commands table for every contributed command, and none other', async () => {
    const ext = await liftoff();
    const manifest = JSON.parse(readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ command: string }> };
    };
    // Not circular: activation registers the manifest's ids, but the table is built from the handlers' own specs.
    assert.deepEqual(
      [...(await ext.exports.commandIds())].sort(),
      manifest.contributes.commands.map((c) => c.command).sort(),
    );
  });

  it('shows EXP-001 on the right line of a broken experiment and the quick fix clears it', async () => {
    await liftoff();
    const uri = workspaceFile('broken/missing-header.experiment.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const all = await diagnosticsOf(uri, (ds) => ds.some((x) => x.code !== undefined));
    const d = all.find((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'EXP-001');
    assert.ok(d, 'EXP-001 is among the diagnostics');
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    assert.equal(code, 'EXP-001');
    assert.equal(d.range.start.line, 2);
    assert.equal(d.source, 'liftoff');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
    );
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.edit);
    assert.ok(fix?.edit, 'a quick fix is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const codeOf = (x: vscode.Diagnostic) => (typeof x.code === 'object' ? x.code.value : x.code);
    // The header is fixed; the sections this small file lacks are still (rightly) reported.
    const after = await diagnosticsOf(uri, (ds) => !ds.some((x) => codeOf(x) === 'EXP-001'));
    assert.ok(
      after.every((x) => codeOf(x) === 'SCHEMA'),
      after.map((x) => x.message).join('\n'),
    );
    assert.match(doc.getText(), /apiVersion: liftoff\/v1\nkind: Experiment\n/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('"Validate All Liftoff Documents" reports the workspace totals', async () => {
    await liftoff();
    const result = await vscode.commands.executeCommand<{ files: number; errors: number }>('liftoff.validateWorkspace');
    assert.ok(result, 'the command returns its totals');
    assert.ok(result.files >= 1, `checked ${result.files} files`);
    assert.ok(result.errors >= 1, 'the broken example has an error');
  });
});
