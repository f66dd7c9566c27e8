import * as path from 'node:path';
import * as vscode from 'vscode';
import { launchRun, reattachRun, userQueue, type RunLaunch } from '../../../core/src/launchers';
import { settleRun } from '../../../core/src/launchers';
import { markRunStopped } from '../../../core/src/launchers';
import { reattachRuns } from '../../../core/src/runs';
import { ACTIVE_STATES } from '../../../core/src/runs';
import { RunStore, type RunHandle } from '../../../core/src/runs';
import { readRunFile } from '../../../core/src/runs';
import { FINISHED_STATES, lastMetric, notifyWhen, runEndMessage, runNotifyHook } from '../../../core/src/runs';
import { uiLocale } from '../error-text';
import { applyFixAndRerun } from './fix-command';
import { parse } from 'yaml';
import { RunsTreeProvider } from './runs-tree';
import { startRunnerTask, TASK_TYPE } from './run-task';
import { SlurmRuns } from './slurm-runs';
import { slurmRunner } from './slurm-settings';

/** `liftoff.gpuHourPrice`, when it is a usable price. */
export function gpuHourPrice(): number | undefined {
  const v = vscode.workspace.getConfiguration('liftoff').get<unknown>('gpuHourPrice');
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * Owns the runs of the open workspace: the Runs view, watching run.json files, re-attaching to runs that outlived a
 * window reload, and stopping runs. Launching and stopping are core's (`launchRun`, `RunLaunch.stop`); this class
 * only hosts local runners in task terminals and shows what happened.
 */
export class RunsController implements vscode.Disposable {
  readonly tree: RunsTreeProvider;
  /** Runs submitted to Slurm (`run.launcher: slurm`): tracked by job id rather than by a local task. */
  readonly slurm: SlurmRuns;
  /** Local runs followed by this window (started here or re-attached), by run folder. */
  private readonly local = new Map<string, RunLaunch>();
  private readonly disposables: vscode.Disposable[] = [];
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.tree = new RunsTreeProvider(
      () => this.stores(),
      (dir) => this.primaryMetric(dir),
      () => gpuHourPrice(),
      // squeue starts a process (possibly over ssh): trusted workspaces only.
      () => (vscode.workspace.isTrusted ? userQueue(slurmRunner()) : undefined),
    );
    this.slurm = new SlurmRuns();
    const watcher = vscode.workspace.createFileSystemWatcher('**/.liftoff/runs/**/run.json');
    const refresh = () => this.tree.refresh();
    this.disposables.push(
      this.tree,
      this.slurm,
      this.slurm.onDidChange(refresh),
      watcher,
      watcher.onDidChange(refresh),
      watcher.onDidCreate(refresh),
      watcher.onDidDelete(refresh),
      vscode.tasks.onDidEndTask(refresh),
      // The runner is gone: if it left its run active, the hand-over records the end (the command's exit status).
      vscode.tasks.onDidEndTaskProcess(async (e) => {
        const dir = (e.execution.task.definition as { type: string; runDir?: string }).runDir;
        if (e.execution.task.definition.type !== TASK_TYPE || !dir) return;
        await settleRun(RunStore.ofRunDir(dir), dir, { runnerExitCode: e.exitCode });
        refresh();
      }),
    );
  }

  stores(): RunStore[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => new RunStore(f.uri.fsPath));
  }

  storeFor(uri: vscode.Uri): RunStore {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return new RunStore(folder?.uri.fsPath ?? path.dirname(uri.fsPath));
  }

  /** Re-attaches to runs that are still alive, settles the ones that ended unseen, and keeps the view fresh while runs are active. */
  async reattach(): Promise<void> {
    this.tree.refreshQueue();
    for (const store of this.stores()) {
      await reattachRuns(store);
      await this.slurm.reattach(store);
    }
    this.tree.refresh();
    this.ensurePolling();
  }

  /** While any run is active, refresh the view every 2 s (durations, metrics) and settle runs whose runner and command ended. */
  ensurePolling(): void {
    if (this.poll) return;
    this.poll = setInterval(() => void this.tick(), 2000);
  }

  private async tick(): Promise<void> {
    const stores = this.stores();
    for (const store of stores) await reattachRuns(store); // writes only runs nobody owns (settle-run.ts)
    const active = (await Promise.all(stores.map((s) => s.list())))
      .flat()
      .filter((r) => ACTIVE_STATES.has(r.record.state));
    this.tree.refresh();
    if (active.length === 0 && this.poll) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
  }

  /** True while any run of the workspace is queued or running. */
  readonly hasActiveRuns = async (): Promise<boolean> =>
    (await Promise.all(this.stores().map((s) => s.list()))).flat().some((r) => ACTIVE_STATES.has(r.record.state));

  /** Launches the experiment (core's one launch: local in a task terminal, or Slurm). Throws LaunchError / SlurmSubmitError. */
  async start(experimentUri: vscode.Uri, text: string): Promise<RunHandle> {
    const store = this.storeFor(experimentUri);
    const events = this.slurm.events();
    const run = await launchRun({
      workspace: store.workspace,
      experimentPath: experimentUri.fsPath,
      experimentText: text,
      builtinTrainer: this.context.asAbsolutePath('dist/trainer/builtin.js'),
      nodePath: process.execPath,
      slurmRunner: slurmRunner(),
      ...events,
      locale: uiLocale(),
      // run.retry: a new attempt is a new run folder (listed under the first); the view shows it at once.
      onAttempt: () => this.tree.refresh(),
      hostRunner: async (prepared) => {
        await startRunnerTask(this.context, experimentUri, prepared);
      },
    });
    if (run.launcher === 'slurm') this.slurm.follow(run, events);
    else this.followLocal(run);
    void run.done.then((final) => this.notifyEnd({ dir: run.dir, record: final }));
    this.tree.refresh();
    this.ensurePolling();
    return { dir: run.dir, record: run.record };
  }

  /**
   * Stop: Slurm runs with scancel; local runs only through a proven process identity. When Liftoff cannot prove the
   * process is the run's, nothing is signalled: the user is told why and may mark the run stopped.
   */
  async stop(run: RunHandle): Promise<void> {
    if (run.record.launcher === 'slurm') {
      await this.slurm.stop(run);
      this.tree.refresh();
      return;
    }
    const handle = this.local.get(run.dir) ?? this.followLocal(await reattachRun(run.dir, {}));
    const outcome = await handle.stop();
    if (!outcome.stopped) {
      const markLabel = vscode.l10n.t('Mark as Stopped');
      const mark = outcome.canMarkStopped ? [markLabel] : [];
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Liftoff did not stop run {0}: {1}. Nothing was signalled.', run.record.id, outcome.why),
        ...mark,
      );
      if (choice === markLabel) await markRunStopped(RunStore.ofRunDir(run.dir), run.dir);
    }
    this.tree.refresh();
  }

  private followLocal(run: RunLaunch): RunLaunch {
    // The first attempt's folder: with run.retry, `run.dir` moves on to later attempts.
    const dir = run.dir;
    this.local.set(dir, run);
    void run.done.then(() => {
      if (this.local.get(dir) === run) this.local.delete(dir);
      this.tree.refresh();
    });
    return run;
  }

  /** Tells the user a run started here ended, as `liftoff.runs.notify` asks: its metric, or its cause and fix. */
  private async notifyEnd(run: RunHandle): Promise<void> {
    const r = run.record;
    if (!FINISHED_STATES.has(r.state)) return; // the window closed before the run ended
    const { diagnosis, cost } = await this.tree.explain(run);
    // The experiment's run.notify.command starts a process: trusted workspaces only.
    if (vscode.workspace.isTrusted) {
      const hook = await runNotifyHook(run, diagnosis);
      if (hook.ran && hook.exitCode !== 0)
        void vscode.window.showWarningMessage(vscode.l10n.t('Liftoff: {0}', hook.detail));
    }
    const when = notifyWhen(vscode.workspace.getConfiguration('liftoff.runs').get<unknown>('notify'));
    if (when === 'none') return;
    const metric = await this.primaryMetric(run.dir);
    const value = metric ? await lastMetric(RunStore.file(run, 'metrics'), metric) : undefined;
    const m = runEndMessage(r, when, {
      locale: uiLocale(),
      ...(diagnosis ? { diagnosis } : {}),
      ...(metric && value !== undefined ? { primary: { name: metric, value } } : {}),
      cost,
    });
    if (!m) return;
    const fixable = Boolean(m.fix) && vscode.workspace.isTrusted;
    const fixLabel = vscode.l10n.t('Apply Fix and Re-run');
    const logLabel = vscode.l10n.t('Open Log');
    const buttons = [...(fixable ? [fixLabel] : []), logLabel];
    const show =
      m.severity === 'error'
        ? vscode.window.showErrorMessage
        : m.severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    const choice = await show(m.message, ...buttons);
    if (choice === fixLabel) await applyFixAndRerun(run);
    // The run's timeline: stdout and stderr (where the error usually is) with the state changes.
    else if (choice === logLabel) await vscode.commands.executeCommand('liftoff.showRunTimeline', { kind: 'run', run });
  }

  private async primaryMetric(dir: string): Promise<string | undefined> {
    try {
      const text = await readRunFile(path.join(dir, 'config.yaml'));
      const config = (text === undefined ? undefined : parse(text, { maxAliasCount: 100 })) as
        { metrics?: { primary?: { name?: unknown } } } | null | undefined;
      const name = config?.metrics?.primary?.name;
      return typeof name === 'string' ? name : undefined;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    if (this.poll) clearInterval(this.poll);
    for (const run of this.local.values()) run.dispose();
    this.local.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}
