import * as vscode from 'vscode';
import { errorText, uiLocale } from '../error-text';
import {
  diagnosisIn,
  lastMetric,
  readRunIdentity,
  reasonText,
  runDisplayName,
  stateText,
} from '../../../core/src/runs';
import {
  explainRun,
  formatCost,
  groupAttempts,
  runCost,
  sumCosts,
  type Diagnosis,
  type RunCost,
} from '../../../core/src/runs';
import { runTooltipMarkdown } from './run-tooltip';
import type { RunHandle } from '../../../core/src/runs';
import { describeQueueJob, QueuePoller, type QueueJob } from '../../../core/src/launchers';
import { RunStore } from '../../../core/src/runs';

/** A run node; `attempts`: the later attempts `run.retry` made of it, listed under it. */
export type RunsNode =
  | { kind: 'experiment'; name: string; runs: RunHandle[] }
  | { kind: 'run'; run: RunHandle; attempts?: RunHandle[] }
  /** The Slurm queue section: the user's jobs on the cluster, also those not started from Liftoff. */
  | { kind: 'queue' }
  | { kind: 'queueJob'; job: QueueJob };

const ICONS: Record<string, vscode.ThemeIcon> = {
  queued: new vscode.ThemeIcon('clock'),
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  succeeded: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  cancelled: new vscode.ThemeIcon('circle-slash'),
};

export function duration(r: RunHandle['record'], now = Date.now()): string {
  const ms = (r.endedAt ? Date.parse(r.endedAt) : now) - Date.parse(r.startedAt);
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m ${s % 60}s`
      : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** The Runs view: experiments → runs (newest first) with state icon, duration and the primary metric's last value. */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode> {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  /** Finished runs do not change: their diagnosis and cost are read once per end (dir + endedAt + state). */
  private readonly finished = new Map<string, { key: string; diagnosis?: Diagnosis; cost: RunCost }>();

  constructor(
    private readonly stores: () => RunStore[],
    private readonly primaryMetric: (dir: string) => Promise<string | undefined>,
    private readonly gpuHourPrice: () => number | undefined = () => undefined,
    /** The user's Slurm jobs, or undefined when the section is not shown (no Slurm runs here, untrusted workspace). */
    private readonly slurmQueue?: () => Promise<QueueJob[]> | undefined,
  ) {}

  /** When the queue section asks Slurm: core's schedule (≤ 2 calls a minute, the share `npm run bench -- slurm` measures). */
  private readonly queuePoller = new QueuePoller({
    fetch: () => this.slurmQueue?.(),
    onChange: () => this.refresh(),
  });

  private queue(): Promise<QueueJob[]> | undefined {
    return this.queuePoller.jobs();
  }

  /** Ask Slurm again as soon as the queue's share allows (Refresh Runs, a cancel). */
  refreshQueue(): void {
    this.queuePoller.invalidate();
  }

  /** The cause of a failed or cancelled run (core's explainRun, as `liftoff runs` shows it) and what the run cost. */
  async explain(run: RunHandle): Promise<{ diagnosis?: Diagnosis; cost: RunCost }> {
    const r = run.record;
    const price = this.gpuHourPrice();
    if (!r.endedAt) return { cost: await runCost(run, price) };
    const key = `${r.endedAt}|${r.state}|${price ?? ''}`;
    const hit = this.finished.get(run.dir);
    if (hit?.key === key) return hit;
    // In VS Code's display language: the description, the tooltip and the end-of-run notification show it.
    const found = await explainRun(run);
    const diagnosis = found && diagnosisIn(uiLocale(), found);
    const entry = { key, cost: await runCost(run, price), ...(diagnosis ? { diagnosis } : {}) };
    this.finished.set(run.dir, entry);
    return entry;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }
  dispose(): void {
    this.queuePoller.dispose();
    this.changed.dispose();
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (node?.kind === 'experiment')
      return groupAttempts(node.runs).map((g) =>
        g.attempts.length > 1
          ? { kind: 'run', run: g.run, attempts: g.attempts.slice(1) }
          : { kind: 'run', run: g.run },
      );
    if (node?.kind === 'run') return (node.attempts ?? []).map((run) => ({ kind: 'run', run }));
    if (node?.kind === 'queue') {
      try {
        return ((await this.queue()) ?? []).map((job) => ({ kind: 'queueJob', job }));
      } catch {
        return []; // the section's own item says why
      }
    }
    if (node) return [];
    const all = (await Promise.all(this.stores().map((s) => s.list()))).flat();
    const byExperiment = new Map<string, RunHandle[]>();
    for (const run of all)
      byExperiment.set(run.record.experiment, [...(byExperiment.get(run.record.experiment) ?? []), run]);
    const experiments = [...byExperiment]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, runs]): RunsNode => ({ kind: 'experiment', name, runs }));
    const slurmHere = all.some((r) => r.record.launcher === 'slurm');
    return slurmHere && this.queue() ? [...experiments, { kind: 'queue' }] : experiments;
  }

  async getTreeItem(node: RunsNode): Promise<vscode.TreeItem> {
    if (node.kind === 'queue') {
      const item = new vscode.TreeItem(vscode.l10n.t('Slurm queue'), vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon('server-process');
      item.contextValue = 'slurmQueue';
      try {
        const jobs = (await this.queue()) ?? [];
        item.description =
          jobs.length === 1 ? vscode.l10n.t('1 job of yours') : vscode.l10n.t('{0} jobs of yours', jobs.length);
      } catch (err) {
        item.description = vscode.l10n.t('Slurm could not be asked');
        item.tooltip = errorText(err);
      }
      return item;
    }
    if (node.kind === 'queueJob') {
      const j = node.job;
      const item = new vscode.TreeItem(`${j.jobId} ${j.name}`);
      item.id = `slurm-queue:${j.jobId}`;
      item.iconPath = new vscode.ThemeIcon(j.state === 'RUNNING' ? 'play-circle' : 'clock');
      item.description = describeQueueJob(j);
      item.tooltip = vscode.l10n.t('Slurm job {0} ({1}): {2}', j.jobId, j.name, describeQueueJob(j));
      item.contextValue = 'slurmJob';
      return item;
    }
    if (node.kind === 'experiment') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('beaker');
      item.description = node.runs.length === 1 ? vscode.l10n.t('1 run') : vscode.l10n.t('{0} runs', node.runs.length);
      item.contextValue = 'experiment';
      return item;
    }
    const r = node.run.record;
    // The name the user gave the run (run-meta.json, "Rename Run"), else `attempt N`, else its id.
    const identity = await readRunIdentity(node.run.dir);
    const item = new vscode.TreeItem(
      runDisplayName(r, identity),
      node.attempts?.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.run.dir;
    item.iconPath = ICONS[r.state] ?? new vscode.ThemeIcon('circle-outline');
    const metric = await this.primaryMetric(node.run.dir);
    const value = metric ? await lastMetric(RunStore.file(node.run, 'metrics'), metric) : undefined;
    // A Slurm job's reason says why it waits or how it ended ("PENDING (Resources)", "TIMEOUT (time limit 01:00:00)").
    const slurmReason =
      r.launcher === 'slurm' && r.reason && (r.state === 'queued' || r.state === 'failed')
        ? reasonText(uiLocale(), r)?.split(/: |：/)[0]
        : undefined;
    const { diagnosis, cost: own } = await this.explain(node.run);
    // A retried run costs what all its attempts cost.
    const cost = node.attempts?.length
      ? sumCosts(
          [own, ...(await Promise.all(node.attempts.map(async (a) => (await this.explain(a)).cost)))],
          this.gpuHourPrice(),
        )
      : own;
    const spent = cost.gpuHours > 0 || (cost.cpuHours > 0 && r.endedAt) ? formatCost(cost) : undefined;
    item.description = [
      stateText(uiLocale(), r.state),
      node.attempts?.length ? vscode.l10n.t('{0} attempts', node.attempts.length + 1) : undefined,
      // Why it failed, in a few words; the tooltip has the log lines and the fix.
      diagnosis && diagnosis.cause !== 'stopped-by-user' ? diagnosis.title : undefined,
      duration(r),
      spent,
      metric && value !== undefined ? `${metric} ${formatNumber(value)}` : undefined,
      r.jobId ? vscode.l10n.t('job {0}', r.jobId) : undefined,
      diagnosis ? undefined : slurmReason,
      identity.notes ? '✎' : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    // run.json is the workspace's: its text is escaped, and the tooltip runs no commands and renders no HTML.
    const tooltip = new vscode.MarkdownString(
      runTooltipMarkdown(r, { diagnosis, cost, identity, tr: vscode.l10n.t, locale: uiLocale() }),
    );
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    // `run.finished.fixable`: a failure whose diagnosis has an edit of the experiment (Apply Fix and Re-run).
    item.contextValue =
      r.state === 'running' || r.state === 'queued'
        ? 'run.active'
        : diagnosis?.fix || diagnosis?.alternatives?.length
          ? 'run.finished.fixable'
          : 'run.finished';
    // A click shows the run's timeline: stdout and stderr interleaved with its state changes.
    item.command = { title: vscode.l10n.t('Show Run Timeline'), command: 'liftoff.showRunTimeline', arguments: [node] };
    return item;
  }
}

export function formatNumber(v: number): string {
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0)
    ? v.toExponential(3)
    : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}
