/**
 * The webview's copy of one series: growable typed columns (steps Float64, run-relative times and values Float32:
 * 16 bytes a point). A chunk keeps the first `from` points and appends its own; a chunk that starts at 0 on an
 * empty series is adopted as is (no copy). Points a chunk resends unchanged do not count as a rewrite; a real
 * rewrite (the file was truncated or rewritten) bumps `rewrites` so derived data starts over.
 */
import type { SeriesChunk } from '../../client/src/panels/metrics/contract';

export class SeriesData {
  length = 0;
  nonFinite = 0;
  steps: Float64Array = new Float64Array(0);
  times: Float32Array = new Float32Array(0);
  values: Float32Array = new Float32Array(0);
  /** Bumped on every change. */
  version = 0;
  /** Bumped when points already held changed (derived data must be rebuilt, not extended). */
  rewrites = 0;
  /** A preview (see SeriesChunk): the series' real number of points; undefined when every point is held. */
  total: number | undefined;

  constructor(
    readonly run: string,
    readonly name: string,
  ) {}

  /** Points the series has (a preview holds fewer). */
  get points(): number {
    return this.total ?? this.length;
  }

  apply(c: SeriesChunk): void {
    const n = c.values.length;
    this.nonFinite = c.nonFinite;
    if (c.total !== undefined || this.total !== undefined) {
      // A preview replaces what was held, and full points replace a preview: derived data starts over.
      this.steps = c.steps;
      this.times = c.times;
      this.values = c.values;
      this.length = n;
      this.total = c.total;
      this.rewrites++;
      this.version++;
      return;
    }
    const from = Math.min(c.from, this.length);
    if (from === 0 && this.length === 0 && n > 0) {
      this.steps = c.steps;
      this.times = c.times;
      this.values = c.values;
      this.length = n;
      this.version++;
      return;
    }
    // Resent points that are the same as ours: skip them rather than call it a rewrite.
    let k = 0;
    while (
      k < n &&
      from + k < this.length &&
      same(this.steps[from + k] as number, c.steps[k] as number) &&
      same(this.values[from + k] as number, c.values[k] as number)
    )
      k++;
    const start = from + k;
    if (start < this.length) this.rewrites++;
    const total = start + (n - k);
    if (total > this.steps.length) this.grow(total);
    this.steps.set(c.steps.subarray(k), start);
    this.times.set(c.times.subarray(k), start);
    this.values.set(c.values.subarray(k), start);
    if (total !== this.length || k < n) this.version++;
    this.length = total;
  }

  private grow(min: number): void {
    const cap = Math.max(min, Math.ceil(this.steps.length * 1.5), 64);
    const s = new Float64Array(cap);
    s.set(this.steps.subarray(0, this.length));
    this.steps = s;
    const t = new Float32Array(cap);
    t.set(this.times.subarray(0, this.length));
    this.times = t;
    const v = new Float32Array(cap);
    v.set(this.values.subarray(0, this.length));
    this.values = v;
  }
}

function same(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}
