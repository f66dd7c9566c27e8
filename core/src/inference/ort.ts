/**
 * onnxruntime-node, loaded on first use only: it is a 46 MB native library, external to every bundle (the VSIX
 * ships a pruned copy in dist/node_modules), and activation must never pay for it.
 */
import type * as Ort from 'onnxruntime-node';
import { phrase } from '../l10n';
import { InferenceError } from './errors';

export type OrtModule = typeof Ort;
export type OrtSession = Ort.InferenceSession;
export type OrtTensor = Ort.Tensor;

let loaded: OrtModule | undefined;

export function loadOrt(): OrtModule {
  if (loaded) return loaded;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('onnxruntime-node') as OrtModule;
  } catch (err) {
    throw new InferenceError(
      'onnxruntime-missing',
      phrase(
        'onnxruntime-node could not be loaded ({0}). Reinstall the extension, or run `npm ci` in a clone.',
        err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err),
      ),
    );
  }
  return loaded;
}
