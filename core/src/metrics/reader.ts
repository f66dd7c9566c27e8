/**
 * What every metrics file reader shares: a `Tail` for the new bytes, the run's series in the store, counters, and what
 * a reset (file truncated, replaced or rewritten) does — the points this reader put in the store are removed and the
 * file is read again from 0. Readers never throw on bad content: they skip it and count it in `stats.corrupt`.
 * Series belong to a run, not to a file: two files of one run that write the same metric name share its series (and a
 * reset of either clears it).
 */
import type { RunWriter, Series, SeriesStore } from './series-store';
import { LineSplitter, type LineSplitterOptions } from './line-splitter';
import { Tail, type TailChunk, type TailOptions, type TailWatcher, type WatchOptions } from './tail';

export { LineSplitter, MAX_LINE_BYTES, type LineSplitterOptions } from './line-splitter';

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
  /** Lines or records skipped for being longer than the reader's cap (`maxLineBytes`, or the event record cap). */
  overlong: number;
}

/** What one `read()` did. */
export interface ReadResult {
  readonly bytes: number;
  readonly records: number;
  readonly points: number;
  readonly corrupt: number;
  readonly reset: boolean;
}

export interface ReaderOptions extends TailOptions {
  /** Longest line or record read, in bytes (default `MAX_LINE_BYTES`); a longer one is skipped and counted. */
  readonly maxLineBytes?: number;
}

/** Chunks this large (or larger) make the reader size its series ahead, from their first ESTIMATE_SAMPLE bytes. */
const ESTIMATE_MIN_CHUNK = 256 * 1024;
const ESTIMATE_SAMPLE = 64 * 1024;
const LF = 10;

export abstract class MetricFileReader {
  readonly tail: Tail;
  readonly stats: ReaderStats = {
    offset: 0,
    pendingBytes: 0,
    records: 0,
    points: 0,
    corrupt: 0,
    resets: 0,
    overlong: 0,
  };
  protected readonly writer: RunWriter;
  private readonly fed = new Set<Series>();
  /** Series sized ahead by the current read's estimate. */
  private readonly reserved = new Set<Series>();

  constructor(
    readonly store: SeriesStore,
    readonly run: string,
    readonly path: string,
    options: ReaderOptions = {},
  ) {
    this.tail = new Tail(path, options);
    this.writer = store.writer(run);
  }

  /** Reads what was added since the last read (up to the size seen now) into the store. */
  async read(): Promise<ReadResult> {
    const before = { ...this.stats };
    let reset = false;
    const bytes = await this.tail.readChunks((c) => {
      if (c.reset) reset = true;
      this.consume(c);
    });
    return {
      bytes,
      reset,
      records: this.stats.records - (reset ? 0 : before.records),
      points: this.stats.points - (reset ? 0 : before.points),
      corrupt: this.stats.corrupt - (reset ? 0 : before.corrupt),
    };
  }

  /** Feeds one chunk from this reader's tail (what `read` and `watch` do). */
  consume(chunk: TailChunk): void {
    if (chunk.reset) this.reset();
    const data = chunk.data;
    const len = data.length;
    const after = chunk.from + len;
    const remaining = chunk.end - after;
    if (len >= ESTIMATE_MIN_CHUNK) {
      // A big read (a finished run opened, a catch-up): its first lines are parsed alone, then the series are sized
      // for what is still coming (this chunk's rest and the reads after it) from what those lines held, rather than
      // grown step by step (each step a copy of all three columns). The cut is after a line end: same lines.
      const cut = data.indexOf(LF, ESTIMATE_SAMPLE);
      const head = cut < 0 ? len : cut + 1;
      const before = new Map([...this.fed].map((s) => [s, s.length]));
      this.parse(head === len ? data : data.subarray(0, head), false);
      this.reserveAhead(before, head, len - head + remaining);
      if (head < len) this.parse(data.subarray(head), false);
    } else this.parse(data, false);
    if (after === chunk.end && this.reserved.size > 0) {
      // The read is over: give back what the estimate reserved beyond a quarter of slack.
      for (const s of this.reserved) if (s.capacity > s.length * 1.25 + 1024) s.trim();
      this.reserved.clear();
    }
    this.stats.offset = after;
    this.stats.pendingBytes = this.pending();
    this.writer.commit();
  }

  /** Sizes the series fed since `before` for `rest` more bytes like the `parsed` ones just read. */
  private reserveAhead(before: ReadonlyMap<Series, number>, parsed: number, rest: number): void {
    if (parsed <= 0 || rest <= parsed / 4) return;
    const scale = (rest / parsed) * 1.05;
    for (const s of this.fed) {
      const added = s.length - (before.get(s) ?? 0);
      if (added > 0 && s.capacity < s.length + added * scale) {
        s.reserve(s.length + added * scale + 16);
        this.reserved.add(s);
      }
    }
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
    this.stats.overlong = 0;
    this.stats.resets++;
    this.restart();
  }
}

/** A reader of line-based files. */
export abstract class LineFileReader extends MetricFileReader {
  protected readonly lines: LineSplitter;

  constructor(
    store: SeriesStore,
    run: string,
    path: string,
    options: ReaderOptions = {},
    split: LineSplitterOptions = {},
  ) {
    super(store, run, path, options);
    this.lines = new LineSplitter((b, s, e, n) => this.line(b, s, e, n), {
      ...split,
      ...(options.maxLineBytes !== undefined && { maxLineBytes: options.maxLineBytes }),
    });
  }

  protected abstract line(buf: Buffer, start: number, end: number, next: number): void;

  protected parse(data: Buffer, final: boolean): void {
    if (data.length > 0) this.lines.push(data);
    if (final) this.lines.end();
    this.stats.overlong = this.lines.overlong;
  }

  protected pending(): number {
    return this.lines.pending;
  }
  protected restart(): void {
    this.lines.reset();
    this.lines.overlong = 0;
  }
}
