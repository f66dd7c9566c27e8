/**
 * What every metrics file reader shares: a `Tail` for the new bytes, the run's series in the store, counters, and what
 * a reset (file truncated, replaced or rewritten) does — the points this reader put in the store are removed and the
 * file is read again from 0. Readers never throw on bad content: they skip it and count it in `stats.corrupt`.
 * Series belong to a run, not to a file: two files of one run that write the same metric name share its series (and a
 * reset of either clears it).
 */
import type { RunWriter, Series, SeriesStore } from './series-store';
import { Tail, type TailChunk, type TailOptions, type TailWatcher, type WatchOptions } from './tail';

export interface ReaderStats {
  /** File bytes read so far (the tail's offset). */
  offset: number;
  /** Bytes waiting for the rest of their line or record (a partial write). */
  pendingBytes: number;
  /** Records (lines, rows, events) that gave metrics or were valid. */
  records: number;
  /** Points added to the store. */
  points: number;
  /** Records skipped as corrupt. */
  corrupt: number;
  /** Times the file was truncated, replaced or rewritten and read again from 0. */
  resets: number;
}

/** What one `read()` did. */
export interface ReadResult {
  readonly bytes: number;
  readonly records: number;
  readonly points: number;
  readonly corrupt: number;
  readonly reset: boolean;
}

export type ReaderOptions = TailOptions;

/** Chunks this large (or larger) with more to come make the reader size its series ahead. */
const ESTIMATE_MIN_CHUNK = 256 * 1024;

export abstract class MetricFileReader {
  readonly tail: Tail;
  readonly stats: ReaderStats = { offset: 0, pendingBytes: 0, records: 0, points: 0, corrupt: 0, resets: 0 };
  protected readonly writer: RunWriter;
  private readonly fed = new Set<Series>();
  /** Series sized ahead by the current read's estimate. */
  private readonly reserved = new Set<Series>();

  constructor(readonly store: SeriesStore, readonly run: string, readonly path: string, options: ReaderOptions = {}) {
    this.tail = new Tail(path, options);
    this.writer = store.writer(run);
  }

  /** Reads what was added since the last read (up to the size seen now) into the store. */
  async read(): Promise<ReadResult> {
    const before = { ...this.stats };
    let reset = false;
    const bytes = await this.tail.readChunks((c) => { if (c.reset) reset = true; this.consume(c); });
    return {
      bytes, reset, records: this.stats.records - (reset ? 0 : before.records), points: this.stats.points - (reset ? 0 : before.points),
      corrupt: this.stats.corrupt - (reset ? 0 : before.corrupt),
    };
  }

  /** Feeds one chunk from this reader's tail (what `read` and `watch` do). */
  consume(chunk: TailChunk): void {
    if (chunk.reset) this.reset();
    const len = chunk.data.length;
    const after = chunk.from + len;
    const remaining = chunk.end - after;
    // A big read (a finished run opened, a catch-up): size the series for what is still coming, from what this
    // chunk held, rather than growing them step by step (each step a copy).
    const estimate = len >= ESTIMATE_MIN_CHUNK && remaining > len / 4;
    const before = estimate ? new Map([...this.fed].map((s) => [s, s.length])) : undefined;
    this.parse(chunk.data, false);
    if (before) {
      const scale = (remaining / len) * 1.05;
      for (const s of this.fed) {
        const added = s.length - (before.get(s) ?? 0);
        if (added > 0 && s.capacity < s.length + added * scale) {
          s.reserve(s.length + added * scale + 16);
          this.reserved.add(s);
        }
      }
    }
    if (after === chunk.end && this.reserved.size > 0) {
      // The read is over: give back what the estimate reserved beyond a quarter of slack.
      for (const s of this.reserved) if (s.capacity > s.length * 1.25 + 1024) s.trim();
      this.reserved.clear();
    }
    this.stats.offset = after;
    this.stats.pendingBytes = this.pending();
    this.writer.commit();
  }

  /** Keeps the store up to date until closed (`fs.watch` plus polling). */
  watch(options: WatchOptions = {}): TailWatcher {
    return this.tail.watch((c) => this.consume(c), options);
  }

  /** The writer is done: a last line without its line end counts as complete. */
  finish(): void {
    this.parse(Buffer.alloc(0), true);
    this.stats.pendingBytes = this.pending();
    this.writer.commit();
  }

  /** The series to push a metric into (remembered, so a reset can remove what this reader added). */
  protected seriesFor(name: string): Series {
    const s = this.writer.series(name);
    this.fed.add(s);
    return s;
  }

  protected abstract parse(data: Buffer, final: boolean): void;
  protected abstract pending(): number;
  /** Forget parser state (carry-over, header, last step): the file starts over. */
  protected abstract restart(): void;

  private reset(): void {
    for (const s of this.fed) s.clear();
    this.stats.records = 0;
    this.stats.points = 0;
    this.stats.corrupt = 0;
    this.stats.resets++;
    this.restart();
  }
}

export interface LineSplitterOptions {
  /** A lone `\r` also ends a line (progress bars in process output). */
  readonly cr?: boolean;
  /** A line end inside double quotes does not end the record (CSV). */
  readonly quotes?: boolean;
}

/**
 * Splits bytes into lines, keeping a partial last line until the rest arrives. `onLine(buf, start, end, next)`: the
 * line is `buf[start, end)` without its `\n` or `\r\n`; `next` is where the following line starts.
 */
export class LineSplitter {
  private carry: Buffer = Buffer.alloc(0);

  constructor(private readonly onLine: (buf: Buffer, start: number, end: number, next: number) => void, private readonly options: LineSplitterOptions = {}) {}

  get pending(): number { return this.carry.length; }

  push(data: Buffer): void {
    if (this.carry.length > 0 && !this.options.cr && !this.options.quotes) {
      // Finish the carried line with the head of `data`, then split the rest in place (no copy of the whole chunk).
      const nl = data.indexOf(10);
      if (nl < 0) { this.carry = Buffer.concat([this.carry, data]); return; }
      const head = Buffer.concat([this.carry, data.subarray(0, nl + 1)]);
      this.carry = Buffer.alloc(0);
      this.splitLf(head);
      data = data.subarray(nl + 1);
    }
    const buf = this.carry.length === 0 ? data : Buffer.concat([this.carry, data]);
    const s = this.options.cr ? this.splitCr(buf) : this.splitLf(buf);
    this.carry = s >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(s)); // a copy: the chunk can go
  }

  /** The input ended: a partial last line is a line. */
  end(): void {
    const buf = this.carry;
    this.carry = Buffer.alloc(0);
    if (buf.length > 0) this.onLine(buf, 0, buf.length, buf.length);
  }

  reset(): void { this.carry = Buffer.alloc(0); }

  private splitLf(buf: Buffer): number {
    // The next double quote at or after the line start (-1: none left), so lines without quotes cost nothing extra.
    let q = this.options.quotes ? buf.indexOf(34) : -1;
    let s = 0;
    let from = 0;
    for (;;) {
      const nl = buf.indexOf(10, from);
      if (nl < 0) return s;
      if (q >= 0 && q < nl && oddQuotes(buf, s, nl)) { from = nl + 1; continue; }
      const e = nl > s && buf[nl - 1] === 13 ? nl - 1 : nl;
      this.onLine(buf, s, e, nl + 1);
      s = from = nl + 1;
      if (q >= 0 && q < s) q = buf.indexOf(34, s);
    }
  }

  private splitCr(buf: Buffer): number {
    let s = 0;
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      if (c === 10 || c === 13) {
        if (c === 13 && i + 1 >= buf.length) return s; // maybe \r\n split across chunks: wait
        this.onLine(buf, s, i, i + 1);
        if (c === 13 && buf[i + 1] === 10) i++;
        s = i + 1;
      }
    }
    return s;
  }
}

function oddQuotes(buf: Buffer, start: number, end: number): boolean {
  let odd = false;
  let i = buf.indexOf(34, start);
  while (i >= 0 && i < end) {
    odd = !odd;
    i = buf.indexOf(34, i + 1);
  }
  return odd;
}

/** A reader of line-based files. */
export abstract class LineFileReader extends MetricFileReader {
  protected readonly lines: LineSplitter;

  constructor(store: SeriesStore, run: string, path: string, options: ReaderOptions = {}, split: LineSplitterOptions = {}) {
    super(store, run, path, options);
    this.lines = new LineSplitter((b, s, e, n) => this.line(b, s, e, n), split);
  }

  protected abstract line(buf: Buffer, start: number, end: number, next: number): void;

  protected parse(data: Buffer, final: boolean): void {
    if (data.length > 0) this.lines.push(data);
    if (final) this.lines.end();
  }

  protected pending(): number { return this.lines.pending; }
  protected restart(): void { this.lines.reset(); }
}
