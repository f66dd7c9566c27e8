/**
 * `liftoff infer <model.onnx> <input> --out results.csv`: scores the whole file as a stream (core scoreFile) —
 * constant memory whatever its size, predictions written as they come, bad rows written as error rows with their
 * line. Progress on stderr (redrawn on a terminal); Ctrl-C stops between chunks and keeps what was written.
 * Exit 0 every row scored, 1 some rows (or the file) could not be used, 2 usage/IO.
 */
import * as path from 'node:path';
import type { ExperimentSettings } from '../../core/src/inference';
import { fileSink, InferenceError, scoreFile, SessionCache, type ScoreProgress } from '../../core/src/inference';
import { errorText, say, t } from '../../core/src/l10n';
import type { Io } from './io';
import { cannotWrite } from './read-input';

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
    io.err(`\nliftoff: ${t(io.locale, 'stopping after the current chunk…')}\n`);
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
    const line = `${t(io.locale, 'scoring {0}: {1}% ({2} of {3}) · {4} rows', rel(job.input), pct, mb(p.bytesRead), mb(p.bytesTotal), count(p.rows))}${p.failed ? ` · ${t(io.locale, '{0} failed', count(p.failed))}` : ''}`;
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
    for (const e of s.errors.slice(0, SHOWN_ERRORS))
      io.err(`${rel(job.input)}:${e.line}: ${say(io.locale, e.phrase ?? e.message)}\n`);
    if (s.failed > SHOWN_ERRORS)
      io.err(
        `… ${t(io.locale, 'and {0} more failed rows: see the error column of {1}', count(s.failed - SHOWN_ERRORS), rel(job.out))}\n`,
      );
    const scored = s.rows === 1 ? t(io.locale, '1 row scored') : t(io.locale, '{0} rows scored', count(s.rows));
    io.err(
      `liftoff: ${scored}${s.failed ? t(io.locale, ', {0} failed', count(s.failed)) : ''} · ` +
        `${t(io.locale, '{0} on {1}', path.basename(s.modelPath), s.provider)} · ` +
        `${(s.ms / 1000).toFixed(2)} s (${t(io.locale, '{0} rows/s', count(Math.round(s.rowsPerSecond)))}) → ${rel(job.out)}` +
        `${s.cancelled ? ` · ${t(io.locale, 'cancelled: the file holds the rows scored before the stop')}` : ''}\n`,
    );
    return s.cancelled || s.failed ? 1 : 0;
  } catch (err) {
    await sink.close().catch(() => undefined);
    if (drawn) io.err('\n');
    if (isWriteError(err, job.out)) {
      io.err(`liftoff infer: ${cannotWrite(io.locale, rel(job.out), err)}\n`);
      return 2;
    }
    if (!(err instanceof InferenceError)) throw err;
    io.err(
      `liftoff infer: ${t(io.locale, '{0} cannot be used with {1}: {2}', rel(job.input), rel(job.model), errorText(io.locale, err))}\n`,
    );
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
