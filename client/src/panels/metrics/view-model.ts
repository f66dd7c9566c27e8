/**
 * What the host tells the page about runs, from the run store's records, the runs' config snapshots and the series
 * store: each run's info (state, times, markers' meta) and the comparison table of the selected runs. No vscode import,
 * no file read.
 */
import { flattenScalars, tagsOf, type SeriesStore } from '../../../../core/src/metrics';
import { attemptOf, costOf, formatCost, sumCosts, type RunHandle, type RunIdentity } from '../../../../core/src/runs';
import { compareRuns, type ComparedMetric, type ComparedRun } from './comparison';
import type { ComparisonTable, RunInfo } from './contract';
import type { Tr } from './words';
import type { RunConfig } from '../../../../core/src/metrics';

/**
 * A run's info for the page. `identity`: the name the user gave the run (its run-meta.json, read by the panel's run
 * listing once and again only when it changes; none for most runs), shown instead of its id. Reads no file.
 */
export function runInfoOf(r: RunHandle, config: RunConfig | undefined, identity?: RunIdentity): RunInfo {
  const started = Date.parse(r.record.startedAt);
  const ended = r.record.endedAt ? Date.parse(r.record.endedAt) : undefined;
  const name = identity?.name;
  return {
    key: r.record.id,
    ...(name !== undefined && { name }),
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
  gpuHourPrice?: number,
  tr?: Tr,
  /** A run's metrics from its cache (lod-views.ts `cachedMetrics`); undefined: from the store. */
  cached?: (run: string) => ReadonlyMap<string, ComparedMetric> | undefined,
): ComparisonTable {
  const rows: ComparedRun[] = [];
  // Retried attempts by the run they retry: a run costs what all its attempts cost (as in the Runs view).
  const retries = new Map<string, RunHandle[]>();
  for (const r of runs.values()) {
    const root = r.record.retryOf;
    if (root && root !== r.record.id) retries.set(root, [...(retries.get(root) ?? []), r]);
  }
  for (const key of selected) {
    const run = runs.get(key);
    if (!run) continue;
    const config = configs.get(key);
    const metrics: ReadonlyMap<string, ComparedMetric> =
      cached?.(key) ?? new Map(store.names(key).map((n) => [n, store.series(key, n)!]));
    const start = Date.parse(run.record.startedAt);
    const end = run.record.endedAt ? Date.parse(run.record.endedAt) : now;
    const cost = runCostOf(run, retries.get(key) ?? [], configs, gpuHourPrice, now);
    rows.push({
      key,
      ...cost,
      experiment: run.record.experiment,
      state: run.record.state,
      config: config?.config,
      metrics,
      ...(Number.isFinite(start) && Number.isFinite(end) && { durationSec: Math.max(0, (end - start) / 1000) }),
      ...(config?.meta.primary && { primary: config.meta.primary }),
    });
  }
  return compareRuns(rows, { smoothing, ...(tr && { tr }) });
}

/**
 * A run's cost for the comparison table: its attempts' GPU-hours summed (core/src/runs/cost.ts, the Runs view's
 * computation), formatted as the Runs view formats it; nothing for a queued run or one that has not cost anything yet.
 */
export function runCostOf(
  run: RunHandle,
  retries: readonly RunHandle[],
  configs: ReadonlyMap<string, RunConfig>,
  gpuHourPrice: number | undefined,
  now: number,
): { cost?: string } {
  const attempts = [run, ...retries].filter((a) => a.record.state !== 'queued');
  const cost = sumCosts(
    attempts.map((a) => costOf([attemptOf(a.record, configs.get(a.record.id)?.config)], gpuHourPrice, now)),
    gpuHourPrice,
  );
  const ended = attempts.every((a) => !!a.record.endedAt);
  if (!(cost.gpuHours > 0 || (cost.cpuHours > 0 && ended))) return {};
  return { cost: formatCost(cost) };
}
