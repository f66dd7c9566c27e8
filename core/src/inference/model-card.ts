/**
 * `model.json`, written beside `model.onnx` by the built-in trainer and by examples/pytorch/train.py: labels, the
 * feature order and how inputs were preprocessed in training. Read leniently: unknown or malformed fields are
 * ignored, never fatal.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

export interface ModelCard {
  readonly file: string;
  readonly task?: string;
  readonly labels?: readonly string[];
  readonly featureOrder?: readonly string[];
  readonly inputName?: string;
  readonly outputName?: string;
  readonly preprocessing?: {
    readonly op?: string;
    /** true: the statistics are folded into the model (feed raw values). */
    readonly folded?: boolean;
    readonly mean?: readonly number[];
    readonly std?: readonly number[];
    readonly oneHot?: Readonly<Record<string, readonly string[]>>;
  };
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
const numbers = (v: unknown): number[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? v : undefined;
const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** `{color: [red, blue]}` → the same, when every value is a list of strings. */
export function oneHotMap(v: unknown): Record<string, string[]> | undefined {
  const r = record(v);
  if (!r) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, cats] of Object.entries(r)) {
    const list = strings(cats);
    if (!list) return undefined;
    out[k] = list;
  }
  return out;
}

export function parseModelCard(data: unknown, file: string): ModelCard {
  const r = record(data) ?? {};
  const pre = record(r.preprocessing);
  return {
    file,
    ...(typeof r.task === 'string' && { task: r.task }),
    ...(strings(r.labels) && { labels: strings(r.labels) }),
    ...(strings(r.feature_order) && { featureOrder: strings(r.feature_order) }),
    ...(typeof r.input_name === 'string' && { inputName: r.input_name }),
    ...(typeof r.output_name === 'string' && { outputName: r.output_name }),
    ...(pre && {
      preprocessing: {
        ...(typeof pre.op === 'string' && { op: pre.op }),
        ...(typeof pre.folded === 'boolean' && { folded: pre.folded }),
        ...(numbers(pre.mean) && { mean: numbers(pre.mean) }),
        ...(numbers(pre.std) && { std: numbers(pre.std) }),
        ...(oneHotMap(pre.one_hot) && { oneHot: oneHotMap(pre.one_hot) }),
      },
    }),
  };
}

/** The `model.json` beside a model file, or undefined when there is none (or it is not JSON). */
export async function readModelCard(modelPath: string): Promise<ModelCard | undefined> {
  const file = path.join(path.dirname(modelPath), 'model.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parseModelCard(JSON.parse(text), file);
  } catch {
    return undefined;
  }
}
