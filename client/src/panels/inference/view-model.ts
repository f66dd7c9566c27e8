/** The results panel's view model from an inference result: the first rows, their predictions, timing, notes. */
import * as path from 'node:path';
import type { InferenceResult } from '../../../../core/src/inference';
import { formatNumber } from '../../../../core/src/inference';
import { say, type Locale } from '../../../../core/src/l10n';
import { english, type Tr } from '../metrics/words';
import { MAX_SHOWN_ROWS, type InferenceViewModel, type RawTensor, type ResultRow } from './contract';

export interface ResultContext {
  readonly how: string;
  readonly sourceName: string;
  readonly insert: InferenceViewModel['insert'];
  /** The reader's language for core's phrases (notes, preprocessing), and the panel's `vscode.l10n.t` for its own. */
  readonly locale?: Locale;
  readonly tr?: Tr;
  /** The host's number for this result (the page asks for the rest of its rows by it). */
  readonly id?: number;
  /** How many rows to build now (the first screen's); all shown rows when left out. */
  readonly rows?: number;
}

function lineRange(result: InferenceResult, tr: Tr): string | undefined {
  const lines = result.table.lines;
  if (!lines || lines.length === 0) return undefined;
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  return first === last ? tr('line {0}', first) : tr('lines {0}–{1}', first, last);
}

/** The table's rows `from` (0-based) up to `to` (exclusive, at most the shown rows), as the page shows them. */
export function resultRows(result: InferenceResult, from: number, to: number): ResultRow[] {
  const { table, predictions: p } = result;
  const end = Math.min(to, table.n, MAX_SHOWN_ROWS);
  const rows: ResultRow[] = [];
  for (let r = Math.max(0, from); r < end; r++) {
    const line = table.lines?.[r];
    const base = { row: r + 1, ...(line !== undefined && { line }), cells: table.cells(r) };
    if (p.kind === 'classification') {
      rows.push({
        ...base,
        top: Array.from({ length: p.k }, (_, j) => ({
          label: p.labels[p.top[r * p.k + j]!] ?? '?',
          p: p.topP[r * p.k + j]!,
        })),
      });
    } else if (p.kind === 'values') {
      rows.push({ ...base, values: Array.from(p.values.subarray(r * p.width, (r + 1) * p.width)) });
    } else {
      rows.push(base);
    }
  }
  return rows;
}

/** The view model of `result`, with its first `ctx.rows` rows (all shown rows by default; the rest: resultRows). */
export function viewModel(result: InferenceResult, ctx: ResultContext): InferenceViewModel {
  const { table, predictions: p, timing } = result;
  const shown = Math.min(table.n, MAX_SHOWN_ROWS);
  const rows = resultRows(result, 0, ctx.rows ?? shown);
  const ignored = new Set(table.ignored);
  const feed = result.feed;
  const lines = lineRange(result, ctx.tr ?? english);
  return {
    schema: 1,
    model: {
      name: path.basename(result.modelPath),
      path: result.modelPath,
      how: ctx.how,
      provider: result.provider,
      fallbacks: result.fallbacks.map((f) => `${f.provider}: ${f.reason}`),
      input: `${feed.label} (${feed.type})`,
      outputs: result.outputs.map((o) => ({ name: o.name, type: o.type, dims: [...o.dims] })),
      preprocessing: say(ctx.locale, result.facts.preprocessing.description),
    },
    source: { name: ctx.sourceName, format: table.format, ...(lines && { lines }) },
    kind: p.kind,
    ...(p.kind === 'classification' && { activation: p.activation }),
    columns: table.columns,
    fed: table.columns.map((c) => !ignored.has(c)),
    valueColumns: p.kind === 'values' ? p.names : [],
    id: ctx.id ?? 0,
    rows,
    shownRows: shown,
    totalRows: table.n,
    timing: {
      totalMs: timing.totalMs,
      loadMs: timing.loadMs,
      parseMs: timing.parseMs,
      preprocessMs: timing.preprocessMs,
      runMs: timing.runMs,
      postprocessMs: timing.postprocessMs,
      rowsPerSecond: timing.rowsPerSecond,
      batches: timing.batches.slice(0, 200),
    },
    notes: result.notes.map((n) => say(ctx.locale, n)),
    insert: ctx.insert,
  };
}

const MAX_RAW_VALUES = 64;

/** Every output of the shown rows, flattened per row (64 values at most per row). */
export function rawTensors(result: InferenceResult): RawTensor[] {
  const shown = Math.min(result.table.n, MAX_SHOWN_ROWS);
  return result.outputs.map((o) => {
    const rows: string[] = [];
    const data = o.data as ArrayLike<number | bigint | string>;
    const per = o.perRow || data.length;
    const count = o.perRow ? shown : 1;
    for (let r = 0; r < count; r++) {
      const values: string[] = [];
      for (let j = 0; j < Math.min(per, MAX_RAW_VALUES); j++) {
        const v = data[r * per + j];
        values.push(typeof v === 'number' ? formatNumber(v) : String(v));
      }
      rows.push(`[${values.join(', ')}${per > MAX_RAW_VALUES ? `, … ${per - MAX_RAW_VALUES} more` : ''}]`);
    }
    return { name: o.name, type: o.type, dims: [...o.dims], rows };
  });
}
