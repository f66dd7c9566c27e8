/**
 * A finished run's metrics cache: one file next to the run (`<run dir>/.lod/run.lodc`) holding, per series, what the
 * metrics panel needs without the series itself — its point count, summary values (first/last step, last, min, max
 * with their steps, the smoothed last at the cache's smoothing), its preview (what the page gets for it: every point of
 * a short series, the whole range's envelope of a long one) and its min/max pyramids (lod.ts), raw and smoothed at the
 * cache's smoothing weight. Reopening a run whose metric files are unchanged (the caller's key: their sizes and times)
 * reads this file instead of them, and reads only what a view needs: the header at open, then 8 KiB chunks by file
 * offset as charts ask, kept in a bounded LRU shared by every open cache (`ChunkCache`). Its file stays open between
 * queries (a bounded pool of descriptors shared by every open cache, `HandlePool`: a zoom over a thousand runs opens
 * none); a descriptor opened again is checked to be the file the header was read from (device, inode, size, time).
 *
 * Layout (format 1, little-endian): 16 bytes — magic, format, header length, header CRC-32 — then the header (JSON:
 * key, fanout, smoothing, chunk size, data length, one CRC-32 per data chunk, and per series its counts, summary and
 * the byte offset of its preview and of each pyramid level), padded to 8, then the data. The data is laid out by what
 * is read together: every preview, then every series' coarse levels, then level 1, then the raw points (level 0).
 *
 * Never trusted blindly: `RunCache.open` checks the magic, the format, the header's CRC, every field's type and range,
 * that every block lies inside the data and the file's size; each chunk's CRC is checked when it is read, and a
 * mismatch throws `RunCacheError` (the caller drops the cache and reads the run's files again), as does a file found
 * replaced or changed in size when opened again. A corrupt, truncated,
 * foreign or stale cache is ignored (`open` says why) and rebuilt by the next `writeRunCache`.
 */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeSync,
  type Stats,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { crc32c } from './crc32c';
import { levelCount, levelStride, levelsFor, lodEnvelope, type LodSource } from './lod';
import { MAX_SMOOTHING } from './smooth';
import { seriesStats, type MetricSummaryRow, type SummaryOptions } from './summary';

export const RUN_CACHE_DIR = '.lod';
export const RUN_CACHE_FILE = 'run.lodc';
export const RUN_CACHE_FORMAT = 1;
const MAGIC = 0x43524c4c; // "LLRC" little-endian
const PREFIX_BYTES = 16;
const MAX_HEADER_BYTES = 16 * 1024 * 1024;
/**
 * Bytes per data chunk as written: the unit of reading, checking (CRC) and caching. Small, so a zoom (a few buckets
 * of each level of a thousand runs' series) reads little more than it needs; consecutive chunks are read in one call.
 * A cache written with another power of two between MIN_CHUNK_BYTES and MAX_CHUNK_BYTES is read as it is.
 */
export const CHUNK_BYTES = 8 * 1024;
const MIN_CHUNK_BYTES = 4 * 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;
/** Most bytes read in one call (consecutive chunks missing from the chunk cache). */
const MAX_READ_BYTES = 256 * 1024;
/** Levels at and above this are "coarse" (stored together, first after the previews). */
const COARSE_LEVEL = 2;

/** A series longer than this goes to the page as a preview (its whole range's envelope), not point by point. */
export const PREVIEW_MIN_POINTS = 4096;
/** Pixel columns of a preview: at most 2 points a column (plus the first and last). */
export const PREVIEW_COLUMNS = 320;

const LITTLE_ENDIAN = os.endianness() === 'LE';
const nativeCrc = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
/** CRC of a block: zlib's CRC-32 where Node has it (native), else the CRC-32C in JS (the writer records which). */
const CRC_KIND = nativeCrc ? 'crc32' : 'crc32c';
function crcOf(b: Uint8Array, kind: string): number {
  if (kind === 'crc32' && nativeCrc) return nativeCrc(b) >>> 0;
  return crc32c(b) >>> 0;
}

/** A cache could not be used (damaged, cut short, changed under us). */
export class RunCacheError extends Error {}

/** A series' preview: steps, wall times (s since the epoch, NaN: unknown) and values of the points the page gets. */
export interface SeriesPreview {
  readonly steps: Float64Array;
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/** What a series' summary holds, computed over every point (non-finite values skipped, as summary.ts does). */
export interface CachedSummary {
  readonly firstStep?: number;
  readonly last?: number;
  readonly lastStep?: number;
  readonly min?: number;
  readonly minStep?: number;
  readonly max?: number;
  readonly maxStep?: number;
  /** The debiased EMA at the last finite point at the cache's smoothing weight. */
  readonly smoothedLast?: number;
}

/** One series as the cache describes it. */
export interface CachedSeriesInfo {
  readonly name: string;
  readonly length: number;
  readonly nonFinite: number;
  readonly summary: CachedSummary;
  readonly preview: { readonly at: number; readonly count: number };
  /** Byte offsets (in the data) of each level of the raw and the smoothed pyramid (index = level). */
  readonly raw: readonly number[];
  readonly smooth: readonly number[];
}

interface Header {
  readonly key: string;
  readonly fanout: number;
  readonly smoothing: number;
  readonly chunk: number;
  readonly crc: string;
  readonly dataBytes: number;
  readonly chunkCrcs: readonly number[];
  readonly series: readonly CachedSeriesInfo[];
}

/** One series to write: its points and its pyramids (raw, and smoothed at the cache's weight). */
export interface RunCacheSeries {
  readonly name: string;
  readonly length: number;
  readonly nonFinite: number;
  readonly steps: ArrayLike<number>;
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly raw: LodSource;
  readonly smooth: LodSource;
}

/** Whether steps never decrease (a preview needs it; NaN steps count as not ascending). */
export function stepsAscend(steps: ArrayLike<number>, length: number): boolean {
  for (let i = 1; i < length; i++) if (!((steps[i] as number) >= (steps[i - 1] as number))) return false;
  return true;
}

/**
 * The preview of a series: every point when it has at most `PREVIEW_MIN_POINTS`, else the envelope of its whole range
 * at `columns` (its true min and max in it) with its first and last points; undefined for a long series whose steps do
 * not ascend (it is sent point by point).
 */
export function previewOf(
  s: {
    readonly length: number;
    readonly steps: ArrayLike<number>;
    readonly times: ArrayLike<number>;
    readonly values: ArrayLike<number>;
  },
  pyramid: LodSource,
  columns = PREVIEW_COLUMNS,
): SeriesPreview | undefined {
  const steps = s.steps;
  if (s.length <= PREVIEW_MIN_POINTS) {
    return {
      steps: Float64Array.from({ length: s.length }, (_, i) => steps[i] as number),
      times: Float64Array.from({ length: s.length }, (_, i) => s.times[i] as number),
      values: Float64Array.from({ length: s.length }, (_, i) => s.values[i] as number),
    };
  }
  if (!stepsAscend(steps, s.length)) return undefined;
  const last = s.length - 1;
  const e = lodEnvelope(pyramid, { xMin: steps[0] as number, xMax: steps[last] as number, columns });
  // The envelope's last pass keeps each column's lowest and highest points: the series' first and last are added
  // back (the page's legend shows the last value, its x range starts and ends with them).
  const head = e.length === 0 || (e.x[0] as number) !== steps[0] ? 1 : 0;
  const tail = e.length === 0 || (e.x[e.length - 1] as number) !== steps[last] ? 1 : 0;
  const n = head + e.length + tail;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (head) {
    x[0] = steps[0] as number;
    y[0] = s.values[0] as number;
  }
  x.set(e.x.subarray(0, e.length), head);
  y.set(e.y.subarray(0, e.length), head);
  if (tail) {
    x[n - 1] = steps[last] as number;
    y[n - 1] = s.values[last] as number;
  }
  const times = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    while (j < last && (steps[j] as number) < (x[i] as number)) j++;
    times[i] = s.times[j] as number;
  }
  return { steps: x, times, values: y };
}

/** Summary values over every point, and the debiased EMA's last value at `smoothing` (summary.ts's one pass). */
export function cachedSummaryOf(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  length: number,
  smoothing: number,
): CachedSummary {
  return seriesStats(steps, values, length, smoothing); // no value at a step asked: none in it
}

/** Where a run's cache lives. */
export function runCacheFile(dir: string): string {
  return path.join(dir, RUN_CACHE_DIR, RUN_CACHE_FILE);
}

/**
 * Writes a run's cache (atomically: a temporary file renamed over the old one). `key` says what it was built from;
 * `smoothing` is the weight of the smoothed pyramids and summaries; `chunk` the bytes per checked chunk (a power of
 * two). Returns the file written.
 */
export function writeRunCache(
  dir: string,
  key: string,
  series: readonly RunCacheSeries[],
  smoothing: number,
  fanout = 16,
  chunk = CHUNK_BYTES,
): string {
  if (!LITTLE_ENDIAN) throw new RunCacheError('level-of-detail caches are written on little-endian machines only');
  if (!validChunk(chunk)) throw new RangeError(`chunk size ${chunk}`);
  const previews: SeriesPreview[] = [];
  for (const s of series) {
    const p = previewOf(s, s.raw);
    if (!p) throw new RunCacheError(`${s.name}: its steps do not ascend; not cached`);
    if (s.raw.fanout !== fanout || s.smooth.fanout !== fanout) throw new RunCacheError('pyramids of another fanout');
    previews.push(p);
  }
  // Offsets: every preview, then the coarse levels, then level 1, then level 0 (what is read together lies together).
  let at = 0;
  const place = (bytes: number): number => {
    const o = at;
    at += bytes;
    return o;
  };
  const pre = previews.map((p) => place(p.steps.length * 24));
  const levelsOf = (n: number) => levelsFor(n, fanout);
  const offs = series.map((s) => ({
    raw: new Array<number>(levelsOf(s.length) + 1).fill(0),
    smooth: new Array<number>(levelsOf(s.length) + 1).fill(0),
  }));
  const bytesOf = (n: number, k: number) => levelCount(n, fanout, k) * levelStride(k) * 8;
  const maxLevels = Math.max(0, ...series.map((s) => levelsOf(s.length)));
  for (let k = maxLevels; k >= COARSE_LEVEL; k--)
    series.forEach((s, i) => {
      if (k > levelsOf(s.length)) return;
      offs[i]!.raw[k] = place(bytesOf(s.length, k));
      offs[i]!.smooth[k] = place(bytesOf(s.length, k));
    });
  for (const k of [1, 0])
    series.forEach((s, i) => {
      if (k > levelsOf(s.length)) return;
      offs[i]!.raw[k] = place(bytesOf(s.length, k));
      offs[i]!.smooth[k] = place(bytesOf(s.length, k));
    });
  const data = new Uint8Array(at);
  const f64 = new Float64Array(data.buffer);
  previews.forEach((p, i) => {
    const o = (pre[i] as number) / 8;
    const n = p.steps.length;
    f64.set(p.steps, o);
    f64.set(p.times, o + n);
    f64.set(p.values, o + 2 * n);
  });
  series.forEach((s, i) => {
    for (let k = 0; k <= levelsOf(s.length); k++) {
      const count = levelCount(s.length, fanout, k);
      f64.set(s.raw.read(k, 0, count), (offs[i]!.raw[k] as number) / 8);
      f64.set(s.smooth.read(k, 0, count), (offs[i]!.smooth[k] as number) / 8);
    }
  });
  const chunkCrcs: number[] = [];
  for (let o = 0; o < data.length; o += chunk)
    chunkCrcs.push(crcOf(data.subarray(o, Math.min(data.length, o + chunk)), CRC_KIND));
  const header: Header = {
    key,
    fanout,
    smoothing,
    chunk,
    crc: CRC_KIND,
    dataBytes: data.length,
    chunkCrcs,
    series: series.map((s, i) => ({
      name: s.name,
      length: s.length,
      nonFinite: s.nonFinite,
      summary: encodeSummary(cachedSummaryOf(s.steps, s.values, s.length, smoothing)),
      preview: { at: pre[i] as number, count: (previews[i] as SeriesPreview).steps.length },
      raw: offs[i]!.raw,
      smooth: offs[i]!.smooth,
    })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length > MAX_HEADER_BYTES) throw new RunCacheError('too many series to cache');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.writeUInt32LE(MAGIC, 0);
  prefix.writeUInt32LE(RUN_CACHE_FORMAT, 4);
  prefix.writeUInt32LE(json.length, 8);
  prefix.writeUInt32LE(crcOf(json, 'crc32c'), 12);
  const pad = Buffer.alloc(padTo8(PREFIX_BYTES + json.length) - PREFIX_BYTES - json.length);
  const file = runCacheFile(dir);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const b of [prefix, json, pad, data]) {
      let off = 0;
      while (off < b.length) off += writeSync(fd, b, off, b.length - off);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return file;
}

function validChunk(chunk: unknown): chunk is number {
  return isCount(chunk) && chunk >= MIN_CHUNK_BYTES && chunk <= MAX_CHUNK_BYTES && (chunk & (chunk - 1)) === 0;
}

function padTo8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/**
 * The verified chunks of open caches, least recently used dropped first past `maxBytes` (every open cache of a
 * process shares one: memory for cached runs is bounded whatever their number).
 */
export class ChunkCache {
  private readonly map = new Map<string, Uint8Array>();
  private held = 0;
  constructor(readonly maxBytes = 64 * 1024 * 1024) {}
  get bytes(): number {
    return this.held;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  get(key: string): Uint8Array | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: Uint8Array): void {
    const old = this.map.get(key);
    if (old) this.held -= old.byteLength;
    this.map.delete(key);
    this.map.set(key, v);
    this.held += v.byteLength;
    for (const [k, b] of this.map) {
      if (this.held <= this.maxBytes || k === key) break;
      this.map.delete(k);
      this.held -= b.byteLength;
    }
  }
  /** Drops every chunk whose key starts with `prefix` (a cache closed). */
  drop(prefix: string): void {
    for (const [k, b] of [...this.map]) {
      if (!k.startsWith(prefix)) continue;
      this.map.delete(k);
      this.held -= b.byteLength;
    }
  }
}

export const SHARED_CHUNKS = new ChunkCache();
let nextId = 1;

/** What identifies the file a cache's header was read from: another file at the path is not that cache. */
interface Stamp {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Open descriptors of run caches, kept between queries: the least recently used is closed past `max` (one in use is
 * never closed). `max` is a share of the process's limit on open files, so caches never starve the rest of it.
 */
export class HandlePool {
  private readonly open = new Map<RunCache, number>();
  constructor(readonly max = defaultMaxHandles()) {}
  get size(): number {
    return this.open.size;
  }
  /** The descriptor of `owner` (moved to most recently used), or undefined. */
  get(owner: RunCache): number | undefined {
    const fd = this.open.get(owner);
    if (fd !== undefined) {
      this.open.delete(owner);
      this.open.set(owner, fd);
    }
    return fd;
  }
  /** Keeps `fd` for `owner`, closing the least recently used ones (not `busy`) past `max`. */
  add(owner: RunCache, fd: number, busy?: (c: RunCache) => boolean): void {
    this.release(owner);
    this.open.set(owner, fd);
    for (const [c, f] of this.open) {
      if (this.open.size <= this.max) break;
      if (c === owner || busy?.(c)) continue;
      this.open.delete(c);
      closeQuietly(f);
    }
  }
  /** Closes the descriptor of `owner`, if any. */
  release(owner: RunCache): void {
    const fd = this.open.get(owner);
    if (fd === undefined) return;
    this.open.delete(owner);
    closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* closed already */
  }
}

/** An eighth of the soft limit on open files (Linux: /proc/self/limits), between 32 and 2,048; else 128. */
function defaultMaxHandles(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    if (Number.isSafeInteger(soft) && soft > 0) return Math.max(32, Math.min(2048, Math.floor(soft / 8)));
  } catch {
    /* not Linux */
  }
  return 128;
}

export const SHARED_HANDLES = new HandlePool();

/** An open run cache: its header in memory, its data read by offset through the chunk cache. */
export class RunCache {
  private readonly byName = new Map<string, CachedSeriesInfo>();
  private readonly id = `${nextId++}:`;
  private fd: number | undefined;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly header: Header,
    private readonly dataStart: number,
    private readonly chunks: ChunkCache,
    private readonly stamp: Stamp,
    private readonly handles: HandlePool,
  ) {
    for (const s of header.series) this.byName.set(s.name, { ...s, summary: decodeSummary(s.summary) });
  }

  /**
   * The cache of the run in `dir` built from `key`, or why it cannot be used (missing, another format, damaged, cut
   * short, built from other files). Reads the header only.
   */
  static open(dir: string, key: string, chunks = SHARED_CHUNKS, handles = SHARED_HANDLES): RunCache | string {
    const file = runCacheFile(dir);
    if (!LITTLE_ENDIAN) return 'level-of-detail caches are read on little-endian machines only';
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    let kept = false;
    try {
      const st = fstatSync(fd);
      const size = st.size;
      const prefix = Buffer.alloc(PREFIX_BYTES);
      if (readSync(fd, prefix, 0, PREFIX_BYTES, 0) < PREFIX_BYTES) return 'too short for a cache header';
      if (prefix.readUInt32LE(0) !== MAGIC) return 'not a run cache';
      const format = prefix.readUInt32LE(4);
      if (format !== RUN_CACHE_FORMAT) return `cache format ${format} is not known`;
      const headerBytes = prefix.readUInt32LE(8);
      if (headerBytes > MAX_HEADER_BYTES || PREFIX_BYTES + headerBytes > size) return 'cache header cut short';
      const json = Buffer.alloc(headerBytes);
      if (readSync(fd, json, 0, headerBytes, PREFIX_BYTES) < headerBytes) return 'cache header cut short';
      if (crcOf(json, 'crc32c') !== prefix.readUInt32LE(12)) return 'cache header damaged (checksum)';
      let parsed: unknown;
      try {
        parsed = JSON.parse(json.toString('utf8'));
      } catch {
        return 'cache header damaged (not JSON)';
      }
      const dataStart = padTo8(PREFIX_BYTES + headerBytes);
      const header = validHeader(parsed);
      if (typeof header === 'string') return `cache header invalid: ${header}`;
      if (header.key !== key) return 'built from other files (stale)';
      if (size !== dataStart + header.dataBytes) return 'cache data cut short or extended';
      const stamp = { dev: st.dev, ino: st.ino, size, mtimeMs: st.mtimeMs };
      const cache = new RunCache(file, header, dataStart, chunks, stamp, handles);
      handles.add(cache, fd, (c) => c.fd !== undefined); // its first reads follow soon (previews, first views)
      kept = true;
      return cache;
    } finally {
      if (!kept) closeSync(fd);
    }
  }

  get key(): string {
    return this.header.key;
  }
  get smoothing(): number {
    return this.header.smoothing;
  }
  get fanout(): number {
    return this.header.fanout;
  }
  /** Metric names, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }
  info(name: string): CachedSeriesInfo | undefined {
    return this.byName.get(name);
  }

  /** The preview of a series as written (absolute wall times). */
  preview(name: string): SeriesPreview | undefined {
    const s = this.byName.get(name);
    if (!s) return undefined;
    const n = s.preview.count;
    const all = this.floats(s.preview.at, 3 * n);
    return { steps: all.slice(0, n), times: all.slice(n, 2 * n), values: all.slice(2 * n, 3 * n) };
  }

  /** Reads every series' preview into the chunk cache at once (they lie together: a few calls, not one a series). */
  readPreviews(): void {
    let lo = Infinity;
    let hi = 0;
    for (const s of this.byName.values()) {
      if (s.preview.count === 0) continue;
      lo = Math.min(lo, s.preview.at);
      hi = Math.max(hi, s.preview.at + s.preview.count * 24);
    }
    if (hi <= lo) return;
    const size = this.header.chunk;
    this.hold(() => this.chunkRange(Math.floor(lo / size), Math.floor((hi - 1) / size)));
  }

  /** A series' raw or smoothed pyramid, read on demand. */
  source(name: string, layer: 'raw' | 'smooth'): LodSource | undefined {
    const s = this.byName.get(name);
    if (!s) return undefined;
    const offsets = layer === 'raw' ? s.raw : s.smooth;
    const fanout = this.header.fanout;
    const levels = levelsFor(s.length, fanout);
    return {
      length: s.length,
      fanout,
      levels,
      read: (level: number, from: number, to: number): Float64Array => {
        const stride = levelStride(level);
        const f = Math.max(0, from);
        const t = Math.min(levelCount(s.length, fanout, level), to);
        if (t <= f || level > levels || level < 0) return new Float64Array(0);
        return this.floats((offsets[level] as number) + f * stride * 8, (t - f) * stride);
      },
    };
  }

  /**
   * The summary row of a series as summary.ts computes it over every point: from the header, except a smoothed last
   * at another weight (from the last points of level 0: the EMA forgets older ones below 1e-18 of their value) and
   * the value at a step (a scan of level 0).
   */
  summarize(name: string, o: SummaryOptions = {}): MetricSummaryRow {
    const s = this.byName.get(name);
    if (!s) return {};
    const m = s.summary;
    const w = Math.min(Math.max(o.smoothing ?? 0, 0), MAX_SMOOTHING);
    const best = o.goal === 'min' ? m.min : o.goal === 'max' ? m.max : undefined;
    const bestStep = o.goal === 'min' ? m.minStep : o.goal === 'max' ? m.maxStep : undefined;
    let smoothedLast: number | undefined;
    if (w > 0 && m.last !== undefined)
      smoothedLast = w === this.header.smoothing && m.smoothedLast !== undefined ? m.smoothedLast : this.emaLast(s, w);
    const at = o.atStep !== undefined ? this.valueAt(s, o.atStep) : undefined;
    return {
      ...(m.last !== undefined && { last: m.last, lastStep: m.lastStep }),
      ...(best !== undefined && { best, bestStep }),
      ...(m.min !== undefined && { min: m.min }),
      ...(m.max !== undefined && { max: m.max }),
      ...(smoothedLast !== undefined && { smoothedLast }),
      ...(at !== undefined && { atStep: at }),
    };
  }

  /**
   * Runs `f` with the file open (the reads of one query). The descriptor stays in the handle pool afterwards; one
   * opened again must be the file the header was read from, else the cache is not used (`RunCacheError`).
   */
  hold<T>(f: () => T): T {
    if (this.fd !== undefined) return f();
    if (this.closed) throw new RunCacheError(`${this.file}: closed`);
    let fd = this.handles.get(this);
    if (fd === undefined) {
      fd = this.reopen();
      this.handles.add(this, fd, (c) => c.fd !== undefined);
    }
    this.fd = fd;
    try {
      return f();
    } finally {
      this.fd = undefined;
    }
  }

  /** Forgets its chunks and closes its file (the run is no longer shown). */
  close(): void {
    this.closed = true;
    this.chunks.drop(this.id);
    this.handles.release(this);
  }

  private reopen(): number {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch (err) {
      throw new RunCacheError(`${this.file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    let st: Stats;
    try {
      st = fstatSync(fd);
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
    const s = this.stamp;
    if (st.dev !== s.dev || st.ino !== s.ino || st.size !== s.size || st.mtimeMs !== s.mtimeMs) {
      closeQuietly(fd);
      throw new RunCacheError(`${this.file}: the cache changed on disk since it was opened`);
    }
    return fd;
  }

  private emaLast(s: CachedSeriesInfo, w: number): number | undefined {
    // Enough of the last points that w^K < 1e-18, plus every non-finite one (skipped): the EMA of the rest is exact
    // to the last bits; the debiasing uses the count of every finite point.
    const K = Math.ceil(Math.log(1e-18) / Math.log(w));
    const from = Math.max(0, s.length - (K + s.nonFinite));
    const src = this.source(s.name, 'raw') as LodSource;
    const pts = this.hold(() => src.read(0, from, s.length));
    let ema = 0;
    let any = false;
    for (let i = 1; i < pts.length; i += 2) {
      const v = pts[i] as number;
      if (v - v !== 0) continue;
      ema = ema * w + (1 - w) * v;
      any = true;
    }
    if (!any) return undefined;
    const finite = s.length - s.nonFinite;
    return ema / (1 - w ** finite);
  }

  private valueAt(s: CachedSeriesInfo, step: number): number | undefined {
    const src = this.source(s.name, 'raw') as LodSource;
    let at: number | undefined;
    let atBest = -Infinity;
    const block = 8192;
    this.hold(() => {
      for (let from = 0; from < s.length; from += block) {
        const pts = src.read(0, from, from + block);
        for (let i = 0; i < pts.length; i += 2) {
          const x = pts[i] as number;
          const v = pts[i + 1] as number;
          if (v - v !== 0) continue;
          if (x <= step && x >= atBest) {
            atBest = x;
            at = v;
          }
        }
      }
    });
    return at;
  }

  /** `count` floats from byte `at` of the data, through the verified chunks. */
  private floats(at: number, count: number): Float64Array {
    const bytes = count * 8;
    if (bytes === 0) return new Float64Array(0);
    if (at < 0 || at + bytes > this.header.dataBytes) throw new RunCacheError(`${this.file}: read outside the data`);
    const size = this.header.chunk;
    const c0 = Math.floor(at / size);
    const c1 = Math.floor((at + bytes - 1) / size);
    const chunks = this.chunkRange(c0, c1);
    if (c0 === c1) {
      const c = chunks[0] as Uint8Array;
      return new Float64Array(c.buffer, c.byteOffset + (at - c0 * size), count);
    }
    const out = new Uint8Array(bytes);
    let w = 0;
    for (let k = c0; k <= c1; k++) {
      const c = chunks[k - c0] as Uint8Array;
      const from = k === c0 ? at - k * size : 0;
      const to = Math.min(c.byteLength, at + bytes - k * size);
      out.set(c.subarray(from, to), w);
      w += to - from;
    }
    return new Float64Array(out.buffer);
  }

  /** The verified chunks `c0..c1`: those not cached are read, consecutive ones in one call, and checked. */
  private chunkRange(c0: number, c1: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    const size = this.header.chunk;
    let k = c0;
    while (k <= c1) {
      const held = this.chunks.get(`${this.id}${k}`);
      if (held) {
        out.push(held);
        k++;
        continue;
      }
      // The missing chunks from k on (up to MAX_READ_BYTES), read together.
      let end = k + 1;
      const most = Math.max(1, Math.floor(MAX_READ_BYTES / size));
      while (end <= c1 && end - k < most && !this.chunks.has(`${this.id}${end}`)) end++;
      const start = k * size;
      const len = Math.min(end * size, this.header.dataBytes) - start;
      const buf = new Uint8Array(len);
      const got = this.hold(() => readSync(this.fd as number, buf, 0, len, this.dataStart + start));
      if (got < len) throw new RunCacheError(`${this.file}: cache data cut short`);
      for (let j = k; j < end; j++) {
        const c = buf.subarray((j - k) * size, Math.min(len, (j - k + 1) * size));
        if (crcOf(c, this.header.crc) !== this.header.chunkCrcs[j])
          throw new RunCacheError(`${this.file}: cache data damaged (checksum of chunk ${j})`);
        this.chunks.set(`${this.id}${j}`, c);
        out.push(c);
      }
      k = end;
    }
    return out;
  }
}

// --- validation of a header read from disk (workspace content: anything may be in it) ---

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;
const isNum = (v: unknown): v is number => typeof v === 'number';
/** JSON has no -0, NaN or ±Infinity (a step may be any of them): those are written as strings. */
const SPECIAL: Record<string, number> = { '-0': -0, NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
function encodeNum(v: number): number | string {
  return Object.is(v, -0) ? '-0' : Number.isFinite(v) ? v : String(v);
}
function decodeNum(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && Object.hasOwn(SPECIAL, v) ? SPECIAL[v] : undefined;
}
function encodeSummary(m: CachedSummary): CachedSummary {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(m)) out[k] = encodeNum(v as number);
  return out as unknown as CachedSummary;
}
function decodeSummary(m: CachedSummary): CachedSummary {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) out[k] = decodeNum(v) as number;
  return out as unknown as CachedSummary;
}

const SUMMARY_KEYS = ['firstStep', 'last', 'lastStep', 'min', 'minStep', 'max', 'maxStep', 'smoothedLast'] as const;

function validHeader(v: unknown): Header | string {
  if (!isObj(v)) return 'not an object';
  const { key, fanout, smoothing, chunk, crc, dataBytes, chunkCrcs, series } = v;
  if (typeof key !== 'string') return 'key';
  if (!isCount(fanout) || fanout < 2 || fanout > 1024) return 'fanout';
  if (!isNum(smoothing) || !(smoothing >= 0 && smoothing <= MAX_SMOOTHING)) return 'smoothing';
  if (!validChunk(chunk)) return 'chunk size';
  if (crc !== 'crc32' && crc !== 'crc32c') return 'checksum kind';
  if (crc === 'crc32' && !nativeCrc) return 'checksum kind not available here';
  if (!isCount(dataBytes) || dataBytes % 8 !== 0) return 'data length';
  if (!Array.isArray(chunkCrcs) || chunkCrcs.length !== Math.ceil(dataBytes / chunk)) return 'chunk checksums';
  if (!chunkCrcs.every((c) => isCount(c, 0xffffffff))) return 'chunk checksums';
  if (!Array.isArray(series) || series.length > 1_000_000) return 'series';
  const names = new Set<string>();
  const block = (at: unknown, bytes: number): boolean => isCount(at) && at % 8 === 0 && at + bytes <= dataBytes;
  for (const s of series as unknown[]) {
    if (!isObj(s)) return 'series entry';
    const { name, length, nonFinite, summary, preview, raw, smooth } = s;
    if (typeof name !== 'string' || name.length > 4096 || names.has(name)) return 'series name';
    names.add(name);
    if (!isCount(length, 1e10) || !isCount(nonFinite, length)) return `${name}: counts`;
    if (!isObj(summary)) return `${name}: summary`;
    for (const k of Object.keys(summary))
      if (!(SUMMARY_KEYS as readonly string[]).includes(k) || decodeNum(summary[k]) === undefined)
        return `${name}: summary`;
    if (!isObj(preview) || !isCount(preview.count, Math.max(length, 0)) || !block(preview.at, preview.count * 24))
      return `${name}: preview`;
    const levels = levelsFor(length, fanout);
    for (const offs of [raw, smooth]) {
      if (!Array.isArray(offs) || offs.length !== levels + 1) return `${name}: levels`;
      for (let k = 0; k <= levels; k++)
        if (!block(offs[k], levelCount(length, fanout, k) * levelStride(k) * 8)) return `${name}: level ${k}`;
    }
  }
  return v as unknown as Header;
}
