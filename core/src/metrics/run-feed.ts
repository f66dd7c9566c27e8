/**
 * The metric feed of a run, the one every shell uses (the metrics panel, `liftoff train`'s progress line,
 * `liftoff runs`): which files of the run hold its metrics, in which format, read once or followed.
 *
 * Files: its metrics.jsonl always; its stdout log when the run's `metrics.sources` include stdout; CSV logs and
 * TensorBoard event files under the run folder when the sources name them (or when a finished run wrote no JSON
 * lines). A finished run is read once; an active one is followed with `watchFile` until `finish()`.
 *
 * The run record comes from the workspace: a `files.*` entry that leads outside the run folder is not read (and
 * said so in `problems()`), and only regular files are read.
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { RunRecord } from '../runs/run-record';
import { detectFormat, ingestFile, watchFile, type FileWatch, type MetricFormat } from './ingest';
import type { ReaderStats } from './reader';
import { readRunConfig, type RunConfig } from './run-config';
import type { SeriesStore } from './series-store';

/** Where a run lives: its folder and its record (a run store's `RunHandle` is one). */
export interface RunLocation {
  readonly dir: string;
  readonly record: RunRecord;
}

interface FileSource {
  readonly file: string;
  readonly format: MetricFormat;
}

/** What the feed could not read in full, per file (for notices). */
export interface FeedProblem {
  readonly file: string;
  /** Lines or records skipped as corrupt. */
  readonly corrupt: number;
  /** Lines or records skipped for being longer than the cap. */
  readonly overlong: number;
  /** Why the file was not read at all. */
  readonly error?: string;
}

/** What a feed's reads found, per file: as `readState` gives it and `adopt` takes it (structured-clone safe). */
export interface FeedReadState {
  readonly stats: ReadonlyArray<readonly [string, ReaderStats]>;
  readonly errors: ReadonlyArray<readonly [string, string]>;
}

/** How deep under the run folder CSV and event files are looked for (Lightning: lightning_logs/version_0/metrics.csv). */
const SCAN_DEPTH = 4;
const SCAN_LIMIT = 200;

export class RunFeed {
  private readonly watches = new Map<string, FileWatch>();
  private readonly stats = new Map<string, ReaderStats>();
  private readonly errors = new Map<string, string>();
  private closed = false;

  /** `run` is replaced with the newest record on each refresh (its state changes; its folder does not). */
  constructor(
    private readonly store: SeriesStore,
    readonly key: string,
    public run: RunLocation,
    readonly config: RunConfig,
  ) {}

  get dir(): string {
    return this.run.dir;
  }
  get sources(): readonly MetricFormat[] {
    return this.config.sources;
  }

  /** Lines or records skipped as corrupt, per file (for the panel's notices). */
  corrupt(): Array<{ file: string; count: number }> {
    return this.problems()
      .filter((p) => p.corrupt > 0)
      .map((p) => ({ file: p.file, count: p.corrupt }));
  }

  /** Every file with skipped lines or records, or not read at all, and why. */
  problems(): FeedProblem[] {
    const out: FeedProblem[] = [];
    const files = new Set([...this.stats.keys(), ...this.watches.keys(), ...this.errors.keys()]);
    for (const file of files) {
      const s = this.watches.get(file)?.reader.stats ?? this.stats.get(file);
      const error = this.errors.get(file);
      const corrupt = s?.corrupt ?? 0;
      const overlong = s?.overlong ?? 0;
      if (corrupt > 0 || overlong > 0 || error)
        out.push({ file, corrupt, overlong, ...(error !== undefined && { error }) });
    }
    return out;
  }

  /** What this feed's reads found per file (reader counters, why a file was not read), for another thread's feed. */
  readState(): FeedReadState {
    return { stats: [...this.stats].map(([f, s]) => [f, { ...s }]), errors: [...this.errors] };
  }

  /** A read of this run's files done elsewhere (a cache worker): its findings are this feed's, as if it read them. */
  adopt(state: FeedReadState): void {
    for (const [file, s] of state.stats) this.stats.set(file, { ...s });
    for (const [file, e] of state.errors) this.errors.set(file, e);
  }

  /** Reads a finished run once, or starts following an active one. */
  async start(active: boolean): Promise<void> {
    for (const src of await this.files(active)) {
      if (this.closed) return;
      if (active) this.follow(src);
      else await this.readOnce(src);
    }
  }

  /**
   * What a finished run's metrics were read from, as a key for caches built from them (its level-of-detail pyramids,
   * lod-index.ts): each file with its size and modification time; another key means the files changed.
   */
  async cacheKey(): Promise<string> {
    const parts: string[] = [];
    // The metrics file's stat taken while listing the files (is it empty?) is the one in the key: one call, not two.
    const seen = new Map<string, Stats | undefined>();
    for (const src of await this.files(false, seen)) {
      const s = seen.has(src.file) ? seen.get(src.file) : await stat(src.file).catch(() => undefined);
      parts.push(`${path.relative(this.dir, src.file)}|${src.format}|${s?.size ?? -1}|${s?.mtimeMs ?? -1}`);
    }
    return parts.join('\n');
  }

  /** Looks again for files that appeared since (an active run's CSV logger starts late). */
  async rescan(): Promise<void> {
    for (const src of await this.files(true)) if (!this.watches.has(src.file) && !this.closed) this.follow(src);
  }

  /** The run ended: read what is left (a last line without its line end counts) and stop following. */
  async finish(): Promise<void> {
    for (const [file, w] of [...this.watches]) {
      w.close();
      await w.idle();
      try {
        await w.reader.read();
        w.reader.finish();
      } catch (err) {
        this.failed(file, err);
      }
      this.stats.set(file, { ...w.reader.stats });
      this.watches.delete(file);
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.watches.values()) w.close();
    this.watches.clear();
  }

  private follow(src: FileSource): void {
    const w = watchFile(this.store, this.key, src.file, src.format, {
      // Process output has no times of its own: stamp lines when they are read (they are read as they come).
      ...(src.format === 'stdout' && { keyValue: true, clock: () => Date.now() / 1000 }),
      onError: (err) => this.failed(src.file, err),
    });
    this.watches.set(src.file, w);
  }

  private async readOnce(src: FileSource): Promise<void> {
    try {
      this.stats.set(
        src.file,
        await ingestFile(this.store, this.key, src.file, src.format, {
          final: true,
          ...(src.format === 'stdout' && { keyValue: true }),
        }),
      );
    } catch (err) {
      this.failed(src.file, err);
    }
  }

  private failed(file: string, err: unknown): void {
    this.errors.set(file, err instanceof Error ? err.message : String(err));
  }

  /** A `files.*` entry of the record, or undefined (and a problem) when it leads outside the run folder. */
  private own(name: string): string | undefined {
    const file = path.resolve(this.dir, name);
    const rel = path.relative(path.resolve(this.dir), file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return file;
    this.errors.set(name, `run.json names ${JSON.stringify(name)}, outside the run folder: not read`);
    return undefined;
  }

  /** The files to read; `seen` gets the stats taken on the way (a file that could not be stat'ed: undefined). */
  private async files(active: boolean, seen?: Map<string, Stats | undefined>): Promise<FileSource[]> {
    const r = this.run.record;
    const out: FileSource[] = [];
    const jsonl = this.own(r.files.metrics);
    if (jsonl) out.push({ file: jsonl, format: 'jsonl' });
    if (this.sources.includes('stdout')) {
      const stdout = this.own(r.files.stdout);
      if (stdout) out.push({ file: stdout, format: 'stdout' });
    }
    const wantCsv = this.sources.includes('csv');
    const wantEvents = this.sources.includes('tfevents');
    const emptyJsonl =
      !active &&
      (!jsonl ||
        (await stat(jsonl).then(
          (s) => (seen?.set(jsonl, s), s.size === 0),
          () => (seen?.set(jsonl, undefined), true),
        )));
    if (wantCsv || wantEvents || emptyJsonl) {
      for (const file of await scan(this.dir, SCAN_DEPTH)) {
        const format = detectFormat(file);
        if ((format === 'csv' && (wantCsv || emptyJsonl)) || (format === 'tfevents' && (wantEvents || emptyJsonl)))
          out.push({ file, format });
      }
    }
    return out;
  }
}

async function scan(dir: string, depth: number, out: string[] = []): Promise<string[]> {
  if (depth < 0 || out.length >= SCAN_LIMIT) return out;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) await scan(p, depth - 1, out);
    else if (e.isFile() && (e.name.endsWith('.csv') || e.name.includes('tfevents'))) out.push(p);
    if (out.length >= SCAN_LIMIT) break;
  }
  return out;
}

/** A feed for `run` with its config snapshot read, not started yet (`start` reads or follows). */
export async function createRunFeed(store: SeriesStore, run: RunLocation, key = run.record.id): Promise<RunFeed> {
  return new RunFeed(store, key, run, await readRunConfig(run.dir, run.record.files.config));
}

export interface OpenFeedOptions {
  /** Follow the files as the run writes them (until `finish()`); otherwise read them once, as they are now. */
  readonly tail: boolean;
  /** The run's key in the store (default: its id). */
  readonly key?: string;
}

/** The feed of the run in `runDir`, started: the one entry point for every shell. */
export async function openRunFeed(
  store: SeriesStore,
  runDir: string,
  record: RunRecord,
  options: OpenFeedOptions,
): Promise<RunFeed> {
  const feed = await createRunFeed(store, { dir: runDir, record }, options.key);
  await feed.start(options.tail);
  return feed;
}
