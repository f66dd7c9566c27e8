/**
 * Metrics in a training process's output. A line that is a JSON object (or a Python dict's repr) is a record like a
 * JSON-lines one; with `keyValue`, `key=value` pairs with numeric values (`epoch=3 loss=0.41 acc=0.9`) are one too.
 * Everything else is ignored. `\r` ends a line as well (progress bars); ANSI colour codes are removed. In a live
 * stream, a record without `time` gets the time it was read (a saved log file: none, unless given a clock).
 */
import { BLANK, CORRUPT, JsonRecordParser } from './json-record';
import { LineSplitter } from './line-splitter';
import { LineFileReader, type ReaderOptions } from './reader';
import type { RunWriter, Series, SeriesStore } from './series-store';

export interface StdoutParserOptions {
  /** Also read `key=value` pairs (off by default: ordinary output has many of them). */
  readonly keyValue?: boolean;
  /** Wall time in seconds for records without `time` (default: now). */
  readonly clock?: () => number;
}

export interface StdoutStats {
  records: number;
  points: number;
  /** Lines that looked like a JSON object but were not one. */
  corrupt: number;
  /** Lines that were not metrics. */
  ignored: number;
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
// key=value, the value a number (or nan/inf), the pair delimited by the line's ends, blanks, commas, semicolons or bars.
const PAIR =
  /(?:^|[\s,;|[(])([A-Za-z_][\w./-]*)=([-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf(?:inity)?))(?=$|[\s,;|\])])/gi;

/** Turns one line of output into points (shared by the stream parser and the log file reader). */
export class StdoutLineParser {
  readonly stats: StdoutStats = { records: 0, points: 0, corrupt: 0, ignored: 0 };
  private readonly json: JsonRecordParser;
  private readonly clock: () => number;
  private readonly series = new Map<string, Series>();

  constructor(
    private readonly seriesFor: (name: string) => Series,
    private readonly options: StdoutParserOptions = {},
  ) {
    this.clock = options.clock ?? (() => Date.now() / 1000);
    this.json = new JsonRecordParser(seriesFor, this.clock);
  }

  reset(): void {
    this.json.reset();
    this.stats.records = this.stats.points = this.stats.corrupt = this.stats.ignored = 0;
  }

  line(b: Buffer, start: number, end: number): void {
    let i = start;
    while (i < end && (b[i] === 32 || b[i] === 9)) i++;
    let e = end;
    while (e > i && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 13)) e--;
    if (i >= e) return;
    if (b[i] === 123 /* { */ && b[e - 1] === 125 /* } */) {
      const n = this.json.parse(b, i, e);
      if (n === CORRUPT) this.stats.corrupt++;
      else if (n !== BLANK) {
        this.stats.records++;
        this.stats.points += n;
      }
      return;
    }
    let eq = -1;
    if (this.options.keyValue)
      for (let k = i; k < e; k++)
        if (b[k] === 61 /* = */) {
          eq = k;
          break;
        }
    if (eq >= 0) {
      const n = this.keyValues(b.toString('utf8', i, e).replace(ANSI, ''));
      if (n > 0) {
        this.stats.records++;
        this.stats.points += n;
        return;
      }
    }
    this.stats.ignored++;
  }

  private keyValues(text: string): number {
    let step = NaN;
    let time = NaN;
    const pairs: Array<[string, number]> = [];
    for (const m of text.matchAll(PAIR)) {
      const key = m[1] as string;
      const v = Number((m[2] as string).replace(/^([-+]?)inf(inity)?$/i, '$1Infinity').replace(/^[-+]?nan$/i, 'NaN'));
      const lower = key.toLowerCase();
      if (lower === 'step') step = v;
      else if (lower === 'time') time = v;
      else pairs.push([lower === 'epoch' ? 'epoch' : key, v]);
    }
    if (pairs.length === 0) return 0; // `step=300` alone in a sentence is not a record
    const s = step - step === 0 ? step : this.json.lastStep + 1;
    this.json.lastStep = s;
    const t = time - time === 0 ? time : this.clock();
    for (const [name, v] of pairs) {
      let series = this.series.get(name);
      if (!series) {
        series = this.seriesFor(name);
        this.series.set(name, series);
      }
      series.push(s, t, v);
    }
    return pairs.length;
  }
}

/** Parses a process's output as it arrives: `push` each chunk, `end` when the process exits. */
export class StdoutParser {
  private readonly lines: LineSplitter;
  private readonly parser: StdoutLineParser;
  private readonly writer: RunWriter;

  constructor(store: SeriesStore, run: string, options: StdoutParserOptions = {}) {
    this.writer = store.writer(run);
    this.parser = new StdoutLineParser((name) => this.writer.series(name), options);
    this.lines = new LineSplitter((b, s, e) => this.parser.line(b, s, e), { cr: true });
  }

  get stats(): Readonly<StdoutStats> {
    return this.parser.stats;
  }
  get pendingBytes(): number {
    return this.lines.pending;
  }

  push(chunk: Buffer | string): void {
    this.lines.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    this.writer.commit();
  }

  end(): void {
    this.lines.end();
    this.writer.commit();
  }
}

/** A saved output log (`train.log`, Slurm's `slurm-<id>.out`) read incrementally like the other metrics files. */
export class StdoutLogReader extends LineFileReader {
  private readonly parser: StdoutLineParser;

  constructor(store: SeriesStore, run: string, path: string, options: ReaderOptions & StdoutParserOptions = {}) {
    super(store, run, path, options, { cr: true });
    // A saved log has no times of its own; the time it is read is not theirs (give a clock when tailing it live).
    this.parser = new StdoutLineParser((name) => this.seriesFor(name), { clock: () => NaN, ...options });
  }

  protected line(buf: Buffer, start: number, end: number): void {
    const counts = this.parser.stats; // cumulative since the last restart, like this.stats
    this.parser.line(buf, start, end);
    this.stats.records = counts.records;
    this.stats.points = counts.points;
    this.stats.corrupt = counts.corrupt;
  }

  protected override restart(): void {
    super.restart();
    this.parser.reset();
  }
}
