/**
 * Scores a whole CSV / JSON-lines file of any size: lines are read in chunks (score-lines), parsed against one
 * column plan (score-rows), preprocessed and run in batches, and the predictions written to the sink as each chunk
 * is done (score-output), so memory holds one chunk, whatever the file's size. Bad rows become error rows with their
 * line; the file stops only on problems of the whole file (the model, the header) or when the signal aborts.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { phrase, say, type Phrase } from '../l10n';
import { InferenceError, listNames } from './errors';
import type { ExperimentSettings } from './experiment-settings';
import { inputMapping, planFeed } from './feed-plan';
import type { InputTable } from './input-table';
import { modelFacts } from './model-facts';
import { loadOrt } from './ort';
import { interpretOutput } from './outputs';
import { buildTensorData } from './preprocess';
import { runBatches } from './run-batches';
import { DEFAULT_MAX_LINE_BYTES, lineChunks } from './score-lines';
import { ScoreCsv } from './score-output';
import { openRowReader, type ChunkRows, type RowError, type RowReader } from './score-rows';
import type { SessionCache } from './session-cache';
import { csvCell, predictionHeader } from './result-export';
import { splitLine } from './split-line';

/**
 * Where results go. A returned promise resolves once the sink is done with the bytes (written, or copied): the
 * scorer reuses its buffers, and keeps one write in flight while it scores the next chunk (backpressure).
 */
export interface ScoreSink {
  write(text: string | Uint8Array): void | Promise<void>;
}

export interface ScoreProgress {
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly rows: number;
  readonly failed: number;
}

export interface ScoreFileRequest {
  readonly model: string;
  readonly input: string;
  readonly sink: ScoreSink;
  readonly experiment?: ExperimentSettings;
  readonly topK?: number;
  readonly batchRows?: number;
  /** Longest line read, in bytes (default 1 MiB): longer lines are skipped as errors. */
  readonly maxLineBytes?: number;
  /** Bytes per read (default 512 KiB; tests use small reads to put chunk boundaries everywhere). */
  readonly readBytes?: number;
  /** Stop when this many rows failed before any row was scored (default 100): the file does not fit the model. */
  readonly maxLeadingErrors?: number;
  readonly signal?: AbortSignal;
  /** After each chunk. */
  readonly onProgress?: (p: ScoreProgress) => void;
}

export interface ScoreSummary {
  readonly modelPath: string;
  readonly provider: string;
  readonly format: RowReader['format'];
  readonly rows: number;
  readonly failed: number;
  /** The first failed rows (up to 100). */
  readonly errors: readonly RowError[];
  readonly cancelled: boolean;
  readonly ms: number;
  readonly rowsPerSecond: number;
  /** How the file was fed and read (say them with `say`). */
  readonly notes: readonly Phrase[];
}

const KEPT_ERRORS = 100;
/** Rows per model run: a chunk (512 KiB of text) in one run, unless its rows are very short. */
const SCORE_BATCH_ROWS = 65_536;

export async function scoreFile(cache: SessionCache, req: ScoreFileRequest): Promise<ScoreSummary> {
  const started = performance.now();
  let bytesTotal: number;
  try {
    const s = await stat(req.input);
    if (!s.isFile()) throw new Error('not a file');
    bytesTotal = s.size;
  } catch {
    throw new InferenceError('no-rows', phrase('{0} cannot be read: it does not exist or is not a file.', req.input));
  }
  const lease = await cache.acquire(req.model);
  try {
    const model = lease.model;
    const label = path.basename(model.path);
    const facts = modelFacts(model.inspection, model.card, req.experiment);
    const feed = planFeed(model.session, model.inspection, inputMapping(req.experiment));
    const ctx = {
      width: feed.width,
      featureOrder: facts.featureOrder,
      oneHot: facts.preprocessing.oneHot,
      inputLabel: feed.labelPhrase,
    };
    const ort = loadOrt();
    const k = req.topK ?? facts.topK ?? 3;
    const maxLeading = req.maxLeadingErrors ?? 100;
    let reader: RowReader | undefined;
    let csv: ScoreCsv | undefined;
    const pending: RowError[] = []; // failed rows before the first scored one (the header needs a prediction)
    const kept: RowError[] = [];
    let rows = 0;
    let failed = 0;
    let cancelled = false;
    let bytesRead = 0;
    let scratch: Float32Array | Float64Array | undefined; // the input tensor's data, reused chunk after chunk
    // One write in flight: the next waits for it (the results buffer it used is filled again two writes later).
    let writing: Promise<void> | undefined;
    const emit = async (data: string | Uint8Array): Promise<void> => {
      await writing;
      writing = undefined;
      const w = req.sink.write(data);
      if (w) {
        writing = w;
        w.catch(() => undefined); // awaited by the next write or at the end; no unhandled rejection meanwhile
      }
    };
    const fail = (errors: readonly RowError[]) => {
      failed += errors.length;
      for (const e of errors) if (kept.length < KEPT_ERRORS) kept.push(e);
    };
    const score = async (chunk: ChunkRows): Promise<void> => {
      fail(chunk.errors);
      if (chunk.n === 0) {
        if (csv) await emit(chunk.errors.map((e) => csv!.errorRow(e)).join(''));
        else pending.push(...chunk.errors);
        return;
      }
      const table = tableOf(chunk, reader!);
      const need = chunk.n * reader!.width;
      if (!scratch || scratch.length < need)
        scratch = new (feed.type === 'float64' ? Float64Array : Float32Array)(
          Math.max(need, 2 * (scratch?.length ?? 0)),
        );
      const data = buildTensorData(table, feed, facts.preprocessing, scratch);
      const run = await runBatches(ort, model.session, feed, data, chunk.n, reader!.width, label, {
        batchRows: req.batchRows ?? SCORE_BATCH_ROWS,
        ...(req.signal && { signal: req.signal }),
      });
      const primary = run.outputs.find((o) => o.name === facts.outputName) ?? run.outputs[0];
      if (!primary) throw new InferenceError('runtime', phrase('{0} returned no outputs.', label));
      const p = interpretOutput(primary, chunk.n, facts, k);
      if (p.kind === 'raw')
        throw new InferenceError(
          'unbuildable-input',
          phrase(
            '{0}\'s output "{1}" ({2}) is not a class score or a value per row: Liftoff cannot write it as predictions.',
            label,
            p.output,
            p.reason,
          ),
        );
      if (!csv) {
        csv = new ScoreCsv(
          reader!.columns,
          reader!.format === 'csv' ? undefined : reformatter(reader!),
          predictionHeader(p),
          p.kind === 'classification' ? p.labels : [],
        );
        await emit(csv.header() + pending.map((e) => csv!.errorRow(e)).join(''));
        pending.length = 0;
      }
      // csv.rows fills the buffer of the write before the last one, which `emit` waited for.
      await emit(csv.rows(chunk, p));
      rows += chunk.n;
    };
    try {
      for await (const piece of lineChunks(req.input, {
        ...(req.maxLineBytes !== undefined && { maxLineBytes: req.maxLineBytes }),
        ...(req.readBytes !== undefined && { readBytes: req.readBytes }),
      })) {
        if (req.signal?.aborted) {
          cancelled = true;
          break;
        }
        bytesRead = piece.bytesRead;
        if (piece.kind === 'overlong') {
          await score({
            n: 0,
            values: new Float64Array(0),
            lines: new Int32Array(0),
            errors: [tooLong(piece.line, piece.bytes, req.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)],
          });
        } else {
          let { firstLine, raw } = piece;
          if (!reader) {
            const first = firstNonBlank(raw, piece.ascii);
            if (!first) continue;
            reader = openRowReader(first.line, firstLine + first.index, ctx);
            firstLine += first.index + (reader.headerLine ? 1 : 0);
            raw = raw.subarray(reader.headerLine ? first.next : first.start);
          }
          await score(reader.read(raw, piece.ascii, firstLine));
        }
        req.onProgress?.({ bytesRead, bytesTotal, rows, failed });
        if (rows === 0 && failed >= maxLeading) throw leadingErrors(failed, kept, req.input);
      }
    } catch (err) {
      if (!(err instanceof InferenceError && err.code === 'cancelled')) throw err;
      cancelled = true;
    }
    await writing;
    if (rows === 0 && failed > 0 && !cancelled) throw leadingErrors(failed, kept, req.input);
    if (!reader && !cancelled)
      throw new InferenceError('no-rows', phrase('{0} has no rows: it is empty or blank.', path.basename(req.input)));
    if (rows === 0 && !cancelled)
      throw new InferenceError('no-rows', phrase('{0} has a header but no rows.', path.basename(req.input)));
    const ms = performance.now() - started;
    const notes: Phrase[] = [phrase('Preprocessing: {0}.', facts.preprocessing.description)];
    if (reader?.ignored.length) notes.push(phrase('Not fed to the model: {0}.', listNames(reader.ignored)));
    if (facts.labels) notes.push(phrase('Labels from {0}.', facts.labels.source));
    return {
      modelPath: model.path,
      provider: model.provider,
      format: reader?.format ?? 'csv',
      rows,
      failed,
      errors: kept,
      cancelled,
      ms,
      rowsPerSecond: rows / (Math.max(ms, 1e-3) / 1000),
      notes,
    };
  } finally {
    lease.release();
  }
}

/** The first line of `raw` that is not blank: its text, index, and the byte offsets of its start and the next line. */
function firstNonBlank(
  raw: Buffer,
  ascii: boolean,
): { line: string; index: number; start: number; next: number } | undefined {
  for (let pos = 0, index = 0; pos < raw.length; index++) {
    let nl = raw.indexOf(10, pos);
    if (nl === -1) nl = raw.length;
    const line = raw.toString(ascii ? 'latin1' : 'utf8', pos, nl);
    if (line.trim() !== '') return { line, index, start: pos, next: nl + 1 };
    pos = nl + 1;
  }
  return undefined;
}

/** A line longer than any row Liftoff reads: skipped, as a row error (English in the CSV, the phrase for people). */
function tooLong(line: number, bytes: number, max: number): RowError {
  const p = phrase(
    'Line {0} is {1} bytes long, longer than any row Liftoff reads ({2} bytes): skipped. Is this the right file?',
    line,
    bytes.toLocaleString('en-US'),
    max.toLocaleString('en-US'),
  );
  return { line, message: say('en', p), phrase: p };
}

function leadingErrors(failed: number, errors: readonly RowError[], input: string): InferenceError {
  // The rows' own errors in the reader's language too (their phrases; the results CSV keeps the English text).
  const shown = errors.slice(0, 3).map((e) => e.phrase ?? e.message);
  const lead = [failed.toLocaleString('en-US'), path.basename(input)] as const;
  return new InferenceError(
    'feature-count',
    shown.length >= 3
      ? phrase(
          'The first {0} rows of {1} could not be used, none was scored: the file does not fit the model. {2} {3} {4}',
          ...lead,
          ...shown,
        )
      : shown.length === 2
        ? phrase(
            'The first {0} rows of {1} could not be used, none was scored: the file does not fit the model. {2} {3}',
            ...lead,
            ...shown,
          )
        : phrase(
            'The first {0} rows of {1} could not be used, none was scored: the file does not fit the model. {2}',
            ...lead,
            shown[0] ?? '',
          ),
  );
}

/** The minimal table preprocessing needs (values, lines for messages, feature names). */
function tableOf(chunk: ChunkRows, reader: RowReader): InputTable {
  return {
    format: reader.format,
    n: chunk.n,
    width: reader.width,
    values: chunk.values,
    features: reader.features,
    ignored: reader.ignored,
    columns: reader.columns,
    cells: () => [],
    lines: chunk.lines,
    header: 'none',
  };
}

/** Non-comma input: each row's cells re-joined as CSV. */
function reformatter(reader: RowReader): (row: string) => string {
  const delimiter = { tsv: '\t', semicolon: ';', whitespace: ' ', csv: ',', jsonl: ',' }[reader.format];
  return (row) =>
    splitLine(row, delimiter)
      .map((c) => csvCell(c))
      .join(',');
}
