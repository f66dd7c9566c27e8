/**
 * A run's logs and state changes as one timeline: stdout.log, stderr.log and timeline.jsonl (timeline.ts) read
 * together, so each log line carries the time it arrived and sits between the state changes around it. One reader
 * for everything that shows a run's log: `liftoff runs log [--follow]`, "Liftoff: Show Run Timeline" and its side by
 * side stdout | stderr view.
 *
 * Every file is the workspace's and may be hostile: reads never follow links or block on FIFOs, take at most a bounded
 * window of each file, and parse in one linear pass; a timeline record that is not exactly what Liftoff writes is
 * skipped, an `end` past the file is clamped, and a line longer than `maxLineBytes` is cut. A run without a timeline
 * (or with a broken one) still shows its logs, without times; a run from before stderr had its own file shows its one
 * log as `log`.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { say, t, type Locale } from '../l10n';
import { RUN_STATES, type RunState } from './run-record';
import { checkReasonCode, reasonPhrase, reasonText, stateText, type RunReasonCode } from './run-reason';
import { RunStore, type RunHandle } from './run-store';
import { TIMELINE_FILE, type LogStream } from './timeline';

/** `log`: a run from before stderr had its own file; its stdout.log holds both, interleaved as they came. */
export type TimelineStream = LogStream | 'log';

export type TimelineEntry =
  | {
      readonly kind: 'state';
      readonly t?: string;
      readonly state: RunState;
      readonly reason?: string;
      readonly reasonCode?: RunReasonCode;
    }
  /** `t`: when the line arrived; absent when no timeline record says so. */
  | { readonly kind: 'line'; readonly stream: TimelineStream; readonly text: string; readonly t?: string }
  /** Bytes not shown: before the window read at first, or more than one read takes at once. */
  | { readonly kind: 'skipped'; readonly stream: TimelineStream | 'timeline'; readonly bytes: number };

export interface RunLogOptions {
  /** How much of the end of each log the first read shows (default 256 KiB). */
  readonly initialBytes?: number;
  /** How much of the end of timeline.jsonl the first read takes (default 1 MiB). */
  readonly initialTimelineBytes?: number;
  /** The most one read takes of any file; more is skipped, and said (default 4 MiB). */
  readonly maxReadBytes?: number;
  /** Following: output no timeline record has claimed yet is shown after this long, without a time (default 1 s). */
  readonly settleMs?: number;
  /** A longer log line is cut into pieces of this size (default 16 KiB). */
  readonly maxLineBytes?: number;
  readonly now?: () => number;
}

/** A timeline record can be no longer than this; a longer line is not Liftoff's and is skipped. */
const MAX_RECORD_BYTES = 4096;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z$/;

interface Window {
  readonly data: Buffer;
  readonly from: number;
  /** Bytes between the last read and `from` that are not shown. */
  readonly skipped: number;
  /** The file was replaced or truncated: what was read before is void. */
  readonly reset: boolean;
  /** The window begins inside a line (the byte before it is not a line end). */
  readonly midLine: boolean;
}

/** Reads a growing run-folder file in bounded windows; never through a link, never blocking, regular files only. */
class Cursor {
  private pos = -1;
  private ino = -1;
  /** Undefined until the first read: the file was there (a regular file) at some read. */
  seen = false;

  constructor(readonly file: string) {}

  next(initialBytes: number, maxBytes: number): Window | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(this.file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      const st = fstatSync(fd);
      if (!st.isFile()) return undefined;
      this.seen = true;
      const size = st.size;
      let reset = false;
      let start: number;
      if (this.pos < 0 || st.ino !== this.ino || size < this.pos) {
        reset = this.pos >= 0;
        start = Math.max(0, size - initialBytes);
      } else start = this.pos;
      const first = this.pos < 0 || reset ? start : 0;
      let skipped = first;
      if (size - start > maxBytes) {
        skipped += size - maxBytes - start;
        start = size - maxBytes;
      }
      const buf = Buffer.alloc(size - start);
      let n = 0;
      while (n < buf.length) {
        const r = readSync(fd, buf, n, buf.length - n, start + n);
        if (r <= 0) break;
        n += r;
      }
      let midLine = false;
      if (start > 0 && skipped > 0) {
        const before = Buffer.alloc(1);
        midLine = readSync(fd, before, 0, 1, start - 1) === 1 && before[0] !== 10;
      }
      this.pos = start + n;
      this.ino = st.ino;
      return { data: buf.subarray(0, n), from: start, skipped, reset, midLine };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

type OutputRecord = { readonly t?: string; readonly type: 'output'; readonly stream: LogStream; readonly end: number };
type StateRecord = {
  readonly t?: string;
  readonly type: 'state';
  readonly state: RunState;
  readonly reason?: string;
  readonly reasonCode?: RunReasonCode;
};

/** One line of timeline.jsonl as Liftoff writes it, or undefined. */
export function parseTimelineRecord(line: string): OutputRecord | StateRecord | undefined {
  if (line.length > MAX_RECORD_BYTES || !line.startsWith('{')) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const r = v as Record<string, unknown>;
  const t = typeof r.t === 'string' && ISO_TIME.test(r.t) && Number.isFinite(Date.parse(r.t)) ? r.t : undefined;
  if (r.type === 'output') {
    if ((r.stream !== 'stdout' && r.stream !== 'stderr') || !Number.isSafeInteger(r.end) || (r.end as number) < 0)
      return undefined;
    return { ...(t ? { t } : {}), type: 'output', stream: r.stream, end: r.end as number };
  }
  if (r.type === 'state' && RUN_STATES.includes(r.state as RunState)) {
    const reason = typeof r.reason === 'string' ? r.reason.slice(0, 1000) : undefined;
    // The code only where it says the English reason (timeline.jsonl is the workspace's, like run.json).
    const code = reason ? checkReasonCode(r.reasonCode) : undefined;
    const reasonCode = code && say('en', reasonPhrase(code)) === reason ? code : undefined;
    return {
      ...(t ? { t } : {}),
      type: 'state',
      state: r.state as RunState,
      ...(reason ? { reason } : {}),
      ...(reasonCode ? { reasonCode } : {}),
    };
  }
  return undefined;
}

interface StreamState {
  readonly cursor: Cursor;
  label: TimelineStream;
  /** Bytes read but not yet claimed by a timeline record, from file offset `from`. */
  from: number;
  avail: Buffer;
  /** The start of a line whose end has not come yet, and the time of its first byte. */
  carry: Buffer | undefined;
  carryT: string | undefined;
  /** When unclaimed bytes were first seen (following). */
  unclaimedSince: number | undefined;
  /** The first window began inside a line: its rest is not a line of its own. */
  dropToNewline: boolean;
}

/**
 * Reads a run's timeline incrementally: `read()` returns what is new since the last call, in order. The first call
 * shows the end of each log; `read({ final: true })` (the run has ended, or a one-shot view) also shows output no
 * record has claimed yet and the last line without a line end.
 */
export class RunLogReader {
  private readonly streams: Record<LogStream, StreamState>;
  private readonly timeline: Cursor;
  private timelineCarry: Buffer | undefined;
  private timelineDrop = false;
  private first = true;
  private readonly o: Required<Omit<RunLogOptions, 'now'>> & { now: () => number };

  constructor(run: RunHandle, options: RunLogOptions = {}) {
    this.o = {
      initialBytes: options.initialBytes ?? 256 * 1024,
      initialTimelineBytes: options.initialTimelineBytes ?? 1024 * 1024,
      maxReadBytes: options.maxReadBytes ?? 4 * 1024 * 1024,
      settleMs: options.settleMs ?? 1000,
      maxLineBytes: Math.max(1, options.maxLineBytes ?? 16 * 1024),
      now: options.now ?? Date.now,
    };
    const state = (role: LogStream): StreamState => ({
      cursor: new Cursor(RunStore.file(run, role)),
      label: role,
      from: 0,
      avail: Buffer.alloc(0),
      carry: undefined,
      carryT: undefined,
      unclaimedSince: undefined,
      dropToNewline: false,
    });
    this.streams = { stdout: state('stdout'), stderr: state('stderr') };
    this.timeline = new Cursor(path.join(run.dir, TIMELINE_FILE));
  }

  read(opts: { final?: boolean } = {}): TimelineEntry[] {
    const out: TimelineEntry[] = [];
    // The timeline first: its writers put a record down only after the bytes it names are written, so the logs read
    // after it hold every byte its records claim.
    const records = this.readRecords(out);
    for (const s of ['stdout', 'stderr'] as const) this.readLog(s, out);
    if (this.first) {
      // No stderr file at all: a run from before stdout and stderr were kept apart.
      if (!this.streams.stderr.cursor.seen) this.streams.stdout.label = 'log';
      this.first = false;
    }
    for (const r of records) {
      if (r.type === 'state')
        out.push({
          kind: 'state',
          ...(r.t ? { t: r.t } : {}),
          state: r.state,
          ...(r.reason ? { reason: r.reason } : {}),
          ...(r.reasonCode ? { reasonCode: r.reasonCode } : {}),
        });
      else this.claim(r.stream, r.end, r.t, out);
    }
    const now = this.o.now();
    for (const name of ['stdout', 'stderr'] as const) {
      const s = this.streams[name];
      if (s.avail.length === 0) s.unclaimedSince = undefined;
      else if (opts.final || (s.unclaimedSince !== undefined && now - s.unclaimedSince >= this.o.settleMs)) {
        this.claim(name, s.from + s.avail.length, undefined, out);
        s.unclaimedSince = undefined;
      } else s.unclaimedSince ??= now;
      if (opts.final && s.carry) {
        this.emit(s, s.carry, s.carryT, out);
        s.carry = undefined;
      }
    }
    return out;
  }

  private readRecords(out: TimelineEntry[]): Array<OutputRecord | StateRecord> {
    const w = this.timeline.next(this.o.initialTimelineBytes, this.o.maxReadBytes);
    if (!w) return [];
    if (w.reset) this.timelineCarry = undefined;
    if (w.skipped > 0) {
      out.push({ kind: 'skipped', stream: 'timeline', bytes: w.skipped });
      this.timelineCarry = undefined;
      this.timelineDrop = w.midLine;
    }
    const records: Array<OutputRecord | StateRecord> = [];
    const data = w.data;
    let start = 0;
    for (;;) {
      const nl = data.indexOf(10, start);
      if (nl < 0) break;
      if (this.timelineDrop) this.timelineDrop = false;
      else {
        const bytes = this.timelineCarry
          ? Buffer.concat([this.timelineCarry, data.subarray(start, nl)])
          : data.subarray(start, nl);
        this.timelineCarry = undefined;
        if (bytes.length <= MAX_RECORD_BYTES) {
          const r = parseTimelineRecord(bytes.toString('utf8').trim());
          if (r) records.push(r);
        }
      }
      start = nl + 1;
    }
    if (start < data.length && !this.timelineDrop) {
      const rest = data.subarray(start);
      const carried = (this.timelineCarry?.length ?? 0) + rest.length;
      if (carried > MAX_RECORD_BYTES) {
        // Not a record Liftoff writes: skip it up to its line end.
        this.timelineCarry = undefined;
        this.timelineDrop = true;
      } else this.timelineCarry = this.timelineCarry ? Buffer.concat([this.timelineCarry, rest]) : Buffer.from(rest);
    }
    return records;
  }

  private readLog(name: LogStream, out: TimelineEntry[]): void {
    const s = this.streams[name];
    const w = s.cursor.next(this.o.initialBytes, this.o.maxReadBytes);
    if (!w) return;
    if (w.reset || w.skipped > 0) {
      // What was waiting is older than the gap: show it first, then say what is left out.
      if (!w.reset && s.avail.length) this.emitBytes(s, s.avail, undefined, out);
      if (s.carry) this.emit(s, s.carry, s.carryT, out);
      s.carry = undefined;
      s.avail = Buffer.alloc(0);
      if (w.skipped > 0) out.push({ kind: 'skipped', stream: s.label, bytes: w.skipped });
      s.dropToNewline = w.midLine;
      s.from = w.from;
    }
    s.avail = s.avail.length ? Buffer.concat([s.avail, w.data]) : w.data;
    // Unclaimed bytes beyond twice a read are shown now rather than kept: memory stays bounded whatever the files do.
    if (s.avail.length > 2 * this.o.maxReadBytes)
      this.claim(name, s.from + s.avail.length - this.o.maxReadBytes, undefined, out);
  }

  /** The bytes of `name` up to file offset `end` arrived at `t`. */
  private claim(name: LogStream, end: number, t: string | undefined, out: TimelineEntry[]): void {
    const s = this.streams[name];
    if (end <= s.from) return;
    const n = Math.min(end - s.from, s.avail.length);
    const seg = s.avail.subarray(0, n);
    s.avail = s.avail.subarray(n);
    s.from += n;
    this.emitBytes(s, seg, t, out);
  }

  private emitBytes(s: StreamState, seg: Buffer, t: string | undefined, out: TimelineEntry[]): void {
    let start = 0;
    if (s.dropToNewline) {
      const nl = seg.indexOf(10);
      if (nl < 0) return;
      s.dropToNewline = false;
      start = nl + 1;
    }
    const max = this.o.maxLineBytes;
    for (;;) {
      const nl = seg.indexOf(10, start);
      if (nl < 0) break;
      let piece = seg.subarray(start, nl);
      if (s.carry) {
        piece = Buffer.concat([s.carry, piece]);
        this.emit(s, piece, s.carryT ?? t, out);
        s.carry = undefined;
      } else this.emit(s, piece, t, out);
      start = nl + 1;
    }
    if (start < seg.length) {
      const rest = seg.subarray(start);
      if (!s.carry) s.carryT = t;
      s.carry = s.carry ? Buffer.concat([s.carry, rest]) : Buffer.from(rest);
      // Whole pieces only; a carry of exactly `max` bytes waits, for its line may end there (a line of 2 × max bytes
      // claimed in parts must not come out with an empty third piece).
      while (s.carry.length > max) {
        this.emit(s, s.carry.subarray(0, max), s.carryT, out);
        s.carry = s.carry.subarray(max);
      }
    }
  }

  private emit(s: StreamState, bytes: Buffer, t: string | undefined, out: TimelineEntry[]): void {
    const max = this.o.maxLineBytes;
    for (let i = 0; i < bytes.length || i === 0; i += max) {
      const text = cleanLogText(bytes.subarray(i, i + max).toString('utf8'));
      out.push({ kind: 'line', stream: s.label, text, ...(t ? { t } : {}) });
      if (bytes.length === 0) break;
    }
  }
}

/** A log line as a terminal would leave it: what follows the last carriage return, without escapes or controls. */
export function cleanLogText(s: string): string {
  let text = s.endsWith('\r') ? s.slice(0, -1) : s;
  const cr = text.lastIndexOf('\r');
  if (cr >= 0) text = text.slice(cr + 1);
  return text.replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '').replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');
}

/** The whole timeline of a run as it is now (the end of each log, bounded by `options`). */
export function readRunTimeline(run: RunHandle, options: RunLogOptions = {}): TimelineEntry[] {
  return new RunLogReader(run, options).read({ final: true });
}

export type StreamChoice = 'stdout' | 'stderr' | 'both';

/** Whether `e` belongs in a view of `choice`: state changes only in the interleaved view; a combined `log` in all. */
export function entryShown(e: TimelineEntry, choice: StreamChoice): boolean {
  if (choice === 'both') return true;
  if (e.kind === 'state') return false;
  return e.stream === choice || e.stream === 'log';
}

/** `HH:MM:SS.mmm` (UTC) of an ISO time, or blanks. */
const clock = (t: string | undefined) => (t ? t.slice(11, 23).padEnd(12) : ' '.repeat(12));

/**
 * One entry as a line of text: `01:02:03.456 stderr | text`, state changes as `01:02:03.456 ── failed: exit code 1`.
 * `streamColumn: false` leaves the stream out (a view of one stream).
 */
export function formatTimelineEntry(e: TimelineEntry, opts: { streamColumn?: boolean; locale?: Locale } = {}): string {
  const locale = opts.locale;
  if (e.kind === 'skipped') {
    const file = e.stream === 'timeline' ? TIMELINE_FILE : e.stream;
    return `${' '.repeat(12)} … ${e.bytes === 1 ? t(locale, '1 earlier byte of {0} not shown', file) : t(locale, '{0} earlier bytes of {1} not shown', e.bytes, file)}`;
  }
  if (e.kind === 'state') {
    const reason = reasonText(locale, e);
    return `${clock(e.t)} ── ${stateText(locale, e.state)}${reason ? `${locale === 'zh-cn' ? '：' : ': '}${cleanLogText(reason)}` : ''}`;
  }
  return opts.streamColumn === false ? `${clock(e.t)} ${e.text}` : `${clock(e.t)} ${e.stream.padEnd(6)} | ${e.text}`;
}
