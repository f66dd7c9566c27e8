/**
 * The Compare Runs panel's view model (no vscode here: unit tests build it in Node): both runs' config snapshots
 * (core's readRunConfig, bounded), their metrics read once through the run feed every shell uses, core's
 * diffConfigs / diffMetrics, and the end of each run's logs (core's RunLogReader: bounded, no links, no FIFOs).
 */
import { openRunFeed, SeriesStore } from '../../../../core/src/metrics';
import { readRunConfig } from '../../../../core/src/metrics';
import {
  diffConfigs,
  diffMetrics,
  readRunIdentity,
  readRunTimeline,
  runDisplayName,
  stateText,
  type MetricPoints,
  type RunHandle,
} from '../../../../core/src/runs';
import type { Locale } from '../../../../core/src/l10n';
import type { LogSide, RunCompareModel, RunSide } from './contract';

/** How many of the last log lines of each run are shown side by side. */
export const LOG_LINES = 400;

async function side(run: RunHandle, locale: Locale | undefined): Promise<RunSide> {
  const identity = await readRunIdentity(run.dir);
  return {
    id: run.record.id,
    name: runDisplayName(run.record, identity),
    experiment: run.record.experiment,
    // The state as a word in the reader's language: the panel only shows it.
    state: stateText(locale, run.record.state),
    startedAt: run.record.startedAt,
    ...(identity.notes !== undefined && { notes: identity.notes }),
  };
}

function logs(run: RunHandle): LogSide {
  const entries = readRunTimeline(run, { initialBytes: 64 * 1024 }).filter(
    (e) => e.kind === 'line' || e.kind === 'skipped',
  );
  const lines = entries.flatMap((e) => (e.kind === 'line' ? [{ text: e.text, err: e.stream === 'stderr' }] : []));
  return {
    lines: lines.slice(-LOG_LINES),
    cut: lines.length > LOG_LINES || entries.some((e) => e.kind === 'skipped'),
  };
}

async function metrics(run: RunHandle): Promise<Map<string, MetricPoints>> {
  const store = new SeriesStore();
  (await openRunFeed(store, run.dir, run.record, { tail: false })).close();
  const out = new Map<string, MetricPoints>();
  for (const name of store.names(run.record.id)) {
    const s = store.series(run.record.id, name)!;
    out.set(name, { steps: s.steps.subarray(0, s.length), values: s.values.subarray(0, s.length) });
  }
  return out;
}

export async function runCompareModel(a: RunHandle, b: RunHandle, locale?: Locale): Promise<RunCompareModel> {
  const [ca, cb, ma, mb, sa, sb] = await Promise.all([
    readRunConfig(a.dir, a.record.files.config),
    readRunConfig(b.dir, b.record.files.config),
    metrics(a),
    metrics(b),
    side(a, locale),
    side(b, locale),
  ]);
  const goals = new Map([cb.meta.primary, ca.meta.primary].flatMap((p) => (p ? [[p.name, p.goal] as const] : [])));
  return {
    schema: 1,
    a: sa,
    b: sb,
    config: diffConfigs(ca.config, cb.config),
    metrics: diffMetrics(ma, mb, goals),
    logs: { a: logs(a), b: logs(b) },
  };
}
