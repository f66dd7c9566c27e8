/**
 * The run comparison table under the charts: one row per run with the config keys whose values differ between the
 * runs (only those), each metric's final and best value (and its smoothed last value when smoothing is on), the
 * primary metric's min and max, duration and state. Pure: the host feeds it the runs'
 * config snapshots and series; the webview sorts and draws it.
 */
import {
  AXIS_NAMES,
  GROUP_ORDER,
  goalOf,
  groupOf,
  chartKeyOf,
  summarizeMetric,
  type Goal,
  type MetricSummaryRow,
  type SummaryOptions,
} from '../../../../core/src/metrics';
import type { ComparisonColumn, ComparisonRow, ComparisonTable } from './contract';
import { english, type Tr } from './words';

export interface ComparedRun {
  readonly key: string;
  readonly experiment: string;
  readonly state: string;
  readonly durationSec?: number;
  readonly config: unknown;
  /**
   * Metric name → its values (the series store's view), or its summary from the run's cache (a finished run's series
   * are not held in memory: lod-views.ts `cachedMetrics`).
   */
  readonly metrics: ReadonlyMap<string, ComparedMetric>;
  readonly primary?: { readonly name: string; readonly goal: Goal };
  /** What the run cost, all its attempts together, as the Runs view shows it ("0.42 GPU-h · $1.05"). */
  readonly cost?: string;
}

export type ComparedMetric =
  | { readonly values: ArrayLike<number>; readonly length: number; readonly steps?: ArrayLike<number> }
  | { summarize(o: SummaryOptions): MetricSummaryRow };

export interface CompareOptions {
  readonly maxConfigColumns?: number;
  readonly maxMetrics?: number;
  /** The panel's EMA weight: above 0, each metric gets a smoothed-last column (core/src/metrics/summary.ts). */
  readonly smoothing?: number;
  /** How the column titles and the note are said (the panel: vscode.l10n.t); English by default. */
  readonly tr?: Tr;
}

export interface MetricSummary {
  readonly final?: number;
  readonly best?: number;
}

/** The last finite value and the best finite one (lowest or highest by `goal`; none without a goal). */
export function summarise(values: ArrayLike<number>, length: number, goal: Goal | undefined): MetricSummary {
  let final: number | undefined;
  let best: number | undefined;
  for (let i = 0; i < length; i++) {
    const v = values[i] as number;
    if (v - v !== 0) continue;
    final = v;
    if (goal && (best === undefined || (goal === 'min' ? v < best : v > best))) best = v;
  }
  return { ...(final !== undefined && { final }), ...(best !== undefined && { best }) };
}

/** `{a: {b: 1, c: [1, 2]}}` → `a.b = "1"`, `a.c = "[1,2]"` (lists compare as a whole). */
export function flattenConfig(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      flattenConfig(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
  }
  return out;
}

/** The config keys whose values are not the same in every run (a key missing from some runs differs), in order. */
export function configDifferences(configs: readonly unknown[]): { keys: string[]; values: Array<Map<string, string>> } {
  const values = configs.map((c) => flattenConfig(c));
  const all = new Set<string>();
  for (const v of values) for (const k of v.keys()) all.add(k);
  const keys =
    configs.length < 2
      ? []
      : [...all].filter((k) => {
          const first = values[0]?.get(k);
          return values.some((v) => v.get(k) !== first);
        });
  return { keys, values };
}

function metricOrder(runs: readonly ComparedRun[]): string[] {
  const names = new Set<string>();
  for (const r of runs) for (const n of r.metrics.keys()) if (!AXIS_NAMES.has(n)) names.add(n);
  const primaries = new Set(runs.map((r) => r.primary?.name).filter((n): n is string => !!n && names.has(n)));
  const rank = (n: string) => GROUP_ORDER.indexOf(groupOf(chartKeyOf(n).chart));
  const rest = [...names].filter((n) => !primaries.has(n)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return [...primaries, ...rest];
}

export function compareRuns(runs: readonly ComparedRun[], o: CompareOptions = {}): ComparisonTable {
  const maxConfig = o.maxConfigColumns ?? 12;
  const maxMetrics = o.maxMetrics ?? 8;
  const tr = o.tr ?? english;
  const columns: ComparisonColumn[] = [{ key: 'run', label: 'Run', kind: 'text' }];
  const experiments = new Set(runs.map((r) => r.experiment));
  if (experiments.size > 1) columns.push({ key: 'experiment', label: 'Experiment', kind: 'text' });
  columns.push(
    { key: 'state', label: 'State', kind: 'text' },
    { key: 'duration', label: 'Duration', kind: 'duration' },
  );
  const costs = runs.some((r) => r.cost !== undefined);
  if (costs)
    columns.push({
      key: 'cost',
      label: 'Cost',
      kind: 'text',
      title: tr(
        'GPU-hours (CPU-hours without GPUs) of every attempt of the run, priced with liftoff.gpuHourPrice when set',
      ),
    });

  const diff = configDifferences(runs.map((r) => r.config));
  const shownKeys = diff.keys.slice(0, maxConfig);
  for (const k of shownKeys) columns.push({ key: `config:${k}`, label: k, kind: 'text', title: tr('config: {0}', k) });

  const metrics = metricOrder(runs);
  const shownMetrics = metrics.slice(0, maxMetrics);
  const goals = new Map<string, Goal | undefined>();
  const smoothing = o.smoothing ?? 0;
  const primaryMetric = shownMetrics.find((m) => runs.some((r) => r.primary?.name === m));
  for (const m of shownMetrics) {
    const primary = runs.find((r) => r.primary?.name === m)?.primary;
    const goal = primary?.goal ?? goalOf(m);
    goals.set(m, goal);
    const g = goal ? { goal } : {};
    columns.push({ key: `final:${m}`, label: `${m} (final)`, kind: 'number', title: tr('{0}: last value', m), ...g });
    if (goal)
      columns.push({
        key: `best:${m}`,
        label: `${m} (best)`,
        kind: 'number',
        title:
          goal === 'min'
            ? primary
              ? tr('{0}: lowest value (primary metric)', m)
              : tr('{0}: lowest value', m)
            : primary
              ? tr('{0}: highest value (primary metric)', m)
              : tr('{0}: highest value', m),
        ...g,
      });
    if (smoothing > 0)
      columns.push({
        key: `smoothed:${m}`,
        label: `${m} (smoothed)`,
        kind: 'number',
        title: tr(
          '{0}: last value of the debiased moving average (smoothing {1}), computed over every point',
          m,
          smoothing,
        ),
        ...g,
      });
    if (m === primaryMetric)
      columns.push(
        { key: `min:${m}`, label: `${m} (min)`, kind: 'number', title: tr('{0}: lowest value', m), ...g },
        { key: `max:${m}`, label: `${m} (max)`, kind: 'number', title: tr('{0}: highest value', m), ...g },
      );
  }

  const rows: ComparisonRow[] = runs.map((r, i) => {
    const cells: Record<string, string | number | null> = {
      run: r.key,
      state: r.state,
      duration: r.durationSec ?? null,
    };
    if (experiments.size > 1) cells.experiment = r.experiment;
    if (costs) cells.cost = r.cost ?? null;
    const flat = diff.values[i];
    for (const k of shownKeys) cells[`config:${k}`] = flat?.get(k) ?? null;
    for (const m of shownMetrics) {
      const s = r.metrics.get(m);
      const goal = goals.get(m);
      const o = { ...(goal && { goal }), smoothing };
      const sum = !s
        ? {}
        : 'summarize' in s
          ? s.summarize(o)
          : summarizeMetric(s.steps ?? new Float64Array(s.length) /* steps only place points */, s.values, s.length, o);
      cells[`final:${m}`] = sum.last ?? null;
      if (goal) cells[`best:${m}`] = sum.best ?? null;
      if (smoothing > 0) cells[`smoothed:${m}`] = sum.smoothedLast ?? null;
      if (m === primaryMetric) {
        cells[`min:${m}`] = sum.min ?? null;
        cells[`max:${m}`] = sum.max ?? null;
      }
    }
    return { run: r.key, cells };
  });

  const left: string[] = [];
  if (diff.keys.length > shownKeys.length)
    left.push(tr('{0} more differing config keys', diff.keys.length - shownKeys.length));
  if (metrics.length > shownMetrics.length) left.push(tr('{0} more metrics', metrics.length - shownMetrics.length));
  const note =
    runs.length === 1
      ? tr('One run selected: select more runs to see how their configs differ.')
      : runs.length > 1 && diff.keys.length === 0
        ? tr('The selected runs have identical configs.')
        : undefined;
  const notes = [note, left.length ? tr('Not shown: {0} (export CSV for every metric).', left.join(', ')) : undefined]
    .filter(Boolean)
    .join(' ');
  return { columns, rows, ...(notes && { note: notes }) };
}
