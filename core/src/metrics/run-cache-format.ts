/**
 * The run cache's file format (run-cache.ts says what the cache is for): constants, the series' descriptions, the
 * header's CRC and its validation. Layout (format 1, little-endian): 16 bytes — magic, format, header length, header
 * CRC-32 — then the header (JSON: key, fanout, smoothing, chunk size, data length, one CRC-32 per data chunk, and per
 * series its counts, summary and the byte offset of its preview and of each pyramid level), padded to 8, then the
 * data: every preview, then every series' coarse levels, then level 1, then the raw points (level 0). A header read
 * from disk is workspace content: `validHeader` checks every field's type and range before anything uses it.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { crc32c } from './crc32c';
import { levelCount, levelStride, levelsFor, type LodSource } from './lod';
import { MAX_SMOOTHING } from './smooth';
import { type SeriesStats } from './summary';

export const RUN_CACHE_DIR = '.lod';
export const RUN_CACHE_FILE = 'run.lodc';
export const RUN_CACHE_FORMAT = 1;
export const MAGIC = 0x43524c4c; // "LLRC" little-endian
export const PREFIX_BYTES = 16;
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;
/**
 * Bytes per data chunk as written: the unit of reading, checking (CRC) and caching. Small, so a zoom (a few buckets
 * of each level of a thousand runs' series) reads little more than it needs; consecutive chunks are read in one call.
 * A cache written with another power of two between MIN_CHUNK_BYTES and MAX_CHUNK_BYTES is read as it is.
 */
export const CHUNK_BYTES = 8 * 1024;
export const MIN_CHUNK_BYTES = 4 * 1024;
export const MAX_CHUNK_BYTES = 1024 * 1024;
/** Most bytes read in one call (consecutive chunks missing from the chunk cache). */
export const MAX_READ_BYTES = 256 * 1024;
/** Levels at and above this are "coarse" (stored together, first after the previews). */
export const COARSE_LEVEL = 2;

/** A series longer than this goes to the page as a preview (its whole range's envelope), not point by point. */
export const PREVIEW_MIN_POINTS = 4096;
/** Pixel columns of a preview: at most 2 points a column (plus the first and last). */
export const PREVIEW_COLUMNS = 320;

export const LITTLE_ENDIAN = os.endianness() === 'LE';
export const nativeCrc = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
/** CRC of a block: zlib's CRC-32 where Node has it (native), else the CRC-32C in JS (the writer records which). */
export const CRC_KIND = nativeCrc ? 'crc32' : 'crc32c';
export function crcOf(b: Uint8Array, kind: string): number {
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

/**
 * What a series' summary holds: summary.ts's one pass over every point (non-finite values skipped), at the cache's
 * smoothing weight; no value at a step.
 */
export type CachedSummary = Omit<SeriesStats, 'atStep'>;

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

export interface Header {
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

/** Where a run's cache lives. */
export function runCacheFile(dir: string): string {
  return path.join(dir, RUN_CACHE_DIR, RUN_CACHE_FILE);
}

export function validChunk(chunk: unknown): chunk is number {
  return isCount(chunk) && chunk >= MIN_CHUNK_BYTES && chunk <= MAX_CHUNK_BYTES && (chunk & (chunk - 1)) === 0;
}

export function padTo8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

// --- validation of a header read from disk (workspace content: anything may be in it) ---

export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const isCount = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;
export const isNum = (v: unknown): v is number => typeof v === 'number';
/** JSON has no -0, NaN or ±Infinity (a step may be any of them): those are written as strings. */
export const SPECIAL: Record<string, number> = { '-0': -0, NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
export function encodeNum(v: number): number | string {
  return Object.is(v, -0) ? '-0' : Number.isFinite(v) ? v : String(v);
}
export function decodeNum(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && Object.hasOwn(SPECIAL, v) ? SPECIAL[v] : undefined;
}
export function encodeSummary(m: CachedSummary): CachedSummary {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(m)) out[k] = encodeNum(v as number);
  return out as unknown as CachedSummary;
}
export function decodeSummary(m: CachedSummary): CachedSummary {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) out[k] = decodeNum(v) as number;
  return out as unknown as CachedSummary;
}

export const SUMMARY_KEYS = [
  'firstStep',
  'last',
  'lastStep',
  'min',
  'minStep',
  'max',
  'maxStep',
  'smoothedLast',
] as const;

export function validHeader(v: unknown): Header | string {
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
