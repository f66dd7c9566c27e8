/**
 * Full-resolution CSV of metrics from the series store: every point of every selected run and metric (not a
 * sample), one row per point — `run,metric,step,epoch,wall_time,value`. Rows are ordered by run (as given), metric
 * (sorted) and point order. `epoch` comes from the run's `epoch` series at the same step (empty when the run has
 * none), `wall_time` is in seconds since the epoch (empty when unknown), values are written exactly (shortest
 * round-trip form; `NaN`, `Infinity`, `-Infinity` as Python writes them). Produced in chunks, so millions of rows
 * never become one string.
 *
 * Run labels and metric names come from workspace files: a text cell that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or CR) is written with a leading `'` and quoted, as OWASP advises for CSV
 * injection. Number columns are never touched (a negative value stays a number).
 *
 * With `smoothing` > 0 a last column, `smoothed`, holds the debiased EMA (smooth.ts, as the chart draws it) of every
 * point, computed over the full series in point order: raw and smoothed side by side at full resolution.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AXIS_NAMES } from './metric-names';
import type { SeriesStore, SeriesView } from './series-store';
import { emaSmooth } from './smooth';

export const CSV_HEADER = 'run,metric,step,epoch,wall_time,value';
/** The header when the export carries smoothed values too. */
export const CSV_HEADER_SMOOTHED = `${CSV_HEADER},smoothed`;

export interface CsvOptions {
  /** The `run` column for a run key (default: the key). */
  readonly runLabel?: (run: string) => string;
  /** Metrics to include (default: every name of the run except the axes). */
  readonly metrics?: (name: string) => boolean;
  /** Characters per chunk before it is handed over (default 1 MiB). */
  readonly chunkChars?: number;
  /** EMA weight (0–0.99) for a `smoothed` column; 0 or absent: no such column. */
  readonly smoothing?: number;
}

export interface CsvSummary {
  rows: number;
  runs: number;
  metrics: number;
}

/** Quotes a field when it holds a comma, quote or line end. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell from workspace content: quoted as needed, and neutralised when a spreadsheet would read a formula. */
export function csvText(s: string): string {
  return FORMULA_START.test(s) ? `"'${s.replace(/"/g, '""')}"` : csvField(s);
}

function num(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}

/** Step → epoch lookup from the run's epoch series (last value for a repeated step). */
function epochLookup(epoch: SeriesView | undefined): (step: number) => number | undefined {
  if (!epoch || epoch.length === 0) return () => undefined;
  const map = new Map<number, number>();
  for (let i = 0; i < epoch.length; i++) map.set(epoch.steps[i] as number, epoch.values[i] as number);
  return (step) => map.get(step);
}

/** The CSV text in chunks (the header first). `summary` is filled in as the chunks are produced. */
export function* metricsCsvChunks(
  store: SeriesStore,
  runs: readonly string[],
  o: CsvOptions = {},
  summary: CsvSummary = { rows: 0, runs: 0, metrics: 0 },
): Generator<string> {
  const names = new Set<string>();
  const weight = o.smoothing !== undefined && o.smoothing > 0 ? o.smoothing : 0;
  yield* runChunks(store, runs, o, summary, names, `${weight > 0 ? CSV_HEADER_SMOOTHED : CSV_HEADER}\n`);
  summary.metrics = names.size;
}

/**
 * The same CSV, each run's points from `storeOf(run)`: the panel's store for a run it holds, or a store the run's
 * files were just read into (a finished run drawn from its cache holds no points: its files are read again, one run
 * at a time, so an export of a thousand runs never holds more than one of them).
 */
export async function* metricsCsvChunksFrom(
  storeOf: (run: string) => Promise<SeriesStore | undefined>,
  runs: readonly string[],
  o: CsvOptions = {},
  summary: CsvSummary = { rows: 0, runs: 0, metrics: 0 },
): AsyncGenerator<string> {
  const names = new Set<string>();
  const weight = o.smoothing !== undefined && o.smoothing > 0 ? o.smoothing : 0;
  yield `${weight > 0 ? CSV_HEADER_SMOOTHED : CSV_HEADER}\n`;
  for (const run of runs) {
    const store = await storeOf(run);
    if (store) yield* runChunks(store, [run], o, summary, names, '');
  }
  summary.metrics = names.size;
}

function* runChunks(
  store: SeriesStore,
  runs: readonly string[],
  o: CsvOptions,
  summary: CsvSummary,
  names: Set<string>,
  head: string,
): Generator<string> {
  const limit = o.chunkChars ?? 1 << 20;
  const weight = o.smoothing !== undefined && o.smoothing > 0 ? o.smoothing : 0;
  let buf = head;
  let smooth = new Float64Array(0);
  for (const run of runs) {
    const metrics = store.names(run).filter((n) => (o.metrics ? o.metrics(n) : !AXIS_NAMES.has(n)));
    if (metrics.length === 0) continue;
    summary.runs++;
    const label = csvText(o.runLabel ? o.runLabel(run) : run);
    const epochOf = epochLookup(store.series(run, 'epoch'));
    for (const name of metrics) {
      names.add(name);
      const s = store.series(run, name);
      if (!s) continue;
      const prefix = `${label},${csvText(name)},`;
      if (weight > 0) {
        if (smooth.length < s.length) smooth = new Float64Array(s.length);
        emaSmooth(s.values, weight, smooth, 0, s.length);
      }
      for (let i = 0; i < s.length; i++) {
        const step = s.steps[i] as number;
        const epoch = epochOf(step);
        const t = s.times[i] as number;
        buf += `${prefix}${num(step)},${epoch === undefined ? '' : num(epoch)},${Number.isFinite(t) ? String(t) : ''},${num(s.values[i] as number)}${weight > 0 ? `,${num(smooth[i] as number)}` : ''}\n`;
        summary.rows++;
        if (buf.length >= limit) {
          yield buf;
          buf = '';
        }
      }
    }
  }
  if (buf) yield buf;
}

/** The whole CSV as one string (small exports, tests). */
export function metricsCsv(store: SeriesStore, runs: readonly string[], o: CsvOptions = {}): string {
  return [...metricsCsvChunks(store, runs, o)].join('');
}

/**
 * Streams the CSV to `file` (replacing it) and says how much it wrote. `store` is the store holding the runs, or a
 * function giving each run's (see `metricsCsvChunksFrom`).
 */
export async function writeMetricsCsv(
  file: string,
  store: SeriesStore | ((run: string) => Promise<SeriesStore | undefined>),
  runs: readonly string[],
  o: CsvOptions = {},
): Promise<CsvSummary> {
  const summary: CsvSummary = { rows: 0, runs: 0, metrics: 0 };
  await pipeline(
    Readable.from(
      typeof store === 'function'
        ? metricsCsvChunksFrom(store, runs, o, summary)
        : metricsCsvChunks(store, runs, o, summary),
    ),
    createWriteStream(file, { encoding: 'utf8' }),
  );
  return summary;
}
