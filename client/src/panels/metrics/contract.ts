/**
 * The metrics panel's message contract, owned by the host (panel.ts) and imported by the webview
 * (webviews/metrics/main.ts). No vscode import: the webview bundle includes this file.
 *
 * Handshake: the webview posts `ready` whenever its page (re)loads — first open, shown again after being hidden,
 * window reload. The host answers with `init` (settings, runs, comparison, notices) and then the selected runs'
 * full series in `series` messages of bounded size; the last one has `loading: false`. After that, `series`
 * messages carry only the points added since the previous one (at most ~10 a second, coalesced), and `runs` says
 * when runs appear, change state or disappear. Points travel as typed arrays (transferred, never JSON arrays).
 * The webview posts `settings` on every change (the host persists them per workspace and loads newly selected
 * runs), `exportCsv`, and `savePng` with a chart's image.
 *
 * Level of detail (lod-views.ts): for a chart on screen with steps on the x axis, the webview posts `view` (the chart,
 * its pixel columns, its visible step range, the smoothing weight, and a sequence number that grows with each view
 * of that chart); the host answers `envelope` with the same `seq`: per series of the chart, about 2 points a pixel
 * column (first/min/max/last of each bucket of its min/max pyramid, core/src/metrics/lod.ts; fewer columns a run when
 * many runs share the chart, lod-views.ts `runColumns`), raw and, when smoothing
 * is on, the smoothed values (computed on the host at full resolution). Each full answer has a new `gen` (host-wide,
 * growing). While points arrive, the host sends for each viewed chart whose view is unchanged a partial answer: same
 * `seq` and `gen` as the full answer it updates, `runs` naming the runs it replaces and `series` only theirs (a live run
 * among a thousand finished ones costs one run's envelope, not a thousand); the page keeps the other runs' layers. A
 * full answer replaces every layer of the chart. The webview takes an answer only for its latest `view` of the chart
 * (same `seq` and view), and a partial one only onto the full answer of the same `gen`: a stale or partial update never
 * mixes runs of two views.
 */
import type { GroupBand, GroupCenter } from '../../../../core/src/metrics/groups';
import type { Goal } from '../../../../core/src/metrics/metric-names';
import { DEFAULT_SMOOTHING } from '../../../../core/src/metrics/smooth';
import type { RunMeta } from '../../../../core/src/metrics/run-meta';
import { RUN_STATES as STATES, type RunState } from '../../../../core/src/runs/run-record';

export const METRICS_VIEW_TYPE = 'liftoff.metrics';

export type XAxis = 'step' | 'epoch' | 'relative' | 'wall';
export const X_AXES: readonly XAxis[] = ['step', 'epoch', 'relative', 'wall'];
/** The run record's own state type (one definition, core/src/runs/run-record.ts). */
export type RunStateName = RunState;
const RUN_STATES: readonly string[] = STATES;

/** What the panel remembers per workspace (workspaceState) and restores after a reload. */
export interface MetricsSettings {
  /** Run keys in the order they were selected. */
  readonly selected: readonly string[];
  /** Run key → colour slot, so a run keeps its colour while others come and go. */
  readonly colors: Readonly<Record<string, number>>;
  /** EMA weight, 0–0.99 (0: no smoothing). */
  readonly smoothing: number;
  readonly xAxis: XAxis;
  readonly logScale: boolean;
  readonly ignoreOutliers: boolean;
  /** Chart groups the user collapsed. */
  readonly collapsed: readonly string[];
  readonly metricFilter: string;
  readonly runFilter: string;
  /** The run the comparison table shows deltas against ('' none). */
  readonly baseline: string;
  /**
   * What the selected runs are grouped by ('' none): a config path (`training.seed`), `experiment`, or `tag:<name>`.
   * Each group is drawn as one line (`groupCenter`) with a band (`groupBand`); see core/src/metrics/groups.ts.
   */
  readonly groupBy: string;
  readonly groupCenter: GroupCenter;
  readonly groupBand: GroupBand;
}

export const DEFAULT_SETTINGS: MetricsSettings = {
  selected: [],
  colors: {},
  smoothing: DEFAULT_SMOOTHING,
  xAxis: 'step',
  logScale: false,
  ignoreOutliers: false,
  collapsed: [],
  metricFilter: '',
  runFilter: '',
  baseline: '',
  groupBy: '',
  groupCenter: 'mean',
  groupBand: 'minmax',
};

export const GROUP_CENTERS: readonly GroupCenter[] = ['mean', 'median'];
export const GROUP_BANDS: readonly GroupBand[] = ['minmax', 'std', 'stderr', 'none'];

/** What a run's config snapshot says about drawing its metrics (read in core, shown as is). */
export type { RunMeta, Threshold } from '../../../../core/src/metrics/run-meta';

export interface RunInfo {
  /** The run's id: the key of its series and of `selected`. */
  readonly key: string;
  /** The name the user gave the run (Rename Run, `liftoff runs rename`), shown wherever the run is named. */
  readonly name?: string;
  readonly experiment: string;
  readonly state: RunStateName;
  /** Start and end, milliseconds since the epoch. */
  readonly startedAt: number;
  readonly endedAt?: number;
  /** Seconds since the epoch that `times` in this run's chunks are relative to (its start). */
  readonly t0: number;
  readonly meta: RunMeta;
  /** Config scalars by dotted path and tags, for filter expressions (only runs whose snapshot was read). */
  readonly config?: Readonly<Record<string, number | string | boolean | null>>;
  readonly tags?: readonly string[];
}

export interface Notice {
  readonly key: string;
  readonly level: 'info' | 'warning';
  readonly text: string;
}

/**
 * Points of one series: the webview keeps its first `from` points and appends these. A chunk with `total` is a
 * preview of a finished run's long series instead (lod-views.ts `preview`): the envelope of its whole step range at a
 * few hundred pixel columns (its first, last, lowest and highest points among them), replacing whatever the page held;
 * `total` is the series' real number of points. Zoomed views are drawn from the host's envelopes.
 */
export interface SeriesChunk {
  readonly run: string;
  readonly name: string;
  readonly from: number;
  readonly total?: number;
  /** NaN/±Infinity values in the whole series (they are sent, and skipped when drawing). */
  readonly nonFinite: number;
  readonly steps: Float64Array;
  /** Seconds since the run's `t0` (NaN: unknown). */
  readonly times: Float32Array;
  readonly values: Float32Array;
}

export interface ComparisonColumn {
  readonly key: string;
  readonly label: string;
  readonly kind: 'text' | 'number' | 'duration';
  /** Longer text for the header's tooltip. */
  readonly title?: string;
  /** For a metric's number column: whether lower or higher is better (deltas to the baseline say which they are). */
  readonly goal?: Goal;
}

export interface ComparisonRow {
  readonly run: string;
  readonly cells: Readonly<Record<string, string | number | null>>;
}

export interface ComparisonTable {
  readonly columns: readonly ComparisonColumn[];
  readonly rows: readonly ComparisonRow[];
  /** What the table left out (too many differing keys or metrics), for people. */
  readonly note?: string;
}

/** What a chart on screen shows (webview → host): answered by an `envelope` with the same `seq`. */
export interface ChartView {
  /** The chart's key (core/src/metrics/metric-names.ts chartKeyOf): the metric name without its train/val marker. */
  readonly chart: string;
  /** Grows with each view the page asks for this chart; an answer with a lower one is stale. */
  readonly seq: number;
  /** Pixel columns of the plotting area. */
  readonly columns: number;
  /** The visible step range. */
  readonly xMin: number;
  readonly xMax: number;
  /** EMA weight of the smoothed layer (0: raw only). */
  readonly smoothing: number;
}

/** One series' points to draw for a view: `layer` raw values or smoothed ones, steps in `x`. */
export interface EnvelopeSeries {
  readonly run: string;
  readonly name: string;
  readonly layer: 'raw' | 'smooth';
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Host → webview. */
export type HostMessage =
  | {
      readonly type: 'init';
      readonly settings: MetricsSettings;
      readonly runs: readonly RunInfo[];
      readonly comparison: ComparisonTable;
      readonly notices: readonly Notice[];
      readonly loading: boolean;
    }
  | { readonly type: 'series'; readonly chunks: readonly SeriesChunk[]; readonly loading: boolean }
  | {
      readonly type: 'runs';
      readonly runs: readonly RunInfo[];
      readonly selected: readonly string[];
      readonly comparison: ComparisonTable;
      readonly notices: readonly Notice[];
    }
  | { readonly type: 'status'; readonly text: string }
  | {
      readonly type: 'envelope';
      readonly chart: string;
      readonly seq: number;
      readonly columns: number;
      readonly xMin: number;
      readonly xMax: number;
      readonly smoothing: number;
      /** The full answer this message is or updates (host-wide, grows with each full answer). */
      readonly gen: number;
      /** Partial answer: only these runs' layers are replaced (by `series`, all of these runs); absent: full answer. */
      readonly runs?: readonly string[];
      readonly series: readonly EnvelopeSeries[];
    };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'settings'; readonly settings: MetricsSettings }
  | { readonly type: 'exportCsv' }
  | { readonly type: 'savePng'; readonly chart: string; readonly dataUrl: string }
  | ({ readonly type: 'view' } & ChartView);

// Bounds on what the webview may send: it renders workspace text, so its messages are untrusted.
const MAX_RUNS = 100_000;
const MAX_KEY = 256;
const MAX_FILTER = 500;
const MAX_PNG_CHARS = 64 * 1024 * 1024;
const PNG_PREFIX = 'data:image/png;base64,';
const MAX_CHART = 1024;
/** Pixel columns a view may ask for (a 16k-wide screen at most). */
export const MAX_COLUMNS = 16_384;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKey(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_KEY;
}

function keyList(v: unknown, max: number): string[] | undefined {
  if (!Array.isArray(v) || v.length > max || !v.every(isKey)) return undefined;
  return [...new Set(v)];
}

/** Settings from untrusted input (a message, saved state): invalid fields fall back to defaults; undefined if not an object. */
export function parseSettings(value: unknown): MetricsSettings | undefined {
  if (!isRecord(value)) return undefined;
  const d = DEFAULT_SETTINGS;
  const colors: Record<string, number> = {};
  if (isRecord(value.colors)) {
    const entries = Object.entries(value.colors);
    if (entries.length <= MAX_RUNS)
      for (const [k, v] of entries)
        if (isKey(k) && typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < MAX_RUNS) colors[k] = v;
  }
  const str = (v: unknown, fallback: string) => (typeof v === 'string' && v.length <= MAX_FILTER ? v : fallback);
  return {
    selected: keyList(value.selected, MAX_RUNS) ?? d.selected,
    colors,
    smoothing:
      typeof value.smoothing === 'number' && value.smoothing >= 0 && value.smoothing <= 0.99
        ? value.smoothing
        : d.smoothing,
    xAxis: X_AXES.includes(value.xAxis as XAxis) ? (value.xAxis as XAxis) : d.xAxis,
    logScale: typeof value.logScale === 'boolean' ? value.logScale : d.logScale,
    ignoreOutliers: typeof value.ignoreOutliers === 'boolean' ? value.ignoreOutliers : d.ignoreOutliers,
    collapsed: keyList(value.collapsed, 64) ?? d.collapsed,
    metricFilter: str(value.metricFilter, d.metricFilter),
    runFilter: str(value.runFilter, d.runFilter),
    baseline: value.baseline === '' || isKey(value.baseline) ? value.baseline : d.baseline,
    groupBy: value.groupBy === '' || isKey(value.groupBy) ? value.groupBy : d.groupBy,
    groupCenter: GROUP_CENTERS.includes(value.groupCenter as GroupCenter)
      ? (value.groupCenter as GroupCenter)
      : d.groupCenter,
    groupBand: GROUP_BANDS.includes(value.groupBand as GroupBand) ? (value.groupBand as GroupBand) : d.groupBand,
  };
}

/** Validates a message from the webview. Undefined when invalid. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'exportCsv':
      return { type: 'exportCsv' };
    case 'settings': {
      if (!isRecord(value.settings) || !Array.isArray(value.settings.selected)) return undefined;
      const settings = parseSettings(value.settings);
      // A selection that fails validation is not silently replaced by an empty one.
      if (!settings || keyList(value.settings.selected, MAX_RUNS) === undefined) return undefined;
      return { type: 'settings', settings };
    }
    case 'savePng': {
      const { chart, dataUrl } = value;
      if (
        !isKey(chart) ||
        typeof dataUrl !== 'string' ||
        dataUrl.length > MAX_PNG_CHARS ||
        !dataUrl.startsWith(PNG_PREFIX)
      )
        return undefined;
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(dataUrl.slice(PNG_PREFIX.length))) return undefined;
      return { type: 'savePng', chart, dataUrl };
    }
    case 'view': {
      const v = parseView(value);
      return v && { type: 'view', ...v };
    }
    default:
      return undefined;
  }
}

/** A chart's view from untrusted input, or undefined: finite numbers, an ordered range, bounded columns. */
export function parseView(value: Record<string, unknown>): ChartView | undefined {
  const { chart, seq, columns, xMin, xMax, smoothing } = value;
  if (typeof chart !== 'string' || chart.length === 0 || chart.length > MAX_CHART) return undefined;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return undefined;
  if (typeof columns !== 'number' || !Number.isInteger(columns) || columns < 1 || columns > MAX_COLUMNS)
    return undefined;
  if (typeof xMin !== 'number' || typeof xMax !== 'number' || !Number.isFinite(xMin) || !Number.isFinite(xMax))
    return undefined;
  if (xMin > xMax) return undefined;
  if (typeof smoothing !== 'number' || !(smoothing >= 0 && smoothing <= 0.99)) return undefined;
  return { chart, seq, columns, xMin, xMax, smoothing };
}

function isEnvelopeSeries(v: unknown): v is EnvelopeSeries {
  return (
    isRecord(v) &&
    isKey(v.run) &&
    typeof v.name === 'string' &&
    v.name.length <= 1024 &&
    (v.layer === 'raw' || v.layer === 'smooth') &&
    v.x instanceof Float64Array &&
    v.y instanceof Float64Array &&
    v.x.length === v.y.length
  );
}

function isNotice(v: unknown): v is Notice {
  return (
    isRecord(v) &&
    typeof v.key === 'string' &&
    typeof v.text === 'string' &&
    (v.level === 'info' || v.level === 'warning')
  );
}

function isGoal(v: unknown): v is Goal {
  return v === 'min' || v === 'max';
}

/** Core's names are at most 120 characters; anything longer did not come from it. */
const MAX_RUN_NAME = 200;

function isRunInfo(v: unknown): v is RunInfo {
  if (!isRecord(v) || !isKey(v.key) || typeof v.experiment !== 'string' || !RUN_STATES.includes(v.state as string))
    return false;
  if (v.name !== undefined && (typeof v.name !== 'string' || v.name.length === 0 || v.name.length > MAX_RUN_NAME))
    return false;
  if (
    typeof v.startedAt !== 'number' ||
    typeof v.t0 !== 'number' ||
    (v.endedAt !== undefined && typeof v.endedAt !== 'number')
  )
    return false;
  const m = v.meta;
  if (!isRecord(m) || !Array.isArray(m.thresholds)) return false;
  if (
    !m.thresholds.every(
      (t) =>
        isRecord(t) &&
        typeof t.metric === 'string' &&
        (t.min === undefined || typeof t.min === 'number') &&
        (t.max === undefined || typeof t.max === 'number'),
    )
  )
    return false;
  if (m.primary !== undefined && !(isRecord(m.primary) && typeof m.primary.name === 'string' && isGoal(m.primary.goal)))
    return false;
  if (
    m.earlyStopping !== undefined &&
    !(
      isRecord(m.earlyStopping) &&
      typeof m.earlyStopping.monitor === 'string' &&
      isGoal(m.earlyStopping.mode) &&
      typeof m.earlyStopping.patience === 'number'
    )
  )
    return false;
  return m.epochs === undefined || typeof m.epochs === 'number';
}

function isComparison(v: unknown): v is ComparisonTable {
  return (
    isRecord(v) &&
    Array.isArray(v.columns) &&
    Array.isArray(v.rows) &&
    v.columns.every(
      (c) =>
        isRecord(c) &&
        typeof c.key === 'string' &&
        typeof c.label === 'string' &&
        ['text', 'number', 'duration'].includes(c.kind as string),
    ) &&
    v.rows.every(
      (r) =>
        isRecord(r) &&
        typeof r.run === 'string' &&
        isRecord(r.cells) &&
        Object.values(r.cells).every((c) => c === null || typeof c === 'string' || typeof c === 'number'),
    )
  );
}

/** A preview holds at most as many points as the series. */
function isArrayLength(values: unknown, total: number): boolean {
  return values instanceof Float32Array && values.length <= total;
}

function isChunk(v: unknown): v is SeriesChunk {
  if (!isRecord(v) || !isKey(v.run) || typeof v.name !== 'string' || v.name.length > 1024) return false;
  if (typeof v.from !== 'number' || !Number.isInteger(v.from) || v.from < 0 || typeof v.nonFinite !== 'number')
    return false;
  if (
    v.total !== undefined &&
    (typeof v.total !== 'number' || !Number.isSafeInteger(v.total) || v.from !== 0 || !isArrayLength(v.values, v.total))
  )
    return false;
  const { steps, times, values } = v;
  return (
    steps instanceof Float64Array &&
    times instanceof Float32Array &&
    values instanceof Float32Array &&
    steps.length === values.length &&
    times.length === values.length
  );
}

/** Validates a message from the host: the shapes the webview relies on before drawing. Undefined when invalid. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'init': {
      const settings = parseSettings(value.settings);
      if (!settings || !Array.isArray(value.runs) || !value.runs.every(isRunInfo) || !isComparison(value.comparison))
        return undefined;
      if (!Array.isArray(value.notices) || !value.notices.every(isNotice) || typeof value.loading !== 'boolean')
        return undefined;
      return {
        type: 'init',
        settings,
        runs: value.runs,
        comparison: value.comparison,
        notices: value.notices,
        loading: value.loading,
      };
    }
    case 'series':
      if (!Array.isArray(value.chunks) || !value.chunks.every(isChunk) || typeof value.loading !== 'boolean')
        return undefined;
      return { type: 'series', chunks: value.chunks, loading: value.loading };
    case 'runs': {
      if (!Array.isArray(value.runs) || !value.runs.every(isRunInfo) || !isComparison(value.comparison))
        return undefined;
      const selected = keyList(value.selected, MAX_RUNS);
      if (!selected || !Array.isArray(value.notices) || !value.notices.every(isNotice)) return undefined;
      return { type: 'runs', runs: value.runs, selected, comparison: value.comparison, notices: value.notices };
    }
    case 'status':
      return typeof value.text === 'string' ? { type: 'status', text: value.text } : undefined;
    case 'envelope': {
      const v = parseView(value);
      if (!v || !Array.isArray(value.series) || !value.series.every(isEnvelopeSeries)) return undefined;
      const gen = value.gen;
      if (typeof gen !== 'number' || !Number.isSafeInteger(gen) || gen < 0) return undefined;
      if (value.runs === undefined) return { type: 'envelope', ...v, gen, series: value.series };
      // A partial answer names every run it replaces; a series of another run would be kept beside a stale one.
      const runs = keyList(value.runs, MAX_RUNS);
      if (!runs || runs.length !== (value.runs as unknown[]).length) return undefined;
      const named = new Set(runs);
      if (!value.series.every((s) => named.has(s.run))) return undefined;
      return { type: 'envelope', ...v, gen, runs, series: value.series };
    }
    default:
      return undefined;
  }
}
