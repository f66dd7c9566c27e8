/**
 * What a chart draws from a series, computed lazily and cached per series: the x values for the chosen axis (steps,
 * epochs interpolated from the run's epoch series, seconds since the run's start, wall time), the EMA-smoothed
 * values (extended, not recomputed, as points arrive), and per-pixel-column decimations of both. Only charts on
 * screen ask, so only they pay.
 */
import type { XAxis } from '../../client/src/panels/metrics/contract';
import { decimateMinMax, extendDecimation, lowerBound, type Decimated } from '../../core/src/metrics/decimate';
import { emaSmooth, emaStart, type EmaState } from '../../core/src/metrics/smooth';
import type { SeriesData } from './series-data';

export interface XColumn {
  readonly x: ArrayLike<number>;
  /** Added to every x (the run's start for wall time). */
  readonly offset: number;
  /** Ascending, so a visible range can be found by binary search. */
  readonly sorted: boolean;
}

export interface DecimateRequest {
  readonly xAxis: XAxis;
  readonly xMin: number;
  readonly xMax: number;
  readonly columns: number;
  readonly log: boolean;
  /** 0 for the raw values, else the EMA weight of the smoothed ones. */
  readonly smoothing: number;
}

interface Sorted {
  len: number;
  last: number;
  ok: boolean;
  stamp: string;
}

interface Decimation {
  /** The request it answers, without the data version. */
  shape: string;
  version: number;
  rewrites: number;
  /** Input points it covers. */
  length: number;
  out: Decimated;
  extent?: [number, number] | 'none';
}

const cache = new WeakMap<SeriesData, Derived>();

export function derived(s: SeriesData): Derived {
  let d = cache.get(s);
  if (!d) {
    d = new Derived(s);
    cache.set(s, d);
  }
  return d;
}

export class Derived {
  private smooth = new Float32Array(0);
  private smoothLen = 0;
  private smoothWeight = -1;
  private smoothRewrites = -1;
  private ema: EmaState = emaStart();
  private epochX = new Float64Array(0);
  private epochKey = '';
  private readonly sortedBy = new Map<string, Sorted>();
  private readonly decimations = new Map<string, Decimation>();

  constructor(readonly s: SeriesData) {}

  /** Smoothed values for [0, length): extended from where it stopped unless the weight or the data changed. */
  smoothed(weight: number): Float32Array {
    const s = this.s;
    if (weight !== this.smoothWeight || s.rewrites !== this.smoothRewrites || this.smoothLen > s.length) {
      this.smoothLen = 0;
      this.ema = emaStart();
      this.smoothWeight = weight;
      this.smoothRewrites = s.rewrites;
    }
    if (this.smooth.length < s.length) {
      const next = new Float32Array(s.values.length);
      next.set(this.smooth.subarray(0, this.smoothLen));
      this.smooth = next;
    }
    if (this.smoothLen < s.length) {
      this.ema = emaSmooth(s.values, weight, this.smooth, this.smoothLen, s.length, this.ema);
      this.smoothLen = s.length;
    }
    return this.smooth;
  }

  /** The x values on `axis`; epochs need the run's epoch series (without one, steps are used and `fallback` says so). */
  x(axis: XAxis, t0: number, epoch: SeriesData | undefined): XColumn & { fallback?: boolean } {
    const s = this.s;
    switch (axis) {
      case 'relative':
        return { x: s.times, offset: 0, sorted: this.sorted('t', s.times) };
      case 'wall':
        return { x: s.times, offset: t0, sorted: this.sorted('t', s.times) };
      case 'epoch':
        if (epoch && epoch.length > 0 && epoch !== s)
          return { x: this.epochs(epoch), offset: 0, sorted: this.sorted('e', this.epochX) };
        if (epoch === s) return { x: s.values, offset: 0, sorted: this.sorted('v', s.values) };
        return { x: s.steps, offset: 0, sorted: this.sorted('s', s.steps), fallback: true };
      default:
        return { x: s.steps, offset: 0, sorted: this.sorted('s', s.steps) };
    }
  }

  /**
   * Decimated raw or smoothed values for the request; cached until the request or the data changes. Points appended
   * to a sorted series (a live run) only redo the columns from the first new point on.
   */
  decimated(req: DecimateRequest, t0: number, epoch: SeriesData | undefined, layer: 'raw' | 'smooth'): Decimated {
    return this.entry(req, t0, epoch, layer).out;
  }

  /** [min, max] of the decimated y values (what a y range without outlier trimming needs), cached with them. */
  extent(
    req: DecimateRequest,
    t0: number,
    epoch: SeriesData | undefined,
    layer: 'raw' | 'smooth',
  ): [number, number] | undefined {
    const e = this.entry(req, t0, epoch, layer);
    if (!e.extent) {
      let lo = Infinity;
      let hi = -Infinity;
      const y = e.out.y;
      for (let i = 0; i < e.out.length; i++) {
        const v = y[i] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      e.extent = lo <= hi ? [lo, hi] : 'none';
    }
    return e.extent === 'none' ? undefined : e.extent;
  }

  private entry(req: DecimateRequest, t0: number, epoch: SeriesData | undefined, layer: 'raw' | 'smooth'): Decimation {
    const s = this.s;
    const col = this.x(req.xAxis, t0, epoch);
    const shape = `${req.xAxis}|${req.xMin}|${req.xMax}|${req.columns}|${req.log}|${layer === 'smooth' ? req.smoothing : 0}|${req.xAxis === 'epoch' ? this.epochKey : ''}`;
    const hit = this.decimations.get(layer);
    if (hit && hit.shape === shape && hit.version === s.version) return hit;
    const y = layer === 'smooth' ? this.smoothed(req.smoothing) : s.values;
    const base = { xMin: req.xMin, xMax: req.xMax, columns: req.columns, xOffset: col.offset, positiveOnly: req.log };
    if (
      hit &&
      hit.shape === shape &&
      hit.rewrites === s.rewrites &&
      hit.length < s.length &&
      col.sorted &&
      req.xAxis !== 'epoch'
    ) {
      hit.out = extendDecimation(hit.out, col.x, y, hit.length, s.length, base);
    } else {
      let from = 0;
      let to = s.length;
      if (col.sorted && s.length > 0) {
        from = Math.max(0, lowerBound(col.x, req.xMin - col.offset, 0, s.length) - 1);
        to = Math.min(s.length, lowerBound(col.x, req.xMax - col.offset, from, s.length) + 1);
      }
      const out = decimateMinMax(col.x, y, { ...base, from, to, ...(hit && { out: hit.out }) });
      const e: Decimation = hit ?? { shape, version: 0, rewrites: 0, length: 0, out };
      Object.assign(e, { shape, out });
      this.decimations.set(layer, e);
    }
    const e = this.decimations.get(layer)!;
    e.version = s.version;
    e.rewrites = s.rewrites;
    e.length = s.length;
    e.extent = undefined;
    return e;
  }

  /** [min, max] of the finite x values on `axis`, or undefined. */
  xExtent(axis: XAxis, t0: number, epoch: SeriesData | undefined): [number, number] | undefined {
    const col = this.x(axis, t0, epoch);
    const n = this.s.length;
    let lo = Infinity;
    let hi = -Infinity;
    if (col.sorted) {
      for (let i = 0; i < n; i++) {
        const v = col.x[i] as number;
        if (v === v) {
          lo = v;
          break;
        }
      }
      for (let i = n - 1; i >= 0; i--) {
        const v = col.x[i] as number;
        if (v === v) {
          hi = v;
          break;
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = col.x[i] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    return lo <= hi ? [lo + col.offset, hi + col.offset] : undefined;
  }

  /** Index of the point nearest to x (undefined for an empty series). */
  nearest(axis: XAxis, t0: number, epoch: SeriesData | undefined, xv: number): number | undefined {
    const col = this.x(axis, t0, epoch);
    const n = this.s.length;
    if (n === 0) return undefined;
    const target = xv - col.offset;
    if (col.sorted) {
      const i = lowerBound(col.x, target, 0, n);
      if (i >= n) return n - 1;
      if (i === 0) return 0;
      return target - (col.x[i - 1] as number) <= (col.x[i] as number) - target ? i - 1 : i;
    }
    let best = 0;
    let dist = Infinity;
    for (let i = 0; i < n; i++) {
      const d = Math.abs((col.x[i] as number) - target);
      if (d < dist) {
        dist = d;
        best = i;
      }
    }
    return best;
  }

  /** Epoch at each point's step, interpolated between the run's epoch records (clamped at the ends). */
  private epochs(epoch: SeriesData): Float64Array {
    const s = this.s;
    const key = `${epoch.version}:${s.version}`;
    if (key === this.epochKey && this.epochX.length >= s.length) return this.epochX;
    this.epochKey = key;
    if (this.epochX.length < s.length) this.epochX = new Float64Array(s.values.length);
    const es = epoch.steps;
    const ev = epoch.values;
    const m = epoch.length;
    let j = 0;
    for (let i = 0; i < s.length; i++) {
      const step = s.steps[i] as number;
      if (j > 0 && (es[j - 1] as number) > step) j = 0; // steps went back (a restart): search again
      while (j < m && (es[j] as number) <= step) j++;
      // es[j-1] ≤ step < es[j]
      if (j === 0) this.epochX[i] = ev[0] as number;
      else if (j === m) this.epochX[i] = ev[m - 1] as number;
      else {
        const s0 = es[j - 1] as number;
        const s1 = es[j] as number;
        const e0 = ev[j - 1] as number;
        const e1 = ev[j] as number;
        this.epochX[i] = s1 > s0 ? e0 + ((step - s0) / (s1 - s0)) * (e1 - e0) : e0;
      }
    }
    return this.epochX;
  }

  /** Whether x[0, length) is ascending without NaN, checked incrementally; again from 0 after a rewrite. */
  private sorted(id: 's' | 't' | 'v' | 'e', x: ArrayLike<number>): boolean {
    const n = this.s.length;
    const stamp = id === 'e' ? this.epochKey : String(this.s.rewrites);
    let st = this.sortedBy.get(id);
    if (!st || st.stamp !== stamp || st.len > n) st = { len: 0, last: -Infinity, ok: true, stamp };
    for (let i = st.len; i < n && st.ok; i++) {
      const v = x[i] as number;
      if (v < st.last || v !== v)
        st.ok = false; // NaN (an unknown time) would mislead a binary search
      else st.last = v;
    }
    st.len = n;
    this.sortedBy.set(id, st);
    return st.ok;
  }
}
