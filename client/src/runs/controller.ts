import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';
import { RunStore, type RunHandle } from '../../../core/src/runs/run-store';
import { reattachRuns } from '../../../core/src/runs/reattach';
import { isAlive } from '../../../core/src/launchers/process-tree';
import { stopLocalRun } from '../../../core/src/launchers/stop-run';
import { RunsTreeProvider } from './runs-tree';
import { startTrainingTask, TASK_TYPE } from './run-task';
import { SlurmRuns } from './slurm-runs';
import { isSlurmExperiment } from './slurm-settings';

/**
 * Owns the runs of the open workspace: the Runs view, the tasks of runs started here, watching run.json files,
 * re-attaching to runs that outlived a window reload, and stopping runs.
 */
export class RunsController implements vscode.Disposable {
  readonly tree: RunsTreeProvider;
  /** Runs submitted to Slurm (`run.launcher: slurm`): tracked by job id rather than by a local task. */
  readonly slurm: SlurmRuns;
  private readonly executions = new Map<string, vscode.TaskExecution>();
  private readonly disposables: vscode.Disposable[] = [];
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.tree = new RunsTreeProvider(() => this.stores(), (dir) => this.primaryMetric(dir));
    this.slurm = new SlurmRuns(context);
    const watcher = vscode.workspace.createFileSystemWatcher('**/.liftoff/runs/**/run.json');
    const refresh = () => this.tree.refresh();
    this.disposables.push(this.tree, this.slurm, this.slurm.onDidChange(refresh), watcher, watcher.onDidChange(refresh), watcher.onDidCreate(refresh), watcher.onDidDelete(refresh),
      vscode.tasks.onDidEndTask((e) => {
        for (const [dir, ex] of this.executions) if (ex === e.execution) this.executions.delete(dir);
        refresh();
      }),
      // If the runner itself dies (it cannot start, or is killed), the run must not stay queued/running forever.
      vscode.tasks.onDidEndTaskProcess(async (e) => {
        const dir = (e.execution.task.definition as { type: string; runDir?: string }).runDir;
        if (e.execution.task.definition.type !== TASK_TYPE || !dir) return;
        const record = await RunStore.read(dir);
        if (record && (record.state === 'queued' || record.state === 'running') && !(record.pid && isAlive(record.pid, record.pidStartTime))) {
          await new RunStore(path.resolve(dir, '..', '..', '..', '..')).update(dir, {
            state: 'failed', endedAt: new Date().toISOString(), exitCode: e.exitCode ?? null,
            reason: `the Liftoff runner ended with exit code ${e.exitCode ?? 'unknown'} before the run finished; see its terminal`,
          });
          refresh();
        }
      }));
  }

  stores(): RunStore[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => new RunStore(f.uri.fsPath));
  }

  storeFor(uri: vscode.Uri): RunStore {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return new RunStore(folder?.uri.fsPath ?? path.dirname(uri.fsPath));
  }

  /** Re-attaches to runs that are still alive, marks the ones that died unseen, and keeps the view fresh while runs are active. */
  async reattach(): Promise<void> {
    for (const store of this.stores()) {
      await reattachRuns(store);
      await this.slurm.reattach(store);
    }
    this.tree.refresh();
    this.ensurePolling();
  }

  /** While any run is active, refresh the view every 2 s (durations, metrics) and notice processes that died. */
  ensurePolling(): void {
    if (this.poll) return;
    this.poll = setInterval(() => void this.tick(), 2000);
  }

  private async tick(): Promise<void> {
    const active = (await Promise.all(this.stores().map((s) => s.list()))).flat().filter((r) => r.record.state === 'running' || r.record.state === 'queued');
    for (const run of active) {
      // A run whose runner is gone (not started from this window) and whose process ended: record it.
      if (!this.executions.has(run.dir) && run.record.state === 'running' && run.record.pid && !isAlive(run.record.pid, run.record.pidStartTime)) {
        await reattachRuns(new RunStore(path.resolve(run.dir, '..', '..', '..', '..')));
      }
    }
    this.tree.refresh();
    if (active.length === 0 && this.poll) { clearInterval(this.poll); this.poll = undefined; }
  }

  /** True while any run of the workspace is queued or running. */
  readonly hasActiveRuns = async (): Promise<boolean> =>
    (await Promise.all(this.stores().map((s) => s.list()))).flat().some((r) => r.record.state === 'running' || r.record.state === 'queued');

  async start(experimentUri: vscode.Uri, text: string): Promise<RunHandle> {
    const store = this.storeFor(experimentUri);
    if (isSlurmExperiment(parseOrUndefined(text))) {
      const run = await this.slurm.submit(store, experimentUri, text);
      this.tree.refresh();
      this.ensurePolling();
      return run;
    }
    const { execution, prepared } = await startTrainingTask(this.context, store.workspace, experimentUri, text);
    this.executions.set(prepared.dir, execution);
    this.tree.refresh();
    this.ensurePolling();
    return prepared;
  }

  async stop(run: RunHandle): Promise<void> {
    const execution = this.executions.get(run.dir);
    if (run.record.launcher === 'slurm') {
      await this.slurm.stop(run); // scancel; the tracker records `cancelled` once Slurm confirms
    } else if (execution) {
      execution.terminate(); // the runner receives SIGHUP/SIGTERM, stops the process tree and records `cancelled`
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const r = await RunStore.read(run.dir);
        if (r && r.state !== 'running' && r.state !== 'queued') break;
        await new Promise((res) => setTimeout(res, 100));
      }
    } else {
      await stopLocalRun(new RunStore(path.resolve(run.dir, '..', '..', '..', '..')), run.dir);
    }
    this.tree.refresh();
  }

  private async primaryMetric(dir: string): Promise<string | undefined> {
    try {
      const config = parse(await readFile(path.join(dir, 'config.yaml'), 'utf8')) as { metrics?: { primary?: { name?: unknown } } } | null;
      const name = config?.metrics?.primary?.name;
      return typeof name === 'string' ? name : undefined;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    if (this.poll) clearInterval(this.poll);
    this.disposables.forEach((d) => d.dispose());
  }
}

function parseOrUndefined(text: string): unknown {
  try { return parse(text); } catch { return undefined; }
}
