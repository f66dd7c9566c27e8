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
}

function lineRange(result: InferenceResult, tr: Tr): string | undefined {
  const lines = result.table.lines;
  if (!lines || lines.length === 0) return undefined;
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  return first === last ? tr('line {0}', first) : tr('lines {0}–{1}', first, last);
}

export function viewModel(result: InferenceResult, ctx: ResultContext): InferenceViewModel {
  const { table, predictions: p, timing } = result;
  const shown = Math.min(table.n, MAX_SHOWN_ROWS);
  const rows: ResultRow[] = [];
  for (let r = 0; r < shown; r++) {
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
    rows,
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
