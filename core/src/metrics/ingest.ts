/**
 * Glue between metrics files and the store: which reader a file needs, a one-shot `ingestFile`, and `watchFile` for
 * live runs.
 */
import * as path from 'node:path';
import { CsvLogReader } from './csv-log-reader';
import { JsonlReader } from './jsonl-reader';
import type { MetricFileReader, ReaderOptions, ReaderStats } from './reader';
import type { SeriesStore } from './series-store';
import { StdoutLogReader, type StdoutParserOptions } from './stdout-parser';
import type { TailWatcher, WatchOptions } from './tail';
import { TfEventsReader } from './tfevents-reader';

/** `csv` covers Lightning's and Keras' CSVLogger (the header tells which); `stdout` is a saved process output log. */
export type MetricFormat = 'jsonl' | 'csv' | 'tfevents' | 'stdout';

export const METRIC_FORMATS: readonly MetricFormat[] = ['jsonl', 'csv', 'tfevents', 'stdout'];

/** The format a file's name says, or undefined. */
export function detectFormat(file: string): MetricFormat | undefined {
  const base = path.basename(file).toLowerCase();
  if (base.startsWith('events.out.tfevents.') || base.includes('.tfevents.')) return 'tfevents';
  const ext = path.extname(base);
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  if (ext === '.log' || ext === '.out' || ext === '.txt') return 'stdout';
  return undefined;
}

export type IngestOptions = ReaderOptions & StdoutParserOptions;

export function createReader(
  store: SeriesStore,
  runId: string,
  file: string,
  format: MetricFormat,
  options: IngestOptions = {},
): MetricFileReader {
  switch (format) {
    case 'jsonl':
      return new JsonlReader(store, runId, file, options);
    case 'csv':
      return new CsvLogReader(store, runId, file, options);
    case 'tfevents':
      return new TfEventsReader(store, runId, file, options);
    case 'stdout':
      return new StdoutLogReader(store, runId, file, options);
  }
}

function formatOf(file: string, format: MetricFormat | undefined): MetricFormat {
  const f = format ?? detectFormat(file);
  if (!f) throw new Error(`unknown metrics file format: ${file}`);
  return f;
}

/**
 * Reads a whole file (as it is now) into the store under `runId`; with `final`, a last line without its line end is
 * taken too (the writer has finished). Throws only for an unknown format or an unreadable file, never for bad content.
 */
export async function ingestFile(
  store: SeriesStore,
  runId: string,
  file: string,
  format?: MetricFormat,
  options: IngestOptions & { final?: boolean } = {},
): Promise<ReaderStats> {
  const reader = createReader(store, runId, file, formatOf(file, format), options);
  await reader.read();
  if (options.final) reader.finish();
  return reader.stats;
}

export interface FileWatch extends TailWatcher {
  readonly reader: MetricFileReader;
}

/** Keeps the store up to date with a file being written (`close()` to stop; a missing file is waited for). */
export function watchFile(
  store: SeriesStore,
  runId: string,
  file: string,
  format?: MetricFormat,
  options: IngestOptions & WatchOptions = {},
): FileWatch {
  const reader = createReader(store, runId, file, formatOf(file, format), options);
  const w = reader.watch(options);
  return { reader, close: () => w.close(), idle: () => w.idle() };
}
