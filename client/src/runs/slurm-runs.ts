import * as path from 'node:path';
import * as vscode from 'vscode';
import { SlurmJobTracker } from '../../../core/src/launchers/slurm/job-tracker';
import { reattachSlurmRuns } from '../../../core/src/launchers/slurm/reattach';
import { submitSlurmRun } from '../../../core/src/launchers/slurm/submit';
import type { RunRecord } from '../../../core/src/runs/run-record';
import { RunStore, type RunHandle } from '../../../core/src/runs/run-store';
import { slurmRunner } from './slurm-settings';
import { SlurmJobTerminal } from './slurm-terminal';

/**
 * The Slurm runs of this window: submits them, watches each job (core's SlurmJobTracker: adaptive polling, output and
 * metrics tailed from the run folder), re-attaches after a reload by job id, and stops them with scancel.
 */
export class SlurmRuns implements vscode.Disposable {
  private readonly trackers = new Map<string, SlurmJobTracker>();
  private readonly changed = new vscode.EventEmitter<RunRecord>();
  /** Fires with run.json each time a tracked job's state changes (the Runs view also sees the file change). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Submits the experiment to Slurm and starts watching the job; throws SlurmSubmitError when sbatch refuses it. */
  async submit(store: RunStore, experimentUri: vscode.Uri, text: string): Promise<RunHandle> {
    const runner = slurmRunner();
    const run = await submitSlurmRun({
      workspace: store.workspace, experimentPath: experimentUri.fsPath, experimentText: text, runner,
      builtinTrainer: this.context.asAbsolutePath('dist/trainer/builtin.js'), nodePath: process.execPath,
    });
    const terminal = new SlurmJobTerminal(`${run.record.experiment} · job ${run.record.jobId}`);
    terminal.note(`submitted run ${run.record.id} as Slurm job ${run.record.jobId} (script: ${path.join(run.dir, 'job.sbatch')})`);
    await this.watch(store, run.dir, runner, terminal);
    return { dir: run.dir, record: run.record };
  }

  /** Watches again the queued/running Slurm runs of `store` that no tracker of this window follows (trusted workspaces only). */
  async reattach(store: RunStore): Promise<void> {
    const runner = slurmRunner();
    const trackers = await reattachSlurmRuns(store, { runner, onChange: (r) => this.changed.fire(r) }, (run) => this.trackers.has(run.dir));
    for (const t of trackers) this.follow(t.dir, t);
  }

  isTracking(dir: string): boolean { return this.trackers.has(dir); }

  /** `scancel`, then waits (up to 15 s) for Slurm to confirm; the run ends `cancelled`. */
  async stop(run: RunHandle): Promise<void> {
    const store = new RunStore(path.resolve(run.dir, '..', '..', '..', '..'));
    const tracker = this.trackers.get(run.dir) ?? await this.watch(store, run.dir, slurmRunner());
    await tracker.cancel();
    await Promise.race([tracker.done, new Promise((r) => setTimeout(r, 15_000))]);
  }

  private async watch(store: RunStore, dir: string, runner: ReturnType<typeof slurmRunner>, terminal?: SlurmJobTerminal): Promise<SlurmJobTracker> {
    const tracker = await SlurmJobTracker.track({
      runner, store, dir,
      onOutput: terminal ? (text) => terminal.output(text) : undefined,
      onChange: (r) => { terminal?.state(r); this.changed.fire(r); },
    });
    this.follow(dir, tracker, terminal);
    return tracker;
  }

  private follow(dir: string, tracker: SlurmJobTracker, terminal?: SlurmJobTerminal): void {
    this.trackers.set(dir, tracker);
    void tracker.done.then((r) => {
      if (this.trackers.get(dir) === tracker) this.trackers.delete(dir);
      terminal?.note(`run ${r.id} ${r.state} (${r.reason ?? ''})`);
      terminal?.dispose();
    });
  }

  dispose(): void {
    // The jobs go on running on the cluster; the next window re-attaches to them.
    for (const t of this.trackers.values()) t.dispose();
    this.trackers.clear();
    this.changed.dispose();
  }
}
