/**
 * Writing a run's cache (format in run-cache-format.ts): each series' preview and summary, then the file, atomically.
 */
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { levelCount, levelStride, levelsFor, lodEnvelope, type LodSource } from './lod';
import {
  CHUNK_BYTES,
  COARSE_LEVEL,
  CRC_KIND,
  LITTLE_ENDIAN,
  MAGIC,
  MAX_HEADER_BYTES,
  PREFIX_BYTES,
  PREVIEW_COLUMNS,
  PREVIEW_MIN_POINTS,
  RUN_CACHE_FORMAT,
  RunCacheError,
  crcOf,
  encodeSummary,
  padTo8,
  runCacheFile,
  validChunk,
  type CachedSummary,
  type Header,
  type RunCacheSeries,
  type SeriesPreview,
} from './run-cache-format';
import { seriesStats } from './summary';

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

/** The data of the last cache written, kept for the next one (a thousand runs cached in a row): at most this big. */
const KEEP_DATA_BYTES = 16 * 1024 * 1024;
let kept: Uint8Array<ArrayBuffer> | undefined;

/**
 * `bytes` (a multiple of 8) of scratch for a cache's data, every byte of which the writer sets: the buffer of the
 * cache written before when it is large enough (fresh memory for each of a thousand caches costs page faults and
 * garbage collections), else a new one, kept for the next when not too large. Writing is synchronous: never shared.
 */
function dataBuffer(bytes: number): Uint8Array<ArrayBuffer> {
  if (kept && kept.length >= bytes) return kept.subarray(0, bytes);
  const b = new Uint8Array(Math.max(bytes, Math.min(KEEP_DATA_BYTES, Math.ceil((bytes * 1.25) / 8) * 8)));
  kept = b.length <= KEEP_DATA_BYTES ? b : undefined;
  return b.subarray(0, bytes);
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
  const data = dataBuffer(at);
  const f64 = new Float64Array(data.buffer, 0, at / 8);
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
      const floats = count * levelStride(k);
      for (const [src, o] of [
        [s.raw, offs[i]!.raw[k] as number],
        [s.smooth, offs[i]!.smooth[k] as number],
      ] as const) {
        const got = src.read(k, 0, count);
        f64.set(got.length > floats ? got.subarray(0, floats) : got, o / 8);
        if (got.length < floats) f64.fill(0, o / 8 + got.length, o / 8 + floats); // the buffer is reused: no stale bytes
      }
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
