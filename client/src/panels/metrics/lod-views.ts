/**
 * The metrics panel's level-of-detail channel, host side (see contract.ts): one `LodIndex` per panel
 * (core/src/metrics/lod-index.ts), fed from the series store's deltas, answers each chart's `view` (pixel columns and
 * visible step range) with the envelope of every series of the chart: about 2 points a pixel column, first/min/max/last
 * of each bucket, so the drawn min and max of any range are the true ones (a chart of more than FULL_WIDTH_RUNS runs
 * gets fewer columns a run: `runColumns`). Smoothing is computed here on the full
 * resolution data (debiased EMA, core/src/metrics/smooth.ts) into pyramids of its own and sent as a second layer.
 *
 * Views are answered after `debounceMs` (a drag or a wheel zoom sends many; the latest for a chart wins and only it
 * is answered), each with a new generation (`gen`). `changed` (after new points) answers every viewed chart whose
 * series grew again: when its view and the shown runs are those of its last full answer, with a partial answer that
 * carries only the runs that changed (same `seq` and `gen`: the page keeps the other runs' layers), else in full. A
 * live run among a thousand finished ones so costs its own envelope per new point, not the thousand.
 * A finished run is written to its run cache next to it (`release`; core/src/metrics/run-cache.ts) and drawn from it
 * from then on, and a finished run seen again with unchanged files is drawn from it without reading them (`load`):
 * its envelopes, previews (`cachedChunks`) and summary columns (`cachedMetrics`) come from the file, read by offset;
 * a cache found damaged while read is dropped and the sink told (`cacheFailed`). No vscode import.
 */
import { unlinkSync } from 'node:fs';
import {
  AXIS_NAMES,
  LodIndex,
  LodPyramid,
  PREVIEW_COLUMNS,
  PREVIEW_MIN_POINTS,
  RunCache,
  RunCacheError,
  buildRunCache,
  chartKeyOf,
  emaSmooth,
  emaStart,
  lodEnvelope,
  previewOf,
  type EmaState,
  type Envelope,
  type LodQuery,
  type LodSource,
  type MetricSummaryRow,
  type SeriesStore,
  type SummaryOptions,
} from '../../../../core/src/metrics';
import type { ChartView, EnvelopeSeries, HostMessage, SeriesChunk } from './contract';

/** A finished run's series longer than PREVIEW_MIN_POINTS goes to the page as a preview (see SeriesChunk). */
export { PREVIEW_COLUMNS, PREVIEW_MIN_POINTS };
/** Smoothed pyramids of cached runs at a weight other than the cache's, built from their points (bounded). */
const MAX_CACHE_SMOOTHED = 256;
/** Bytes of cached runs' envelopes kept for reuse, all charts together. */
const MAX_KEPT_BYTES = 96 * 1024 * 1024;

/**
 * Runs a chart draws at its full width. Past them, each run's envelope gets fewer pixel columns (so fewer points, and
 * coarser pyramid levels read), in inverse proportion to the runs shown, never under MIN_RUN_COLUMNS: a thousand lines
 * overlap in a few hundred pixels, and each line's envelope still holds the true min and max of every range.
 */
export const FULL_WIDTH_RUNS = 32;
export const MIN_RUN_COLUMNS = 64;

/** The pixel columns each run's envelope is computed at, for a chart `columns` wide showing `runs` runs. */
export function runColumns(columns: number, runs: number): number {
  if (runs <= FULL_WIDTH_RUNS) return columns;
  return Math.min(columns, Math.max(MIN_RUN_COLUMNS, Math.floor((columns * FULL_WIDTH_RUNS) / runs)));
}

/** A view is answered this long after the last one for its chart (zoom and pan send many). */
export const VIEW_DEBOUNCE_MS = 30;
/** Charts whose views are kept (a page shows a few dozen; the page sends views only for charts on screen). */
const MAX_VIEWS = 512;

export type EnvelopeMessage = Extract<HostMessage, { type: 'envelope' }>;

export interface LodViewsSink {
  post(msg: EnvelopeMessage): void;
  /** The runs whose series are drawn (selection order). */
  selected(): readonly string[];
  /** A run's cache turned out damaged while read (it was dropped): its files must be read again. */
  cacheFailed?(run: string, why: string): void;
}

/** A metric's summary for the comparison table, from a run's cache (no series in memory). */
export interface CachedMetric {
  summarize(o: SummaryOptions): MetricSummaryRow;
}

interface Smoothed {
  weight: number;
  state: EmaState;
  consumed: number;
  pyramid: LodPyramid;
}

export class LodViews {
  readonly index: LodIndex;
  private readonly views = new Map<string, ChartView>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly smoothed = new Map<string, Smoothed>();
  /** Per chart, the cached runs' envelopes of its last answer and the view they answer (see `envelopeOf`). */
  private readonly kept = new Map<string, { view: string; byRun: Map<string, EnvelopeSeries[]>; bytes: number }>();
  private keptBytes = 0;
  /** Per chart, its last full answer posted: the view (with its seq), its generation and the runs shown then. */
  private readonly bases = new Map<string, { view: string; gen: number; selected: string }>();
  /** Per chart, runs whose series changed since the chart was last answered (consumed by `changed`). */
  private readonly dirty = new Map<string, Set<string>>();
  private gen = 0;
  /** Smoothed pyramids of cached runs at weights other than their cache's (least recently used first). */
  private readonly cacheSmoothed = new Map<string, LodPyramid>();
  private version = 0;
  private disposed = false;

  constructor(
    private readonly store: SeriesStore,
    private readonly sink: LodViewsSink,
    private readonly debounceMs = VIEW_DEBOUNCE_MS,
  ) {
    this.index = new LodIndex(store);
  }

  /** A chart's view from the page: answered `debounceMs` after the last one for the chart (latest wins). */
  request(v: ChartView): void {
    if (this.disposed) return;
    const held = this.views.get(v.chart);
    if (held && held.seq > v.seq) return; // an older view overtaken by a newer one
    this.views.delete(v.chart);
    this.views.set(v.chart, {
      chart: v.chart,
      seq: v.seq,
      columns: v.columns,
      xMin: v.xMin,
      xMax: v.xMax,
      smoothing: v.smoothing,
    });
    if (this.views.size > MAX_VIEWS) {
      const oldest = this.views.keys().next().value as string;
      this.views.delete(oldest);
      clearTimeout(this.pending.get(oldest));
      this.pending.delete(oldest);
    }
    clearTimeout(this.pending.get(v.chart));
    this.pending.set(
      v.chart,
      setTimeout(() => {
        this.pending.delete(v.chart);
        this.answer(v.chart);
      }, this.debounceMs),
    );
  }

  /** Answers every view still waiting for its debounce now (tests; a page that asks for its first paint). */
  flushPending(): void {
    for (const [chart, t] of [...this.pending]) {
      clearTimeout(t);
      this.pending.delete(chart);
      this.answer(chart);
    }
  }

  /** Posts the envelope of a chart's latest view, in full (undefined: no view for it). */
  answer(chart: string): EnvelopeMessage | undefined {
    const v = this.views.get(chart);
    if (!v || this.disposed) return undefined;
    this.sync();
    const msg = this.envelopeOf(v);
    this.dirty.delete(chart);
    this.bases.set(chart, { view: baseKey(v), gen: msg.gen, selected: this.sink.selected().join('\n') });
    this.sink.post(msg);
    return msg;
  }

  /**
   * The runs of a chart whose series changed, as a partial answer onto its last full one when the page holds that
   * (same view, same runs shown), else the chart in full. Undefined: no view for it.
   */
  private update(chart: string, runs: ReadonlySet<string>): EnvelopeMessage | undefined {
    const v = this.views.get(chart);
    if (!v || this.disposed) return undefined;
    const base = this.bases.get(chart);
    const selected = this.sink.selected();
    if (!base || base.view !== baseKey(v) || base.selected !== selected.join('\n')) return this.answer(chart);
    const shown = new Set(selected);
    const changed = [...runs].filter((r) => shown.has(r));
    if (changed.length === 0) return undefined;
    const q = { xMin: v.xMin, xMax: v.xMax, columns: runColumns(v.columns, selected.length) };
    const series: EnvelopeSeries[] = [];
    for (const run of changed) this.runSeries(run, v, q, series);
    this.dirty.delete(chart);
    const { seq, columns, xMin, xMax, smoothing } = v;
    const msg: EnvelopeMessage = {
      type: 'envelope',
      chart,
      seq,
      columns,
      xMin,
      xMax,
      smoothing,
      gen: base.gen,
      runs: changed,
      series,
    };
    this.sink.post(msg);
    return msg;
  }

  /** The envelope message for a view, from the pyramids as they are now (call `sync` first for the newest points). */
  envelopeOf(v: ChartView): EnvelopeMessage {
    const series: EnvelopeSeries[] = [];
    const selected = this.sink.selected();
    const q = { xMin: v.xMin, xMax: v.xMax, columns: runColumns(v.columns, selected.length) };
    // A cached run never changes: its envelopes from the chart's last answer at the same view are sent again as they
    // are (a chart answered in full again, e.g. one more run shown, costs the runs not drawn from a cache).
    const viewKey = `${q.columns}|${v.xMin}|${v.xMax}|${v.smoothing}`;
    const prev = this.kept.get(v.chart);
    const reuse = prev?.view === viewKey ? prev.byRun : undefined;
    const keep = new Map<string, EnvelopeSeries[]>();
    for (const run of selected) {
      const cache = this.index.cacheOf(run);
      const again = cache && reuse?.get(run);
      if (again) {
        series.push(...again);
        keep.set(run, again);
        continue;
      }
      const before = series.length;
      if (this.runSeries(run, v, q, series) && cache && this.index.cacheOf(run) === cache)
        keep.set(run, series.slice(before));
    }
    this.keepAnswer(v.chart, viewKey, keep);
    const { chart, seq, columns, xMin, xMax, smoothing } = v; // not `type`: a view message is passed in as is
    return { type: 'envelope', chart, seq, columns, xMin, xMax, smoothing, gen: ++this.gen, series };
  }

  /**
   * Appends one run's layers of a view's chart to `out`; false when it has no series on the chart or its cache was
   * found damaged (dropped: its files are read again, and its layers come with their points).
   */
  private runSeries(run: string, v: ChartView, q: LodQuery, out: EnvelopeSeries[]): boolean {
    const names = this.names(run).filter((n) => !AXIS_NAMES.has(n) && chartKeyOf(n).chart === v.chart);
    if (names.length === 0) return false;
    const cache = this.index.cacheOf(run);
    const before = out.length;
    try {
      const add = (): void => {
        for (const name of names) {
          const raw = this.index.envelope(run, name, q);
          if (!raw) continue;
          out.push({ run, name, layer: 'raw', ...trimmed(raw) });
          if (v.smoothing > 0) {
            const s = this.smoothedOf(run, name, v.smoothing);
            if (s) out.push({ run, name, layer: 'smooth', ...trimmed(lodEnvelope(s, q)) });
          }
        }
      };
      if (cache) cache.hold(add);
      else add();
      return true;
    } catch (err) {
      if (!cache || !(err instanceof RunCacheError)) throw err;
      out.length = before;
      this.dropCache(run, err.message);
      return false;
    }
  }

  /** Keeps a chart's cached runs' envelopes for reuse, within MAX_KEPT_BYTES for all charts (oldest dropped). */
  private keepAnswer(chart: string, view: string, byRun: Map<string, EnvelopeSeries[]>): void {
    let bytes = 0;
    for (const list of byRun.values()) for (const s of list) bytes += s.x.byteLength + s.y.byteLength;
    const old = this.kept.get(chart);
    if (old) this.keptBytes -= old.bytes;
    this.kept.delete(chart);
    if (bytes === 0 || bytes > MAX_KEPT_BYTES) return;
    this.kept.set(chart, { view, byRun, bytes });
    this.keptBytes += bytes;
    for (const [k, e] of this.kept) {
      if (this.keptBytes <= MAX_KEPT_BYTES || k === chart) break;
      this.kept.delete(k);
      this.keptBytes -= e.bytes;
    }
  }

  /** Forgets kept envelopes of `run` (its cache changed or went), or of every run. */
  private forgetKept(run?: string): void {
    for (const [chart, e] of [...this.kept]) {
      if (run !== undefined && !e.byRun.has(run)) continue;
      this.kept.delete(chart);
      this.keptBytes -= e.bytes;
    }
  }

  /**
   * New points were committed: brings the pyramids up to date and answers again every viewed chart one of whose
   * series changed — with only the changed runs when the page holds the chart's last full answer (see `update`);
   * not those still waiting for their debounce: they are answered then, in full.
   */
  changed(): void {
    this.sync();
    const dirty = [...this.dirty];
    this.dirty.clear();
    if (this.disposed) return;
    for (const [chart, runs] of dirty) if (this.views.has(chart) && !this.pending.has(chart)) this.update(chart, runs);
  }

  /** The page reloaded: its views are gone. */
  reset(): void {
    this.forgetKept();
    this.bases.clear();
    this.dirty.clear();
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    this.views.clear();
  }

  /** Forgets the pyramids of runs no longer shown. */
  keepRuns(keep: ReadonlySet<string>): void {
    for (const key of [...this.smoothed.keys()])
      if (!keep.has(key.slice(0, key.indexOf('\u0000')))) this.smoothed.delete(key);
    for (const key of [...this.cacheSmoothed.keys()])
      if (!keep.has(key.slice(0, key.indexOf('\u0000')))) this.cacheSmoothed.delete(key);
    for (const run of this.index.runs()) if (!keep.has(run)) this.index.deleteRun(run);
    for (const [chart, e] of [...this.kept])
      if ([...e.byRun.keys()].some((r) => !keep.has(r))) {
        this.kept.delete(chart);
        this.keptBytes -= e.bytes;
      }
  }

  /**
   * A finished run whose every point the store holds: its cache is written next to it (`<dir>/.lod/run.lodc`: per
   * series its pyramids raw and smoothed at the default weight, preview and summary; run-cache.ts) and the run is drawn
   * from it from now on (the in-memory pyramids are dropped; the caller may drop its series from the store). False
   * when nothing was written: a store limit cut the run's points (a cache would claim points it never saw), or a long
   * series' steps do not ascend. Throws when the file cannot be written (a read-only folder, a full disk).
   */
  release(run: string, dir: string, key: string): boolean {
    this.sync();
    if (!buildRunCache(this.store, run, dir, key, (name) => this.index.pyramid(run, name))) return false;
    return this.load(run, dir, key).length > 0 || this.store.names(run).length === 0;
  }

  /**
   * The preview of a series (see SeriesChunk), times relative to `t0`: a cached run's from its cache (every point of
   * a short series, the envelope of a long one); otherwise the envelope of a long series' whole step range at
   * `columns`, undefined when the series is short, its steps do not ascend, or it has no pyramid yet. Call `sync`.
   */
  preview(run: string, name: string, t0: number, columns = PREVIEW_COLUMNS): SeriesChunk | undefined {
    const cache = this.index.cacheOf(run);
    if (cache) {
      const info = cache.info(name);
      const p = info && this.guard(run, cache, () => cache.preview(name));
      if (!info || !p) return undefined;
      return chunkOf(run, name, info.length, info.nonFinite, p, t0);
    }
    const s = this.store.series(run, name);
    if (!s || s.length <= PREVIEW_MIN_POINTS) return undefined;
    const pyramid = this.index.pyramid(run, name);
    if (!pyramid) return undefined;
    const p = previewOf(s, pyramid, columns);
    return p && chunkOf(run, name, s.length, s.nonFinite, p, t0);
  }

  /** Every series of a run drawn from its cache, as the page gets them (undefined: the run has no cache attached). */
  cachedChunks(run: string, t0: number): SeriesChunk[] | undefined {
    const cache = this.index.cacheOf(run);
    if (!cache) return undefined;
    // Every preview of the run in one read; a damaged cache is dropped here (the caller reads the run's files).
    const previews = this.guard(run, cache, () => cache.previews());
    if (!previews) return undefined;
    const out: SeriesChunk[] = [];
    for (const name of cache.names()) {
      const info = cache.info(name);
      const p = previews.get(name);
      if (info && p) out.push(chunkOf(run, name, info.length, info.nonFinite, p, t0));
    }
    return out;
  }

  /** The metrics of a run drawn from its cache, for the comparison table (undefined: no cache attached). */
  cachedMetrics(run: string): Map<string, CachedMetric> | undefined {
    const cache = this.index.cacheOf(run);
    if (!cache) return undefined;
    const out = new Map<string, CachedMetric>();
    for (const name of cache.names())
      out.set(name, { summarize: (o) => this.guard(run, cache, () => cache.summarize(name, o)) ?? {} });
    return out;
  }

  /** Whether a run is drawn from its cache (its series need not be in the store). */
  isCached(run: string): boolean {
    return this.index.cacheOf(run) !== undefined;
  }

  /** Metric names of a run: its cache's, else the store's. Sorted. */
  names(run: string): string[] {
    return this.index.cacheOf(run)?.names() ?? this.store.names(run);
  }

  /**
   * A finished run seen again: draws it from its cache when one built from `key` is there and sound (run-cache.ts);
   * returns the metric names it holds ([]: no usable cache, the run's files must be read).
   */
  load(run: string, dir: string, key: string): string[] {
    const cache = RunCache.open(dir, key);
    if (typeof cache === 'string') return [];
    this.index.attach(run, cache);
    this.dropSmoothed(run);
    this.forgetKept(run);
    return cache.names();
  }

  /** Bytes of cached runs' envelopes kept for reuse (see `envelopeOf`; not pyramids: apart from `memoryBytes`). */
  get envelopeBytes(): number {
    return this.keptBytes;
  }

  /** Bytes of pyramids held in memory, raw and smoothed. */
  memoryBytes(): number {
    let n = this.index.memoryBytes();
    for (const s of this.smoothed.values()) n += s.pyramid.bytes;
    for (const p of this.cacheSmoothed.values()) n += p.bytes;
    return n;
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
    this.keepRuns(new Set());
  }

  /** Runs `f` on a run's cache; a damaged cache is dropped (file removed, the sink told) and undefined returned. */
  private guard<T>(run: string, cache: RunCache, f: () => T): T | undefined {
    try {
      return f();
    } catch (err) {
      if (!(err instanceof RunCacheError)) throw err;
      this.dropCache(run, err.message);
      return undefined;
    }
  }

  private dropCache(run: string, why: string): void {
    const cache = this.index.cacheOf(run);
    this.index.deleteRun(run);
    this.dropSmoothed(run);
    this.forgetKept(run);
    if (cache) {
      try {
        unlinkSync(cache.file);
      } catch {
        /* gone already, or a read-only folder: the next open finds it damaged again */
      }
    }
    this.sink.cacheFailed?.(run, why);
  }

  private dropSmoothed(run: string): void {
    for (const k of [...this.smoothed.keys()]) if (k.startsWith(`${run}\u0000`)) this.smoothed.delete(k);
    for (const k of [...this.cacheSmoothed.keys()]) if (k.startsWith(`${run}\u0000`)) this.cacheSmoothed.delete(k);
  }

  /**
   * Consumes the store's deltas into the pyramids; returns the chart keys whose series changed (each with the runs
   * that changed in it, also kept for the next `changed` whatever answers the chart meanwhile).
   */
  sync(): Map<string, Set<string>> {
    this.index.update();
    const delta = this.store.sinceVersion(this.version);
    this.version = delta.version;
    const charts = new Map<string, Set<string>>();
    for (const d of delta.series) {
      if (!AXIS_NAMES.has(d.name)) {
        const chart = chartKeyOf(d.name).chart;
        let runs = charts.get(chart);
        if (!runs) charts.set(chart, (runs = new Set()));
        runs.add(d.run);
        let all = this.dirty.get(chart);
        if (!all) this.dirty.set(chart, (all = new Set()));
        all.add(d.run);
      }
      const s = this.smoothed.get(`${d.run}\u0000${d.name}`);
      if (!s) continue;
      if (d.from !== s.consumed) {
        this.smoothed.delete(`${d.run}\u0000${d.name}`); // resent or rewritten: rebuilt when next asked for
        continue;
      }
      const out = new Float64Array(d.values.length);
      s.state = emaSmooth(d.values, s.weight, out, 0, out.length, s.state);
      s.pyramid.appendMany(d.steps, out);
      s.pyramid.settle();
      s.consumed = d.length;
    }
    return charts;
  }

  /** The smoothed pyramid of a series at `weight`, built from the store's full-resolution points when missing. */
  private smoothedOf(run: string, name: string, weight: number): LodSource | undefined {
    const key = `${run}\u0000${name}`;
    const cache = this.index.cacheOf(run);
    if (cache) {
      if (weight === cache.smoothing) return cache.source(name, 'smooth');
      // Another weight: smoothed from the cached raw points (level 0), kept for the last few series asked for.
      const ck = `${key}\u0000${weight}`;
      const held = this.cacheSmoothed.get(ck);
      if (held) {
        this.cacheSmoothed.delete(ck);
        this.cacheSmoothed.set(ck, held);
        return held;
      }
      const src = cache.source(name, 'raw');
      if (!src) return undefined;
      const pts = src.read(0, 0, src.length);
      const values = new Float64Array(src.length);
      const steps = new Float64Array(src.length);
      for (let i = 0; i < src.length; i++) {
        steps[i] = pts[2 * i] as number;
        values[i] = pts[2 * i + 1] as number;
      }
      emaSmooth(values, weight, values, 0, values.length);
      const pyramid = new LodPyramid();
      pyramid.appendMany(steps, values);
      pyramid.settle();
      this.cacheSmoothed.set(ck, pyramid);
      if (this.cacheSmoothed.size > MAX_CACHE_SMOOTHED)
        this.cacheSmoothed.delete(this.cacheSmoothed.keys().next().value!);
      return pyramid;
    }
    const held = this.smoothed.get(key);
    if (held && held.weight === weight) return held.pyramid;
    const whole = this.store.series(run, name);
    if (!whole) return undefined;
    const out = new Float64Array(whole.length);
    const state = emaSmooth(whole.values, weight, out, 0, whole.length, emaStart());
    const pyramid = new LodPyramid();
    pyramid.appendMany(whole.steps, out, 0, whole.length);
    pyramid.settle();
    this.smoothed.set(key, { weight, state, consumed: whole.length, pyramid });
    return pyramid;
  }
}

/** What identifies a view for a partial answer: the page takes one only onto the answer of the same view. */
function baseKey(v: ChartView): string {
  return `${v.seq}|${v.columns}|${v.xMin}|${v.xMax}|${v.smoothing}`;
}

function chunkOf(
  run: string,
  name: string,
  total: number,
  nonFinite: number,
  p: { steps: Float64Array; times: Float64Array; values: Float64Array },
  t0: number,
): SeriesChunk {
  // Each array its own buffer (a view would post the whole buffer it views): one pass each.
  const n = p.times.length;
  const times = new Float32Array(n);
  const values = new Float32Array(n);
  const pt = p.times;
  const pv = p.values;
  for (let i = 0; i < n; i++) {
    times[i] = (pt[i] as number) - t0;
    values[i] = pv[i] as number;
  }
  return { run, name, from: 0, total, nonFinite, steps: p.steps.slice(), times, values };
}

/** An envelope's points as arrays of their own length (what is posted: no spare capacity crosses the IPC). */
function trimmed(e: Envelope): { x: Float64Array; y: Float64Array } {
  if (e.x.length === e.length && e.y.length === e.length) return { x: e.x, y: e.y }; // lodEnvelope's own arrays
  return { x: e.x.slice(0, e.length), y: e.y.slice(0, e.length) };
}
