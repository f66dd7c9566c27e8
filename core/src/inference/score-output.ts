/**
 * The results file of a scored file, as CSV: `line` (the input line, so results join back to the input), the
 * input's own columns (delimited input), the prediction columns, and `error` (empty when the row was scored). Rows
 * that could not be used keep their place, with their error and empty cells. Written as bytes — numbers as
 * digits, comma-separated input rows copied from the file's own bytes — since a string per cell costs more than the
 * model itself on a million rows, into two buffers used in turn: the results of one chunk are written to the file
 * while the next chunk is scored (a fresh buffer per chunk costs more in page faults than the formatting itself).
 */
import type { Predictions } from './outputs';
import { csvCell, formatNumber } from './result-export';
import { ResultRows } from './rows-kernel';
import type { ChunkRows, RowError } from './score-rows';

const NONE = new Int32Array(0);

const COMMA = 44;
const NL = 10;

/** Writes the whole number `v` (0 ≤ v < 2³¹) at `at`; returns the end. */
function writeInt(buf: Buffer, at: number, v: number): number {
  let digits = 1;
  for (let x = v; x >= 10; x = (x / 10) | 0) digits++;
  let end = at + digits;
  const out = end;
  for (let x = v; digits > 0; digits--, x = (x / 10) | 0) buf[--end] = 48 + (x % 10);
  return out;
}

/**
 * Writes a probability in [0.001, 1] with 6 decimals, trailing zeros dropped (`0.912345`, `0.5`, `1`); returns the
 * end, or -1 for a value outside that range (then `formatNumber` keeps its precision).
 */
function writeProbability(buf: Buffer, at: number, p: number): number {
  if (!(p >= 0.001 && p <= 1)) return -1;
  let x = Math.round(p * 1e6);
  if (x === 1e6) {
    buf[at] = 49;
    return at + 1;
  }
  let digits = 6;
  while (x % 10 === 0) {
    x = (x / 10) | 0;
    digits--;
  }
  buf[at] = 48;
  buf[at + 1] = 46;
  let end = at + 2 + digits;
  const out = end;
  for (; digits > 0; digits--, x = (x / 10) | 0) buf[--end] = 48 + (x % 10);
  return out;
}

export class ScoreCsv {
  private readonly labels: Uint8Array[];
  private readonly longestLabel: number;
  private readonly blanks: string;
  private readonly buffers = [Buffer.allocUnsafeSlow(1 << 20), Buffer.allocUnsafeSlow(1 << 20)];
  private turn = 0;
  private buf = this.buffers[0]!;
  private at = 0;
  private kernel: ResultRows | undefined;
  private kernelK = 0;

  constructor(
    private readonly inputColumns: readonly string[],
    /** Rows' source text as CSV cells (non-comma input); undefined: copied as they are. */
    private readonly reformat: ((row: string) => string) | undefined,
    readonly predictionColumns: readonly string[],
    labels: readonly string[],
    /** False: every row by the TypeScript writer (tests hold the kernel to it). */
    private readonly useKernel = true,
  ) {
    this.labels = labels.map((l) => Buffer.from(csvCell(l)));
    this.longestLabel = Math.max(0, ...this.labels.map((l) => l.length));
    this.blanks = ','.repeat(inputColumns.length + predictionColumns.length);
  }

  header(): string {
    return `${['line', ...this.inputColumns, ...this.predictionColumns, 'error'].map((c) => csvCell(c)).join(',')}\n`;
  }

  errorRow(e: RowError): string {
    return `${e.line}${this.blanks},${csvCell(e.message)}\n`;
  }

  /**
   * The chunk's rows, scored and failed, in line order: a view of one of the two buffers, which the call after next
   * fills again (write it, and wait for that write, before then).
   */
  rows(chunk: ChunkRows, p: Predictions): Buffer {
    const copy = this.inputColumns.length > 0 ? chunk.source : undefined;
    const bytes = copy && !this.reformat ? chunk.bytes : undefined;
    if (this.useKernel && p.kind === 'classification' && chunk.n > 0 && (bytes || !copy))
      this.kernelRows(chunk, p, bytes);
    else {
      let e = 0;
      const { errors, lines } = chunk;
      for (let r = 0; r < chunk.n; r++) {
        while (e < errors.length && errors[e]!.line < lines[r]!) this.text(this.errorRow(errors[e++]!));
        this.row(r, lines[r]!, copy, bytes, p);
      }
      while (e < errors.length) this.text(this.errorRow(errors[e++]!));
    }
    // The filled buffer goes to the writer as is (no copy); the next chunk fills the other one.
    const out = this.buf.subarray(0, this.at);
    this.buffers[this.turn] = this.buf;
    this.turn = 1 - this.turn;
    this.buf = this.buffers[this.turn]!;
    this.at = 0;
    return out;
  }

  /** Classifications: the rows between failed ones in segments by the kernel, each failed row in its place. */
  private kernelRows(
    chunk: ChunkRows,
    p: Extract<Predictions, { kind: 'classification' }>,
    bytes: ChunkRows['bytes'],
  ): void {
    const { errors, lines, n } = chunk;
    if (!this.kernel || this.kernelK !== p.k) {
      this.kernel = new ResultRows(this.labels, p.k);
      this.kernelK = p.k;
    }
    const kernel = this.kernel;
    kernel.prepare(bytes?.buf, bytes?.starts ?? NONE, bytes?.ends ?? NONE, lines, n, p.top, p.topP, p.k);
    let e = 0;
    let r = 0;
    while (r < n) {
      while (e < errors.length && errors[e]!.line < lines[r]!) this.text(this.errorRow(errors[e++]!));
      let stop = n; // the segment ends before the next failed row
      if (e < errors.length) {
        const next = errors[e]!.line;
        stop = r + 1;
        while (stop < n && lines[stop]! < next) stop++;
      }
      this.reserve(kernel.bound(stop - r, bytes ? bytes.ends[stop - 1]! - bytes.starts[r]! : 0));
      const done = kernel.format(r, stop, this.buf, this.at);
      this.at = done.end;
      r += done.rows;
      if (r < stop) {
        // A probability the kernel leaves to the general number format.
        this.row(r, lines[r]!, bytes && chunk.source, bytes, p);
        r++;
      }
    }
    while (e < errors.length) this.text(this.errorRow(errors[e++]!));
    kernel.done();
  }

  /** Row `r` (on line `line`) by the TypeScript writer. */
  private row(
    r: number,
    line: number,
    copy: ((i: number) => string) | undefined,
    bytes: ChunkRows['bytes'],
    p: Predictions,
  ): void {
    const k = p.kind === 'classification' ? p.k : 0;
    const perRow = 24 + (k ? k * (this.longestLabel + 26) : 0);
    if (!bytes && copy) {
      this.intComma(line);
      this.text(this.reformat ? this.reformat(copy(r)) : copy(r));
      this.reserve(perRow);
      this.buf[this.at++] = COMMA;
    } else {
      const start = bytes ? bytes.starts[r]! : 0;
      const end = bytes ? bytes.ends[r]! : 0;
      this.reserve(perRow + end - start);
      const { buf } = this;
      let at = writeInt(buf, this.at, line);
      buf[at++] = COMMA;
      if (bytes) {
        const src = bytes.buf;
        for (let i = start; i < end; i++) buf[at++] = src[i]!;
        buf[at++] = COMMA;
      }
      this.at = at;
    }
    if (p.kind === 'classification') this.classes(p.top, p.topP, k, r);
    else if (p.kind === 'values') this.values(p.values, p.width, r);
    this.reserve(2);
    this.buf[this.at++] = COMMA;
    this.buf[this.at++] = NL;
  }

  private classes(top: Int32Array, topP: Float32Array, k: number, r: number): void {
    const { buf } = this;
    let at = this.at;
    for (let j = 0; j < k; j++) {
      if (j) buf[at++] = COMMA;
      const label = this.labels[top[r * k + j]!];
      if (label) for (let i = 0; i < label.length; i++) buf[at++] = label[i]!;
      buf[at++] = COMMA;
      const pr = topP[r * k + j]!;
      const end = writeProbability(buf, at, pr);
      if (end >= 0) at = end;
      else at += buf.write(formatNumber(pr), at, 'latin1');
    }
    this.at = at;
  }

  private values(values: Float64Array, width: number, r: number): void {
    for (let j = 0; j < width; j++) {
      if (j) this.text(',');
      this.text(formatNumber(values[r * width + j]!));
    }
  }

  private intComma(v: number): void {
    this.reserve(12);
    this.at = writeInt(this.buf, this.at, v);
    this.buf[this.at++] = COMMA;
  }

  private text(s: string): void {
    this.reserve(3 * s.length);
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  private reserve(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }
}
