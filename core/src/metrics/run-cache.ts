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
 * The file's layout and its validation: run-cache-format.ts; writing it: run-cache-write.ts; the chunk cache and the
 * descriptor pool every open cache shares: run-cache-pool.ts. This file reads an open cache.
 *
 * Never trusted blindly: `RunCache.open` checks the magic, the format, the header's CRC, every field's type and range,
 * that every block lies inside the data and the file's size; each chunk's CRC is checked when it is read, and a
 * mismatch throws `RunCacheError` (the caller drops the cache and reads the run's files again), as does a file found
 * replaced or changed in size when opened again. A corrupt, truncated,
 * foreign or stale cache is ignored (`open` says why) and rebuilt by the next `writeRunCache`.
 */
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { levelCount, levelStride, levelsFor, type LodSource } from './lod';
import { MAX_SMOOTHING } from './smooth';
import {
  COARSE_LEVEL,
  LITTLE_ENDIAN,
  MAGIC,
  MAX_HEADER_BYTES,
  MAX_READ_BYTES,
  PREFIX_BYTES,
  RUN_CACHE_FORMAT,
  RunCacheError,
  crcOf,
  decodeSummary,
  padTo8,
  runCacheFile,
  validHeader,
  type CachedSeriesInfo,
  type Header,
  type SeriesPreview,
} from './run-cache-format';
import { ChunkCache, HandlePool, SHARED_CHUNKS, closeQuietly, type Stamp } from './run-cache-pool';
import { type MetricSummaryRow, type SummaryOptions } from './summary';

export {
  CHUNK_BYTES,
  PREVIEW_COLUMNS,
  PREVIEW_MIN_POINTS,
  RUN_CACHE_DIR,
  RUN_CACHE_FILE,
  RUN_CACHE_FORMAT,
  RunCacheError,
  runCacheFile,
  type CachedSeriesInfo,
  type CachedSummary,
  type RunCacheSeries,
  type SeriesPreview,
} from './run-cache-format';
export { ChunkCache, HandlePool, SHARED_CHUNKS } from './run-cache-pool';
export { cachedSummaryOf, previewOf, stepsAscend, writeRunCache } from './run-cache-write';

let nextId = 1;

/** The descriptors of every open run cache in this process (run-cache-pool.ts). */
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
      handles.add(cache, fd, (c) => c instanceof RunCache && c.fd !== undefined); // its first reads follow soon (previews, first views)
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

  /**
   * Every series' preview by name (absolute wall times), in one read: they lie together at the start of the data.
   * Each chunk read is checked; the arrays are views of that one buffer, not copies (copy what is kept). Equal to
   * `preview` of each. The coarse pyramid levels that follow them (as a cache is written) come in the same read and
   * go to the chunk cache, copied apart (the previews are sent once; a many-run chart's first view reads only those
   * levels); the previews' own chunks do not.
   */
  previews(): Map<string, SeriesPreview> {
    let lo = Infinity;
    let hi = 0;
    let bytes = 0;
    for (const s of this.byName.values()) {
      if (s.preview.count === 0) continue;
      lo = Math.min(lo, s.preview.at);
      hi = Math.max(hi, s.preview.at + s.preview.count * 24);
      bytes += s.preview.count * 24;
    }
    const size = this.header.chunk;
    if (hi - lo > bytes + 2 * size) {
      // Not together (not how a cache is written): each read on its own, not the whole span between them.
      const each = new Map<string, SeriesPreview>();
      for (const name of this.byName.keys()) each.set(name, this.preview(name) as SeriesPreview);
      return each;
    }
    let buf: Buffer | undefined;
    let start = 0;
    if (hi > lo) {
      if (lo < 0 || hi > this.header.dataBytes) throw new RunCacheError(`${this.file}: read outside the data`);
      const end = this.coarseEnd(hi);
      const c0 = Math.floor(lo / size);
      const c1 = Math.floor((end - 1) / size);
      start = c0 * size;
      const len = Math.min((c1 + 1) * size, this.header.dataBytes) - start;
      // Not zeroed: every byte is read below, or the read is refused as cut short.
      const b = Buffer.allocUnsafeSlow(len);
      const got = this.hold(() => readFully(this.fd as number, b, this.dataStart + start));
      if (got < len) throw new RunCacheError(`${this.file}: cache data cut short`);
      for (let k = c0; k <= c1; k++) {
        const c = b.subarray((k - c0) * size, Math.min(len, (k - c0 + 1) * size));
        if (crcOf(c, this.header.crc) !== this.header.chunkCrcs[k])
          throw new RunCacheError(`${this.file}: cache data damaged (checksum of chunk ${k})`);
      }
      buf = b;
      // The chunks holding coarse levels, copied apart (a view would keep the previews' bytes in the chunk cache).
      const first = Math.floor(hi / size);
      if (first <= c1) {
        const apart = new Uint8Array(b.subarray((first - c0) * size)); // a copy (Buffer#slice would be a view)
        for (let k = first; k <= c1; k++)
          if (!this.chunks.has(`${this.id}${k}`))
            this.chunks.set(
              `${this.id}${k}`,
              apart.subarray((k - first) * size, Math.min(apart.length, (k - first + 1) * size)),
            );
      }
    }
    const out = new Map<string, SeriesPreview>();
    for (const s of this.byName.values()) {
      const n = s.preview.count;
      const all = buf
        ? new Float64Array(buf.buffer, buf.byteOffset + s.preview.at - start, n > 0 ? 3 * n : 0)
        : new Float64Array(0);
      out.set(s.name, { steps: all.subarray(0, n), times: all.subarray(n, 2 * n), values: all.subarray(2 * n, 3 * n) });
    }
    return out;
  }

  /**
   * Where the previews' read may end: past the coarse levels (≥ COARSE_LEVEL) of every series when they lie right
   * after the previews (`hi`) and together, within MAX_READ_BYTES; else at `hi`.
   */
  private coarseEnd(hi: number): number {
    const fanout = this.header.fanout;
    let lo = Infinity;
    let end = 0;
    let bytes = 0;
    for (const s of this.byName.values()) {
      const levels = levelsFor(s.length, fanout);
      for (let k = COARSE_LEVEL; k <= levels; k++) {
        const b = levelCount(s.length, fanout, k) * levelStride(k) * 8;
        for (const at of [s.raw[k] as number, s.smooth[k] as number]) {
          lo = Math.min(lo, at);
          end = Math.max(end, at + b);
          bytes += b;
        }
      }
    }
    const size = this.header.chunk;
    const together = end > lo && lo >= hi && lo - hi < size && end - lo <= bytes + size;
    return together && end - hi <= MAX_READ_BYTES && end <= this.header.dataBytes ? end : hi;
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
      this.handles.add(this, fd, (c) => c instanceof RunCache && c.fd !== undefined);
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
    const first = chunks[0] as Uint8Array;
    // Chunks read by one call lie side by side in one buffer: the floats are a view of it, not a copy.
    if (adjacent(chunks, size)) return new Float64Array(first.buffer, first.byteOffset + (at - c0 * size), count);
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
      // Not zeroed: every byte is read below, or the read is refused as cut short.
      const buf = Buffer.allocUnsafeSlow(len);
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

/** Whether `chunks` (consecutive, `size` bytes each but the last) lie side by side in one buffer. */
function adjacent(chunks: readonly Uint8Array[], size: number): boolean {
  const first = chunks[0] as Uint8Array;
  for (let i = 1; i < chunks.length; i++) {
    const c = chunks[i] as Uint8Array;
    if (c.buffer !== first.buffer || c.byteOffset !== first.byteOffset + i * size) return false;
  }
  return true;
}

/** Reads `buf.length` bytes from `position` (fewer only at the end of the file); the bytes read. */
function readFully(fd: number, buf: Uint8Array, position: number): number {
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}
