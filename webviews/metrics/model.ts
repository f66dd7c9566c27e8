/**
 * Everything the page knows: settings, runs, the selected runs' series, and the charts they make — one chart per
 * metric name without its train/val marker, in groups. Charts are recomputed only when series appear or vanish.
 */
import type {
  ComparisonTable,
  MetricsSettings,
  Notice,
  RunInfo,
  SeriesChunk,
} from '../../client/src/panels/metrics/contract';
import { AXIS_NAMES, GROUP_ORDER, chartKeyOf, groupOf, type MetricGroup } from '../../core/src/metrics/metric-names';
import { SeriesData } from './series-data';
import { setRunNames } from '../../core/src/metrics/run-label';

export interface ChartMember {
  readonly series: SeriesData;
  readonly run: string;
  readonly variant: string;
}

export interface ChartDef {
  readonly key: string;
  readonly group: MetricGroup;
  /** Members in run-selection order, then variant. */
  readonly members: readonly ChartMember[];
}

const VARIANT_ORDER = ['', 'train', 'val', 'test'];

export class Model {
  settings!: MetricsSettings;
  runs = new Map<string, RunInfo>();
  comparison: ComparisonTable = { columns: [], rows: [] };
  hostNotices: readonly Notice[] = [];
  /** The host is still reading the selected runs' files. */
  loading = true;
  private readonly series = new Map<string, Map<string, SeriesData>>();
  private chartsCache: ChartDef[] | undefined;
  /** Bumped when the set of series changes (charts must be recomputed). */
  shape = 0;

  reset(settings: MetricsSettings, runs: readonly RunInfo[]): void {
    this.settings = settings;
    this.setRuns(runs);
    this.series.clear();
    this.changed();
  }

  setRuns(runs: readonly RunInfo[]): void {
    this.runs = new Map(runs.map((r) => [r.key, r]));
    setRunNames(runs);
  }

  /** Applies chunks; returns the series that changed. */
  apply(chunks: readonly SeriesChunk[]): SeriesData[] {
    const out: SeriesData[] = [];
    const selected = new Set(this.settings.selected);
    for (const c of chunks) {
      if (!selected.has(c.run)) continue; // deselected while in flight
      let byName = this.series.get(c.run);
      if (!byName) {
        byName = new Map();
        this.series.set(c.run, byName);
      }
      let s = byName.get(c.name);
      if (!s) {
        s = new SeriesData(c.run, c.name);
        byName.set(c.name, s);
        this.changed();
      }
      s.apply(c);
      out.push(s);
    }
    return out;
  }

  /** Drops the data of runs that are no longer selected. */
  select(selected: readonly string[]): void {
    this.settings = { ...this.settings, selected };
    const keep = new Set(selected);
    for (const run of [...this.series.keys()])
      if (!keep.has(run)) {
        this.series.delete(run);
        this.changed();
      }
    this.changed();
  }

  seriesOf(run: string): ReadonlyMap<string, SeriesData> | undefined {
    return this.series.get(run);
  }

  epochOf(run: string): SeriesData | undefined {
    return this.series.get(run)?.get('epoch');
  }

  pointsOf(run: string): number {
    let n = 0;
    for (const [name, s] of this.series.get(run) ?? []) if (!AXIS_NAMES.has(name)) n += s.points;
    return n;
  }

  charts(): readonly ChartDef[] {
    if (this.chartsCache) return this.chartsCache;
    const byKey = new Map<string, ChartMember[]>();
    for (const run of this.settings.selected) {
      for (const [name, s] of this.series.get(run) ?? []) {
        if (AXIS_NAMES.has(name)) continue;
        const { chart, variant } = chartKeyOf(name);
        let list = byKey.get(chart);
        if (!list) {
          list = [];
          byKey.set(chart, list);
        }
        list.push({ series: s, run, variant });
      }
    }
    const order = new Map(this.settings.selected.map((r, i) => [r, i]));
    const defs = [...byKey].map(([key, members]) => ({
      key,
      group: groupOf(key),
      members: members.sort(
        (a, b) =>
          (order.get(a.run) ?? 0) - (order.get(b.run) ?? 0) ||
          VARIANT_ORDER.indexOf(a.variant) - VARIANT_ORDER.indexOf(b.variant) ||
          a.series.name.localeCompare(b.series.name),
      ),
    }));
    defs.sort(
      (a, b) =>
        GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
        rank(a.key) - rank(b.key) ||
        a.key.localeCompare(b.key),
    );
    this.chartsCache = defs;
    return defs;
  }

  private changed(): void {
    this.chartsCache = undefined;
    this.shape++;
  }
}

/** Plain `loss` before `loss_cls` and friends. */
function rank(key: string): number {
  return key === 'loss' ? 0 : 1;
}
