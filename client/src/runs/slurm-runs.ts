import * as vscode from 'vscode';
import { reattachRun, type RunEvents, type RunLaunch } from '../../../core/src/launchers';
import { isJobId, reasonText } from '../../../core/src/runs';
import { uiLocale } from '../error-text';
import { ACTIVE_STATES, type RunRecord } from '../../../core/src/runs';
import type { RunHandle, RunStore } from '../../../core/src/runs';
import { slurmRunner } from './slurm-settings';
import { SlurmJobTerminal } from './slurm-terminal';

/** The events of one Slurm run as the window shows them: a terminal (opened at the first word from the job) and the view. */
export interface SlurmRunEvents extends RunEvents {
  readonly terminal: () => SlurmJobTerminal | undefined;
}

/**
 * The Slurm runs of this window: each job followed through core's RunLaunch (adaptive polling, output and metrics
 * tailed from the run folder), re-attached after a reload by job id, stopped with scancel.
 */
export class SlurmRuns implements vscode.Disposable {
  private readonly runs = new Map<string, RunLaunch>();
  private readonly changed = new vscode.EventEmitter<RunRecord>();
  /** Fires with run.json each time a followed job's state changes (the Runs view also sees the file change). */
  readonly onDidChange = this.changed.event;

  /** Events for a run about to be launched: output and states go to a terminal named after the job once it is known. */
  events(): SlurmRunEvents {
    let terminal: SlurmJobTerminal | undefined;
    const pending: string[] = [];
    const open = (r: RunRecord) => {
      if (terminal || !r.jobId) return;
      terminal = new SlurmJobTerminal(`${r.experiment} · job ${r.jobId}`);
      terminal.note(`submitted run ${r.id} as Slurm job ${r.jobId} (script: job.sbatch in its run folder)`);
      for (const t of pending.splice(0)) terminal.output(t);
    };
    return {
      terminal: () => terminal,
      onOutput: (text) => {
        if (terminal) terminal.output(text);
        else pending.push(text);
      },
      onChange: (r) => {
        open(r);
        terminal?.state(r);
        this.changed.fire(r);
      },
    };
  }

  /** Follows a launched Slurm run until it ends. */
  follow(run: RunLaunch, events: SlurmRunEvents): void {
    this.runs.set(run.dir, run);
    events.onChange?.(run.record);
    void run.done.then((r) => {
      if (this.runs.get(run.dir) === run) this.runs.delete(run.dir);
      const terminal = events.terminal();
      terminal?.note(`run ${r.id} ${r.state} (${reasonText(uiLocale(), r) ?? ''})`);
      terminal?.dispose();
    });
  }

  /** Follows again the queued/running Slurm runs of `store` this window does not follow (the Refresh Runs entry of the commands table requires trust). */
  async reattach(store: RunStore): Promise<void> {
    for (const run of await store.list()) {
      const r = run.record;
      if (r.launcher !== 'slurm' || !isJobId(r.jobId) || !ACTIVE_STATES.has(r.state) || this.runs.has(run.dir))
        continue;
      this.follow(
        await reattachRun(run.dir, { slurmRunner: slurmRunner(), onChange: (rec) => this.changed.fire(rec) }),
        { terminal: () => undefined },
      );
    }
  }

  isTracking(dir: string): boolean {
    return this.runs.has(dir);
  }

  /** `scancel`, then waits (up to 15 s) for Slurm to confirm; the run ends `cancelled`. */
  async stop(run: RunHandle): Promise<void> {
    const followed =
      this.runs.get(run.dir) ??
      (await reattachRun(run.dir, { slurmRunner: slurmRunner(), onChange: (rec) => this.changed.fire(rec) }));
    if (!this.runs.has(run.dir)) this.follow(followed, { terminal: () => undefined });
    await followed.stop();
  }

  dispose(): void {
    // The jobs go on running on the cluster; the next window re-attaches to them.
    for (const r of this.runs.values()) r.dispose();
    this.runs.clear();
    this.changed.dispose();
  }
}
