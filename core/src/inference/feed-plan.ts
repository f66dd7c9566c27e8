/**
 * Which model input Liftoff feeds, and how: one tensor input of float32, float64, int32 or int64, of rank 2
 * ([rows, features]) or rank 1 ([features], one row per run). Anything else is refused before running, saying which
 * input cannot be built and why — onnxruntime is never handed a tensor it would reject (a native error on a wrong
 * dtype once took a whole extension host down: vscode#115185).
 */
import type { ModelInspection } from '../onnx/inspect/model-inspection';
import { formatDims } from '../onnx/inspect/model-inspection';
import { phrase, say, type Phrase } from '../l10n';
import { InferenceError, inputLabel } from './errors';
import type { ExperimentSettings } from './experiment-settings';
import { mapInputs, type ConstantInput, type InputMapping } from './input-values';
import type { OrtSession } from './ort';

export type FeedType = 'float32' | 'float64' | 'int32' | 'int64';

export interface FeedPlan {
  readonly inputName: string;
  readonly type: FeedType;
  /** The input's declared shape (symbolic dims as strings); undefined when the model does not say. */
  readonly dims: ReadonlyArray<number | string> | undefined;
  readonly rank: 1 | 2;
  /** Fixed feature width, when the model declares it. */
  readonly width: number | undefined;
  /** Rows per run when the batch dimension is fixed (1 for rank 1 or a batch dim of 1). */
  readonly maxBatch: number | undefined;
  /** `input "features" [N, 7]`, for messages: in English, and as a phrase to say in the reader's language. */
  readonly label: string;
  readonly labelPhrase: Phrase;
  /** The model's other inputs, fed constants from the experiment's `inference.inputs`. */
  readonly constants: readonly ConstantInput[];
}

const FEEDABLE: ReadonlySet<string> = new Set(['float32', 'float64', 'int32', 'int64']);

export function planFeed(session: OrtSession, inspection: ModelInspection, mapping?: InputMapping): FeedPlan {
  const metas = session.inputMetadata;
  const dimsOf = (name: string) => inspection.inputs.find((i) => i.name === name)?.dims;
  const typeOf = (m: (typeof metas)[number]) => (m.isTensor ? m.type : 'non-tensor');
  if (metas.length === 0)
    throw new InferenceError('unbuildable-input', phrase('The model takes no inputs: there is nothing to feed it.'));
  let constants: ConstantInput[] = [];
  let meta = metas[0]!;
  // Several inputs, or an experiment that names inputs: which one the rows feed is decided, and what the experiment
  // says is checked against the model even when it has one input (`inference.input: featurs` is reported, naming it).
  if (metas.length > 1 || mapping !== undefined) {
    const infos = metas.map((m) => ({
      name: m.name,
      type: typeOf(m),
      dims: dimsOf(m.name) ?? (m.isTensor && m.shape.length ? m.shape : undefined),
    }));
    const mapped = mapInputs(infos, mapping);
    constants = mapped.constants;
    meta = metas.find((m) => m.name === mapped.fed.name)!;
  }
  const dims = dimsOf(meta.name) ?? (meta.isTensor && meta.shape.length ? meta.shape : undefined);
  if (!meta.isTensor) {
    const kind = inspection.inputs.find((i) => i.name === meta.name)?.type;
    throw new InferenceError(
      'unbuildable-input',
      kind
        ? phrase('The model input "{0}" is a {1}, not a tensor: Liftoff cannot build it from a table.', meta.name, kind)
        : phrase(
            'The model input "{0}" is a non-tensor value, not a tensor: Liftoff cannot build it from a table.',
            meta.name,
          ),
    );
  }
  const labelPhrase = inputLabel(meta.name, formatDims(dims));
  const label = say('en', labelPhrase);
  if (meta.type === 'string') {
    throw new InferenceError(
      'dtype',
      phrase(
        'The model {0} takes strings (dtype string): Liftoff builds numeric tensors from tables, so it cannot feed this model.',
        labelPhrase,
      ),
    );
  }
  if (!FEEDABLE.has(meta.type)) {
    throw new InferenceError(
      'dtype',
      phrase(
        'The model {0} takes {1}, which Liftoff cannot build: it feeds float32, float64, int32 and int64 inputs.',
        labelPhrase,
        meta.type,
      ),
    );
  }
  const rank = dims?.length ?? 2;
  if (rank !== 1 && rank !== 2) {
    throw new InferenceError(
      'rank',
      phrase(
        'The model {0} has rank {1}, but Liftoff builds rank-2 tensors ([rows, features]) from tables, or rank 1 for one row at a time: it cannot feed this model.',
        labelPhrase,
        rank,
      ),
    );
  }
  const last = dims?.[rank - 1];
  const batch = rank === 2 ? dims?.[0] : 1;
  return {
    inputName: meta.name,
    type: meta.type as FeedType,
    dims,
    rank: rank as 1 | 2,
    label,
    labelPhrase,
    constants,
    width: typeof last === 'number' && last > 0 ? last : undefined,
    maxBatch: typeof batch === 'number' && batch > 0 ? batch : undefined,
  };
}

/** The experiment's word on a model's inputs (`inference.input`, `inference.inputs`). */
export function inputMapping(e: ExperimentSettings | undefined): InputMapping | undefined {
  if (!e || (e.input === undefined && e.inputValues === undefined)) return undefined;
  return {
    ...(e.input !== undefined && { input: e.input }),
    ...(e.inputValues && { values: e.inputValues }),
    source: e.file.split(/[\\/]/).slice(-1)[0]!,
  };
}
