/**
 * Rows of a streamed file, one chunk of whole lines at a time: the column plan is made once from the first line (a
 * header, JSON keys, or the count of values), then every chunk is read against it. A row that cannot be used does
 * not stop the file: it becomes a `RowError` naming its line (and column), and the good rows around it go on.
 */
import { namedPlan, positionalPlan, type ColumnPlan, type PlanContext } from './column-plan';
import { phrase, say, type Phrase } from '../l10n';
import { InferenceError } from './errors';
import { cellError, placePhrase, writeCategory } from './input-table';
import { cellNumber } from './number-text';
import { isHeader } from './parse-delimited';
import { ByteRowKernel, readRows, type KernelRows } from './rows-kernel';
import { pieceText } from './score-lines';
import { guessDelimiter, splitLine } from './split-line';

export interface RowError {
  /** 1-based line in the file. */
  readonly line: number;
  /**
   * English: the text written to the results CSV's `error` column. That file is data that programs read (a filter on
   * the column, a join with the input by line), like the numbers beside it: its text must not change with the
   * language of whoever ran the scoring, so it stays English; people read `phrase` in their language (the CLI's and
   * the editor's list of failed rows, the "first N rows could not be used" error).
   */
  readonly message: string;
  /** The same words as a phrase, for `say(locale, …)` (absent: English only). */
  readonly phrase?: Phrase;
}

/** A row that cannot be used: its English text (the results CSV) and its phrase (people). */
function rowError(line: number, p: Phrase | string): RowError {
  return typeof p === 'string' ? { line, message: p } : { line, message: say('en', p), phrase: p };
}

/**
 * The rows of one chunk. Its arrays may be views of the row kernel's memory and `bytes` a view of the file reader's
 * buffer: use them up before the next chunk is read.
 */
export interface ChunkRows {
  /** Usable rows: `n` × `width` values in the model's feature order, and each row's line. */
  readonly n: number;
  readonly values: Float64Array;
  readonly lines: Int32Array;
  /** The source text of usable row `i` (delimited input), copied into the results. */
  readonly source?: (i: number) => string;
  /** The same as byte ranges of the chunk's bytes, when the chunk is ASCII. */
  readonly bytes?: { readonly buf: Buffer; readonly starts: Int32Array; readonly ends: Int32Array };
  /** The rows that could not be used, in line order. */
  readonly errors: RowError[];
}

export interface RowReader {
  readonly format: 'csv' | 'tsv' | 'semicolon' | 'whitespace' | 'jsonl';
  /** The input's own columns, copied before the predictions (delimited input); none for JSON lines. */
  readonly columns: readonly string[];
  readonly features: readonly string[];
  readonly ignored: readonly string[];
  readonly width: number;
  /** Whether the first line was a header (already used; the data starts on the next line). */
  readonly headerLine: boolean;
  /** Rows of `raw` (whole lines from line `firstLine`); `ascii`: every byte is ASCII (read without decoding). */
  read(raw: Buffer, ascii: boolean, firstLine: number): ChunkRows;
}

const FORMATS = { '\t': 'tsv', ',': 'csv', ';': 'semicolon', ' ': 'whitespace' } as const;

/** The reader for a file whose first non-blank line is `first` (line `line`). */
export function openRowReader(first: string, line: number, ctx: PlanContext): RowReader {
  const trimmed = first.replace(/^\uFEFF/, '').trim(); // a byte-order mark (Excel's CSV) is not part of a name
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return jsonLinesReader(trimmed, line, ctx);
  const delimiter = guessDelimiter(trimmed);
  const cells = splitLine(trimmed, delimiter);
  const names = isHeader(cells) ? cells : undefined;
  const plan = names ? namedPlan(names, ctx) : positionalPlan(cells.length, ctx, phrase('Line {0}', line));
  return new DelimitedReader(FORMATS[delimiter as keyof typeof FORMATS], delimiter, plan, names);
}

function compact(values: Float64Array, width: number, keep: Uint8Array, n: number): number {
  let w = 0;
  for (let r = 0; r < n; r++) {
    if (!keep[r]) continue;
    if (w !== r) values.copyWithin(w * width, r * width, (r + 1) * width);
    w++;
  }
  return w;
}

class DelimitedReader implements RowReader {
  readonly columns: readonly string[];
  readonly features: readonly string[];
  readonly ignored: readonly string[];
  readonly width: number;
  readonly headerLine: boolean;
  private readonly expected: Phrase;
  private readonly kernel = new ByteRowKernel();

  constructor(
    readonly format: RowReader['format'],
    private readonly delimiter: string,
    private readonly plan: ColumnPlan,
    private readonly names: readonly string[] | undefined,
  ) {
    this.columns = names ?? plan.features;
    this.features = plan.features;
    this.ignored = plan.ignored;
    this.width = plan.features.length;
    this.headerLine = names !== undefined;
    this.expected = names
      ? phrase('the header has {0}', names.length)
      : phrase('the first row has {0}', plan.numeric.length);
  }

  read(raw: Buffer, ascii: boolean, firstLine: number): ChunkRows {
    const { plan, width, delimiter } = this;
    const delim = delimiter === ' ' ? 32 : delimiter.charCodeAt(0);
    const simple = plan.categorical.length === 0;
    // ASCII (nearly every file): numbers read from the bytes, text made only for the rows that need it.
    if (ascii) {
      const k = this.kernel.read(raw, firstLine, delim, plan.numeric, width, simple);
      const rows = this.settle(k, (s, e) => raw.toString('latin1', s, e));
      const { starts, ends } = rows;
      return {
        n: rows.n,
        values: rows.values,
        lines: rows.lines,
        errors: rows.errors,
        source: (i) => raw.toString('latin1', starts[i]!, ends[i]!),
        bytes: { buf: raw, starts, ends },
      };
    }
    const text = pieceText(raw, false);
    const k = readRows(text, 0, firstLine, delim, plan.numeric, width, simple);
    const rows = this.settle(k, (s, e) => text.slice(s, e));
    const { starts, ends } = rows;
    return {
      n: rows.n,
      values: rows.values,
      lines: rows.lines,
      errors: rows.errors,
      source: (i) => text.slice(starts[i]!, ends[i]!),
    };
  }

  /** The kernel's slow rows through the exact path; the rows that fail are dropped and become errors. */
  private settle(k: KernelRows, slice: (start: number, end: number) => string): KernelRows & { errors: RowError[] } {
    const { width } = this;
    const errors: RowError[] = [];
    let keep: Uint8Array | undefined;
    for (let j = 0; j < k.slow.length; j += 4) {
      const r = k.slow[j]!;
      const problem = this.slowRow(slice(k.slow[j + 1]!, k.slow[j + 2]!), k.slow[j + 3]!, k.values, r * width);
      if (problem === undefined) continue;
      keep ??= new Uint8Array(k.n).fill(1);
      keep[r] = 0;
      errors.push(rowError(k.slow[j + 3]!, problem));
    }
    if (!keep) return { ...k, errors };
    const n = compact(k.values, width, keep, k.n);
    const kept = (a: Int32Array) => a.filter((_, r) => keep[r] === 1);
    return {
      n,
      values: k.values.subarray(0, n * width),
      lines: kept(k.lines),
      starts: kept(k.starts),
      ends: kept(k.ends),
      slow: k.slow,
      errors,
    };
  }

  /** The exact path for one row: undefined when it is usable (its values written), else what is wrong. */
  private slowRow(row: string, line: number, values: Float64Array, base: number): Phrase | string | undefined {
    const cells = splitLine(row, this.delimiter);
    const columns = this.plan.numeric.length;
    if (cells.length !== columns) {
      return cells.length === 1
        ? phrase('Line {0} has 1 value, but {1}.', line, this.expected)
        : phrase('Line {0} has {1} values, but {2}.', line, cells.length, this.expected);
    }
    try {
      for (let col = 0; col < cells.length; col++) {
        const f = this.plan.numeric[col]!;
        if (f < 0) continue;
        const v = cellNumber(cells[col]!);
        if (v === undefined || !Number.isFinite(v))
          throw cellError({ line, column: this.names?.[col] ?? `#${col + 1}` }, cells[col]!, v);
        values[base + f] = v;
      }
      for (const cat of this.plan.categorical)
        writeCategory(values, base, cat, cells[cat.column]!, () => ({ line, column: cat.name }));
    } catch (err) {
      if (err instanceof InferenceError) return err.phrase ?? err.message;
      throw err;
    }
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonLinesReader(first: string, line: number, ctx: PlanContext): RowReader {
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    throw new InferenceError(
      'bad-json',
      phrase(
        'Line {0} does not hold a whole JSON value: the file looks like one JSON document spread over lines. Scoring a file streams CSV or JSON lines (one object or array per line); convert it, or select the rows and run inference on the selection.',
        line,
      ),
    );
  }
  if (isObject(value)) {
    const names = Object.keys(value);
    return new JsonLinesReader(namedPlan(names, ctx), names);
  }
  if (!Array.isArray(value) || value.some((v) => typeof v === 'object' && v !== null)) {
    throw new InferenceError(
      'bad-json',
      phrase(
        'Line {0} is not a row: JSON lines give one object ({"age": 41, …}) or one array of numbers per line.',
        line,
      ),
    );
  }
  return new JsonLinesReader(positionalPlan(value.length, ctx, phrase('Line {0}', line)), undefined);
}

class JsonLinesReader implements RowReader {
  readonly format = 'jsonl';
  readonly columns: readonly string[] = [];
  readonly features: readonly string[];
  readonly ignored: readonly string[];
  readonly width: number;
  readonly headerLine = false;

  /** The rows of a chunk, reused chunk after chunk (a chunk's rows are used up before the next is read). */
  private values: Float64Array;
  private lines = new Int32Array(1024);
  private readonly bytes: JsonRowBytes | undefined;

  constructor(
    private readonly plan: ColumnPlan,
    private readonly names: readonly string[] | undefined,
  ) {
    this.features = plan.features;
    this.ignored = plan.ignored;
    this.width = plan.features.length;
    this.values = new Float64Array(1024 * this.width);
    this.bytes = plan.categorical.length === 0 ? JsonRowBytes.for(plan.numeric, names) : undefined;
  }

  read(raw: Buffer, ascii: boolean, firstLine: number): ChunkRows {
    const { width } = this;
    const errors: RowError[] = [];
    // ASCII lines of the plain shape are read from the bytes (JsonRowBytes), the rest through JSON.parse.
    const bytes = ascii ? this.bytes : undefined;
    let n = 0;
    let line = firstLine;
    let text = bytes ? '' : pieceText(raw, ascii);
    const end = bytes ? raw.length : text.length;
    for (let pos = 0; pos < end; line++) {
      let nl = bytes ? raw.indexOf(10, pos) : text.indexOf('\n', pos);
      if (nl === -1) nl = end;
      const start = pos;
      pos = nl + 1;
      if (bytes && isBlankBytes(raw, start, nl)) continue;
      if (n === this.lines.length) this.grow();
      if (bytes && bytes.row(raw, start, nl, this.values, n * width)) {
        this.lines[n++] = line;
        continue;
      }
      const row = (bytes ? raw.toString('latin1', start, nl) : text.slice(start, nl)).trim();
      if (row === '') continue;
      const problem = this.row(row, line, this.values, n * width);
      if (problem === undefined) this.lines[n++] = line;
      else errors.push(rowError(line, problem));
    }
    text = '';
    return { n, values: this.values.subarray(0, n * width), lines: this.lines.subarray(0, n), errors };
  }

  private grow(): void {
    const v = new Float64Array(this.values.length * 2);
    v.set(this.values);
    this.values = v;
    const l = new Int32Array(this.lines.length * 2);
    l.set(this.lines);
    this.lines = l;
  }

  private row(text: string, line: number, values: Float64Array, base: number): Phrase | string | undefined {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      return phrase('Line {0} is not valid JSON: {1}.', line, (err as Error).message);
    }
    const columns = this.plan.numeric.length;
    let cells: unknown[];
    if (this.names) {
      if (!isObject(v))
        return phrase('Line {0} is not a JSON object, but the first row is: give every line as an object.', line);
      const record = v;
      const absent = this.names.find((k, col) => this.plan.numeric[col]! >= 0 && !(k in record));
      if (absent !== undefined)
        return phrase(
          '{0} is missing from this object: a missing value, which the model cannot use.',
          placePhrase({ line, column: absent }),
        );
      cells = this.names.map((k) => record[k]);
    } else {
      if (!Array.isArray(v))
        return phrase('Line {0} is not a JSON array, but the first row is: give every line as an array.', line);
      if (v.length !== columns)
        return phrase('Line {0} has {1} values, but the first row has {2}.', line, v.length, columns);
      cells = v;
    }
    try {
      for (let col = 0; col < cells.length; col++) {
        const f = this.plan.numeric[col]!;
        if (f < 0) continue;
        const c = cells[col];
        const column = this.names?.[col] ?? this.plan.features[col] ?? `#${col + 1}`;
        const num =
          typeof c === 'number' ? c : typeof c === 'string' ? cellNumber(c) : c === null ? Number.NaN : undefined;
        if (num === undefined || !Number.isFinite(num))
          throw cellError(
            { line, column },
            c === null ? 'null' : typeof c === 'string' ? c : (JSON.stringify(c) ?? ''),
            num,
          );
        values[base + f] = num;
      }
      for (const cat of this.plan.categorical) {
        const c = cells[cat.column];
        writeCategory(values, base, cat, typeof c === 'string' ? c : (JSON.stringify(c) ?? ''), () => ({
          line,
          column: cat.name,
        }));
      }
    } catch (err) {
      if (err instanceof InferenceError) return err.phrase ?? err.message;
      throw err;
    }
    return undefined;
  }
}

/** Whether bytes `start`..`end` are all whitespace as `String.prototype.trim` sees ASCII (tab to CR, space). */
function isBlankBytes(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c !== 32 && (c < 9 || c > 13)) return false;
  }
  return true;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A JSON line read straight from its ASCII bytes when it has the plain shape: an object with the first row's keys
 * in the same order (or an array of as many values), whitespace only spaces, tabs or CR, each feature a JSON number
 * without exponent and of at most 15 digits (then `mantissa / 10^fraction` is exactly what JSON.parse gives), each
 * other value a number, a string without escapes, true, false or null. Anything else — other key orders, extra or
 * missing keys, escapes, nesting, null or a string for a feature, exponents, invalid JSON — is left to JSON.parse
 * and its messages, as before.
 */
class JsonRowBytes {
  private b: Uint8Array = new Uint8Array(0);
  private pos = 0;

  private constructor(
    private readonly numeric: Int32Array,
    /** Each key as its bytes between the quotes; undefined for arrays. */
    private readonly keys: readonly Uint8Array[] | undefined,
  ) {}

  /** The reader for rows shaped like the first, or undefined when a key cannot be matched on its bytes. */
  static for(numeric: Int32Array, names: readonly string[] | undefined): JsonRowBytes | undefined {
    if (names && !names.every((k) => /^[\x20-\x7e]*$/.test(k) && !/["\\]/.test(k))) return undefined;
    return new JsonRowBytes(
      numeric,
      names?.map((k) => Buffer.from(k, 'latin1')),
    );
  }

  /** Reads the line `start`..`end` of `b` into `values` at `base`: false when it is not of the plain shape. */
  row(b: Uint8Array, start: number, end: number, values: Float64Array, base: number): boolean {
    this.b = b;
    this.pos = start;
    const keys = this.keys;
    this.ws(end);
    if (b[this.pos] !== (keys ? 123 : 91)) return false;
    this.pos++;
    const columns = this.numeric.length;
    for (let col = 0; col < columns; col++) {
      this.ws(end);
      if (col > 0) {
        if (b[this.pos] !== 44) return false;
        this.pos++;
        this.ws(end);
      }
      if (keys) {
        const key = keys[col]!;
        let p = this.pos;
        if (b[p++] !== 34) return false;
        for (let i = 0; i < key.length; i++) if (b[p++] !== key[i]) return false;
        if (b[p++] !== 34) return false;
        this.pos = p;
        this.ws(end);
        if (b[this.pos] !== 58) return false;
        this.pos++;
        this.ws(end);
      }
      const f = this.numeric[col]!;
      if (f >= 0) {
        const v = this.number(end);
        if (Number.isNaN(v)) return false;
        values[base + f] = v;
      } else if (!this.skipValue(end)) return false;
    }
    this.ws(end);
    if (b[this.pos] !== (keys ? 125 : 93)) return false;
    this.pos++;
    this.ws(end);
    return this.pos === end;
  }

  private ws(end: number): void {
    const { b } = this;
    let p = this.pos;
    while (p < end && (b[p] === 32 || b[p] === 9 || b[p] === 13)) p++;
    this.pos = p;
  }

  /** A JSON number without exponent, of at most 15 digits; NaN when there is none such (or it is not JSON). */
  private number(end: number): number {
    const { b } = this;
    let p = this.pos;
    let neg = false;
    if (b[p] === 45) {
      neg = true;
      p++;
    }
    const first = p;
    let mant = 0;
    if (p < end && b[p] === 48) p++;
    else if (p < end && b[p]! >= 49 && b[p]! <= 57) {
      while (p < end && b[p]! >= 48 && b[p]! <= 57) mant = mant * 10 + (b[p++]! - 48);
    } else return NaN;
    let digits = p - first;
    let frac = 0;
    if (p < end && b[p] === 46) {
      const dot = ++p;
      while (p < end && b[p]! >= 48 && b[p]! <= 57) mant = mant * 10 + (b[p++]! - 48);
      frac = p - dot;
      if (frac === 0) return NaN;
      digits += frac;
    }
    // A digit after a leading 0 is not JSON; an exponent goes to JSON.parse.
    if (p < end && ((b[p]! >= 48 && b[p]! <= 57) || b[p] === 101 || b[p] === 69)) return NaN;
    if (digits > 15) return NaN;
    this.pos = p;
    const v = frac ? mant / POW10[frac]! : mant;
    return neg ? -v : v;
  }

  /** Skips a value the model does not take: a plain number, a string without escapes, true, false or null. */
  private skipValue(end: number): boolean {
    const { b } = this;
    const c = b[this.pos];
    if (c === 34) {
      for (let p = this.pos + 1; p < end; p++) {
        const d = b[p]!;
        if (d === 34) {
          this.pos = p + 1;
          return true;
        }
        if (d === 92 || d < 32) return false;
      }
      return false;
    }
    if (c === 45 || (c !== undefined && c >= 48 && c <= 57)) return !Number.isNaN(this.number(end));
    for (const word of LITERALS) {
      if (this.pos + word.length > end) continue;
      let i = 0;
      while (i < word.length && b[this.pos + i] === word[i]) i++;
      if (i === word.length) {
        this.pos += word.length;
        return true;
      }
    }
    return false;
  }
}

const LITERALS = ['true', 'false', 'null'].map((w) => Buffer.from(w, 'latin1'));
