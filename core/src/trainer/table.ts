/**
 * Turns a parsed CSV into numeric feature rows and raw targets. A missing or non-numeric cell either drops its row
 * (with `drop_missing`) or stops with an error naming the file, line and column.
 */
import { phrase, PhrasedError, say, type Phrase } from '../l10n';
import type { CsvTable } from './csv';
import type { TaskType } from './types';

export interface ColumnData {
  readonly n: number;
  /** n × features, row-major. */
  readonly x: Float64Array;
  /** Class names (classification) as written, trimmed. */
  readonly classes: readonly string[];
  /** Target values (regression). */
  readonly values: Float64Array;
  /** 1-based file line of each kept row. */
  readonly lines: readonly number[];
  readonly dropped: number;
  /** Where the first dropped row was, for the note. */
  readonly firstDrop?: string;
  /** The same as a phrase, to say in the reader's language. */
  readonly firstDropPhrase?: Phrase;
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
/** For class names, `none` and `?` may be real classes. */
const LABEL_MISSING = new Set(['', 'na', 'n/a', 'nan', 'null']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const dropHint = () => phrase('fix the value, or add `{op: drop_missing}` to `data.preprocessing` to drop such rows');

function columnIndex(table: CsvTable, column: string, field: string, fileLabel: string): number {
  const k = table.header.indexOf(column);
  if (k < 0) {
    throw new PhrasedError(
      phrase(
        '`{0}`: column "{1}" is not in the header of {2} (columns: {3})',
        field,
        column,
        fileLabel,
        table.header.join(', '),
      ),
    );
  }
  return k;
}

/** Checks one cell; returns the number, or a problem description. */
function numeric(cell: string): number | { problem: 'missing' | 'not a number' } {
  const t = cell.trim();
  if (MISSING.has(t.toLowerCase())) return { problem: 'missing' };
  if (!NUMBER.test(t)) return { problem: 'not a number' };
  const v = Number(t);
  return Number.isFinite(v) ? v : { problem: 'not a number' };
}

export function extractColumns(
  table: CsvTable,
  opts: {
    readonly features: readonly string[];
    readonly target: string;
    readonly task: TaskType;
    readonly dropMissing: boolean;
    readonly fileLabel: string;
  },
): ColumnData {
  const featureCols = opts.features.map((f) => columnIndex(table, f, 'data.features', opts.fileLabel));
  const targetCol = columnIndex(table, opts.target, 'data.target', opts.fileLabel);
  const f = featureCols.length;
  const x: number[] = [];
  const classes: string[] = [];
  const values: number[] = [];
  const lines: number[] = [];
  let dropped = 0;
  let firstDrop: Phrase | undefined;
  table.rows.forEach((row, r) => {
    const line = table.lines[r]!;
    const bad = (column: string, cell: string, problem: string): void => {
      const where = phrase('{0} line {1}, column "{2}"', opts.fileLabel, line, column);
      if (!opts.dropMissing) {
        throw new PhrasedError(
          problem === 'missing'
            ? phrase('{0} is empty (a missing value): {1}', where, dropHint())
            : phrase('{0}: "{1}" is not a number: {2}', where, cell.trim(), dropHint()),
        );
      }
      dropped++;
      firstDrop ??= problem === 'missing' ? phrase('{0}: missing', where) : phrase('{0}: "{1}"', where, cell.trim());
    };
    const rowValues: number[] = [];
    for (let j = 0; j < f; j++) {
      const cell = row[featureCols[j]!]!;
      const v = numeric(cell);
      if (typeof v !== 'number') return bad(opts.features[j]!, cell, v.problem);
      rowValues.push(v);
    }
    const targetCell = row[targetCol]!;
    if (opts.task === 'classification') {
      const label = targetCell.trim();
      if (LABEL_MISSING.has(label.toLowerCase())) return bad(opts.target, targetCell, 'missing');
      classes.push(label);
    } else {
      const v = numeric(targetCell);
      if (typeof v !== 'number') return bad(opts.target, targetCell, v.problem);
      values.push(v);
    }
    x.push(...rowValues);
    lines.push(line);
  });
  return {
    n: lines.length,
    x: Float64Array.from(x),
    classes,
    values: Float64Array.from(values),
    lines,
    dropped,
    ...(firstDrop && { firstDrop: say('en', firstDrop), firstDropPhrase: firstDrop }),
  };
}
