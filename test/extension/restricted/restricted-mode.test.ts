/**
 * Issue 12, Restricted Mode end to end, in a real VS Code with Workspace Trust on and this folder untrusted
 * (sessions.ts builds it): GPU and Slurm experiments, a repository settings file that tries to switch validation
 * off and name a Slurm command, shims that log every call of nvidia-smi, the Slurm commands and python, and a
 * committed run.json in state `running` whose pid is a live sentinel. Open every document, run every command, wait:
 * no process started (shim log empty, no new process below the extension host but the language server), the
 * sentinel alive, no file of the workspace changed. Validation still works, and says what it skipped.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiftoffApi } from '../../../client/src/extension';
import type { RunsNode } from '../../../client/src/runs/runs-tree';
import { holdsFor } from '../../support/holds';
import { descendants, isAlive, processTable, type ProcessEntry } from '../../support/process-table';
import { diffSnapshots, snapshotTree, type TreeSnapshot } from '../../support/tree-snapshot';
import { waitFor } from '../../support/wait';

/**
 * Processes VS Code's extension host starts for itself, whatever the extensions do: ripgrep for `findFiles`, and the
 * remote port finder (`ps -F -A -l | grep root`, `ls -l /proc/<pid>/fd/*` through `sh -c`), which runs in code-server
 * even with `remote.autoForwardPorts` off; and the language servers of VS Code's built-in extensions (JSON, CSS, HTML,
 * Markdown: `lib/vscode/extensions/<name>-language-features/server/`), which VS Code starts, in Restricted Mode too,
 * when a command shows a document of theirs (a run's `run.json`). `[name]` is one that had exited when the table was
 * read. Liftoff itself never starts a shell: it spawns commands directly, and every command it could start is a
 * logging shim here.
 */
const VSCODE_OWN =
  /@vscode\/ripgrep|\/lib\/vscode\/extensions\/[a-z-]+-language-features\/server\/|^\[(rg|sh|ps|grep|ls)\]$|^\/bin\/sh -c (ls -l \/proc\/|ps -F -A -l)|^ps -F -A -l$|^grep (root|socket:)$|^ls -l \/proc\/\d+\/fd\//;

const env = (name: string): string => {
  const v = process.env[name];
  assert.ok(v, `${name} is set by test/extension/sessions.ts`);
  return v;
};

describe('Restricted Mode, end to end', function () {
  this.timeout(180_000);
  const ext = vscode.extensions.getExtension<LiftoffApi>('liftoff-dev.liftoff')!;
  const folder = () => vscode.workspace.workspaceFolders![0]!.uri;
  const shimLog = () => {
    try {
      return readFileSync(env('LIFTOFF_TEST_SHIM_LOG'), 'utf8');
    } catch {
      return '';
    }
  };
  /** Processes that appeared below the extension host, other than the Liftoff language server. */
  const spawned = new Map<number, string>();
  let watcher: NodeJS.Timeout | undefined;
  let existing = new Set<number>();
  const servers = new Set<number>();

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite needs an untrusted folder (Workspace Trust on)');
    existing = new Set(descendants(process.pid).map((p) => p.pid));
    const look = () => {
      for (const p of descendants(process.pid, processTable())) {
        // A server seen once stays known when it exits (restartServer) and shows only as a nameless zombie.
        if (isLiftoffServer(p)) servers.add(p.pid);
        else if (!existing.has(p.pid) && !servers.has(p.pid)) spawned.set(p.pid, p.cmd);
      }
    };
    watcher = setInterval(look, 20);
    await ext.activate();
  });
  after(() => {
    if (watcher) clearInterval(watcher);
  });

  const isLiftoffServer = (p: ProcessEntry) =>
    p.cmd.includes(`${ext.extensionPath}/dist/server/server.js`) || VSCODE_OWN.test(p.cmd);

  it('reads restricted settings from the user only: a repository cannot switch validation off', () => {
    assert.equal(vscode.workspace.getConfiguration('liftoff.validation').get('enable'), true);
  });

  it('validates every document it opens, and says which checks it skipped and why', async () => {
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml}');
    assert.ok(files.length >= 4, `found ${files.length} YAML files`);
    for (const uri of files)
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const gpu = vscode.Uri.joinPath(folder(), 'credit-risk', 'gpu.experiment.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(gpu));
    await ext.exports.ready();
    await waitFor(async () => /EXP-017/.test((await ext.exports.serverStatus()).detail ?? ''), {
      timeoutMs: 30_000,
      what: 'the status item to name the skipped GPU check',
    });
    const status = await ext.exports.serverStatus();
    assert.match(status.text, /Restricted Mode/);
    assert.match(status.detail ?? '', /not trusted/);
    // Validation itself runs (the repository's `liftoff.validation.enable: false` is ignored here).
    const result = await vscode.commands.executeCommand<{ files: number }>('liftoff.validateWorkspace');
    assert.ok(result && result.files >= 3, `validated ${result?.files} documents`);
  });

  it('runs every command of the manifest without starting a process, signalling or writing', async () => {
    const liftoff = ext.exports;
    const { tree } = await liftoff.runs();
    const runs: RunsNode[] = [];
    for (const exp of await tree.getChildren()) runs.push(...(await tree.getChildren(exp)));
    assert.equal(runs.length, 2, 'the Runs view lists the committed local and Slurm runs');
    const gpu = vscode.Uri.joinPath(folder(), 'credit-risk', 'gpu.experiment.yaml');
    const slurm = vscode.Uri.joinPath(folder(), 'credit-risk', 'slurm.experiment.yaml');
    // Export Plan writes beside the plan it is given, as asked: here a copy outside the workspace.
    const outside = mkdtempSync(path.join(os.tmpdir(), 'liftoff-export-'));
    copyFileSync(
      path.join(folder().fsPath, 'medical-diagnosis', 'lung-nodule.plan.yaml'),
      path.join(outside, 'lung-nodule.plan.yaml'),
    );
    const plan = vscode.Uri.joinPath(folder(), 'medical-diagnosis', 'lung-nodule.plan.yaml');
    const planCopy = vscode.Uri.file(path.join(outside, 'lung-nodule.plan.yaml'));
    const argsOf: Record<string, unknown[][]> = {
      'liftoff.train': [[gpu], [slurm], []],
      'liftoff.stopRun': runs.map((r) => [r]),
      'liftoff.rerun': runs.map((r) => [r]),
      'liftoff.deleteRun': runs.map((r) => [r]),
      'liftoff.showMetrics': runs.map((r) => [r]),
      'liftoff.openRunLog': runs.map((r) => [r]),
      'liftoff.showRunTimeline': runs.map((r) => [r]),
      'liftoff.showRunLogs': runs.map((r) => [r]),
      'liftoff.openRunConfig': runs.map((r) => [r]),
      'liftoff.revealRunArtifacts': runs.map((r) => [r]),
      'liftoff.openPlanPreview': [[plan]],
      'liftoff.exportPlan': [[planCopy]],
      'liftoff.previewSbatch': [[slurm]],
      'liftoff.inspectModel': [[vscode.Uri.joinPath(folder(), 'model.onnx')]],
      'liftoff.runInference': [[]],
    };
    const manifest = JSON.parse(readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ command: string }> };
    };
    for (const { command } of manifest.contributes.commands) {
      for (const args of argsOf[command] ?? [[]]) {
        // A command may wait on a dialog (a save dialog, a quick pick): it gets 5 s, then the dialog is dismissed.
        await Promise.race([
          Promise.resolve(vscode.commands.executeCommand(command, ...args)).catch(() => undefined),
          new Promise((r) => setTimeout(r, 5_000)),
        ]);
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        assert.equal(shimLog(), '', `after ${command}: nothing was started`);
      }
    }
    await holdsFor(() => shimLog() === '' && spawned.size === 0, {
      ms: 5_000,
      what: 'no process started after the commands',
    }).catch((err: Error) => {
      throw new Error(
        `${err.message}; shim log: ${JSON.stringify(shimLog())}; new processes: ${JSON.stringify([...spawned.values()])}`,
      );
    });
    assert.deepEqual([...spawned.values()], [], 'no process below the extension host but the Liftoff language server');
  });

  it('leaves the sentinel alive and every file of the workspace as it was', () => {
    assert.equal(
      isAlive(Number(env('LIFTOFF_TEST_SENTINEL_PID'))),
      true,
      'the pid of the committed run.json was not signalled',
    );
    const launched = JSON.parse(readFileSync(env('LIFTOFF_TEST_WORKSPACE_SNAPSHOT'), 'utf8')) as TreeSnapshot;
    assert.deepEqual(diffSnapshots(launched, snapshotTree(folder().fsPath)), []);
    assert.equal(shimLog(), '', 'the shim log stays empty');
  });
});
