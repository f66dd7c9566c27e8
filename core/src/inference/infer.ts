/**
 * One inference, from text to predictions: load (cached) → check the model's input → parse → preprocess → run in
 * batches → interpret. Every check that can fail does so before the first `run`, with a message naming the input,
 * the row and column, and what the model needs.
 */
import * as path from 'node:path';
import { phrase, type Phrase } from '../l10n';
import { InferenceError } from './errors';
import type { ExperimentSettings } from './experiment-settings';
import { inputMapping, planFeed, type FeedPlan } from './feed-plan';
import type { InputTable } from './input-table';
import { modelFacts, type ModelFacts } from './model-facts';
import { loadOrt } from './ort';
import { interpretOutput, type Predictions, type RawOutput } from './outputs';
import { parseInput } from './parse-input';
import { buildTensorData } from './preprocess';
import { runBatches, type BatchTiming } from './run-batches';
import type { LoadedModel, SessionCache } from './session-cache';

export interface InferenceRequest {
  readonly model: string;
  readonly text: string;
  /** Where the text comes from: a name for messages, its first line in the document, the document's header line. */
  readonly source?: { readonly name?: string; readonly firstLine?: number; readonly fallbackHeader?: string };
  readonly experiment?: ExperimentSettings;
  /** Classes shown per row (default: the experiment's `inference.top_k`, else 3). */
  readonly topK?: number;
  readonly batchRows?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

export interface InferenceTiming {
  readonly loadMs: number;
  readonly parseMs: number;
  readonly preprocessMs: number;
  readonly runMs: number;
  readonly postprocessMs: number;
  readonly totalMs: number;
  readonly batches: readonly BatchTiming[];
  /** Rows over the time from parsing to results (loading the model, once per file, not counted). */
  readonly rowsPerSecond: number;
}

export interface InferenceResult {
  readonly modelPath: string;
  readonly provider: string;
  readonly fallbacks: LoadedModel['fallbacks'];
  readonly feed: FeedPlan;
  readonly facts: ModelFacts;
  readonly table: InputTable;
  readonly predictions: Predictions;
  readonly outputs: readonly RawOutput[];
  readonly timing: InferenceTiming;
  /** What the reader should know about how the rows were read, fed and interpreted (say them with `say`). */
  readonly notes: readonly Phrase[];
}

/** Facts and feed plan per loaded model and experiment: computed once, not per call. */
const prepared = new WeakMap<
  LoadedModel,
  { experiment: ExperimentSettings | undefined; facts: ModelFacts; feed: FeedPlan }
>();

function prepare(
  model: LoadedModel,
  experiment: ExperimentSettings | undefined,
): { facts: ModelFacts; feed: FeedPlan } {
  const hit = prepared.get(model);
  if (hit && hit.experiment === experiment) return hit;
  const facts = modelFacts(model.inspection, model.card, experiment);
  const feed = planFeed(model.session, model.inspection, inputMapping(experiment));
  prepared.set(model, { experiment, facts, feed });
  return { facts, feed };
}

export async function runInference(cache: SessionCache, req: InferenceRequest): Promise<InferenceResult> {
  const started = performance.now();
  const lease = await cache.acquire(req.model);
  try {
    const model = lease.model;
    const label = path.basename(model.path);
    const loaded = performance.now();
    const { facts, feed } = prepare(model, req.experiment);
    const table = parseInput(req.text, {
      width: feed.width,
      featureOrder: facts.featureOrder,
      oneHot: facts.preprocessing.oneHot,
      inputLabel: feed.labelPhrase,
      inputName: feed.inputName,
      ...(req.source?.firstLine !== undefined && { firstLine: req.source.firstLine }),
      ...(req.source?.fallbackHeader !== undefined && { fallbackHeader: req.source.fallbackHeader }),
    });
    if (feed.width !== undefined && table.width !== feed.width) {
      throw new InferenceError(
        'feature-count',
        phrase(
          'The input has {0} features per row, but the model {1} takes {2}.',
          table.width,
          feed.labelPhrase,
          feed.width,
        ),
      );
    }
    const parsed = performance.now();
    const data = buildTensorData(table, feed, facts.preprocessing);
    const preprocessed = performance.now();
    const run = await runBatches(loadOrt(), model.session, feed, data, table.n, table.width, label, req);
    const ran = performance.now();
    const primary = run.outputs.find((o) => o.name === facts.outputName) ?? run.outputs[0];
    if (!primary) throw new InferenceError('runtime', phrase('{0} returned no outputs.', label));
    const k = req.topK ?? facts.topK ?? 3;
    const predictions = interpretOutput(primary, table.n, facts, k);
    const done = performance.now();
    const runMs = run.batches.reduce((a, b) => a + b.ms, 0);
    return {
      modelPath: model.path,
      provider: model.provider,
      fallbacks: model.fallbacks,
      feed,
      facts,
      table,
      predictions,
      outputs: run.outputs,
      timing: {
        loadMs: loaded - started,
        parseMs: parsed - loaded,
        preprocessMs: preprocessed - parsed,
        runMs,
        postprocessMs: done - ran,
        totalMs: done - started,
        batches: run.batches,
        rowsPerSecond: table.n / (Math.max(done - loaded, 1e-3) / 1000),
      },
      notes: notes(model, facts, table, predictions),
    };
  } finally {
    lease.release();
  }
}

function notes(model: LoadedModel, facts: ModelFacts, table: InputTable, p: Predictions): Phrase[] {
  const out: Phrase[] = [];
  for (const f of model.fallbacks)
    out.push(phrase('Execution provider {0} could not be used ({1}); fell back.', f.provider, f.reason));
  if (table.header === 'document')
    out.push(phrase('Columns matched by the header line of the document (the selection has none).'));
  if (table.ignored.length) out.push(phrase('Not fed to the model: {0}.', table.ignored.join(', ')));
  if (facts.featureOrder && table.header !== 'none')
    out.push(phrase('Feature order from {0}.', facts.featureOrder.source));
  out.push(phrase('Preprocessing: {0}.', facts.preprocessing.description));
  if (p.kind === 'classification') {
    if (p.activation === 'softmax')
      out.push(phrase('Softmax applied: "{0}" holds scores (logits), not probabilities.', p.output));
    if (p.activation === 'sigmoid')
      out.push(phrase('Sigmoid applied: "{0}" holds a logit, not a probability.', p.output));
    if (facts.labels) out.push(phrase('Labels from {0}.', facts.labels.source));
  }
  return out;
}
