/**
 * The parsed input: `n` rows of `width` numbers in the model's feature order (before preprocessing), with what
 * is needed to show it (the source's own columns and cells) and to point back into the text (each row's line).
 */
import { phrase, say, type Phrase } from '../l10n';
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

export function placePhrase(p: CellPlace): Phrase {
  if (p.row === undefined) return phrase('Line {0}, column "{1}"', p.line ?? '?', p.column);
  return p.line !== undefined
    ? phrase('Row {0} (line {1}), column "{2}"', p.row + 1, p.line, p.column)
    : phrase('Row {0}, column "{1}"', p.row + 1, p.column);
}

export function placeText(p: CellPlace): string {
  return say('en', placePhrase(p));
}

/** The error for a cell that is not a usable number. */
export function cellError(p: CellPlace, cell: string, value: number | undefined): InferenceError {
  if ((value !== undefined && Number.isNaN(value)) || /^\s*$/.test(cell)) {
    return new InferenceError(
      'missing-value',
      /^\s*$/.test(cell)
        ? phrase(
            '{0} is empty: a missing value (NaN), which the model cannot use. Fill it in or leave the row out.',
            placePhrase(p),
          )
        : phrase(
            '{0} is {1}: a missing value (NaN), which the model cannot use. Fill it in or leave the row out.',
            placePhrase(p),
            quoteCell(cell.trim()),
          ),
    );
  }
  if (value !== undefined && !Number.isFinite(value)) {
    return new InferenceError(
      'missing-value',
      phrase(
        '{0} is {1}: an infinite value, which the model cannot use. Fill in a finite number or leave the row out.',
        placePhrase(p),
        quoteCell(cell.trim()),
      ),
    );
  }
  return new InferenceError(
    'not-a-number',
    phrase(
      '{0}: {1} is not a number. The model takes numbers only; fix the cell or leave the row out.',
      placePhrase(p),
      quoteCell(cell.trim()),
    ),
  );
}

/** The error for a categorical cell outside the categories the model was trained on. */
export function categoryError(p: CellPlace, cell: string, categories: readonly string[]): InferenceError {
  return new InferenceError(
    'unknown-category',
    phrase('{0}: {1} is not a category the model knows ({2}).', placePhrase(p), quoteCell(cell), categories.join(', ')),
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
