/**
 * The errors inference reports. Every message says what is wrong and what the model needs, in words a user can act
 * on; `code` lets callers decide (the CLI exits 1 on input/model problems, 2 on usage) and tests assert the kind.
 */
import { englishAndPhrase, phrase, type Phrase } from '../l10n';

export type InferenceProblem =
  /** The input cannot be used with this model: counts, cells, dtypes, ranks. */
  | 'feature-count'
  | 'not-a-number'
  | 'missing-value'
  | 'missing-column'
  | 'unknown-category'
  | 'ragged'
  | 'no-rows'
  | 'bad-json'
  /** An image file that is not PNG/JPEG, is broken, or is too large; image preprocessing that cannot be done. */
  | 'not-an-image'
  | 'image-preprocessing'
  /** A tokenizer.json that is missing or unusable, or a line it cannot encode as configured. */
  | 'tokenizer'
  | 'dtype'
  | 'rank'
  /** The model itself: not ONNX, inputs we cannot build, rejected by onnxruntime. */
  | 'not-onnx'
  | 'unbuildable-input'
  | 'unsupported-operator'
  | 'invalid-model'
  /** Running it. */
  | 'runtime'
  | 'cancelled'
  | 'onnxruntime-missing';

export class InferenceError extends Error {
  override readonly name = 'InferenceError';
  /** The message as a phrase, said in the reader's language by core/src/l10n's `errorText`; absent: English only. */
  readonly phrase?: Phrase;
  constructor(
    readonly code: InferenceProblem,
    message: string | Phrase,
  ) {
    const m = englishAndPhrase(message);
    super(m.english);
    if (m.phrase) this.phrase = m.phrase;
  }

  /** Problems of the input or the model (CLI exit 1), as opposed to cancellation and runtime failures. */
  get isInputProblem(): boolean {
    return !['runtime', 'cancelled', 'onnxruntime-missing'].includes(this.code);
  }
}

export function cancelled(): InferenceError {
  return new InferenceError('cancelled', phrase('Inference was cancelled.'));
}

/** `input "features" [N, 7]`, for messages (the model input's name and its dimensions as written). */
export function inputLabel(name: string, dims: string): Phrase {
  return phrase('input "{0}" {1}', name, dims);
}

/** `1 value` / `7 values`, for messages. */
export function valueCount(n: number): Phrase {
  return n === 1 ? phrase('1 value') : phrase('{0} values', n);
}

/** `1 feature` / `7 features`, for messages. */
export function featureCount(n: number): Phrase {
  return n === 1 ? phrase('1 feature') : phrase('{0} features', n);
}

/** A short list for messages: `income, age, debt_ratio, … (7)`. */
export function listNames(names: readonly string[], max = 8): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')}, … (${names.length} in all)`;
}

/** A cell for messages: quoted, shortened, control characters made visible. */
export function quoteCell(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}
