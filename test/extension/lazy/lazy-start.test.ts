/**
 * Issue 25 in a real VS Code: in a workspace without Liftoff documents, opening a Kubernetes manifest and a GitHub
 * Actions workflow activates the extension (onLanguage:yaml) but starts no language server and loads no features
 * bundle; opening an experiment then starts the server and brings its diagnostics.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiftoffApi } from '../../../client/src/extension';
import { holdsFor } from '../../support/holds';
import { descendants, liftoffServers } from '../../support/process-table';
import { waitFor } from '../../support/wait';

/** Liftoff servers started by this extension host (not by a test of the same tree running elsewhere). */
const ourServers = () =>
  liftoffServers(vscode.extensions.getExtension('liftoff-dev.liftoff')!.extensionPath, descendants(process.pid));

describe('Liftoff in a workspace without Liftoff documents', function () {
  this.timeout(90_000);
  const ext = vscode.extensions.getExtension<LiftoffApi>('liftoff-dev.liftoff')!;
  const folder = () => vscode.workspace.workspaceFolders![0]!.uri;

  it('opening Kubernetes and GitHub Actions YAML starts no Liftoff server and loads no features', async () => {
    assert.ok(ext, 'the extension is installed');
    for (const rel of ['k8s/deployment.yaml', '.github/workflows/ci.yml', 'docker-compose.yml']) {
      await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), rel)),
        { preview: false },
      );
    }
    await waitFor(() => ext.isActive, { timeoutMs: 20_000, what: 'activation on onLanguage:yaml' });
    assert.deepEqual(
      ourServers().map((p) => p.cmd),
      [],
      'no server process right after activation',
    );
    await holdsFor(() => !ext.exports.featuresLoaded() && ourServers().length === 0, {
      ms: 3_000,
      what: 'no features bundle and no Liftoff server process while only other YAML is open',
    });
    assert.equal((await ext.exports.serverStatus()).state, 'not started');
  });

  it('opening an experiment then starts the server and shows its diagnostics', async () => {
    const file = path.join(folder().fsPath, 'first.experiment.yaml');
    writeFileSync(file, 'kind: Experiment\nmetadata:\n  name: first\n');
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(
      () =>
        vscode.languages
          .getDiagnostics(uri)
          .some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'EXP-001'),
      { timeoutMs: 30_000, what: 'EXP-001 on the experiment' },
    );
    assert.equal(ext.exports.featuresLoaded(), true);
    assert.equal(ourServers().length, 1, 'one Liftoff server process');
  });
});
