/**
 * `liftoff infer <model.onnx> <input> --out results.csv`: scores the whole file as a stream (core scoreFile) —
 * constant memory whatever its size, predictions written as they come, bad rows written as error rows with their
 * line. Progress on stderr (redrawn on a terminal); Ctrl-C stops between chunks and keeps what was written.
 * Exit 0 every row scored, 1 some rows (or the file) could not be used, 2 usage/IO.
 */
import * as path from 'node:path';
import type { ExperimentSettings } from '../../core/src/inference';
import { fileSink, InferenceError, scoreFile, SessionCache, type ScoreProgress } from '../../core/src/inference';
import type { Io } from './io';

export interface FileJob {
  readonly model: string;
  readonly input: string;
  readonly out: string;
  readonly experiment: ExperimentSettings | undefined;
  readonly topK: number | undefined;
}

const SHOWN_ERRORS = 10;
const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString('en-US');

export async function runInferFile(job: FileJob, io: Io): Promise<number> {
  const rel = (p: string) => path.relative(io.cwd, p) || p;
  const sink = fileSink(job.out);
  const abort = new AbortController();
  const stop = () => {
    io.err('\nliftoff: stopping after the current chunk…\n');
    abort.abort();
  };
  process.once('SIGINT', stop);
  let drawn = false;
  let last = 0;
  const progress = (p: ScoreProgress) => {
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    const pct = p.bytesTotal ? Math.round((100 * p.bytesRead) / p.bytesTotal) : 100;
    const line = `scoring ${rel(job.input)}: ${pct}% (${mb(p.bytesRead)} of ${mb(p.bytesTotal)}) · ${count(p.rows)} rows${p.failed ? ` · ${count(p.failed)} failed` : ''}`;
    if (io.isTTY) {
      io.err(`\r\x1b[2K${line}`);
      drawn = true;
    }
  };
  const cache = new SessionCache();
  try {
    const s = await scoreFile(cache, {
      model: job.model,
      input: job.input,
      sink,
      experiment: job.experiment,
      ...(job.topK !== undefined && { topK: job.topK }),
      signal: abort.signal,
      onProgress: progress,
    });
    await sink.close();
    if (drawn) io.err('\r\x1b[2K');
    for (const e of s.errors.slice(0, SHOWN_ERRORS)) io.err(`${rel(job.input)}:${e.line}: ${e.message}\n`);
    if (s.failed > SHOWN_ERRORS)
      io.err(`… and ${count(s.failed - SHOWN_ERRORS)} more failed rows: see the error column of ${rel(job.out)}\n`);
    io.err(
      `liftoff: ${count(s.rows)} row${s.rows === 1 ? '' : 's'} scored${s.failed ? `, ${count(s.failed)} failed` : ''} · ${path.basename(s.modelPath)} on ${s.provider} · ` +
        `${(s.ms / 1000).toFixed(2)} s (${count(Math.round(s.rowsPerSecond))} rows/s) → ${rel(job.out)}` +
        `${s.cancelled ? ' · cancelled: the file holds the rows scored before the stop' : ''}\n`,
    );
    return s.cancelled || s.failed ? 1 : 0;
  } catch (err) {
    await sink.close().catch(() => undefined);
    if (drawn) io.err('\n');
    if (isWriteError(err, job.out)) {
      io.err(`liftoff infer: cannot write ${rel(job.out)}: ${err.message}\n`);
      return 2;
    }
    if (!(err instanceof InferenceError)) throw err;
    io.err(`liftoff infer: ${rel(job.input)} cannot be used with ${rel(job.model)}: ${err.message}\n`);
    return 1;
  } finally {
    process.removeListener('SIGINT', stop);
    await cache.dispose();
  }
}

/** A failure of the results file (a missing folder, no permission, a full disk), not of the input. */
function isWriteError(err: unknown, out: string): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException;
  return err instanceof Error && (e.path === out || e.syscall === 'write');
}
