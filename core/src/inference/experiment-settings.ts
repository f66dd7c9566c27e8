/**
 * What inference takes from an Experiment document: `inference.model`, `inference.feature_order`,
 * `inference.labels`, `inference.top_k`, `inference.image`, `inference.text`, and the fallbacks `data.features`, `task.labels`, `task.type`; plus the
 * data files, to find the experiment a CSV belongs to. Read leniently: a half-written experiment still helps; synonyms
 * are read as the language service reads them.
 */
import * as path from 'node:path';
import { parseExperiment } from '../vocabulary';
import { FileMemo } from '../workspace/file-memo';
import type { ImagePreprocessing } from './image/image-tensor';
import type { InputValue } from './input-values';
import type { TextPreprocessing } from './text/tokenize';

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
  /** `inference.image`: how images are preprocessed for an image model. */
  readonly image?: ImagePreprocessing;
  /** `inference.text`: the tokenizer and its settings for a text model. */
  readonly text?: TextPreprocessing;
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

const nums = (v: unknown, n?: number): number[] | undefined =>
  Array.isArray(v) && v.length > 0 && (n === undefined || v.length === n) && v.every((x) => typeof x === 'number')
    ? (v as number[])
    : undefined;

/** `inference.image`, keeping only well-formed fields (the schema reports the rest). */
function imagePreprocessing(v: unknown): ImagePreprocessing | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Tree;
  const pair = (x: unknown) => nums(x, 2) as [number, number] | undefined;
  const resize = typeof o.resize === 'number' && o.resize > 0 ? o.resize : pair(o.resize);
  return {
    ...(resize !== undefined && { resize }),
    ...(pair(o.crop) && { crop: pair(o.crop)! }),
    ...((o.channel_order === 'RGB' || o.channel_order === 'BGR') && { channelOrder: o.channel_order }),
    ...(typeof o.scale === 'number' && { scale: o.scale }),
    ...(nums(o.mean) && { mean: nums(o.mean)! }),
    ...(nums(o.std) && { std: nums(o.std)! }),
    ...((o.layout === 'NCHW' || o.layout === 'NHWC') && { layout: o.layout }),
    ...((o.dtype === 'float32' || o.dtype === 'uint8') && { dtype: o.dtype }),
  };
}

/** `inference.text`, keeping only well-formed fields (the schema reports the rest); the tokenizer path resolved. */
function textPreprocessing(v: unknown, local: (p: unknown) => string | undefined): TextPreprocessing | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Tree;
  const name = (x: unknown) => (typeof x === 'string' && x ? x : undefined);
  const tokenizer = local(o.tokenizer);
  return {
    ...(tokenizer && { tokenizer }),
    ...(typeof o.max_length === 'number' &&
      Number.isInteger(o.max_length) &&
      o.max_length >= 1 && {
        maxLength: o.max_length,
      }),
    ...((o.padding === 'longest' || o.padding === 'max_length') && { padding: o.padding }),
    ...(typeof o.truncation === 'boolean' && { truncation: o.truncation }),
    ...(name(o.input_ids) && { inputIds: name(o.input_ids)! }),
    ...(name(o.attention_mask) && { attentionMask: name(o.attention_mask)! }),
    ...(name(o.token_type_ids) && { tokenTypeIds: name(o.token_type_ids)! }),
  };
}

export function parseExperimentSettings(text: string, file: string): ExperimentSettings | undefined {
  let doc: unknown;
  try {
    // Synonyms and short forms read as their canonical values, as the language service reads them
    // (`padding: max` is `max_length`, `layout: channels last` is `NHWC`).
    doc = parseExperiment(text);
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
    ...(imagePreprocessing(inference.image) && { image: imagePreprocessing(inference.image) }),
    ...(textPreprocessing(inference.text, local) && { text: textPreprocessing(inference.text, local) }),
    ...(typeof task.type === 'string' && { task: task.type }),
    ...(strs(data.features) && { dataFeatures: strs(data.features) }),
    ...(strs(task.labels) && { taskLabels: strs(task.labels) }),
    dataFiles: [data.train, data.validation, data.test].map(local).filter((p): p is string => p !== undefined),
  };
  return settings;
}

const settingsMemo = new FileMemo<ExperimentSettings | undefined>((text, file) => parseExperimentSettings(text, file));

/**
 * The settings of an experiment file, read again only when the file changed (core/src/workspace/file-memo.ts): running
 * inference again on the same data costs a `stat` of the experiment, not a read and a YAML parse (issue 18, the
 * host's share of "Run Inference on Selection"). Undefined for a missing, unreadable or non-regular file (a FIFO is
 * never opened) and for text that is not an Experiment.
 */
export async function readExperimentSettings(file: string): Promise<ExperimentSettings | undefined> {
  try {
    return await settingsMemo.get(file);
  } catch {
    return undefined;
  }
}
