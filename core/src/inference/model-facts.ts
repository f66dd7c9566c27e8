/**
 * What inference knows about a model beyond its graph, and where each fact came from: feature order and labels
 * (the experiment's `inference` section first, then the model's own metadata, then `model.json`, then the
 * experiment's `data.features` / `task.labels`), the task, and the preprocessing to replay.
 */
import type { ModelInspection } from '../onnx/inspect/model-inspection';
import type { ExperimentSettings } from './experiment-settings';
import { oneHotMap, type ModelCard } from './model-card';
import { phrase, type Phrase } from '../l10n';

export interface Sourced<T> {
  readonly value: T;
  /** Where the value came from, for messages: a phrase so that errors name it in the reader's language. */
  readonly source: string | Phrase;
}

export interface Preprocessing {
  /** none: fed as is; folded: the model standardizes itself; standardize: (x − mean) / std before feeding. */
  readonly kind: 'none' | 'folded' | 'standardize';
  readonly mean?: readonly number[];
  readonly std?: readonly number[];
  /** Categorical columns and their categories, in the order of the `column=category` features. */
  readonly oneHot?: Readonly<Record<string, readonly string[]>>;
  /** For people: what is replayed and from where (said in the reader's language with `say`). */
  readonly description: Phrase;
}

export interface ModelFacts {
  readonly featureOrder?: Sourced<readonly string[]>;
  readonly labels?: Sourced<readonly string[]>;
  readonly task?: string;
  readonly topK?: number;
  readonly outputName?: string;
  readonly preprocessing: Preprocessing;
}

function jsonList(text: string | undefined, kind: 'string' | 'number'): Array<string & number> | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === kind)
      ? (v as Array<string & number>)
      : undefined;
  } catch {
    // labels as a plain comma-separated string (some exporters): split it
    return kind === 'string' && text.trim()
      ? (text.split(',').map((s) => s.trim()) as Array<string & number>)
      : undefined;
  }
}

function first<T>(...candidates: Array<[T | undefined, Phrase]>): Sourced<T> | undefined {
  for (const [value, source] of candidates) if (value !== undefined) return { value, source };
  return undefined;
}

function preprocessing(meta: Record<string, string>, card: ModelCard | undefined): Preprocessing {
  let oneHot: Record<string, readonly string[]> | undefined;
  try {
    oneHot = meta['liftoff.one_hot'] ? oneHotMap(JSON.parse(meta['liftoff.one_hot'])) : undefined;
  } catch {
    oneHot = undefined;
  }
  oneHot ??= card?.preprocessing?.oneHot;
  const withHot = oneHot ? { oneHot } : {};
  const hotNote = oneHot ? phrase('; one-hot columns {0}', Object.keys(oneHot).join(', ')) : '';
  const declared = meta['liftoff.preprocessing'];
  if (declared === 'folded-standardize' || card?.preprocessing?.folded === true) {
    const where = declared === 'folded-standardize' ? phrase('model metadata') : 'model.json';
    return {
      kind: 'folded',
      ...withHot,
      description: phrase('standardization folded into the model ({0}): raw values are fed{1}', where, hotNote),
    };
  }
  const metaMean = jsonList(meta['liftoff.mean'], 'number');
  const metaStd = jsonList(meta['liftoff.std'], 'number');
  if (declared === 'standardize' && metaMean && metaStd) {
    return {
      kind: 'standardize',
      mean: metaMean,
      std: metaStd,
      ...withHot,
      description: phrase('(x − mean) / std with the training statistics from the model metadata{0}', hotNote),
    };
  }
  const pre = card?.preprocessing;
  if (card && pre?.mean && pre.std && (pre.op === undefined || pre.op === 'standardize')) {
    return {
      kind: 'standardize',
      mean: pre.mean,
      std: pre.std,
      ...withHot,
      description: phrase(
        '(x − mean) / std with the training statistics from {0}{1}',
        card.file.split(/[\\/]/).slice(-1)[0] ?? card.file,
        hotNote,
      ),
    };
  }
  return {
    kind: 'none',
    ...withHot,
    description: phrase('none recorded with the model: values are fed as they are{0}', hotNote),
  };
}

export function modelFacts(
  inspection: ModelInspection,
  card: ModelCard | undefined,
  experiment: ExperimentSettings | undefined,
): ModelFacts {
  const meta: Record<string, string> = {};
  for (const { key, value } of inspection.metadata) meta[key] = value;
  const exp = experiment ? `${experiment.file.split(/[\\/]/).slice(-1)[0]}` : '';
  const featureOrder = first<readonly string[]>(
    [experiment?.featureOrder, phrase('{0} inference.feature_order', exp)],
    [jsonList(meta.feature_order, 'string'), phrase('the model metadata (feature_order)')],
    [card?.featureOrder, phrase('model.json (feature_order)')],
    [experiment?.dataFeatures, phrase('{0} data.features', exp)],
  );
  const labels = first<readonly string[]>(
    [experiment?.labels, phrase('{0} inference.labels', exp)],
    [jsonList(meta.labels, 'string'), phrase('the model metadata (labels)')],
    [card?.labels, phrase('model.json (labels)')],
    [experiment?.taskLabels, phrase('{0} task.labels', exp)],
  );
  const task = meta.task ?? card?.task ?? experiment?.task;
  return {
    ...(featureOrder && { featureOrder }),
    ...(labels && { labels }),
    ...(task && { task }),
    ...(experiment?.topK && { topK: experiment.topK }),
    ...(card?.outputName && { outputName: card.outputName }),
    preprocessing: preprocessing(meta, card),
  };
}
