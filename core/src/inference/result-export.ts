/**
 * Predictions as text: CSV (the input's own columns, then the prediction columns) and JSON, shared by
 * `liftoff infer`, the results panel's Copy buttons, and "insert predictions as a new column".
 */
import type { InferenceResult } from './infer';
import type { Predictions } from './outputs';

/** The prediction of row `r` as one cell: the top label, or the value(s). */
export function predictionText(result: InferenceResult, r: number): string {
  const p = result.predictions;
  if (p.kind === 'classification') return p.labels[p.top[r * p.k]!] ?? '';
  if (p.kind === 'values')
    return Array.from(p.values.subarray(r * p.width, (r + 1) * p.width), (v) => formatNumber(v)).join(' ');
  return '';
}

/** Shortest text that reads back as the same float32/float64 value, without noise digits. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const short = Number(v.toPrecision(7));
  return String(Math.abs(short - v) <= Math.abs(v) * 1e-6 ? short : v);
}

export function predictionColumns(result: InferenceResult): string[] {
  return predictionHeader(result.predictions);
}

/** The prediction columns' names: `prediction`, `probability` and the runners-up, or the value columns. */
export function predictionHeader(p: Predictions): string[] {
  if (p.kind === 'classification') {
    const cols = ['prediction', 'probability'];
    for (let j = 2; j <= p.k; j++) cols.push(`label_${j}`, `probability_${j}`);
    return cols;
  }
  if (p.kind === 'values') return p.width === 1 ? ['prediction'] : [...p.names];
  return [];
}

export function predictionCells(result: InferenceResult, r: number): string[] {
  const p = result.predictions;
  if (p.kind === 'classification') {
    const out: string[] = [];
    for (let j = 0; j < p.k; j++) out.push(p.labels[p.top[r * p.k + j]!] ?? '', formatNumber(p.topP[r * p.k + j]!));
    return out;
  }
  if (p.kind === 'values') return Array.from(p.values.subarray(r * p.width, (r + 1) * p.width), formatNumber);
  return [];
}

export function csvCell(text: string, delimiter = ','): string {
  return /["\n\r]/.test(text) || text.includes(delimiter) || text !== text.trim()
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** The input's columns and the prediction columns, one line per row (`rows` limits it). */
export function resultCsv(result: InferenceResult, rows = result.table.n): string {
  const { table } = result;
  const lines = [[...table.columns, ...predictionColumns(result)].map((c) => csvCell(c)).join(',')];
  for (let r = 0; r < Math.min(rows, table.n); r++)
    lines.push([...table.cells(r), ...predictionCells(result, r)].map((c) => csvCell(c)).join(','));
  return `${lines.join('\n')}\n`;
}

export interface PredictionRecord {
  readonly row: number;
  readonly line?: number;
  readonly label?: string;
  readonly probability?: number;
  readonly top?: ReadonlyArray<{ readonly label: string; readonly probability: number }>;
  readonly value?: number;
  readonly values?: readonly number[];
}

export function predictionRecord(result: InferenceResult, r: number): PredictionRecord {
  const p = result.predictions;
  const line = result.table.lines?.[r];
  const base = { row: r + 1, ...(line !== undefined && { line }) };
  if (p.kind === 'classification') {
    const top = Array.from({ length: p.k }, (_, j) => ({
      label: p.labels[p.top[r * p.k + j]!] ?? '',
      probability: Number(formatNumber(p.topP[r * p.k + j]!)),
    }));
    return { ...base, label: top[0]!.label, probability: top[0]!.probability, top };
  }
  if (p.kind === 'values') {
    const values = Array.from(p.values.subarray(r * p.width, (r + 1) * p.width), (v) => Number(formatNumber(v)));
    return p.width === 1 ? { ...base, value: values[0]! } : { ...base, values };
  }
  return base;
}

/** The whole result as a JSON document (`rows` limits the predictions listed). */
export function resultJson(result: InferenceResult, rows = result.table.n): string {
  const p = result.predictions;
  const doc = {
    model: result.modelPath,
    provider: result.provider,
    input: { format: result.table.format, rows: result.table.n, features: result.table.features },
    task: p.kind,
    ...(p.kind === 'classification' && { labels: p.labels, activation: p.activation }),
    preprocessing: result.facts.preprocessing.kind,
    predictions: Array.from({ length: Math.min(rows, result.table.n) }, (_, r) => predictionRecord(result, r)),
    timing: {
      total_ms: round(result.timing.totalMs),
      run_ms: round(result.timing.runMs),
      parse_ms: round(result.timing.parseMs),
      rows_per_second: Math.round(result.timing.rowsPerSecond),
      batches: result.timing.batches.length,
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const round = (v: number) => Number(v.toFixed(3));
