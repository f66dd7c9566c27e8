/**
 * "Liftoff: Install the liftoff Command" run as a user runs it, in a real VS Code (issue 21, item 1): the command
 * writes ~/.local/bin/liftoff (HOME is a temporary folder here, so the user's own is never touched), and that
 * installed command, run outside the editor as a terminal would, answers `--version` and validates an example.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InstallOutcome } from '../../../client/src/cli-shim';
import type { LiftoffApi } from '../../../client/src/extension';

describe('Liftoff: Install the liftoff Command', function () {
  this.timeout(120_000);
  let home: string;
  let savedHome: string | undefined;
  before(async function () {
    if (process.platform === 'win32') this.skip(); // no sh: the command gives the Windows way in a message instead
    const ext = vscode.extensions.getExtension<LiftoffApi>('liftoff-dev.liftoff');
    assert.ok(ext, 'the extension is installed');
    await ext.activate();
    home = mkdtempSync(path.join(os.tmpdir(), 'liftoff-home-'));
    savedHome = process.env.HOME;
    process.env.HOME = home; // os.homedir() reads HOME: the command installs into this folder
  });
  after(() => {
    if (savedHome === undefined) delete process.env.HOME;
    else process.env.HOME = savedHome;
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const installed = () => path.join(home, '.local', 'bin', 'liftoff');
  /**
   * The installed command as a terminal runs it: its own process, HOME the temporary one, cwd the workspace. Not
   * spawnSync: the extension host must stay responsive meanwhile.
   */
  const liftoff = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        installed(),
        args,
        {
          cwd: vscode.workspace.workspaceFolders![0]!.uri.fsPath,
          env: { ...process.env, HOME: home },
          timeout: 60_000,
        },
        (_err, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
      );
    });

  it('installs ~/.local/bin/liftoff, which answers --version and validates an example outside the editor', async () => {
    const outcome = await vscode.commands.executeCommand<InstallOutcome>('liftoff.installCli');
    assert.deepEqual(outcome, { ok: true, file: installed(), onPath: false });
    assert.equal(statSync(installed()).mode & 0o111, 0o111, 'executable');

    const version = await liftoff('--version');
    assert.equal(version.status, 0, version.stderr);
    const manifest = JSON.parse(
      readFileSync(
        path.join(vscode.extensions.getExtension('liftoff-dev.liftoff')!.extensionPath, 'package.json'),
        'utf8',
      ),
    ) as { version: string };
    assert.ok(version.stdout.startsWith(manifest.version), `--version said ${version.stdout}`);

    const clean = await liftoff('validate', 'credit-risk/credit-risk.experiment.yaml', '--workspace', 'credit-risk');
    assert.equal(clean.status, 0, `${clean.stdout}\n${clean.stderr}`);
    assert.match(clean.stdout, /1 file checked: 0 errors/);

    const broken = await liftoff('validate', 'broken/missing-header.experiment.yaml', '--workspace', 'broken');
    assert.equal(broken.status, 1, `a document with errors exits 1:\n${broken.stdout}\n${broken.stderr}`);
    assert.match(broken.stdout, /broken\/missing-header\.experiment\.yaml:\d+:\d+ error /);
  });

  it("run again, replaces its own command; refuses to replace a liftoff that is not Liftoff's", async () => {
    assert.equal((await vscode.commands.executeCommand<InstallOutcome>('liftoff.installCli')).ok, true);
    writeFileSync(installed(), '#!/bin/sh\necho another liftoff\n');
    const outcome = await vscode.commands.executeCommand<InstallOutcome>('liftoff.installCli');
    assert.equal(outcome.ok, false);
    assert.match((outcome as { why: string }).why, /exists and is not Liftoff's/);
    assert.equal(readFileSync(installed(), 'utf8'), '#!/bin/sh\necho another liftoff\n', 'left as it was');
  });
});
