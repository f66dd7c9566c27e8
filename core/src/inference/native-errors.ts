/**
 * onnxruntime's native errors, turned into messages a user can act on. ORT's own text stays at the end (for a bug
 * report); the first sentence says what it means. Unknown errors keep their first line.
 */
import { phrase } from '../l10n';
import { InferenceError } from './errors';

interface Rule {
  readonly test: RegExp;
  readonly map: (m: RegExpMatchArray, model: string) => InferenceError;
}

const RULES: readonly Rule[] = [
  {
    test: /protobuf parsing failed/i,
    map: (_m, model) =>
      new InferenceError(
        'not-onnx',
        phrase(
          '{0} is not an ONNX model: onnxruntime could not parse it (protobuf parsing failed). Re-export the model, or pick the .onnx file itself.',
          model,
        ),
      ),
  },
  {
    test: /No Op registered for (\S+) with domain_version of (\d+)/,
    map: (m, model) =>
      new InferenceError(
        'unsupported-operator',
        phrase(
          '{0} uses the operator {1} (opset {2}), which onnxruntime does not implement. Re-export the model with standard ONNX operators or another opset.',
          model,
          m[1]!,
          m[2]!,
        ),
      ),
  },
  {
    test: /Got invalid dimensions for input: (\S+) for the following indices\s+index: (\d+) Got: (\d+) Expected: (\d+)/,
    map: (m) =>
      new InferenceError(
        'feature-count',
        phrase('The model input {0} needs {1} values in dimension {2}, but got {3}.', m[1]!, m[4]!, m[2]!, m[3]!),
      ),
  },
  {
    test: /Invalid rank for input: (\S+) Got: (\d+) Expected: (\d+)/,
    map: (m) =>
      new InferenceError(
        'rank',
        phrase('The model input {0} has rank {1}, but got a tensor of rank {2}.', m[1]!, m[3]!, m[2]!),
      ),
  },
  {
    test: /Unexpected input data type\. Actual: \((.*?)\) , expected: \((.*?)\)/,
    map: (m) => new InferenceError('dtype', phrase('The model input takes {0}, but got {1}.', m[2]!, m[1]!)),
  },
  {
    test: /This is an invalid model\.?\s*(.*)/s,
    map: (m, model) =>
      new InferenceError(
        'invalid-model',
        phrase('onnxruntime rejected {0} as an invalid model: {1}', model, firstLine(m[1] ?? '')),
      ),
  },
  {
    test: /Load model from .* failed:\s*(.*)/s,
    map: (m, model) =>
      new InferenceError('invalid-model', phrase('onnxruntime could not load {0}: {1}', model, firstLine(m[1] ?? ''))),
  },
];

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** Maps anything onnxruntime threw; `model` names the model file in the message. */
export function mapNativeError(err: unknown, model: string): InferenceError {
  if (err instanceof InferenceError) return err;
  const text = err instanceof Error ? err.message : String(err);
  for (const rule of RULES) {
    const m = text.match(rule.test);
    if (m) return rule.map(m, model);
  }
  return new InferenceError('runtime', phrase('onnxruntime failed on {0}: {1}', model, firstLine(text)));
}
