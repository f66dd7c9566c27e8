/**
 * In-memory store of metric points: one columnar series per (run, metric), each three growable `Float64Array`s
 * (step, wall time in seconds, value) — 24 bytes a point, no object per point. 100 runs × 10 metrics × 10k points is
 * 240 MB of columns, plus growth slack (at most a quarter for series past 4096 points) until `trim()`.
 *
 * Writers push points into `Series` handles and then `commit()`: one commit is one version. `sinceVersion(v)` gives,
 * for every series changed after version `v`, the points to append (`from` is where they start: a consumer truncates
 * its copy to `from`, then appends — a delta may resend a few points it already has, never skip one). `onChange`
 * listeners hear each commit. NaN and ±Infinity values are kept as they are and counted in `nonFinite` (a chart skips
 * them and says how many).
 *
 * Limits (`StoreLimits`): a series keeps at most `maxPointsPerSeries` points and all columns together at most
 * `maxBytes`; points past either are not stored but counted (`Series.skipped`, `SeriesStore.skippedPoints()`) so
 * the panel can say what was left out. The checks sit where a series grows, never in the per-point path.
 */

/** A read-only view of a series' first `length` points. The arrays are views: later appends never change them. */
export interface SeriesView {
  readonly run: string;
  readonly name: string;
  readonly length: number;
  readonly steps: Float64Array;
  /** Wall time in seconds since the epoch; NaN where the source gave none. */
  readonly times: Float64Array;
  readonly values: Float64Array;
  /** How many of `values` are NaN or ±Infinity. */
  readonly nonFinite: number;
}

/** Points of one series added after some version: the consumer keeps its first `from` points, then appends these. */
export interface SeriesDelta extends SeriesView {
  readonly from: number;
}

export interface StoreDelta {
  /** Pass this to the next `sinceVersion` call. */
  readonly version: number;
  readonly series: readonly SeriesDelta[];
}

/** One series' columns as a batch to append (`times` may be omitted: NaN). */
export interface PointBatch {
  readonly run: string;
  readonly name: string;
  readonly steps: ArrayLike<number>;
  readonly times?: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

/** Caps on what the store holds (metrics files are workspace content: a run may log without end). */
export interface StoreLimits {
  /** Points kept per series; later ones are skipped and counted. */
  readonly maxPointsPerSeries: number;
  /** Bytes of columns in the whole store (24 a point, plus growth slack); points past it are skipped and counted. */
  readonly maxBytes: number;
}

/** 10 M points a series (240 MB), 1 GiB in all: far above the benches' 100 runs × 10 metrics × 10k points. */
export const DEFAULT_STORE_LIMITS: StoreLimits = { maxPointsPerSeries: 10_000_000, maxBytes: 1024 * 1024 * 1024 };

export type SkipReason = 'points' | 'memory';

/** Points of one series that a limit kept out of the store. */
export interface SkippedPoints {
  readonly run: string;
  readonly name: string;
  readonly count: number;
  readonly reason: SkipReason;
}

const POINT_BYTES = 24;
/** What a series costs besides its columns (object, maps, marks), counted against `maxBytes`. */
const SERIES_OVERHEAD = 512;
/** Series refused for memory that are remembered by name (for the notice); past this, only counted. */
const MAX_REFUSED = 1000;
const INITIAL_CAPACITY = 16;
/** Version marks kept per series before neighbours are merged (a merged mark only makes deltas a little larger). */
const MAX_MARKS = 64;

/** A writable series. Get one with `SeriesStore.series(run, name, true)` or `RunWriter.series(name)`. */
export class Series {
  private stepCol = new Float64Array(INITIAL_CAPACITY);
  private timeCol = new Float64Array(INITIAL_CAPACITY);
  private valueCol = new Float64Array(INITIAL_CAPACITY);
  private len = 0;
  private nonFiniteCount = 0;
  private skippedCount = 0;
  /** The limit that skipped the last point (undefined: none did). */
  skipReason: SkipReason | undefined;
  /** Flat [version, firstIndex, …] pairs: the points from firstIndex on were added at that version or later. */
  private marks: number[] = [];
  /** The version being built when this series was last touched (0: not touched since the last commit). */
  private dirtyFor = 0;
  /** The last committed version that changed this series. */
  lastVersion = 0;

  /** `detached`: refused by the memory limit, never stores a point (see `SeriesStore.series`). */
  constructor(
    private readonly store: SeriesStore,
    readonly run: string,
    readonly name: string,
    private readonly detached = false,
  ) {
    if (detached) {
      this.stepCol = this.timeCol = this.valueCol = new Float64Array(0);
      this.skipReason = 'memory';
    } else {
      // Never more room than the per-series limit allows: capacity ≤ maxPointsPerSeries is what keeps pushes within it.
      const cap = this.initialCapacity();
      if (cap !== INITIAL_CAPACITY) this.alloc(cap);
      store.adjustBytes(cap * POINT_BYTES);
    }
  }

  get length(): number {
    return this.len;
  }
  /** Points a limit kept out of this series (since its last `clear`). */
  get skipped(): number {
    return this.skippedCount;
  }
  get nonFinite(): number {
    return this.nonFiniteCount;
  }
  get capacity(): number {
    return this.stepCol.length;
  }

  push(step: number, time: number, value: number): void {
    const i = this.len;
    if (i === this.stepCol.length && !this.grow(i + 1)) {
      this.skippedCount++;
      return;
    }
    if (this.dirtyFor === 0) this.touch();
    this.stepCol[i] = step;
    this.timeCol[i] = time;
    this.valueCol[i] = value;
    // `value - value` is NaN exactly for NaN and ±Infinity.
    if (value - value !== 0) this.nonFiniteCount++;
    this.len = i + 1;
  }

  /** Appends columns (`times` omitted: NaN). */
  pushMany(steps: ArrayLike<number>, times: ArrayLike<number> | undefined, values: ArrayLike<number>): void {
    const all = Math.min(steps.length, values.length);
    if (all === 0) return;
    if (this.len + all > this.stepCol.length && !this.grow(this.len + all)) this.growWithin();
    const n = Math.min(all, this.stepCol.length - this.len);
    this.skippedCount += all - n;
    if (n === 0) return;
    if (this.dirtyFor === 0) this.touch();
    for (let k = 0; k < n; k++) {
      const i = this.len + k;
      const v = values[k] as number;
      this.stepCol[i] = steps[k] as number;
      this.timeCol[i] = times ? (times[k] ?? NaN) : NaN;
      this.valueCol[i] = v;
      if (v - v !== 0) this.nonFiniteCount++;
    }
    this.len += n;
  }

  /** Removes every point (a source file was truncated or rewritten). The old arrays stay with any view of them. */
  clear(): void {
    if (this.detached) {
      this.skippedCount = 0;
      return;
    }
    if (this.len === 0 && this.marks.length === 0 && this.skippedCount === 0) return;
    const cap = this.initialCapacity();
    this.store.adjustBytes((cap - this.stepCol.length) * POINT_BYTES);
    this.skippedCount = 0;
    this.skipReason = undefined;
    this.alloc(cap);
    this.len = 0;
    this.nonFiniteCount = 0;
    this.marks = [];
    this.dirtyFor = 0;
    this.touch();
  }

  /** Makes room for `n` points in all (a reader that knows how much is coming saves the copies of growing). */
  reserve(n: number): void {
    const cap = Math.min(Math.ceil(n), this.store.limits.maxPointsPerSeries);
    if (cap > this.stepCol.length && this.store.fits((cap - this.stepCol.length) * POINT_BYTES)) this.resize(cap);
  }

  /** Drops the growth slack (a finished run). */
  trim(): void {
    if (this.stepCol.length === this.len) return;
    const cap = Math.max(this.len, 1);
    this.store.adjustBytes((cap - this.stepCol.length) * POINT_BYTES);
    this.stepCol = this.stepCol.slice(0, cap);
    this.timeCol = this.timeCol.slice(0, cap);
    this.valueCol = this.valueCol.slice(0, cap);
  }

  view(from = 0): SeriesDelta {
    const f = Math.min(Math.max(from, 0), this.len);
    return {
      run: this.run,
      name: this.name,
      length: this.len,
      from: f,
      nonFinite: this.nonFiniteCount,
      steps: this.stepCol.subarray(f, this.len),
      times: this.timeCol.subarray(f, this.len),
      values: this.valueCol.subarray(f, this.len),
    };
  }

  /** Index of the first point added after version `v` (a lower bound: merged marks may make it earlier). */
  firstIndexAfter(v: number): number {
    const m = this.marks;
    for (let k = 0; k < m.length; k += 2) if ((m[k] as number) > v) return m[k + 1] as number;
    return this.len;
  }

  get bytes(): number {
    return this.stepCol.byteLength + this.timeCol.byteLength + this.valueCol.byteLength;
  }

  /** @internal */ committed(version: number): void {
    this.dirtyFor = 0;
    this.lastVersion = version;
  }

  private touch(): void {
    const v = this.store.version + 1;
    this.dirtyFor = v;
    const m = this.marks;
    if (m.length >= 2 * MAX_MARKS) {
      // Merge neighbours pairwise: keep the later version with the earlier index (never misses a point).
      const merged: number[] = [];
      for (let k = 0; k < m.length; k += 4) {
        const hasNext = k + 2 < m.length;
        merged.push(hasNext ? (m[k + 2] as number) : (m[k] as number), m[k + 1] as number);
      }
      this.marks = merged;
    }
    this.marks.push(v, this.len);
    this.store.touched(this);
  }

  /** Makes room for `min` points within the limits; false (with the reason noted) when they do not allow it. */
  private grow(min: number): boolean {
    // Point-by-point appends grow 1.5× while small, 1.25× from 4096 points (at most a quarter of slack where the
    // memory is); a big batch gets exactly what it needs. Near a limit, exactly what is needed.
    if (this.detached) return false;
    const { maxPointsPerSeries } = this.store.limits;
    if (min > maxPointsPerSeries) {
      this.skipReason = 'points';
      return false;
    }
    const cap = this.stepCol.length;
    let next = Math.min(maxPointsPerSeries, Math.max(min, cap + 16, Math.ceil(cap * (cap < 4096 ? 1.5 : 1.25))));
    if (!this.store.fits((next - cap) * POINT_BYTES)) next = min;
    if (!this.store.fits((next - cap) * POINT_BYTES)) {
      this.skipReason = 'memory';
      return false;
    }
    this.resize(next);
    return true;
  }

  private initialCapacity(): number {
    return Math.min(INITIAL_CAPACITY, this.store.limits.maxPointsPerSeries);
  }

  /** Fresh, empty columns (the old arrays stay with any view of them). */
  private alloc(cap: number): void {
    this.stepCol = new Float64Array(cap);
    this.timeCol = new Float64Array(cap);
    this.valueCol = new Float64Array(cap);
  }

  /** As much room as the limits leave (a batch that does not fit whole). */
  private growWithin(): void {
    if (this.detached) return;
    const cap = this.stepCol.length;
    const byMemory = cap + Math.floor(this.store.bytesLeft() / POINT_BYTES);
    const next = Math.min(this.store.limits.maxPointsPerSeries, byMemory);
    if (next > cap) this.resize(next);
  }

  private resize(cap: number): void {
    this.store.adjustBytes((cap - this.stepCol.length) * POINT_BYTES);
    const s = new Float64Array(cap);
    s.set(this.stepCol.subarray(0, this.len));
    this.stepCol = s;
    const t = new Float64Array(cap);
    t.set(this.timeCol.subarray(0, this.len));
    this.timeCol = t;
    const v = new Float64Array(cap);
    v.set(this.valueCol.subarray(0, this.len));
    this.valueCol = v;
  }
}

/** The series of one run, for a reader that writes many points (keeps the name → series lookups out of its loop). */
export class RunWriter {
  private readonly cache = new Map<string, Series>();
  constructor(
    readonly store: SeriesStore,
    readonly run: string,
  ) {}
  series(name: string): Series {
    let s = this.cache.get(name);
    if (!s) {
      s = this.store.series(this.run, name, true);
      this.cache.set(name, s);
    }
    return s;
  }
  commit(): number {
    return this.store.commit();
  }
}

export type ChangeListener = (version: number) => void;

export class SeriesStore {
  private readonly runsMap = new Map<string, Map<string, Series>>();
  private pending: Series[] = [];
  private readonly listeners = new Set<ChangeListener>();
  private ver = 0;
  private bytesHeld = 0;
  private seriesCount = 0;
  /** Series the memory limit refused, by run and name (bounded), and how many more were not remembered. */
  private readonly refused = new Map<string, Series>();
  private refusedUncounted = 0;
  /** Series refused for memory per run (every one counted, unlike `refused`). */
  private readonly refusedByRun = new Map<string, number>();
  readonly limits: StoreLimits;

  constructor(limits: Partial<StoreLimits> = {}) {
    this.limits = { ...DEFAULT_STORE_LIMITS, ...limits };
  }

  /** The last committed version (0: nothing yet). */
  get version(): number {
    return this.ver;
  }

  /** The series, or undefined; with `create`, makes an empty one. */
  series(run: string, name: string): SeriesView | undefined;
  series(run: string, name: string, create: true): Series;
  series(run: string, name: string, create = false): Series | SeriesView | undefined {
    let byName = this.runsMap.get(run);
    if (!byName) {
      if (!create) return undefined;
      byName = new Map();
      this.runsMap.set(run, byName);
    }
    let s = byName.get(name);
    if (!s) {
      if (!create) return undefined;
      // Over the memory limit even an empty series is refused: a file with endless metric names stays bounded.
      if (!this.fits(SERIES_OVERHEAD + INITIAL_CAPACITY * POINT_BYTES)) return this.refuse(run, name);
      s = new Series(this, run, name);
      byName.set(name, s);
      this.seriesCount++;
    }
    return create ? s : s.view();
  }

  writer(run: string): RunWriter {
    return new RunWriter(this, run);
  }

  /** Metric names of a run, sorted. */
  names(run: string): string[] {
    return [...(this.runsMap.get(run)?.keys() ?? [])].sort();
  }

  runs(): string[] {
    return [...this.runsMap.keys()].sort();
  }

  /** Appends whole columns and commits once. */
  append(batches: readonly PointBatch[]): number {
    for (const b of batches) this.series(b.run, b.name, true).pushMany(b.steps, b.times, b.values);
    return this.commit();
  }

  /** Makes the points pushed since the last commit one new version and tells the listeners; no-op when none were. */
  commit(): number {
    if (this.pending.length === 0) return this.ver;
    const v = ++this.ver;
    const touched = this.pending;
    this.pending = [];
    for (const s of touched) s.committed(v);
    for (const l of [...this.listeners]) {
      try {
        l(v);
      } catch {
        /* a listener's failure is its own */
      }
    }
    return v;
  }

  /** Every series changed after version `v`, with the points to append. */
  sinceVersion(v: number): StoreDelta {
    const out: SeriesDelta[] = [];
    for (const byName of this.runsMap.values()) {
      for (const s of byName.values()) {
        if (s.lastVersion > v) out.push(s.view(s.firstIndexAfter(v)));
      }
    }
    return { version: this.ver, series: out };
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Removes a run's series (listeners hear nothing: the caller tells its consumers). */
  deleteRun(run: string): boolean {
    const byName = this.runsMap.get(run);
    for (const s of byName?.values() ?? []) {
      this.bytesHeld -= s.bytes;
      this.seriesCount--;
    }
    for (const [key, s] of this.refused) if (s.run === run) this.refused.delete(key);
    this.refusedByRun.delete(run);
    return this.runsMap.delete(run);
  }

  /** Bytes held by the columns (capacity, not length). */
  memoryBytes(): number {
    return this.bytesHeld;
  }

  /** Every series a limit kept points out of, with how many and which limit. */
  skippedPoints(): SkippedPoints[] {
    const out: SkippedPoints[] = [];
    for (const byName of this.runsMap.values()) {
      for (const s of byName.values())
        if (s.skipped > 0) out.push({ run: s.run, name: s.name, count: s.skipped, reason: s.skipReason ?? 'points' });
    }
    for (const s of this.refused.values()) out.push({ run: s.run, name: s.name, count: s.skipped, reason: 'memory' });
    return out;
  }

  /**
   * Whether the store holds every point given for `run`: no series of it skipped a point and none was refused. A
   * cache built from a run that is not complete would claim points it never saw (run-cache.ts: never written then).
   */
  isComplete(run: string): boolean {
    if ((this.refusedByRun.get(run) ?? 0) > 0) return false;
    for (const s of this.runsMap.get(run)?.values() ?? []) if (s.skipped > 0) return false;
    return true;
  }

  /** Runs with points or series a limit kept out, each with how many series (for the notice naming them). */
  incompleteRuns(): Map<string, number> {
    const out = new Map(this.refusedByRun);
    for (const [run, byName] of this.runsMap)
      for (const s of byName.values()) if (s.skipped > 0) out.set(run, (out.get(run) ?? 0) + 1);
    return out;
  }

  /** Metric series refused for memory beyond those `skippedPoints` names. */
  get refusedSeries(): number {
    return this.refusedUncounted;
  }

  private refuse(run: string, name: string): Series {
    const key = `${run}\u0000${name}`;
    let s = this.refused.get(key);
    if (!s) {
      s = new Series(this, run, name, true);
      this.refusedByRun.set(run, (this.refusedByRun.get(run) ?? 0) + 1);
      if (this.refused.size < MAX_REFUSED) this.refused.set(key, s);
      else this.refusedUncounted++;
    }
    return s;
  }

  /** @internal */ adjustBytes(delta: number): void {
    this.bytesHeld += delta;
  }
  /** @internal */ fits(extra: number): boolean {
    return this.used() + extra <= this.limits.maxBytes;
  }
  /** @internal */ bytesLeft(): number {
    return Math.max(0, this.limits.maxBytes - this.used());
  }
  private used(): number {
    return this.bytesHeld + this.seriesCount * SERIES_OVERHEAD;
  }

  pointCount(): number {
    let n = 0;
    for (const byName of this.runsMap.values()) for (const s of byName.values()) n += s.length;
    return n;
  }

  trim(): void {
    for (const byName of this.runsMap.values()) for (const s of byName.values()) s.trim();
  }

  /** @internal */ touched(s: Series): void {
    this.pending.push(s);
  }
}
