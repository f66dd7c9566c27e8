/**
 * The host's level-of-detail pyramids (lod.ts) for the series of a `SeriesStore`, x = step: built from the store's
 * deltas as runs are read or followed (`update`), answering what a chart's pixels need (`envelope`), and cached next
 * to a finished run (`<run dir>/.lod/<metric>-<hash>.lod`, written atomically) so reopening it reads the cache, not
 * the run's files, and the full series need not stay in memory: `release` swaps a run's in-memory pyramids for
 * file-backed ones, whose levels are read by offset on demand (a zoom reads only the buckets it opens).
 *
 * The metrics panel now caches a finished run in one file with its previews and summaries (run-cache.ts; `attach`
 * draws a run from it); the per-series files here are the format before it, still read and written by this API.
 *
 * The cache is keyed by what it was built from (the caller's key: the run's metric files with their sizes and
 * modification times); a cache with another key, a different format or a damaged header is ignored (and rebuilt).
 */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  LodPyramid,
  levelCount,
  levelStride,
  lodEnvelope,
  lodHeaderBytes,
  lodLayout,
  serializeLod,
  type Envelope,
  type LodLayout,
  type LodSource,
} from './lod';
import type { RunCache } from './run-cache';
import type { SeriesStore } from './series-store';

export const LOD_DIR = '.lod';
const LITTLE_ENDIAN = os.endianness() === 'LE';

/** The cache file name for a metric: a readable, file-system-safe part and a hash (names differ only in case, `/`…). */
export function lodFileName(metric: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < metric.length; i++) {
    h ^= metric.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const safe = metric.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
  return `${safe}-${h.toString(16).padStart(8, '0')}.lod`;
}

/** A pyramid in a cache file, read by offset on demand (nothing but the header held in memory). */
export class FileLod implements LodSource {
  private constructor(
    readonly file: string,
    readonly layout: LodLayout,
  ) {}

  /** The file's pyramid, or a string saying why it cannot be used (missing, damaged, another key). */
  static open(file: string, key?: string): FileLod | string {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    try {
      const head = Buffer.alloc(lodHeaderBytes());
      if (readSync(fd, head, 0, head.length, 0) < head.length) return 'too short for a level-of-detail header';
      const full = Buffer.alloc(Math.min(lodHeaderBytes(head), 32 + 65536));
      readSync(fd, full, 0, full.length, 0);
      const layout = lodLayout(full);
      if (typeof layout === 'string') return layout;
      if (key !== undefined && layout.key !== key) return 'built from other files (stale)';
      if (fstatSync(fd).size < layout.bytes) return 'level-of-detail data is cut short';
      return new FileLod(file, layout);
    } finally {
      closeSync(fd);
    }
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

  private fd: number | undefined;

  /** Keeps the file open across the reads of one query (`envelope` opens and closes it). */
  hold<T>(f: () => T): T {
    if (this.fd !== undefined) return f();
    this.fd = openSync(this.file, 'r');
    try {
      return f();
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  read(level: number, from: number, to: number): Float64Array {
    const stride = levelStride(level);
    const f = Math.max(0, from);
    const t = Math.min(levelCount(this.length, this.fanout, level), to);
    if (t <= f || level > this.levels) return new Float64Array(0);
    const floats = (t - f) * stride;
    const buf = Buffer.alloc(floats * 8);
    const at = (this.layout.offsets[level] as number) + f * stride * 8;
    const got = this.hold(() => readSync(this.fd as number, buf, 0, buf.length, at));
    if (got < buf.length) throw new Error(`${this.file}: level-of-detail data is cut short`);
    if (LITTLE_ENDIAN) return new Float64Array(buf.buffer, buf.byteOffset, floats);
    const out = new Float64Array(floats);
    for (let i = 0; i < floats; i++) out[i] = buf.readDoubleLE(8 * i);
    return out;
  }
}

type Entry =
  | { kind: 'memory'; pyramid: LodPyramid; consumed: number }
  | { kind: 'file'; source: FileLod }
  | { kind: 'cache'; source: LodSource; cache: RunCache };

export interface LodQuery {
  readonly xMin: number;
  readonly xMax: number;
  readonly columns: number;
}

export class LodIndex {
  private readonly pyramids = new Map<string, Map<string, Entry>>();
  private readonly caches = new Map<string, RunCache>();
  private version = 0;

  constructor(private readonly store: SeriesStore) {}

  /** Brings the in-memory pyramids up to the store's newest points (a resent tail or a rewrite rebuilds the series). */
  update(): void {
    const delta = this.store.sinceVersion(this.version);
    this.version = delta.version;
    for (const d of delta.series) {
      const byName = this.byRun(d.run);
      const e = byName.get(d.name);
      if (e && e.kind !== 'memory') continue; // released or cached: the store's copy is not what is drawn
      if (!e || d.from !== e.consumed) {
        // A delta may resend points already taken (or the series was cleared): start again from the whole series.
        const whole = this.store.series(d.run, d.name);
        const pyramid = new LodPyramid();
        if (whole) pyramid.appendMany(whole.steps, whole.values, 0, whole.length);
        byName.set(d.name, { kind: 'memory', pyramid, consumed: whole?.length ?? 0 });
        continue;
      }
      e.pyramid.appendMany(d.steps, d.values, 0, d.values.length);
      e.consumed = d.length;
    }
    for (const d of delta.series) {
      const e = this.pyramids.get(d.run)?.get(d.name);
      if (e?.kind === 'memory') e.pyramid.settle();
    }
  }

  /** The points to draw `name` of `run` over a step range at `columns` pixel columns (undefined: no such series). */
  envelope(run: string, name: string, q: LodQuery): Envelope | undefined {
    const e = this.pyramids.get(run)?.get(name);
    if (!e) return undefined;
    if (e.kind === 'memory') return lodEnvelope(e.pyramid, q);
    if (e.kind === 'cache') return e.cache.hold(() => lodEnvelope(e.source, q));
    return e.source.hold(() => lodEnvelope(e.source, q));
  }

  /** Runs with a pyramid. */
  runs(): string[] {
    return [...this.pyramids.keys()];
  }

  /** Whether a run's pyramids are read from its cache files (released or loaded), not held in memory. */
  isFileBacked(run: string): boolean {
    const byName = this.pyramids.get(run);
    return !!byName && byName.size > 0 && [...byName.values()].every((e) => e.kind !== 'memory');
  }

  /**
   * Draws a finished run from its run cache (run-cache.ts) from now on: each of its series' pyramids is read from the
   * file on demand; the in-memory ones (and any other entries of the run) are dropped.
   */
  attach(run: string, cache: RunCache): void {
    const old = this.caches.get(run);
    if (old && old !== cache) old.close();
    this.caches.delete(run);
    this.pyramids.delete(run);
    const byName = this.byRun(run);
    for (const name of cache.names()) {
      const source = cache.source(name, 'raw');
      if (source) byName.set(name, { kind: 'cache', source, cache });
    }
    this.caches.set(run, cache);
  }

  /** The run cache a run is drawn from (undefined: none attached). */
  cacheOf(run: string): RunCache | undefined {
    return this.caches.get(run);
  }

  /** The in-memory pyramid of a series (undefined: none, or drawn from a file). */
  pyramid(run: string, name: string): LodPyramid | undefined {
    const e = this.pyramids.get(run)?.get(name);
    return e?.kind === 'memory' ? e.pyramid : undefined;
  }

  /** Metric names with a pyramid, sorted. */
  names(run: string): string[] {
    return [...(this.pyramids.get(run)?.keys() ?? [])].sort();
  }

  /** Bytes of pyramids held in memory (file-backed ones hold none). */
  memoryBytes(): number {
    let n = 0;
    for (const byName of this.pyramids.values())
      for (const e of byName.values()) if (e.kind === 'memory') n += e.pyramid.bytes;
    return n;
  }

  /** Writes the run's pyramids next to it (`<dir>/.lod/`), each atomically; returns the files written. */
  save(run: string, dir: string, key: string): string[] {
    const byName = this.pyramids.get(run);
    if (!byName) return [];
    // Pyramids built from points a store limit cut would be keyed by the whole files: never written.
    if (!this.store.isComplete(run)) return [];
    const out = path.join(dir, LOD_DIR);
    mkdirSync(out, { recursive: true });
    const written: string[] = [];
    for (const [name, e] of byName) {
      if (e.kind !== 'memory') continue;
      const file = path.join(out, lodFileName(name));
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, serializeLod(e.pyramid, `${key}\u0000${name}`));
      renameSync(tmp, file);
      written.push(file);
    }
    return written;
  }

  /**
   * Opens a finished run's cached pyramids for `names` (file-backed); the names whose cache is missing, stale or
   * damaged are returned, for the caller to read from the run's files and `save`.
   */
  load(run: string, dir: string, key: string, names: readonly string[]): string[] {
    const missing: string[] = [];
    const byName = this.byRun(run);
    for (const name of names) {
      const src = FileLod.open(path.join(dir, LOD_DIR, lodFileName(name)), `${key}\u0000${name}`);
      if (typeof src === 'string') missing.push(name);
      else byName.set(name, { kind: 'file', source: src });
    }
    return missing;
  }

  /**
   * Opens every cached pyramid of a finished run built from `key` (file-backed: `update` leaves them alone, so the
   * run's points need not be turned into pyramids again); returns the metric names opened.
   */
  loadCached(run: string, dir: string, key: string): string[] {
    const names: string[] = [];
    for (const f of LodIndex.cachedFiles(dir)) {
      const src = FileLod.open(path.join(dir, LOD_DIR, f));
      if (typeof src === 'string' || !src.layout.key.startsWith(`${key}\u0000`)) continue;
      const name = src.layout.key.slice(key.length + 1);
      if (lodFileName(name) !== f) continue;
      this.byRun(run).set(name, { kind: 'file', source: src });
      names.push(name);
    }
    return names.sort();
  }

  /** Metric names that have a cache file in `dir` (any key: `load` checks it). */
  static cachedFiles(dir: string): string[] {
    try {
      return readdirSync(path.join(dir, LOD_DIR)).filter((f) => f.endsWith('.lod'));
    } catch {
      return [];
    }
  }

  /** A finished run: its pyramids are saved and then read from the files; the in-memory ones are dropped. */
  release(run: string, dir: string, key: string): void {
    const names = [...(this.pyramids.get(run)?.keys() ?? [])];
    this.save(run, dir, key);
    this.load(run, dir, key, names);
  }

  deleteRun(run: string): void {
    this.pyramids.delete(run);
    this.caches.get(run)?.close();
    this.caches.delete(run);
  }

  /** Removes a run's cache (its files were rewritten). */
  static clearCache(dir: string): void {
    for (const f of LodIndex.cachedFiles(dir)) {
      try {
        unlinkSync(path.join(dir, LOD_DIR, f));
      } catch {
        /* gone already */
      }
    }
  }

  private byRun(run: string): Map<string, Entry> {
    let m = this.pyramids.get(run);
    if (!m) {
      m = new Map();
      this.pyramids.set(run, m);
    }
    return m;
  }
}
