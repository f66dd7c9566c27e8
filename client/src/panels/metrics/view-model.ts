/**
 * What the host tells the page about runs, from the run store's records, the runs' config snapshots and the series
 * store: each run's info (state, times, markers' meta) and the comparison table of the selected runs. No vscode import.
 */
import { flattenScalars, tagsOf, type SeriesStore } from '../../../../core/src/metrics';
import type { RunHandle } from '../../../../core/src/runs';
import { compareRuns, type ComparedRun } from './comparison';
import type { ComparisonTable, RunInfo } from './contract';
import type { RunConfig } from '../../../../core/src/metrics';

export function runInfoOf(r: RunHandle, config: RunConfig | undefined): RunInfo {
  const started = Date.parse(r.record.startedAt);
  const ended = r.record.endedAt ? Date.parse(r.record.endedAt) : undefined;
  return {
    key: r.record.id,
    experiment: r.record.experiment,
    state: r.record.state,
    startedAt: started,
    ...(ended !== undefined && Number.isFinite(ended) && { endedAt: ended }),
    t0: Number.isFinite(started) ? started / 1000 : 0,
    meta: config?.meta ?? { thresholds: [] },
    ...(config?.config !== undefined && { config: flattenScalars(config.config), tags: tagsOf(config.config) }),
  };
}

export function comparisonOf(
  selected: readonly string[],
  runs: ReadonlyMap<string, RunHandle>,
  configs: ReadonlyMap<string, RunConfig>,
  store: SeriesStore,
  now = Date.now(),
  smoothing = 0,
): ComparisonTable {
  const rows: ComparedRun[] = [];
  for (const key of selected) {
    const run = runs.get(key);
    if (!run) continue;
    const config = configs.get(key);
    const metrics = new Map(store.names(key).map((n) => [n, store.series(key, n)!]));
    const start = Date.parse(run.record.startedAt);
    const end = run.record.endedAt ? Date.parse(run.record.endedAt) : now;
    rows.push({
      key,
      experiment: run.record.experiment,
      state: run.record.state,
      config: config?.config,
      metrics,
      ...(Number.isFinite(start) && Number.isFinite(end) && { durationSec: Math.max(0, (end - start) / 1000) }),
      ...(config?.meta.primary && { primary: config.meta.primary }),
    });
  }
  return compareRuns(rows, { smoothing });
}
