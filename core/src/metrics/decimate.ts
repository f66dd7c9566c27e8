/**
 * Min/max decimation per pixel column, so drawing a series costs the same for 1k and 10M points: each column keeps
 * at most four points — its first, lowest, highest and last (in input order) — so a one-point spike, the range
 * and the line's shape within the column all survive. One pass over the input plus one over the columns; the input
 * is not copied (the caller keeps the full data for tooltips and export). Non-finite values (and, for a log scale,
 * values ≤ 0) are skipped; the line joins their neighbours.
 */

export interface Decimated {
  x: Float64Array;
  y: Float64Array;
  /** Points written to `x` and `y`. */
  length: number;
}

export interface DecimateOptions {
  /** The visible x range and the number of pixel columns it spans. */
  readonly xMin: number;
  readonly xMax: number;
  readonly columns: number;
  /** Input index range to read (default: all). */
  readonly from?: number;
  readonly to?: number;
  /** Added to every x (a run's start time for wall-clock axes kept relative in the data). */
  readonly xOffset?: number;
  /** Skip y ≤ 0 (log scale). */
  readonly positiveOnly?: boolean;
  /** Output buffers to reuse (grown when too small). */
  readonly out?: Decimated;
}

/** The most points `decimateMinMax` writes for `columns` columns (plus one point each side of the range). */
export function maxDecimatedPoints(columns: number): number {
  return 4 * Math.max(1, Math.floor(columns)) + 2;
}

// Per-column accumulators (indices into the input, -1: none), reused between calls.
let first = new Int32Array(0);
let last = new Int32Array(0);
let lo = new Int32Array(0);
let hi = new Int32Array(0);

function scratch(columns: number): void {
  if (first.length >= columns) return;
  const n = Math.max(columns, 1024);
  first = new Int32Array(n);
  last = new Int32Array(n);
  lo = new Int32Array(n);
  hi = new Int32Array(n);
}

/**
 * Keeps, per pixel column of `[xMin, xMax]`, the first, min, max and last point; the nearest point left of `xMin`
 * and right of `xMax` are kept too so the line runs to the plot's edges. Output is ordered by column, then index.
 */
export function decimateMinMax(x: ArrayLike<number>, y: ArrayLike<number>, o: DecimateOptions): Decimated {
  const columns = Math.max(1, Math.floor(o.columns));
  const from = Math.max(0, o.from ?? 0);
  const to = Math.min(x.length, y.length, o.to ?? Infinity);
  const off = o.xOffset ?? 0;
  const positive = o.positiveOnly === true;
  const span = o.xMax - o.xMin;
  const scale = span > 0 ? columns / span : 0;
  scratch(columns);
  first.fill(-1, 0, columns);
  let before = -1;
  let beforeX = -Infinity;
  let after = -1;
  let afterX = Infinity;
  for (let i = from; i < to; i++) {
    const v = y[i] as number;
    if (v - v !== 0 || (positive && v <= 0)) continue; // NaN, ±Infinity, or not drawable on a log scale
    const xv = (x[i] as number) + off;
    if (xv - xv !== 0) continue;
    if (xv < o.xMin) {
      if (xv >= beforeX) {
        beforeX = xv;
        before = i;
      }
      continue;
    }
    if (xv > o.xMax) {
      if (xv < afterX) {
        afterX = xv;
        after = i;
      }
      continue;
    }
    let c = ((xv - o.xMin) * scale) | 0;
    if (c >= columns) c = columns - 1;
    if (first[c] === -1) {
      first[c] = i;
      last[c] = i;
      lo[c] = i;
      hi[c] = i;
      continue;
    }
    last[c] = i;
    if (v < (y[lo[c] as number] as number)) lo[c] = i;
    else if (v > (y[hi[c] as number] as number)) hi[c] = i;
  }
  const need = maxDecimatedPoints(columns);
  const out =
    o.out && o.out.x.length >= need ? o.out : { x: new Float64Array(need), y: new Float64Array(need), length: 0 };
  const ox = out.x;
  const oy = out.y;
  let n = 0;
  const put = (i: number): void => {
    ox[n] = (x[i] as number) + off;
    oy[n] = y[i] as number;
    n++;
  };
  if (before >= 0) put(before);
  for (let c = 0; c < columns; c++) {
    const f = first[c] as number;
    if (f === -1) continue;
    const l = last[c] as number;
    let a = lo[c] as number;
    let b = hi[c] as number;
    if (a > b) {
      const t = a;
      a = b;
      b = t;
    }
    put(f);
    if (a !== f && a !== l) put(a);
    if (b !== f && b !== l && b !== a) put(b);
    if (l !== f) put(l);
  }
  if (after >= 0) put(after);
  out.length = n;
  return out;
}

const tail: Decimated = { x: new Float64Array(0), y: new Float64Array(0), length: 0 };

/**
 * Brings `out`, the decimation of the first `had` points of an ascending-x series, up to its first `length` points
 * (a live run appended some) without reading the old points again: the columns left of the first new point keep
 * their points, the rest are decimated anew. Equal to `decimateMinMax` over the whole range. Returns the output
 * (`out`, or a larger one).
 */
export function extendDecimation(
  out: Decimated,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  had: number,
  length: number,
  o: Omit<DecimateOptions, 'from' | 'to' | 'out'>,
): Decimated {
  const off = o.xOffset ?? 0;
  const full = () =>
    decimateMinMax(x, y, { ...o, from: Math.max(0, lowerBound(x, o.xMin - off, 0, length) - 1), to: length, out });
  if (had >= length) return out;
  const columns = Math.max(1, Math.floor(o.columns));
  const span = o.xMax - o.xMin;
  const xNew = (x[had] as number) + off;
  // (Left of the range, every point so far is too — the series ascends — so the full pass reads one point.)
  if (!(xNew === xNew) || !(span > 0) || had === 0 || xNew < o.xMin) return full();
  if (xNew > o.xMax) {
    // Only the point kept past the right edge could change, and an ascending series already has the nearest one.
    return out.length > 0 && (out.x[out.length - 1] as number) > o.xMax ? out : full();
  }
  let c0 = Math.max(0, Math.floor(((xNew - o.xMin) / span) * columns));
  let cut = o.xMin + (c0 * span) / columns;
  while (c0 > 0 && cut > xNew) {
    c0--;
    cut = o.xMin + (c0 * span) / columns;
  } // rounding: never start past the new point
  const keep = lowerBound(out.x, cut, 0, out.length);
  const from = lowerBound(x, cut - off, 0, length);
  const part = decimateMinMax(x, y, { ...o, xMin: cut, columns: columns - c0, from, to: length, out: tail });
  if (part !== tail) Object.assign(tail, part);
  if (keep + part.length > out.x.length) return full();
  out.x.set(part.x.subarray(0, part.length), keep);
  out.y.set(part.y.subarray(0, part.length), keep);
  out.length = keep + part.length;
  return out;
}

/** First index in `[from, to)` whose value is ≥ `value`, for ascending data (binary search). */
export function lowerBound(a: ArrayLike<number>, value: number, from = 0, to = a.length): number {
  let l = from;
  let h = to;
  while (l < h) {
    const m = (l + h) >>> 1;
    if ((a[m] as number) < value) l = m + 1;
    else h = m;
  }
  return l;
}

/** True when `a[from, to)` never decreases (NaN entries are ignored). */
export function isAscending(a: ArrayLike<number>, from = 0, to = a.length, previous = -Infinity): boolean {
  let p = previous;
  for (let i = from; i < to; i++) {
    const v = a[i] as number;
    if (v < p) return false;
    if (v === v) p = v;
  }
  return true;
}
