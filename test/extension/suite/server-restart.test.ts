/**
 * Issue 12, "Server restart": a document that crashes the language server (the test hook LIFTOFF_TEST_CRASH_MARKER,
 * set by sessions.ts; see server.ts crashForTests) makes the client spend its restart budget, after which the
 * language status item says "stopped" and why, commands that need the server refuse and say so, and
 * "Liftoff: Restart Language Server" brings it back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LiftoffApi } from '../../../client/src/extension';
import { descendants, liftoffServers } from '../../support/process-table';
import { waitFor } from '../../support/wait';

describe('Language server crashes', function () {
  this.timeout(240_000);

  it('a crashing document spends the restart budget; the status says stopped; Restart brings the server back', async () => {
    const ext = vscode.extensions.getExtension<LiftoffApi>('liftoff-dev.liftoff')!;
    await ext.activate();
    const api = ext.exports;
    await api.ready();
    const marker = process.env.LIFTOFF_TEST_CRASH_MARKER;
    assert.ok(marker, 'LIFTOFF_TEST_CRASH_MARKER is set by test/extension/sessions.ts');

    const crashing = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: `apiVersion: liftoff/v1\nkind: Experiment\n# ${marker}\n`,
    });
    await vscode.window.showTextDocument(crashing);
    let last = await api.serverStatus();
    await waitFor(async () => (last = await api.serverStatus()).state === 'stopped', {
      timeoutMs: 150_000,
      what: 'the server to stay stopped',
    }).catch((err: Error) => {
      throw new Error(`${err.message}; the status says ${JSON.stringify(last)}`);
    });
    const stopped = await api.serverStatus();
    assert.match(stopped.text, /Liftoff stopped/);
    assert.match(stopped.detail ?? '', /stopped 5 times within 3 minutes.*Restart Language Server/s);
    assert.deepEqual(
      liftoffServers(ext.extensionPath, descendants(process.pid)).map((p) => p.cmd),
      [],
      'no server process is left',
    );
    // A command that needs the server refuses (it says why, with a Restart button) instead of failing.
    assert.equal(await vscode.commands.executeCommand('liftoff.validateWorkspace'), undefined);

    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('liftoff.restartServer');
    await waitFor(async () => (await api.serverStatus()).state === 'running', {
      timeoutMs: 60_000,
      what: 'the server to run again',
    });
    const result = await vscode.commands.executeCommand<{ files: number }>('liftoff.validateWorkspace');
    assert.ok(result && result.files >= 1, 'validation answers again');
  });
});
