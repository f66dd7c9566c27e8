/**
 * Fills the series store with one run's metrics: its metrics.jsonl always; stdout.log when the run's
 * `metrics.sources` include stdout; CSV logs and TensorBoard event files under the run folder when the sources
 * name them (or when a finished run wrote no JSON lines). A finished run is read once; an active one is followed
 * with `watchFile` until `finish()`. No vscode import.
 */
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { detectFormat, ingestFile, watchFile, type FileWatch, type MetricFormat } from '../../../../core/src/metrics/ingest';
import type { ReaderStats } from '../../../../core/src/metrics/reader';
import type { SeriesStore } from '../../../../core/src/metrics/series-store';
import type { RunHandle } from '../../../../core/src/runs/run-store';
import type { MetricSource } from './run-config';

interface FileSource { readonly file: string; readonly format: MetricFormat }

/** How deep under the run folder CSV and event files are looked for (Lightning: lightning_logs/version_0/metrics.csv). */
const SCAN_DEPTH = 4;
const SCAN_LIMIT = 200;

export class RunFeed {
  private readonly watches = new Map<string, FileWatch>();
  private readonly stats = new Map<string, ReaderStats>();
  private closed = false;

  /** `run` is replaced with the newest record on each refresh (its state changes; its folder does not). */
  constructor(private readonly store: SeriesStore, readonly key: string, public run: RunHandle, private readonly sources: readonly MetricSource[]) {}

  get dir(): string { return this.run.dir; }

  /** Lines or records skipped as corrupt, per file (for the panel's notices). */
  corrupt(): Array<{ file: string; count: number }> {
    const out: Array<{ file: string; count: number }> = [];
    for (const [file, s] of this.allStats()) if (s.corrupt > 0) out.push({ file, count: s.corrupt });
    return out;
  }

  /** Reads a finished run once, or starts following an active one. */
  async start(active: boolean): Promise<void> {
    for (const src of await this.files(active)) {
      if (this.closed) return;
      if (active) this.follow(src);
      else await this.readOnce(src);
    }
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
      } catch { /* the file went away; what was read stays */ }
      this.stats.set(file, { ...w.reader.stats });
      this.watches.delete(file);
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.watches.values()) w.close();
    this.watches.clear();
  }

  private *allStats(): Iterable<[string, ReaderStats]> {
    yield* this.stats;
    for (const [file, w] of this.watches) yield [file, w.reader.stats];
  }

  private follow(src: FileSource): void {
    const w = watchFile(this.store, this.key, src.file, src.format, {
      // Process output has no times of its own: stamp lines when they are read (they are read as they come).
      ...(src.format === 'stdout' && { keyValue: true, clock: () => Date.now() / 1000 }),
    });
    this.watches.set(src.file, w);
  }

  private async readOnce(src: FileSource): Promise<void> {
    try {
      this.stats.set(src.file, await ingestFile(this.store, this.key, src.file, src.format, { final: true, ...(src.format === 'stdout' && { keyValue: true }) }));
    } catch { /* unreadable: the panel reports runs without points */ }
  }

  private async files(active: boolean): Promise<FileSource[]> {
    const r = this.run.record;
    const jsonl = path.join(this.dir, r.files.metrics);
    const out: FileSource[] = [{ file: jsonl, format: 'jsonl' }];
    if (this.sources.includes('stdout')) out.push({ file: path.join(this.dir, r.files.stdout), format: 'stdout' });
    const wantCsv = this.sources.includes('csv');
    const wantEvents = this.sources.includes('tensorboard');
    const emptyJsonl = !active && (await stat(jsonl).then((s) => s.size === 0, () => true));
    if (wantCsv || wantEvents || emptyJsonl) {
      for (const file of await scan(this.dir, SCAN_DEPTH)) {
        const format = detectFormat(file);
        if ((format === 'csv' && (wantCsv || emptyJsonl)) || (format === 'tfevents' && (wantEvents || emptyJsonl))) out.push({ file, format });
      }
    }
    return out;
  }
}

async function scan(dir: string, depth: number, out: string[] = []): Promise<string[]> {
  if (depth < 0 || out.length >= SCAN_LIMIT) return out;
  let entries;
  try { entries = await readdir(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) await scan(p, depth - 1, out);
    else if (e.isFile() && (e.name.endsWith('.csv') || e.name.includes('tfevents'))) out.push(p);
    if (out.length >= SCAN_LIMIT) break;
  }
  return out;
}
