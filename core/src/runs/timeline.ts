/**
 * A run's timeline: `timeline.jsonl` in the run folder, one JSON object a line, appended by whoever owns the run's
 * state (one writer per run.json, docs/security.md): `RunStore.create`/`update` append a `state` record for every
 * state or reason they write (queued → running → …, with Slurm's pending reason), and the process that captures the
 * output appends `output` records saying when the log files grew: the runner for local runs (it writes stdout.log and
 * stderr.log itself, so the bytes are on disk before their record), Slurm's job tracker for Slurm jobs (it sees the
 * files Slurm writes grow).
 *
 *   {"t":"2026-12-06T01:02:03.456Z","type":"state","state":"running","reason":"RUNNING on node1"}
 *   {"t":"2026-12-06T01:02:04.001Z","type":"output","stream":"stderr","end":1234}
 *
 * An `output` record says: the bytes of that stream's file up to offset `end` (from the previous record's `end`)
 * arrived at `t`. Records are in the order things happened, so reading them in order interleaves stdout, stderr and
 * state changes exactly as the writer saw them, without copying the logs. The reader (run-log.ts) takes the file as
 * the workspace's, i.e. possibly hostile.
 */
import { closeSync, constants, fstatSync, openSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { RunState } from './run-record';
import type { RunReasonCode } from './run-reason';

export const TIMELINE_FILE = 'timeline.jsonl';

export type LogStream = 'stdout' | 'stderr';

export type TimelineRecord =
  | {
      readonly t: string;
      readonly type: 'state';
      readonly state: RunState;
      readonly reason?: string;
      readonly reasonCode?: RunReasonCode;
    }
  | { readonly t: string; readonly type: 'output'; readonly stream: LogStream; readonly end: number };

/** Opens a run folder's file for appending, never through a link and never blocking on a FIFO; -1 when it cannot. */
function openAppend(file: string): number {
  let fd = -1;
  try {
    fd = openSync(
      file,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      0o644,
    );
    if (!fstatSync(fd).isFile()) {
      closeSync(fd);
      return -1;
    }
    return fd;
  } catch {
    if (fd >= 0) closeSync(fd);
    return -1;
  }
}

const line = (r: TimelineRecord) => JSON.stringify(r) + '\n';

/**
 * Appends records to a run's timeline. A timeline helps people read a run; it is never worth failing the run for,
 * so a folder that cannot take it (read-only, a link or FIFO in its place) just gets none.
 */
export function appendTimeline(dir: string, records: readonly TimelineRecord[]): void {
  if (records.length === 0) return;
  const fd = openAppend(path.join(dir, TIMELINE_FILE));
  if (fd < 0) return;
  try {
    writeSync(fd, records.map(line).join(''));
  } catch {
    /* see above */
  } finally {
    closeSync(fd);
  }
}

/**
 * Output records of one capturing process: consecutive growth of the same stream is one record (timed by its first
 * chunk), a switch to the other stream writes the pending record first, so the order across streams is exact while
 * a chatty stream costs at most one record per `flushMs`.
 */
export class OutputMarks {
  private fd = -2;
  private pending: { stream: LogStream; t: number; end: number } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly flushMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  /** `stream`'s file now ends at byte `end` (its bytes are already written). */
  grew(stream: LogStream, end: number): void {
    if (this.pending && this.pending.stream !== stream) this.flush();
    if (this.pending) {
      this.pending.end = end;
      if (this.now() - this.pending.t >= this.flushMs) this.flush();
      return;
    }
    this.pending = { stream, t: this.now(), end };
    if (!this.timer && this.flushMs > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.flushMs);
      this.timer.unref();
    }
  }

  /** Writes the pending record, if any. */
  flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    if (this.fd === -2) this.fd = openAppend(path.join(this.dir, TIMELINE_FILE));
    if (this.fd < 0) return;
    try {
      writeSync(this.fd, line({ t: new Date(p.t).toISOString(), type: 'output', stream: p.stream, end: p.end }));
    } catch {
      /* a timeline is never worth failing the run for */
    }
  }

  close(): void {
    this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
