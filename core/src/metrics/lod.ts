/**
 * A min/max level-of-detail pyramid per series, so a chart of any range costs about as many points as it has pixel
 * columns and still loses no spike. Level 0 is the raw points (x, y); level k ≥ 1 holds one bucket per `fanout^k`
 * consecutive raw points with the x extent of the bucket (`xLo`, `xHi`: smallest and largest x of all its points)
 * and four real points of it: the first, lowest, highest and last finite value, each with its own x.
 *
 * Built while ingesting (`append` copies the point; the buckets it touches are computed when the pyramid is next read,
 * in one pass per level: about 1 + 1/fanout bucket merges a point),
 * serialisable to one flat little-endian buffer whose layout is fixed by (fanout, length) so a reader can fetch any
 * bucket range by offset (`lodLayout`), and queried through `LodSource` so the fine levels of a finished run may
 * stay on disk.
 *
 * `lodEnvelope` answers a chart: from the top level down, a bucket wholly inside the range and at most two pixel
 * columns wide gives its four points; a bucket that straddles an edge of the range, or is wider, is opened (its
 * children are read) down to the raw points if need be. So the points drawn for a range include its true minimum
 * and maximum exactly (property-tested), plus the nearest point beyond each edge so the line runs to the border.
 * So about 2 points a pixel column; where narrower buckets came back several to a column, a last pass keeps each
 * column's lowest and highest point: never more than 2·columns points in all (plus one beyond each edge).
 *
 * Browser-safe: no Node built-ins (see core/browser-safe.json).
 */
import type { Decimated } from './decimate';

/** Fields of one bucket at levels ≥ 1. */
export const BUCKET_FIELDS = 10;
const X_LO = 0;
const X_HI = 1;
const FIRST_X = 2;
const FIRST_Y = 3;
const MIN_X = 4;
const MIN_Y = 5;
const MAX_X = 6;
const MAX_Y = 7;
const LAST_X = 8;
const LAST_Y = 9;

export const DEFAULT_FANOUT = 16;

/** Floats per element of a level: a raw point (x, y) at level 0, a bucket above. */
export function levelStride(level: number): number {
  return level === 0 ? 2 : BUCKET_FIELDS;
}

/** Elements at `level` of a pyramid over `length` points. */
export function levelCount(length: number, fanout: number, level: number): number {
  if (level === 0) return length;
  return Math.ceil(length / fanout ** level);
}

/** Bucket levels (≥ 1) of a pyramid over `length` points: up to the first level with a single bucket. */
export function levelsFor(length: number, fanout: number): number {
  let levels = 0;
  let span = 1;
  while (span < length) {
    span *= fanout;
    levels++;
  }
  return levels;
}

/** Read access to a pyramid, in memory or in a file: elements `[from, to)` of one level, `levelStride` floats each. */
export interface LodSource {
  readonly length: number;
  readonly fanout: number;
  /** Bucket levels above the raw points (level 0). */
  readonly levels: number;
  read(level: number, from: number, to: number): Float64Array;
}

/** A pyramid built in memory as points arrive: appends copy the point; the buckets are brought up to date when read. */
export class LodPyramid implements LodSource {
  private raw: Float64Array<ArrayBuffer> = new Float64Array(32);
  private n = 0;
  /** Bucket arrays of levels 1…, index k-1 for level k. */
  private lv: Array<Float64Array<ArrayBuffer>> = [];
  /** Per level k (index k-1): buckets below this index are complete and computed. */
  private done: number[] = [];
  /** `n` when the levels were last brought up to date. */
  private settledAt = 0;
  private ascendingX = true;
  private lastX = -Infinity;

  constructor(readonly fanout = DEFAULT_FANOUT) {
    if (!Number.isInteger(fanout) || fanout < 2) throw new RangeError(`fanout must be an integer ≥ 2, not ${fanout}`);
  }

  get length(): number {
    return this.n;
  }
  get levels(): number {
    return levelsFor(this.n, this.fanout);
  }
  /** Whether x never decreased (steps of one run usually ascend; the envelope is exact either way). */
  get ascending(): boolean {
    return this.ascendingX;
  }
  /** Bytes held by the arrays (capacity). */
  get bytes(): number {
    return this.raw.byteLength + this.lv.reduce((a, l) => a + l.byteLength, 0);
  }

  /** Appends points (columns of equal length; the shorter one bounds). */
  appendMany(x: ArrayLike<number>, y: ArrayLike<number>, from = 0, to = Math.min(x.length, y.length)): void {
    const count = Math.max(0, to - from);
    if (2 * (this.n + count) > this.raw.length) this.raw = grow(this.raw, 2 * (this.n + count));
    const raw = this.raw;
    let last = this.lastX;
    let asc = this.ascendingX;
    let o = 2 * this.n;
    for (let i = from; i < to; i++) {
      const xv = x[i] as number;
      raw[o++] = xv;
      raw[o++] = y[i] as number;
      if (xv < last) asc = false;
      if (xv === xv) last = xv;
    }
    this.n += count;
    this.lastX = last;
    this.ascendingX = asc;
  }

  append(x: number, y: number): void {
    const i = this.n;
    if (2 * i + 2 > this.raw.length) this.raw = grow(this.raw, 2 * i + 2);
    this.raw[2 * i] = x;
    this.raw[2 * i + 1] = y;
    this.n = i + 1;
    if (x < this.lastX) this.ascendingX = false;
    if (x === x) this.lastX = x;
  }

  /**
   * Computes the buckets the points appended since the last call touch: new complete ones, and each level's open
   * one. Reads do it themselves; a feed calls it after a batch so a chart's request does not pay for the build.
   */
  settle(): void {
    if (this.settledAt === this.n) return;
    const levels = levelsFor(this.n, this.fanout);
    const F = this.fanout;
    for (let k = 1; k <= levels; k++) {
      const count = levelCount(this.n, F, k);
      if (this.lv.length < k) {
        this.lv.push(new Float64Array(Math.max(2, count) * BUCKET_FIELDS));
        this.done.push(0);
      }
      let arr = this.lv[k - 1] as Float64Array<ArrayBuffer>;
      if (arr.length < count * BUCKET_FIELDS) {
        arr = grow(arr, count * BUCKET_FIELDS);
        this.lv[k - 1] = arr;
      }
      const from = this.done[k - 1] as number;
      const childCount = levelCount(this.n, F, k - 1);
      for (let b = from; b < count; b++) {
        const c0 = b * F;
        const c1 = Math.min(c0 + F, childCount);
        const o = b * BUCKET_FIELDS;
        if (k === 1) {
          const raw = this.raw;
          fresh(arr, o, raw[2 * c0] as number, raw[2 * c0 + 1] as number);
          for (let c = c0 + 1; c < c1; c++) merge(arr, o, raw[2 * c] as number, raw[2 * c + 1] as number);
        } else {
          const child = this.lv[k - 2] as Float64Array;
          arr.set(child.subarray(c0 * BUCKET_FIELDS, (c0 + 1) * BUCKET_FIELDS), o);
          for (let c = c0 + 1; c < c1; c++) mergeBucket(arr, o, child, c * BUCKET_FIELDS);
        }
      }
      // Complete buckets are final; the last one stays open while it has room for more points.
      this.done[k - 1] = Math.floor(this.n / F ** k);
    }
    this.settledAt = this.n;
  }

  read(level: number, from: number, to: number): Float64Array {
    if (level > 0) this.settle();
    const stride = levelStride(level);
    const count = level === 0 ? this.n : levelCount(this.n, this.fanout, level);
    const f = Math.max(0, from);
    const t = Math.min(count, to);
    const src = level === 0 ? this.raw : this.lv[level - 1];
    if (!src || t <= f) return new Float64Array(0);
    return src.subarray(f * stride, t * stride);
  }
}

function grow(a: Float64Array, min: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(min, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/** Starts the bucket at `o` with one point. */
function fresh(a: Float64Array, o: number, x: number, y: number): void {
  a[o + X_LO] = x;
  a[o + X_HI] = x;
  if (y - y === 0) {
    a[o + FIRST_X] = a[o + MIN_X] = a[o + MAX_X] = a[o + LAST_X] = x;
    a[o + FIRST_Y] = a[o + MIN_Y] = a[o + MAX_Y] = a[o + LAST_Y] = y;
  } else {
    a[o + FIRST_X] = a[o + MIN_X] = a[o + MAX_X] = a[o + LAST_X] = NaN;
    a[o + FIRST_Y] = a[o + MIN_Y] = a[o + MAX_Y] = a[o + LAST_Y] = NaN;
  }
}

/** Adds one later point to the bucket at `o`. */
function merge(a: Float64Array, o: number, x: number, y: number): void {
  if (x < (a[o + X_LO] as number) || a[o + X_LO] !== a[o + X_LO]) a[o + X_LO] = x;
  if (x > (a[o + X_HI] as number) || a[o + X_HI] !== a[o + X_HI]) a[o + X_HI] = x;
  if (y - y !== 0) return; // NaN and ±Infinity count for the x extent only
  if (a[o + FIRST_Y] !== a[o + FIRST_Y]) {
    a[o + FIRST_X] = a[o + MIN_X] = a[o + MAX_X] = x;
    a[o + FIRST_Y] = a[o + MIN_Y] = a[o + MAX_Y] = y;
  } else if (y < (a[o + MIN_Y] as number)) {
    a[o + MIN_X] = x;
    a[o + MIN_Y] = y;
  } else if (y > (a[o + MAX_Y] as number)) {
    a[o + MAX_X] = x;
    a[o + MAX_Y] = y;
  }
  a[o + LAST_X] = x;
  a[o + LAST_Y] = y;
}

/** Adds a later bucket (at `bo` of `b`) to the bucket at `o` of `a`. */
function mergeBucket(a: Float64Array, o: number, b: Float64Array, bo: number): void {
  const lo = b[bo + X_LO] as number;
  const hi = b[bo + X_HI] as number;
  if (lo < (a[o + X_LO] as number) || a[o + X_LO] !== a[o + X_LO]) a[o + X_LO] = lo;
  if (hi > (a[o + X_HI] as number) || a[o + X_HI] !== a[o + X_HI]) a[o + X_HI] = hi;
  if (b[bo + FIRST_Y] !== b[bo + FIRST_Y]) return; // no finite value in it
  if (a[o + FIRST_Y] !== a[o + FIRST_Y]) {
    for (let f = FIRST_X; f <= LAST_Y; f++) a[o + f] = b[bo + f] as number;
    return;
  }
  if ((b[bo + MIN_Y] as number) < (a[o + MIN_Y] as number)) {
    a[o + MIN_X] = b[bo + MIN_X] as number;
    a[o + MIN_Y] = b[bo + MIN_Y] as number;
  }
  if ((b[bo + MAX_Y] as number) > (a[o + MAX_Y] as number)) {
    a[o + MAX_X] = b[bo + MAX_X] as number;
    a[o + MAX_Y] = b[bo + MAX_Y] as number;
  }
  a[o + LAST_X] = b[bo + LAST_X] as number;
  a[o + LAST_Y] = b[bo + LAST_Y] as number;
}

export interface EnvelopeOptions {
  readonly xMin: number;
  readonly xMax: number;
  /** Pixel columns the range spans. */
  readonly columns: number;
  /** Output buffers to reuse (grown when too small). */
  readonly out?: Decimated;
}

export interface Envelope extends Decimated {
  /** Elements read from the source, all levels together (what a zoom costs). */
  readonly reads: number;
  /** The finest level any point came from (0: raw points). */
  readonly finestLevel: number;
}

/**
 * Points emitted by one `lodEnvelope` call, with the raw index their bucket starts at (to put them back in order):
 * typed arrays grown as needed and kept for the next call (a chart of a thousand runs walks a thousand pyramids; no
 * per-point JS arrays). A call that starts while another runs (a source whose `read` draws another envelope) gets
 * its own.
 */
class Emitted {
  x = new Float64Array(1024);
  y = new Float64Array(1024);
  key = new Float64Array(1024);
  n = 0;
  /** Output space: the points in order with the edge points (`lodEnvelope` compacts them here). */
  ox = new Float64Array(1026);
  oy = new Float64Array(1026);
}
let spare: Emitted | undefined = new Emitted();

function put(e: Emitted, key: number, x: number, y: number): void {
  if (y - y !== 0) return;
  const n = e.n;
  if (n === e.x.length) {
    e.x = grow(e.x, 2 * n);
    e.y = grow(e.y, 2 * n);
    e.key = grow(e.key, 2 * n);
  }
  e.x[n] = x;
  e.y[n] = y;
  e.key[n] = key;
  e.n = n + 1;
}

/**
 * The points to draw `[xMin, xMax]` at `columns` pixel columns: about 2 a column (a bucket at most two columns wide
 * gives its first, lowest, highest and last points), at most 2·columns in all after the last pass, plus the nearest point
 * beyond each edge, in x order for an ascending series. Their minimum and maximum within the range are the range's
 * true ones. The pyramid is walked a level at a time and the children to open are read in contiguous runs (a zoom
 * costs a few reads a level, from memory or a file).
 */
export function lodEnvelope(src: LodSource, o: EnvelopeOptions): Envelope {
  const e = spare ?? new Emitted();
  spare = undefined;
  try {
    e.n = 0;
    return walk(src, o, e);
  } finally {
    spare = e;
  }
}

function walk(src: LodSource, o: EnvelopeOptions, e: Emitted): Envelope {
  const columns = Math.max(1, Math.floor(o.columns));
  const xMin = o.xMin;
  const xMax = o.xMax;
  const span = xMax - xMin;
  // A bucket wholly inside the range is drawn whole when it spans at most this much x (two pixel columns).
  const maxWidth = span > 0 ? (2 * span) / columns : 0;
  const F = src.fanout;
  let beforeX = -Infinity;
  let beforeY = NaN;
  let afterX = Infinity;
  let afterY = NaN;
  let reads = 0;
  let finest = src.levels;
  // The nearest finite points beyond each edge (for the line to the border).
  const consider = (x: number, y: number): void => {
    if (y - y !== 0 || x !== x) return;
    if (x < xMin) {
      if (x >= beforeX) {
        beforeX = x;
        beforeY = y;
      }
    } else if (x > xMax && x < afterX) {
      afterX = x;
      afterY = y;
    }
  };
  // Ranges [from, to) of elements to read at the current level, contiguous ones merged.
  let ranges: number[] = src.length > 0 ? [0, levelCount(src.length, F, src.levels)] : [];
  // Where each level's points begin among the emitted ones (each level emits in pyramid order: see the merge below).
  const starts: number[] = [];
  for (let level = src.levels; level >= 0 && ranges.length > 0; level--) {
    starts.push(e.n);
    const next: number[] = [];
    const unit = F ** level; // raw points per element
    for (let r = 0; r < ranges.length; r += 2) {
      const from = ranges[r] as number;
      const a = src.read(level, from, ranges[r + 1] as number);
      const count = a.length / levelStride(level);
      reads += count;
      if (level === 0) {
        for (let k = 0; k < count; k++) {
          const x = a[2 * k] as number;
          const y = a[2 * k + 1] as number;
          if (x >= xMin && x <= xMax) {
            put(e, from + k, x, y);
            finest = 0;
          } else consider(x, y);
        }
        continue;
      }
      for (let k = 0; k < count; k++) {
        const b = k * BUCKET_FIELDS;
        const lo = a[b + X_LO] as number;
        const hi = a[b + X_HI] as number;
        if (hi < xMin || lo > xMax) {
          // Wholly outside: only its points nearest the range matter, for the line to the edge.
          consider(a[b + LAST_X] as number, a[b + LAST_Y] as number);
          consider(a[b + FIRST_X] as number, a[b + FIRST_Y] as number);
          continue;
        }
        if (lo >= xMin && hi <= xMax && hi - lo <= maxWidth) {
          if (level < finest) finest = level;
          if (a[b + FIRST_Y] !== a[b + FIRST_Y]) continue; // no finite value in it
          const key = (from + k) * unit;
          const minX = a[b + MIN_X] as number;
          const maxX = a[b + MAX_X] as number;
          put(e, key, a[b + FIRST_X] as number, a[b + FIRST_Y] as number);
          if (minX <= maxX) {
            put(e, key, minX, a[b + MIN_Y] as number);
            put(e, key, maxX, a[b + MAX_Y] as number);
          } else {
            put(e, key, maxX, a[b + MAX_Y] as number);
            put(e, key, minX, a[b + MIN_Y] as number);
          }
          put(e, key, a[b + LAST_X] as number, a[b + LAST_Y] as number);
          continue;
        }
        // Opened: its children are read at the next level.
        const child = (from + k) * F;
        if (next.length > 0 && next[next.length - 1] === child) next[next.length - 1] = child + F;
        else next.push(child, child + F);
      }
    }
    ranges = next;
  }
  // Back in pyramid order (a bucket's points keep theirs), repeats dropped, the edge points added. Usually emitted in
  // order already; else each level's points are (a whole-range view draws one level and the short last bucket a
  // coarser one before it), and the levels are merged.
  const n = e.n;
  const ex = e.x;
  const ey = e.y;
  const ek = e.key;
  let ordered = true;
  for (let i = 1; i < n; i++)
    if ((ek[i] as number) < (ek[i - 1] as number)) {
      ordered = false;
      break;
    }
  const order = ordered ? undefined : pyramidOrder(ek, starts, n);
  if (e.ox.length < n + 2) {
    e.ox = new Float64Array(2 * n + 2);
    e.oy = new Float64Array(2 * n + 2);
  }
  const x = e.ox;
  const y = e.oy;
  let m = 0;
  if (beforeY === beforeY) {
    x[m] = beforeX;
    y[m++] = beforeY;
  }
  for (let j = 0; j < n; j++) {
    const i = order ? (order[j] as number) : j;
    const xv = ex[i] as number;
    const yv = ey[i] as number;
    if (m > 0 && x[m - 1] === xv && y[m - 1] === yv) continue;
    x[m] = xv;
    y[m++] = yv;
  }
  if (afterY === afterY) {
    x[m] = afterX;
    y[m++] = afterY;
  }
  if (m > 2 * columns + 2 && isSorted(x, m)) m = minMaxPerColumn(x, y, m, xMin, xMax, columns);
  const out = o.out && o.out.x.length >= m ? o.out : { x: new Float64Array(m), y: new Float64Array(m), length: 0 };
  out.x.set(x.subarray(0, m));
  out.y.set(y.subarray(0, m));
  out.length = m;
  return { x: out.x, y: out.y, length: out.length, reads, finestLevel: src.length > 0 ? finest : 0 };
}

/**
 * The emitted points' indices in pyramid order (by `key`, ties in emission order: a stable sort), from the runs of
 * points each level emitted (`starts`), each in order: merged. A run out of order (never seen: each level is walked
 * in pyramid order) falls back to a sort.
 */
function pyramidOrder(key: Float64Array, starts: readonly number[], n: number): ArrayLike<number> {
  const head = new Int32Array(starts.length);
  const end = new Int32Array(starts.length);
  let runs = 0;
  for (let r = 0; r < starts.length; r++) {
    const from = starts[r] as number;
    const to = r + 1 < starts.length ? (starts[r + 1] as number) : n;
    if (to === from) continue; // the levels that emitted nothing
    for (let i = from + 1; i < to; i++)
      if ((key[i] as number) < (key[i - 1] as number))
        return Array.from({ length: n }, (_, j) => j).sort((i, j) => (key[i] as number) - (key[j] as number) || i - j);
    head[runs] = from;
    end[runs++] = to;
  }
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    let best = -1;
    let bestKey = Infinity;
    for (let r = 0; r < runs; r++) {
      const h = head[r] as number;
      if (h < (end[r] as number) && (best < 0 || (key[h] as number) < bestKey)) {
        best = r;
        bestKey = key[h] as number;
      }
    }
    order[j] = (head[best] as number)++;
  }
  return order;
}

/**
 * Keeps, per pixel column, only its lowest and highest point (in x order) — where buckets narrower than a column
 * came back several to a column. Points outside `[xMin, xMax]` (the edge points) stay. In place; returns the count.
 */
function minMaxPerColumn(
  x: Float64Array,
  y: Float64Array,
  m: number,
  xMin: number,
  xMax: number,
  columns: number,
): number {
  const scale = columns / (xMax - xMin);
  let w = 0;
  let i = 0;
  while (i < m) {
    const xv = x[i] as number;
    if (xv < xMin || xv > xMax) {
      x[w] = xv;
      y[w++] = y[i++] as number;
      continue;
    }
    const c = Math.min(columns - 1, Math.floor((xv - xMin) * scale));
    let lo = i;
    let hi = i;
    let j = i + 1;
    for (; j < m; j++) {
      const xj = x[j] as number;
      if (xj > xMax || Math.min(columns - 1, Math.floor((xj - xMin) * scale)) !== c) break;
      if ((y[j] as number) < (y[lo] as number)) lo = j;
      else if ((y[j] as number) > (y[hi] as number)) hi = j;
    }
    const a = Math.min(lo, hi);
    const b = Math.max(lo, hi);
    const ax = x[a] as number;
    const ay = y[a] as number;
    const bx = x[b] as number;
    const by = y[b] as number;
    x[w] = ax;
    y[w++] = ay;
    if (b !== a) {
      x[w] = bx;
      y[w++] = by;
    }
    i = j;
  }
  return w;
}

function isSorted(a: Float64Array, n: number): boolean {
  for (let i = 1; i < n; i++) if ((a[i] as number) < (a[i - 1] as number)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// The flat form (a cache file next to the run): a 32-byte header, the key, then every level in order.

const MAGIC = 0x444f4c4c; // "LLOD" little-endian
const FORMAT_VERSION = 1;
const HEADER_BYTES = 32;

export interface LodLayout {
  readonly fanout: number;
  readonly length: number;
  readonly levels: number;
  /** Byte offset of each level's first element (index = level). */
  readonly offsets: readonly number[];
  /** Total bytes. */
  readonly bytes: number;
  /** The key the writer stored (what the pyramid was built from: file sizes and times). */
  readonly key: string;
}

function keyBytes(key: string): Uint8Array {
  return new TextEncoder().encode(key);
}

function layoutOf(fanout: number, length: number, keyLength: number, key: string): LodLayout {
  const levels = levelsFor(length, fanout);
  const offsets: number[] = [];
  let at = HEADER_BYTES + Math.ceil(keyLength / 8) * 8;
  for (let k = 0; k <= levels; k++) {
    offsets.push(at);
    at += levelCount(length, fanout, k) * levelStride(k) * 8;
  }
  return { fanout, length, levels, offsets, bytes: at, key };
}

/** The layout of a flat pyramid from its first bytes (at least `lodHeaderBytes(prefix)`), or an error message. */
export function lodLayout(prefix: Uint8Array): LodLayout | string {
  if (prefix.byteLength < HEADER_BYTES) return 'too short for a level-of-detail header';
  const dv = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) return 'not a level-of-detail file';
  if (dv.getUint32(4, true) !== FORMAT_VERSION) return `level-of-detail format ${dv.getUint32(4, true)} is not known`;
  const fanout = dv.getUint32(8, true);
  const keyLength = dv.getUint32(12, true);
  const length = dv.getFloat64(16, true);
  if (fanout < 2 || fanout > 1024 || !Number.isSafeInteger(length) || length < 0 || keyLength > 65536)
    return 'corrupt level-of-detail header';
  if (prefix.byteLength < HEADER_BYTES + keyLength) return 'too short for its key';
  const key = new TextDecoder().decode(prefix.subarray(HEADER_BYTES, HEADER_BYTES + keyLength));
  return layoutOf(fanout, length, keyLength, key);
}

/** Bytes a reader needs to call `lodLayout`: the header, then (once it knows the key length) the key. */
export function lodHeaderBytes(prefix?: Uint8Array): number {
  if (!prefix || prefix.byteLength < HEADER_BYTES) return HEADER_BYTES;
  const dv = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  return HEADER_BYTES + dv.getUint32(12, true);
}

/** The pyramid as one buffer (little-endian), to write next to the run. */
export function serializeLod(p: LodSource, key = ''): Uint8Array {
  const kb = keyBytes(key);
  const layout = layoutOf(p.fanout, p.length, kb.byteLength, key);
  const buf = new Uint8Array(layout.bytes);
  const dv = new DataView(buf.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, FORMAT_VERSION, true);
  dv.setUint32(8, p.fanout, true);
  dv.setUint32(12, kb.byteLength, true);
  dv.setFloat64(16, p.length, true);
  buf.set(kb, HEADER_BYTES);
  for (let k = 0; k <= layout.levels; k++) {
    const data = p.read(k, 0, levelCount(p.length, p.fanout, k));
    const at = layout.offsets[k] as number;
    for (let i = 0; i < data.length; i++) dv.setFloat64(at + 8 * i, data[i] as number, true);
  }
  return buf;
}

/** A pyramid over a whole flat buffer (a cache file read at once, or a test). */
export class FlatLod implements LodSource {
  readonly layout: LodLayout;
  private readonly dv: DataView;
  constructor(private readonly buf: Uint8Array) {
    const l = lodLayout(buf);
    if (typeof l === 'string') throw new Error(l);
    if (buf.byteLength < l.bytes) throw new Error('level-of-detail data is cut short');
    this.layout = l;
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  get length(): number {
    return this.layout.length;
  }
  get fanout(): number {
    return this.layout.fanout;
  }
  get levels(): number {
    return this.layout.levels;
  }
  read(level: number, from: number, to: number): Float64Array {
    const stride = levelStride(level);
    const f = Math.max(0, from);
    const t = Math.min(levelCount(this.length, this.fanout, level), to);
    if (t <= f || level > this.levels) return new Float64Array(0);
    const out = new Float64Array((t - f) * stride);
    const at = (this.layout.offsets[level] as number) + f * stride * 8;
    for (let i = 0; i < out.length; i++) out[i] = this.dv.getFloat64(at + 8 * i, true);
    return out;
  }
}
