/**
 * The results file of a scored file, as CSV: `line` (the input line, so results join back to the input), the
 * input's own columns (delimited input), the prediction columns, and `error` (empty when the row was scored). Rows
 * that could not be used keep their place, with their error and empty cells. Written as bytes into one reused
 * buffer per chunk — numbers as digits, comma-separated input rows copied from the file's own bytes — since a
 * string per cell costs more than the model itself on a million rows.
 */
import type { Predictions } from './outputs';
import { csvCell, formatNumber } from './result-export';
import type { ChunkRows, RowError } from './score-rows';

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
  private buf = Buffer.allocUnsafeSlow(1 << 20);
  private at = 0;

  constructor(
    private readonly inputColumns: readonly string[],
    /** Rows' source text as CSV cells (non-comma input); undefined: copied as they are. */
    private readonly reformat: ((row: string) => string) | undefined,
    readonly predictionColumns: readonly string[],
    labels: readonly string[],
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

  /** The chunk's rows, scored and failed, in line order. */
  rows(chunk: ChunkRows, p: Predictions): Buffer {
    let e = 0;
    const { errors, lines } = chunk;
    const copy = this.inputColumns.length > 0 ? chunk.source : undefined;
    const bytes = copy && !this.reformat ? chunk.bytes : undefined;
    const k = p.kind === 'classification' ? p.k : 0;
    const perRow = 24 + (k ? k * (this.longestLabel + 26) : 0);
    for (let r = 0; r < chunk.n; r++) {
      const line = lines[r]!;
      while (e < errors.length && errors[e]!.line < line) this.text(this.errorRow(errors[e++]!));
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
    while (e < errors.length) this.text(this.errorRow(errors[e++]!));
    // The filled buffer goes to the writer as is (no copy: `Buffer.from` of 2 MB costs ms); the next chunk gets a new one.
    const out = this.buf.subarray(0, this.at);
    this.buf = Buffer.allocUnsafeSlow(this.buf.length);
    this.at = 0;
    return out;
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
