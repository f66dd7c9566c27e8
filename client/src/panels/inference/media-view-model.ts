/**
 * The results panel for image files and lines of text: the same view model as for rows (contract.ts), one row per
 * image (its file name, size and a thumbnail) or per line (its text, line number and token count), with the top-k
 * labels; and the copies (CSV, JSON) and raw scores the panel's buttons ask for.
 */
import * as path from 'node:path';
import type {
  ImageInferenceResult,
  ImagePreprocessing,
  Predictions,
  TextInferenceResult,
} from '../../../../core/src/inference';
import { csvCell, formatNumber, predictionHeader } from '../../../../core/src/inference';
import { english, type Tr } from '../metrics/words';
import { MAX_SHOWN_ROWS, type InferenceViewModel, type RawTensor, type ResultRow } from './contract';

/** What the panel shows and copies for a result that is not a table. */
export interface MediaShown {
  readonly view: InferenceViewModel;
  readonly csv: () => string;
  readonly json: () => string;
  readonly raw: () => RawTensor[];
}

interface Item {
  /** The first column of the row (file name, or the line's text). */
  readonly key: string;
  readonly cells: readonly string[];
  readonly line?: number;
  readonly thumbnail?: string;
}

function predictionRow(p: Predictions, r: number, base: Omit<ResultRow, 'top' | 'values'>): ResultRow {
  if (p.kind === 'classification')
    return {
      ...base,
      top: Array.from({ length: p.k }, (_, j) => ({
        label: p.labels[p.top[r * p.k + j]!] ?? '?',
        p: p.topP[r * p.k + j]!,
      })),
    };
  if (p.kind === 'values') return { ...base, values: Array.from(p.values.subarray(r * p.width, (r + 1) * p.width)) };
  return base;
}

function predictionCells(p: Predictions, r: number): string[] {
  if (p.kind === 'classification') {
    const out: string[] = [];
    for (let j = 0; j < p.k; j++) out.push(p.labels[p.top[r * p.k + j]!] ?? '', formatNumber(p.topP[r * p.k + j]!));
    return out;
  }
  if (p.kind === 'values') return Array.from(p.values.subarray(r * p.width, (r + 1) * p.width), formatNumber);
  return [];
}

function record(p: Predictions, r: number): Record<string, unknown> {
  if (p.kind === 'classification')
    return {
      label: p.labels[p.top[r * p.k]!] ?? '',
      top: Array.from({ length: p.k }, (_, j) => ({
        label: p.labels[p.top[r * p.k + j]!] ?? '',
        probability: Number(formatNumber(p.topP[r * p.k + j]!)),
      })),
    };
  if (p.kind === 'values')
    return { values: Array.from(p.values.subarray(r * p.width, (r + 1) * p.width), (v) => Number(formatNumber(v))) };
  return {};
}

function scores(p: Predictions, n: number): RawTensor[] {
  if (p.kind !== 'classification') return [];
  const shown = Math.min(n, MAX_SHOWN_ROWS);
  const rows = Array.from(
    { length: shown },
    (_, r) => `[${Array.from(p.probabilities.subarray(r * p.classes, (r + 1) * p.classes), formatNumber).join(', ')}]`,
  );
  return [{ name: `${p.output} (probabilities)`, type: 'float32', dims: [n, p.classes], rows }];
}

interface Common {
  readonly how: string;
  readonly sourceName: string;
  readonly format: string;
  readonly unit: 'image' | 'line';
  readonly modelPath: string;
  readonly provider: string;
  readonly input: string;
  readonly preprocessing: string;
  readonly columns: readonly string[];
  readonly items: readonly Item[];
  readonly predictions: Predictions;
  readonly keyName: 'file' | 'text';
  readonly timing: { readonly parseMs: number; readonly preprocessMs: number; readonly runMs: number };
  readonly notes: readonly string[];
  readonly tr: Tr;
}

function shown(c: Common): MediaShown {
  const tr = c.tr;
  const n = c.items.length;
  const p = c.predictions;
  const t = c.timing;
  const total = t.parseMs + t.preprocessMs + t.runMs;
  const rows = c.items.slice(0, MAX_SHOWN_ROWS).map((it, r) =>
    predictionRow(p, r, {
      row: r + 1,
      ...(it.line !== undefined && { line: it.line }),
      cells: it.cells,
      ...(it.thumbnail && { thumbnail: it.thumbnail }),
    }),
  );
  const view: InferenceViewModel = {
    schema: 1,
    unit: c.unit,
    model: {
      name: path.basename(c.modelPath),
      path: c.modelPath,
      how: c.how,
      provider: c.provider,
      fallbacks: [],
      input: c.input,
      outputs: [],
      preprocessing: c.preprocessing,
    },
    source: { name: c.sourceName, format: c.format },
    kind: p.kind,
    ...(p.kind === 'classification' && { activation: p.activation }),
    columns: c.columns,
    fed: c.columns.map(() => true),
    valueColumns: p.kind === 'values' ? p.names : [],
    id: 0,
    rows,
    shownRows: rows.length,
    totalRows: n,
    timing: {
      totalMs: total,
      loadMs: 0,
      parseMs: t.parseMs,
      preprocessMs: t.preprocessMs,
      runMs: t.runMs,
      postprocessMs: 0,
      rowsPerSecond: total > 0 ? (n * 1000) / total : 0,
      batches: [{ rows: n, ms: t.runMs }],
    },
    notes: c.notes,
    insert: {
      ok: false,
      reason:
        c.unit === 'image'
          ? tr('Insert as Column works on delimited rows (CSV, TSV, numbers); these are image files: use Copy CSV.')
          : tr('Insert as Column works on delimited rows (CSV, TSV, numbers); these are lines of text: use Copy CSV.'),
    },
  };
  return {
    view,
    csv: () => {
      const lines = [[c.keyName, ...predictionHeader(p)].map((h) => csvCell(h)).join(',')];
      c.items.forEach((it, r) => lines.push([it.key, ...predictionCells(p, r)].map((x) => csvCell(x)).join(',')));
      return `${lines.join('\n')}\n`;
    },
    json: () =>
      `${JSON.stringify(
        {
          model: c.modelPath,
          provider: c.provider,
          predictions: c.items.map((it, r) => ({
            [c.keyName]: it.key,
            ...(it.line !== undefined && { line: it.line }),
            ...record(p, r),
          })),
        },
        null,
        2,
      )}\n`,
    raw: () => scores(p, n),
  };
}

export function describeImagePreprocessing(pre: ImagePreprocessing | undefined, tr: Tr = english): string {
  const p = pre ?? {};
  const parts = [
    p.resize === undefined
      ? tr('no resize')
      : typeof p.resize === 'number'
        ? tr('resize the shorter side to {0}', p.resize)
        : tr('resize to {0} × {1}', p.resize[1], p.resize[0]),
    ...(p.crop ? [tr('center crop {0} × {1}', p.crop[1], p.crop[0])] : []),
    p.channelOrder ?? 'RGB',
    p.dtype === 'uint8' ? 'uint8 0–255' : `scale ${p.scale === undefined ? '1/255' : formatNumber(p.scale)}`,
    ...(p.mean ? [`mean ${p.mean.join(', ')}`] : []),
    ...(p.std ? [`std ${p.std.join(', ')}`] : []),
    p.layout ?? 'NCHW',
  ];
  return `${pre ? 'inference.image' : tr('defaults')}: ${parts.join(', ')}`;
}

export function imageShown(
  r: ImageInferenceResult,
  ctx: { readonly how: string; readonly preprocessing: ImagePreprocessing | undefined; readonly tr?: Tr },
): MediaShown {
  const names = r.files.map((f) => path.basename(f));
  const tr = ctx.tr ?? english;
  return shown({
    tr,
    how: ctx.how,
    sourceName: names.length === 1 ? names[0]! : tr('{0} images', names.length),
    format: [...new Set(r.images.map((i) => i.format))].join('/'),
    unit: 'image',
    modelPath: r.modelPath,
    provider: r.provider,
    input: r.files.length === 1 ? tr('1 image file (PNG/JPEG)') : tr('{0} image files (PNG/JPEG)', r.files.length),
    preprocessing: describeImagePreprocessing(ctx.preprocessing, tr),
    columns: [tr('File'), tr('Size')],
    items: r.files.map((f, i) => ({
      key: f,
      cells: [names[i]!, `${r.images[i]!.width} × ${r.images[i]!.height} ${r.images[i]!.format.toUpperCase()}`],
      ...(r.thumbnails?.[i] && { thumbnail: r.thumbnails[i] }),
    })),
    predictions: r.predictions,
    keyName: 'file',
    timing: { parseMs: r.timing.decodeMs, preprocessMs: r.timing.preprocessMs, runMs: r.timing.runMs },
    notes: [],
  });
}

export function textShown(
  r: TextInferenceResult,
  ctx: { readonly how: string; readonly sourceName: string; readonly lineNumbers: readonly number[]; readonly tr?: Tr },
): MediaShown {
  const tr = ctx.tr ?? english;
  const notes: string[] = [];
  if (r.truncated.length) {
    const lines =
      r.truncated
        .slice(0, 10)
        .map((i) => ctx.lineNumbers[i])
        .join(', ') + (r.truncated.length > 10 ? ', …' : '');
    notes.push(
      r.truncated.length === 1
        ? tr('1 line was longer than max_length and cut (line {0}).', lines)
        : tr('{0} lines were longer than max_length and cut (lines {1}).', r.truncated.length, lines),
    );
  }
  return shown({
    tr,
    how: ctx.how,
    sourceName: ctx.sourceName,
    format: 'text',
    unit: 'line',
    modelPath: r.modelPath,
    provider: r.provider,
    input: r.feeds.join(', '),
    preprocessing: `inference.text: ${path.basename(r.tokenizer)}`,
    columns: [tr('Text'), tr('Tokens')],
    items: r.lines.map((l, i) => ({
      key: l,
      cells: [l, String(r.tokens[i])],
      ...(ctx.lineNumbers[i] !== undefined && { line: ctx.lineNumbers[i] }),
    })),
    predictions: r.predictions,
    keyName: 'text',
    timing: { parseMs: r.timing.tokenizeMs, preprocessMs: 0, runMs: r.timing.runMs },
    notes,
  });
}
