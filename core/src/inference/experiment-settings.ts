/**
 * What inference takes from an Experiment document: `inference.model`, `inference.feature_order`,
 * `inference.labels`, `inference.top_k`, and the fallbacks `data.features`, `task.labels`, `task.type`; plus the
 * data files, to find the experiment a CSV belongs to. Read leniently: a half-written experiment still helps.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { InputValue } from './input-values';

export interface ExperimentSettings {
  readonly file: string;
  readonly name: string;
  /** `inference.model`, absolute. */
  readonly model?: string;
  readonly featureOrder?: readonly string[];
  readonly labels?: readonly string[];
  readonly topK?: number;
  /** `inference.input`: the model input the rows feed (models with several inputs). */
  readonly input?: string;
  /** `inference.inputs`: values for the model's other inputs. */
  readonly inputValues?: Readonly<Record<string, InputValue>>;
  readonly task?: string;
  /** `data.features` and `task.labels`: used when `inference` does not say. */
  readonly dataFeatures?: readonly string[];
  readonly taskLabels?: readonly string[];
  /** `data.train`, `data.validation`, `data.test`, absolute. */
  readonly dataFiles: readonly string[];
}

type Tree = Record<string, unknown>;
const obj = (v: unknown): Tree => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Tree) : {});
const strs = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' || typeof x === 'number')
    ? v.map(String)
    : undefined;

/** `inference.inputs`, keeping only values Liftoff can use (the schema reports the rest). */
function inputValues(v: unknown): Record<string, InputValue> | undefined {
  const out: Record<string, InputValue> = {};
  for (const [name, value] of Object.entries(obj(v))) {
    if (value === 'zeros' || value === 'ones') out[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[name] = value;
    else if (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((x) => typeof x === 'number' && Number.isFinite(x))
    )
      out[name] = value as number[];
  }
  return Object.keys(out).length ? out : undefined;
}

export function parseExperimentSettings(text: string, file: string): ExperimentSettings | undefined {
  let doc: unknown;
  try {
    doc = parse(text, { prettyErrors: false });
  } catch {
    return undefined;
  }
  const root = obj(doc);
  if (root.kind !== undefined && root.kind !== 'Experiment') return undefined;
  const dir = path.dirname(file);
  const inference = obj(root.inference);
  const data = obj(root.data);
  const task = obj(root.task);
  const local = (p: unknown) =>
    typeof p === 'string' && p && !/^[a-z][a-z0-9+.-]*:\/\//i.test(p) ? path.resolve(dir, p) : undefined;
  const topK =
    typeof inference.top_k === 'number' && Number.isInteger(inference.top_k) && inference.top_k >= 1
      ? inference.top_k
      : undefined;
  const settings: ExperimentSettings = {
    file,
    name:
      typeof obj(root.metadata).name === 'string'
        ? (obj(root.metadata).name as string)
        : path.basename(file).replace(/\.experiment\.ya?ml$/i, ''),
    ...(local(inference.model) && { model: local(inference.model) }),
    ...(strs(inference.feature_order) && { featureOrder: strs(inference.feature_order) }),
    ...(strs(inference.labels) && { labels: strs(inference.labels) }),
    ...(topK && { topK }),
    ...(typeof inference.input === 'string' && inference.input && { input: inference.input }),
    ...(inputValues(inference.inputs) && { inputValues: inputValues(inference.inputs) }),
    ...(typeof task.type === 'string' && { task: task.type }),
    ...(strs(data.features) && { dataFeatures: strs(data.features) }),
    ...(strs(task.labels) && { taskLabels: strs(task.labels) }),
    dataFiles: [data.train, data.validation, data.test].map(local).filter((p): p is string => p !== undefined),
  };
  return settings;
}

export async function readExperimentSettings(file: string): Promise<ExperimentSettings | undefined> {
  try {
    return parseExperimentSettings(await readFile(file, 'utf8'), file);
  } catch {
    return undefined;
  }
}
