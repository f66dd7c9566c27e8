/**
 * The metrics panel's level-of-detail channel, host side (see contract.ts): one `LodIndex` per panel
 * (core/src/metrics/lod-index.ts), fed from the series store's deltas, answers each chart's `view` (pixel columns and
 * visible step range) with the envelope of every series of the chart: about 2 points a pixel column, first/min/max/last
 * of each bucket, so the drawn min and max of any range are the true ones. Smoothing is computed here on the full
 * resolution data (debiased EMA, core/src/metrics/smooth.ts) into pyramids of its own and sent as a second layer.
 *
 * Views are answered after `debounceMs` (a drag or a wheel zoom sends many; the latest for a chart wins and only it
 * is answered); `changed` (after new points) sends the envelope of every viewed chart whose series grew again, with
 * the view's `seq`, so the page's check "not older than my latest view" keeps a stale answer off the screen.
 * Finished runs' pyramids can be released to file-backed ones next to the run (`release`; `LodIndex.release`) and a
 * finished run seen again reads them back (`load`). No vscode import.
 */
import {
  AXIS_NAMES,
  LodIndex,
  LodPyramid,
  chartKeyOf,
  emaSmooth,
  emaStart,
  lodEnvelope,
  type EmaState,
  type Envelope,
  type SeriesStore,
} from '../../../../core/src/metrics';
import type { ChartView, EnvelopeSeries, HostMessage, SeriesChunk } from './contract';

/** A finished run's series longer than this goes to the page as a preview (see SeriesChunk), not point by point. */
export const PREVIEW_MIN_POINTS = 4096;
/** Pixel columns of a preview: at most 2 points a column (plus the first and last). */
export const PREVIEW_COLUMNS = 320;

/** A view is answered this long after the last one for its chart (zoom and pan send many). */
export const VIEW_DEBOUNCE_MS = 30;
/** Charts whose views are kept (a page shows a few dozen; the page sends views only for charts on screen). */
const MAX_VIEWS = 512;

export type EnvelopeMessage = Extract<HostMessage, { type: 'envelope' }>;

export interface LodViewsSink {
  post(msg: EnvelopeMessage): void;
  /** The runs whose series are drawn (selection order). */
  selected(): readonly string[];
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

  /** Posts the envelope of a chart's latest view (undefined: no view for it). */
  answer(chart: string): EnvelopeMessage | undefined {
    const v = this.views.get(chart);
    if (!v || this.disposed) return undefined;
    this.sync();
    const msg = this.envelopeOf(v);
    this.sink.post(msg);
    return msg;
  }

  /** The envelope message for a view, from the pyramids as they are now (call `sync` first for the newest points). */
  envelopeOf(v: ChartView): EnvelopeMessage {
    const series: EnvelopeSeries[] = [];
    const q = { xMin: v.xMin, xMax: v.xMax, columns: v.columns };
    for (const run of this.sink.selected()) {
      for (const name of this.store.names(run)) {
        if (AXIS_NAMES.has(name) || chartKeyOf(name).chart !== v.chart) continue;
        const raw = this.index.envelope(run, name, q);
        if (!raw) continue;
        series.push({ run, name, layer: 'raw', ...trimmed(raw) });
        if (v.smoothing > 0) {
          const s = this.smoothedOf(run, name, v.smoothing);
          if (s) series.push({ run, name, layer: 'smooth', ...trimmed(lodEnvelope(s, q)) });
        }
      }
    }
    const { chart, seq, columns, xMin, xMax, smoothing } = v; // not `type`: a view message is passed in as is
    return { type: 'envelope', chart, seq, columns, xMin, xMax, smoothing, series };
  }

  /**
   * New points were committed: brings the pyramids up to date and sends again the envelope of every viewed chart
   * one of whose series changed (not those still waiting for their debounce: they are answered then).
   */
  changed(): void {
    if (this.disposed || this.views.size === 0) {
      this.sync();
      return;
    }
    const charts = this.sync();
    for (const chart of charts) if (this.views.has(chart) && !this.pending.has(chart)) this.answer(chart);
  }

  /** The page reloaded: its views are gone. */
  reset(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    this.views.clear();
  }

  /** Forgets the pyramids of runs no longer shown. */
  keepRuns(keep: ReadonlySet<string>): void {
    for (const key of [...this.smoothed.keys()])
      if (!keep.has(key.slice(0, key.indexOf('\u0000')))) this.smoothed.delete(key);
    for (const run of this.index.runs()) if (!keep.has(run)) this.index.deleteRun(run);
  }

  /**
   * A finished run: its raw pyramids are written next to it (`<dir>/.lod/`) and read from there from now on (the
   * in-memory ones are dropped); its smoothed ones are dropped too and rebuilt only if a chart asks for them.
   */
  release(run: string, dir: string, key: string): void {
    this.sync();
    this.index.release(run, dir, key);
    for (const k of [...this.smoothed.keys()]) if (k.startsWith(`${run}\u0000`)) this.smoothed.delete(k);
  }

  /**
   * The preview of a series (see SeriesChunk): the envelope of its whole step range at `columns`, with each point's
   * time (relative to `t0`); undefined when the series is short, its steps do not ascend, or it has no pyramid yet.
   * Call `sync` first.
   */
  preview(run: string, name: string, t0: number, columns = PREVIEW_COLUMNS): SeriesChunk | undefined {
    const s = this.store.series(run, name);
    if (!s || s.length <= PREVIEW_MIN_POINTS) return undefined;
    const steps = s.steps;
    for (let i = 1; i < s.length; i++) if (!((steps[i] as number) >= (steps[i - 1] as number))) return undefined;
    const e = this.index.envelope(run, name, {
      xMin: steps[0] as number,
      xMax: steps[s.length - 1] as number,
      columns,
    });
    if (!e) return undefined;
    // The envelope's last pass keeps each column's lowest and highest points: the series' first and last are added
    // back (the page's legend shows the last value, its x range starts and ends with them).
    const last = s.length - 1;
    const head = e.length === 0 || (e.x[0] as number) !== steps[0] ? 1 : 0;
    const tail = e.length === 0 || (e.x[e.length - 1] as number) !== steps[last] || last === 0 ? 1 : 0;
    const n = head + e.length + (last > 0 ? tail : 0);
    const x = new Float64Array(n);
    const y = new Float32Array(n);
    if (head) {
      x[0] = steps[0] as number;
      y[0] = s.values[0] as number;
    }
    x.set(e.x.subarray(0, e.length), head);
    y.set(e.y.subarray(0, e.length), head);
    if (last > 0 && tail) {
      x[n - 1] = steps[last] as number;
      y[n - 1] = s.values[last] as number;
    }
    const times = new Float32Array(n);
    let j = 0;
    for (let i = 0; i < n; i++) {
      while (j < last && (steps[j] as number) < (x[i] as number)) j++;
      times[i] = (s.times[j] as number) - t0;
    }
    return { run, name, from: 0, total: s.length, nonFinite: s.nonFinite, steps: x, times, values: y };
  }

  /** A finished run seen again: opens its cached pyramids built from `key`; returns the metric names opened. */
  load(run: string, dir: string, key: string): string[] {
    return this.index.loadCached(run, dir, key);
  }

  /** Bytes of pyramids held in memory, raw and smoothed. */
  memoryBytes(): number {
    let n = this.index.memoryBytes();
    for (const s of this.smoothed.values()) n += s.pyramid.bytes;
    return n;
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
  }

  /** Consumes the store's deltas into the pyramids; returns the chart keys whose series changed. */
  sync(): Set<string> {
    this.index.update();
    const delta = this.store.sinceVersion(this.version);
    this.version = delta.version;
    const charts = new Set<string>();
    for (const d of delta.series) {
      if (!AXIS_NAMES.has(d.name)) charts.add(chartKeyOf(d.name).chart);
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
  private smoothedOf(run: string, name: string, weight: number): LodPyramid | undefined {
    const key = `${run}\u0000${name}`;
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

/** An envelope's points as arrays of their own length (what is posted: no spare capacity crosses the IPC). */
function trimmed(e: Envelope): { x: Float64Array; y: Float64Array } {
  return { x: e.x.slice(0, e.length), y: e.y.slice(0, e.length) };
}
