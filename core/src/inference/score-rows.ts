/**
 * Rows of a streamed file, one chunk of whole lines at a time: the column plan is made once from the first line (a
 * header, JSON keys, or the count of values), then every chunk is read against it. A row that cannot be used does
 * not stop the file: it becomes a `RowError` naming its line (and column), and the good rows around it go on.
 */
import { namedPlan, positionalPlan, type ColumnPlan, type PlanContext } from './column-plan';
import { InferenceError } from './errors';
import { cellError, placeText, writeCategory } from './input-table';
import { cellNumber } from './number-text';
import { isHeader } from './parse-delimited';
import { ByteRowKernel, readRows, type KernelRows } from './rows-kernel';
import { pieceText } from './score-lines';
import { guessDelimiter, splitLine } from './split-line';

export interface RowError {
  /** 1-based line in the file. */
  readonly line: number;
  readonly message: string;
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
  const plan = names ? namedPlan(names, ctx) : positionalPlan(cells.length, ctx, `Line ${line}`);
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
  private readonly expected: string;
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
    this.expected = names ? `the header has ${names.length}` : `the first row has ${plan.numeric.length}`;
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
      const message = this.slowRow(slice(k.slow[j + 1]!, k.slow[j + 2]!), k.slow[j + 3]!, k.values, r * width);
      if (message === undefined) continue;
      keep ??= new Uint8Array(k.n).fill(1);
      keep[r] = 0;
      errors.push({ line: k.slow[j + 3]!, message });
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
  private slowRow(row: string, line: number, values: Float64Array, base: number): string | undefined {
    const cells = splitLine(row, this.delimiter);
    const columns = this.plan.numeric.length;
    if (cells.length !== columns) {
      return `Line ${line} has ${cells.length} value${cells.length === 1 ? '' : 's'}, but ${this.expected}.`;
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
      if (err instanceof InferenceError) return err.message;
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
      `Line ${line} does not hold a whole JSON value: the file looks like one JSON document spread over lines. Scoring a file streams CSV or JSON lines (one object or array per line); convert it, or select the rows and run inference on the selection.`,
    );
  }
  if (isObject(value)) {
    const names = Object.keys(value);
    return new JsonLinesReader(namedPlan(names, ctx), names);
  }
  if (!Array.isArray(value) || value.some((v) => typeof v === 'object' && v !== null)) {
    throw new InferenceError(
      'bad-json',
      `Line ${line} is not a row: JSON lines give one object ({"age": 41, …}) or one array of numbers per line.`,
    );
  }
  return new JsonLinesReader(positionalPlan(value.length, ctx, `Line ${line}`), undefined);
}

class JsonLinesReader implements RowReader {
  readonly format = 'jsonl';
  readonly columns: readonly string[] = [];
  readonly features: readonly string[];
  readonly ignored: readonly string[];
  readonly width: number;
  readonly headerLine = false;

  constructor(
    private readonly plan: ColumnPlan,
    private readonly names: readonly string[] | undefined,
  ) {
    this.features = plan.features;
    this.ignored = plan.ignored;
    this.width = plan.features.length;
  }

  read(raw: Buffer, ascii: boolean, firstLine: number): ChunkRows {
    const text = pieceText(raw, ascii);
    const { width } = this;
    let values = new Float64Array(1024 * width);
    let lines = new Int32Array(1024);
    const errors: RowError[] = [];
    let n = 0;
    let line = firstLine;
    for (let pos = 0; pos < text.length; line++) {
      let nl = text.indexOf('\n', pos);
      if (nl === -1) nl = text.length;
      const row = text.slice(pos, nl).trim();
      pos = nl + 1;
      if (row === '') continue;
      if (n === lines.length) {
        const v = new Float64Array(values.length * 2);
        v.set(values);
        values = v;
        const l = new Int32Array(lines.length * 2);
        l.set(lines);
        lines = l;
      }
      const message = this.row(row, line, values, n * width);
      if (message === undefined) lines[n++] = line;
      else errors.push({ line, message });
    }
    return { n, values: values.subarray(0, n * width), lines: lines.subarray(0, n), errors };
  }

  private row(text: string, line: number, values: Float64Array, base: number): string | undefined {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      return `Line ${line} is not valid JSON: ${(err as Error).message}.`;
    }
    const columns = this.plan.numeric.length;
    let cells: unknown[];
    if (this.names) {
      if (!isObject(v)) return `Line ${line} is not a JSON object, but the first row is: give every line as an object.`;
      const record = v;
      const absent = this.names.find((k, col) => this.plan.numeric[col]! >= 0 && !(k in record));
      if (absent !== undefined)
        return `${placeText({ line, column: absent })} is missing from this object: a missing value, which the model cannot use.`;
      cells = this.names.map((k) => record[k]);
    } else {
      if (!Array.isArray(v))
        return `Line ${line} is not a JSON array, but the first row is: give every line as an array.`;
      if (v.length !== columns) return `Line ${line} has ${v.length} values, but the first row has ${columns}.`;
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
      if (err instanceof InferenceError) return err.message;
      throw err;
    }
    return undefined;
  }
}
