/**
 * CSV, TSV, semicolon- and whitespace-separated numbers, with or without a header. The rows are read in one pass by
 * the WebAssembly kernel (numbers scanned in place, no substring per cell); any row with quotes, junk or a bad cell
 * is re-read by the exact, slow path here, which either accepts it (quoted numbers) or names the row, line and column.
 */
import { namedPlan, positionalPlan, type ColumnPlan, type PlanContext } from './column-plan';
import { phrase, type Phrase } from '../l10n';
import { InferenceError, listNames, valueCount } from './errors';
import { cellError, writeCategory, type InputFormat, type InputTable } from './input-table';
import { cellNumber } from './number-text';
import { readRows } from './rows-kernel';
import { splitLine } from './split-line';

export interface TextContext extends PlanContext {
  /** The document's header line, for a selection of data rows without it (the CSV's first line). */
  readonly fallbackHeader?: string;
  /** 1-based line of the text's first line in its document (messages name document lines). */
  readonly firstLine?: number;
  /** The model input's name: JSON `{"<name>": [...]}` feeds it. */
  readonly inputName?: string;
}

export const isHeader = (cells: readonly string[]) =>
  cells.length > 0 && cells.every((c) => c !== '' && cellNumber(c) === undefined);

function lineEnd(text: string, pos: number): [end: number, next: number] {
  let eol = text.indexOf('\n', pos);
  if (eol === -1) eol = text.length;
  const end = eol > pos && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
  return [end, eol + 1];
}

function blank(text: string, pos: number, end: number): boolean {
  return text.slice(pos, end).trim() === '';
}

export function parseDelimited(text: string, delimiter: string, format: InputFormat, ctx: TextContext): InputTable {
  const firstLine = ctx.firstLine ?? 1;
  // The first non-blank line decides: a header, or the first row.
  let pos = 0;
  let lineNo = 0;
  let [end, next] = lineEnd(text, 0);
  while (pos < text.length && blank(text, pos, end)) {
    pos = next;
    lineNo++;
    [end, next] = lineEnd(text, pos);
  }
  if (pos >= text.length)
    throw new InferenceError(
      'no-rows',
      phrase('The input has no rows: select rows of numbers, a CSV with a header, or JSON.'),
    );
  const first = splitLine(text.slice(pos, end), delimiter);
  let names: string[] | undefined;
  let header: InputTable['header'] = 'none';
  let headerLine: number | undefined;
  if (isHeader(first)) {
    names = first;
    header = 'text';
    headerLine = firstLine + lineNo;
    pos = next;
    lineNo++;
  } else if (ctx.fallbackHeader !== undefined) {
    const doc = splitLine(ctx.fallbackHeader, delimiter);
    if (doc.length === first.length && isHeader(doc)) {
      names = doc;
      header = 'document';
    }
  }
  const plan = names
    ? namedPlan(names, ctx)
    : positionalPlan(first.length, ctx, phrase('Row {0} (line {1})', 1, firstLine + lineNo));
  const columns = names ?? plan.features;
  const width = plan.features.length;
  const expected = names
    ? {
        code: 'ragged' as const,
        text:
          header === 'text'
            ? phrase('the header has {0} columns', columns.length)
            : phrase("the document's header has {0} columns", columns.length),
      }
    : {
        code: 'feature-count' as const,
        text: phrase(
          'the model {0} takes {1}{2}',
          ctx.inputLabel,
          width,
          ctx.featureOrder ? phrase(' ({0})', listNames(plan.features)) : '',
        ),
      };
  const {
    n,
    values,
    lines,
    starts,
    slow: slowRows,
  } = readRows(
    text,
    pos,
    firstLine + lineNo,
    delimiter === ' ' ? 32 : delimiter.charCodeAt(0),
    plan.numeric,
    width,
    plan.categorical.length === 0,
  );
  const slow = new SlowRow(text, delimiter, plan, columns.length, expected, values, names);
  for (let j = 0; j < slowRows.length; j += 4)
    slow.read(slowRows[j]!, slowRows[j + 1]!, slowRows[j + 2]!, slowRows[j + 3]!);
  if (n === 0)
    throw new InferenceError(
      'no-rows',
      phrase('The input has a header but no rows: select the rows to run the model on.'),
    );
  return {
    format,
    n,
    width,
    values,
    features: plan.features,
    ignored: plan.ignored,
    columns,
    cells: (i) => {
      const s = starts[i]!;
      return splitLine(text.slice(s, lineEnd(text, s)[0]), delimiter);
    },
    lines,
    delimiter,
    header,
    ...(headerLine !== undefined && { headerLine }),
  };
}

/** The exact path for one row: splits it, checks every cell, and throws the precise error. */
class SlowRow {
  constructor(
    private readonly text: string,
    private readonly delimiter: string,
    private readonly plan: ColumnPlan,
    private readonly columnCount: number,
    private readonly expected: { code: 'ragged' | 'feature-count'; text: Phrase },
    private readonly values: Float64Array,
    private readonly names: readonly string[] | undefined,
  ) {}

  private columnName(col: number): string {
    return this.names?.[col] ?? this.plan.features[col] ?? `#${col + 1}`;
  }

  read(r: number, start: number, end: number, line: number): void {
    const cells = splitLine(this.text.slice(start, end), this.delimiter);
    if (cells.length !== this.columnCount) {
      throw new InferenceError(
        this.expected.code,
        phrase('Row {0} (line {1}) has {2}, but {3}.', r + 1, line, valueCount(cells.length), this.expected.text),
      );
    }
    const base = r * this.plan.features.length;
    cells.forEach((cell, col) => {
      const f = this.plan.numeric[col]!;
      if (f < 0) return;
      const v = cellNumber(cell);
      if (v === undefined || !Number.isFinite(v))
        throw cellError({ row: r, line, column: this.columnName(col) }, cell, v);
      this.values[base + f] = v;
    });
    for (const cat of this.plan.categorical) {
      writeCategory(this.values, base, cat, cells[cat.column]!, () => ({ row: r, line, column: cat.name }));
    }
  }
}
