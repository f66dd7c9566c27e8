/**
 * "▶ Train" on a `launcher: slurm` experiment inside a real VS Code: the job appears in the Runs view with its job id
 * and its state changes, and Stop cancels it. The test starts its own Slurm cluster on localhost (the extension host
 * runs as root in the test tier) through test/support/slurm-cluster.ts and stops it by pid; it skips, saying why, only
 * where Slurm is not installed or cannot be started (not root).
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiftoffApi } from '../../../client/src/extension';
import type { RunsNode } from '../../../client/src/runs/runs-tree';
import { RunStore } from '../../../core/src/runs/run-store';
import { SlurmCluster, skipWithoutSlurm } from '../../support/slurm-cluster';
import { waitFor } from '../../support/wait';

async function api(): Promise<LiftoffApi> {
  const ext = vscode.extensions.getExtension<LiftoffApi>('liftoff-dev.liftoff');
  assert.ok(ext);
  await ext.activate();
  await ext.exports.ready();
  return ext.exports;
}

/** The Runs view's row of one run, as the user sees it: "run-id: description", and its node. */
async function row(liftoff: LiftoffApi, runId: string): Promise<{ text: string; node: RunsNode } | undefined> {
  const { tree } = await liftoff.runs();
  for (const exp of await tree.getChildren()) {
    for (const node of await tree.getChildren(exp)) {
      const item = await tree.getTreeItem(node);
      if (item.label === runId) return { text: `${String(item.label)}: ${String(item.description)}`, node };
    }
  }
  return undefined;
}

/** Writes a Slurm variant of the credit-risk example beside it (its own name: experiment names are unique). */
function slurmExperiment(
  folder: vscode.Uri,
  name: string,
  edit: (text: string) => string,
  written: string[],
): vscode.Uri {
  const source = path.join(folder.fsPath, 'credit-risk', 'credit-risk.experiment.yaml');
  const target = path.join(folder.fsPath, 'credit-risk', `${name}.experiment.yaml`);
  writeFileSync(
    target,
    edit(
      readFileSync(source, 'utf8')
        .replace('name: credit-risk-mlp', `name: ${name}`)
        .replace('  launcher: local', '  launcher: slurm'),
    ),
  );
  written.push(target);
  return vscode.Uri.file(target);
}

describe('Training on Slurm from VS Code', function () {
  this.timeout(120_000);
  let cluster: SlurmCluster | undefined;
  const savedConf = process.env.SLURM_CONF;
  const written: string[] = [];

  before(async function () {
    if (skipWithoutSlurm(this)) return;
    cluster = await SlurmCluster.start({ nodes: 1 });
    // The extension runs Slurm commands on this machine (no commandPrefix); they find this cluster through SLURM_CONF.
    process.env.SLURM_CONF = cluster.conf;
  });

  after(async () => {
    for (const f of written) rmSync(f, { force: true });
    await cluster?.stop();
    if (savedConf === undefined) delete process.env.SLURM_CONF;
    else process.env.SLURM_CONF = savedConf;
  });

  it('"▶ Train" submits the job; the Runs view shows its job id and states through to succeeded', async () => {
    const liftoff = await api();
    const folder = vscode.workspace.workspaceFolders![0]!;
    const uri = slurmExperiment(
      folder.uri,
      'credit-risk-on-slurm',
      (t) => t.replace(/  epochs: \d+/, '  epochs: 600').replace(/  early_stopping: .*\n/, ''),
      written,
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const train = lenses.find((l) => l.command?.title === '▶ Train');
    assert.ok(train?.command, 'the Train code lens is there');
    const run = await vscode.commands.executeCommand<
      { dir: string; record: { id: string; jobId?: string; launcher: string } } | undefined
    >(train.command.command, ...(train.command.arguments ?? []));
    assert.ok(run, 'the command returns the submitted run');
    assert.equal(run.record.launcher, 'slurm');
    assert.match(run.record.jobId ?? '', /^\d+$/, 'submitted with a job id');
    const states = new Set<string>();
    await waitFor(
      async () => {
        const r = await row(liftoff, run.record.id);
        const state = /^\S+: (\w+)/.exec(r?.text ?? '')?.[1];
        if (state) states.add(state);
        if (r) assert.match(r.text, new RegExp(` · job ${run.record.jobId}\\b`), r.text);
        return state === 'succeeded' || state === 'failed' || state === 'cancelled';
      },
      { timeoutMs: 90_000, intervalMs: 100, what: 'the Slurm job to finish in the Runs view' },
    );
    const final = (await row(liftoff, run.record.id))!.text;
    assert.match(
      final,
      new RegExp(`^${run.record.id}: succeeded · \\d+s · [\\d.]+ CPU-h · val_auc 0\\.\\d+ · job ${run.record.jobId}$`),
      final,
    );
    assert.ok(states.has('queued') && states.has('running'), `states seen in the Runs view: ${[...states].join(', ')}`);
    const record = await RunStore.read(run.dir);
    assert.equal(record?.reason, 'COMPLETED (exit code 0)');
  });

  it('Stop on a running Slurm run cancels the job (scancel)', async () => {
    const liftoff = await api();
    const folder = vscode.workspace.workspaceFolders![0]!;
    const uri = slurmExperiment(
      folder.uri,
      'credit-risk-slurm-stop',
      (t) => t.replace(/  epochs: \d+/, '  epochs: 100000').replace(/  early_stopping: .*\n/, ''),
      written,
    );
    const run = await vscode.commands.executeCommand<
      { dir: string; record: { id: string; jobId?: string } } | undefined
    >('liftoff.train', uri);
    assert.ok(run?.record.jobId);
    let node: RunsNode | undefined;
    await waitFor(
      async () => {
        const r = await row(liftoff, run.record.id);
        node = r?.node;
        return r?.text.includes(': running') ?? false;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'the job to run' },
    );
    await vscode.commands.executeCommand('liftoff.stopRun', node);
    await waitFor(async () => (await row(liftoff, run.record.id))?.text.includes(': cancelled') ?? false, {
      timeoutMs: 20_000,
      what: 'the run to show cancelled',
    });
    assert.equal((await RunStore.read(run.dir))?.reason, 'stopped by the user (scancel)');
    const running = cluster!.run('squeue', ['-h', '-t', 'R', '-o', '%i']).stdout.split('\n');
    assert.ok(!running.includes(run.record.jobId), 'the job is no longer running');
  });

  it('"Liftoff: Preview sbatch Script" shows the script that would be submitted', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const uri = slurmExperiment(
      folder.uri,
      'credit-risk-slurm-preview',
      (t) => t.replace('  launcher: slurm', '  launcher: slurm\n  slurm: {partition: debug}'),
      written,
    );
    const script = await vscode.commands.executeCommand<string>('liftoff.previewSbatch', uri);
    assert.match(script ?? '', /^#SBATCH --partition=debug$/m);
    const shown = vscode.window.activeTextEditor?.document;
    assert.equal(shown?.languageId, 'shellscript');
    assert.equal(shown?.getText(), script);
  });
});
