/**
 * The parsed input: `n` rows of `width` numbers in the model's feature order (before preprocessing), with what
 * is needed to show it (the source's own columns and cells) and to point back into the text (each row's line).
 */
import { InferenceError, quoteCell } from './errors';
import type { ColumnPlan } from './column-plan';

export type InputFormat =
  'csv' | 'tsv' | 'semicolon' | 'whitespace' | 'json-rows' | 'json-objects' | 'json-object' | 'jsonl';

export interface InputTable {
  readonly format: InputFormat;
  readonly n: number;
  readonly width: number;
  /** n × width, row-major, in the model's feature order. */
  readonly values: Float64Array;
  /** The model's feature names, in order. */
  readonly features: readonly string[];
  /** Source columns that are shown but not fed (a target column, ids). */
  readonly ignored: readonly string[];
  /** The source's own columns, for display (the header, JSON keys, or feature names). */
  readonly columns: readonly string[];
  /** The source's cells of row `i`, for display. */
  cells(i: number): string[];
  /** 1-based document line of each row (delimited text and JSON lines). */
  readonly lines?: Int32Array;
  /** Delimited text: the delimiter, and the 1-based document line of the header when the text has one. */
  readonly delimiter?: string;
  readonly headerLine?: number;
  /** Where the column names came from. */
  readonly header: 'text' | 'document' | 'keys' | 'none';
}

/** Where a cell is, for messages: `Row 3 (line 14), column "age"`. */
export interface CellPlace {
  /** 0-based row of the input; left out when only the line matters (a streamed file's rows). */
  readonly row?: number;
  /** 1-based line in the document, when known. */
  readonly line?: number;
  readonly column: string;
}

export function placeText(p: CellPlace): string {
  if (p.row === undefined) return `Line ${p.line ?? '?'}, column "${p.column}"`;
  return `Row ${p.row + 1}${p.line !== undefined ? ` (line ${p.line})` : ''}, column "${p.column}"`;
}

/** The error for a cell that is not a usable number. */
export function cellError(p: CellPlace, cell: string, value: number | undefined): InferenceError {
  if ((value !== undefined && Number.isNaN(value)) || /^\s*$/.test(cell)) {
    const what = /^\s*$/.test(cell) ? 'is empty' : `is ${quoteCell(cell.trim())}`;
    return new InferenceError(
      'missing-value',
      `${placeText(p)} ${what}: a missing value (NaN), which the model cannot use. Fill it in or leave the row out.`,
    );
  }
  if (value !== undefined && !Number.isFinite(value)) {
    return new InferenceError(
      'missing-value',
      `${placeText(p)} is ${quoteCell(cell.trim())}: an infinite value, which the model cannot use. Fill in a finite number or leave the row out.`,
    );
  }
  return new InferenceError(
    'not-a-number',
    `${placeText(p)}: ${quoteCell(cell.trim())} is not a number. The model takes numbers only; fix the cell or leave the row out.`,
  );
}

/** The error for a categorical cell outside the categories the model was trained on. */
export function categoryError(p: CellPlace, cell: string, categories: readonly string[]): InferenceError {
  return new InferenceError(
    'unknown-category',
    `${placeText(p)}: ${quoteCell(cell)} is not a category the model knows (${categories.join(', ')}).`,
  );
}

/** Writes one categorical cell as its one-hot features. */
export function writeCategory(
  values: Float64Array,
  base: number,
  cat: ColumnPlan['categorical'][number],
  cell: string,
  place: () => CellPlace,
): void {
  const value = cell.trim();
  if (!cat.known.includes(value)) throw categoryError(place(), value, cat.known);
  for (let j = 0; j < cat.features.length; j++) values[base + cat.features[j]!] = cat.categories[j] === value ? 1 : 0;
}
