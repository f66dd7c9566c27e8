/**
 * Splits bytes into lines as they arrive, keeping a partial last line until the rest comes.
 *
 * Linear time whatever the input (a metrics file is workspace content, possibly hostile): every byte is searched once
 * (the scan position and the quote state survive between chunks, so a record is never rescanned from its start), a
 * line that spans chunks is gathered in one buffer that grows by doubling (never re-copied per chunk), and no line is
 * kept beyond `maxLineBytes`. A longer line is skipped and counted in `overlong`. In quotes mode (CSV), a quote that
 * is still open `maxLineBytes` after its record began is taken for a stray one: the record ends at its first line end
 * (a line the CSV reader then counts as corrupt) and the lines after it are read again as lines — one stray `"` costs
 * one line, never the rest of the file.
 */

export interface LineSplitterOptions {
  /** A lone `\r` also ends a line (progress bars in process output). */
  readonly cr?: boolean;
  /** A line end inside double quotes does not end the record (CSV). */
  readonly quotes?: boolean;
  /** Longest line (record) handed on, in bytes without its line end (default `MAX_LINE_BYTES`). */
  readonly maxLineBytes?: number;
}

/** Default cap on one line or record: far beyond any metrics line, small enough to hold while it is being written. */
export const MAX_LINE_BYTES = 1024 * 1024;

const LF = 10;
const CR = 13;
const QUOTE = 34;
/** A gathering buffer larger than this is let go once its line is handed on. */
const KEEP_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);

/** The next `byte` at or after a position, remembered so that a forward-moving scan searches each byte once. */
class Finder {
  private pos = -2;
  constructor(
    private readonly buf: Buffer,
    private readonly byte: number,
  ) {}
  next(i: number): number {
    if (this.pos === -1) return -1;
    if (this.pos < i) this.pos = this.buf.indexOf(this.byte, i);
    return this.pos;
  }
  /** The scan moved back: search again. */
  reset(): void {
    this.pos = -2;
  }
}

export class LineSplitter {
  private acc: Buffer = EMPTY;
  private accLen = 0;
  /** Quotes mode: inside a quoted cell of the record being gathered. */
  private inQuote = false;
  /** Dropping an overlong line up to its end. */
  private skipping = false;
  /** CR mode: the last chunk ended with `\r`, so a `\n` first in the next one is part of that line end. */
  private afterCr = false;
  /** Stream offset of the next chunk's first byte. */
  private consumed = 0;
  private lineStart = 0;
  private readonly max: number;
  /** Lines (records) skipped for being longer than `maxLineBytes`. */
  overlong = 0;

  constructor(
    private readonly onLine: (buf: Buffer, start: number, end: number, next: number) => void,
    private readonly options: LineSplitterOptions = {},
  ) {
    this.max = Math.max(1, Math.floor(options.maxLineBytes ?? MAX_LINE_BYTES));
  }

  /** Bytes held for a line not yet complete. */
  get pending(): number {
    return this.accLen;
  }
  /** Stream offset of the first byte of the line being handed to `onLine` (valid during the callback). */
  get lineOffset(): number {
    return this.lineStart;
  }

  push(data: Buffer): void {
    const base = this.consumed;
    this.consumed += data.length;
    let from = 0;
    if (this.afterCr && data.length > 0) {
      this.afterCr = false;
      if (data[0] === LF) from = 1;
    }
    this.scan(data, from, base);
  }

  /** The input ended: a partial last line is a line. */
  end(): void {
    const len = this.accLen;
    const start = this.consumed - len;
    this.accLen = 0;
    this.inQuote = this.skipping = this.afterCr = false;
    if (len > this.max) this.overlong++;
    else if (len > 0) {
      this.lineStart = start;
      this.onLine(this.acc, 0, len, len);
    }
    this.release();
  }

  /** The stream starts over (a file read again from 0). */
  reset(): void {
    this.accLen = 0;
    this.consumed = 0;
    this.inQuote = this.skipping = this.afterCr = false;
    this.release();
  }

  /** Splits `data[from, n)`, whose byte 0 is at stream offset `base`, continuing the gathered line if any. */
  private scan(data: Buffer, from: number, base: number): void {
    const n = data.length;
    const cr = this.options.cr === true;
    const quotes = this.options.quotes === true;
    const lfs = new Finder(data, LF);
    const crs = cr ? new Finder(data, CR) : undefined;
    const qs = quotes ? new Finder(data, QUOTE) : undefined;
    const lineEnd = (i: number): number => {
      const l = lfs.next(i);
      if (!crs) return l;
      const c = crs.next(i);
      return l < 0 ? c : c < 0 ? l : Math.min(l, c);
    };
    let s = from;
    let i = from;
    for (;;) {
      if (i >= n) {
        if (s >= n || this.skipping) return;
        if (this.accLen + n - s <= this.max) {
          this.gather(data, s, n);
          return;
        }
        if (!this.inQuote) {
          // No line end within the cap: drop what was gathered and the rest of this line.
          this.overlong++;
          this.skipping = true;
          this.accLen = 0;
          this.release();
          return;
        }
        i = s = this.strayQuote(data, s, base); // open past the cap: a stray quote
        lfs.reset();
        qs?.reset();
        continue;
      }
      if (this.skipping) {
        const e = lineEnd(i);
        if (e < 0) return; // the whole rest belongs to the dropped line
        this.skipping = false;
        i = s = this.after(data, e);
        continue;
      }
      if (qs) {
        if (this.inQuote) {
          const q = qs.next(i);
          if (q < 0) {
            i = n;
            continue;
          } // it may close in the next chunk
          if (this.accLen + q - s <= this.max) {
            this.inQuote = false;
            i = q + 1;
            continue;
          }
          i = s = this.strayQuote(data, s, base); // open past the cap: a stray quote
          lfs.reset();
          qs.reset();
          continue;
        }
        const e = lfs.next(i);
        const q = qs.next(i);
        if (q >= 0 && (e < 0 || q < e)) {
          this.inQuote = true;
          i = q + 1;
          continue;
        }
      }
      const e = lineEnd(i);
      if (e < 0) {
        i = n;
        continue;
      }
      const next = this.after(data, e);
      this.deliver(data, s, e, next, base);
      i = s = next;
    }
  }

  /** Where the line after the line end at `e` starts (a `\r` last in the chunk: a `\n` may follow in the next). */
  private after(data: Buffer, e: number): number {
    if (data[e] === LF) return e + 1;
    if (e + 1 >= data.length) {
      this.afterCr = true;
      return e + 1;
    }
    return data[e + 1] === LF ? e + 2 : e + 1;
  }

  /** Hands on the line that ends at `e` (its terminator), gathered bytes first; too long: skipped. */
  private deliver(data: Buffer, s: number, e: number, next: number, base: number): void {
    if (this.accLen === 0) {
      let end = e;
      if (data[e] === LF && end > s && data[end - 1] === CR) end--;
      if (end - s > this.max) {
        this.overlong++;
        return;
      }
      this.lineStart = base + s;
      this.onLine(data, s, end, next);
      return;
    }
    const start = base - this.accLen;
    this.gather(data, s, next);
    const total = this.accLen;
    let end = total - (next - e);
    if (this.acc[end] === LF && end > 0 && this.acc[end - 1] === CR) end--;
    this.accLen = 0;
    if (end > this.max) this.overlong++;
    else {
      this.lineStart = start;
      this.onLine(this.acc, 0, end, total);
    }
    this.release();
  }

  /**
   * The record that began at `s` (gathered bytes first) has a quote open past the cap: it ends at its first line end,
   * and scanning goes on after that line end with the quote closed. Returns where to go on in `data`.
   */
  private strayQuote(data: Buffer, s: number, base: number): number {
    this.inQuote = false;
    if (this.accLen > 0) {
      const k = this.acc.subarray(0, this.accLen).indexOf(LF);
      if (k >= 0) {
        // The first line was gathered already: hand it on, then split the gathered rest again, then go on in `data`.
        const start = base - this.accLen;
        const rest = Buffer.from(this.acc.subarray(k + 1, this.accLen));
        let end = k;
        if (end > 0 && this.acc[end - 1] === CR) end--;
        this.accLen = 0;
        if (end > this.max) this.overlong++;
        else {
          this.lineStart = start;
          this.onLine(this.acc, 0, end, k + 1);
        }
        this.release();
        this.scan(rest, 0, start + k + 1);
        return s;
      }
    }
    const k = data.indexOf(LF, s);
    if (k < 0) {
      // No line end at all: an overlong line.
      this.overlong++;
      this.skipping = true;
      this.accLen = 0;
      this.release();
      return data.length;
    }
    this.deliver(data, s, k, k + 1, base);
    return k + 1;
  }

  private gather(data: Buffer, s: number, e: number): void {
    const need = this.accLen + (e - s);
    if (need > this.acc.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.acc.length * 2, 256));
      this.acc.copy(grown, 0, 0, this.accLen);
      this.acc = grown;
    }
    data.copy(this.acc, this.accLen, s, e);
    this.accLen = need;
  }

  private release(): void {
    if (this.accLen === 0 && this.acc.length > KEEP_BYTES) this.acc = EMPTY;
  }
}
