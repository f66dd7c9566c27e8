/**
 * Execution providers, tried one at a time: onnxruntime-node 1.30 throws on `['cuda', 'cpu']` when CUDA cannot
 * load instead of falling back, so each provider gets its own `create` and CPU is always the last resort. Errors
 * that are about the model (not the provider) stop at once: CPU would fail the same way.
 */
import { mapNativeError } from './native-errors';
import type { OrtModule, OrtSession } from './ort';

export interface CreatedSession {
  readonly session: OrtSession;
  /** The provider the session actually runs on. */
  readonly provider: string;
  /** Providers tried before it, and why each failed. */
  readonly fallbacks: ReadonlyArray<{ readonly provider: string; readonly reason: string }>;
  readonly loadMs: number;
}

/** `auto`: CUDA when this onnxruntime-node carries its libraries, then CPU. WebGPU is only used when asked for. */
export function resolveProviders(ort: OrtModule, requested: readonly string[] | 'auto'): string[] {
  let wanted: string[];
  if (requested === 'auto') {
    const bundled = new Set(
      ort
        .listSupportedBackends()
        .filter((b) => b.bundled)
        .map((b) => b.name),
    );
    wanted = ['cuda', 'dml', 'coreml'].filter((p) => bundled.has(p));
  } else {
    wanted = requested.map((p) => p.trim().toLowerCase()).filter(Boolean);
  }
  return [...new Set([...wanted.filter((p) => p !== 'cpu'), 'cpu'])];
}

const MODEL_PROBLEM = /protobuf parsing failed|No Op registered|invalid model|Load model from|Node \(.*\) Op/i;

export async function createSession(
  ort: OrtModule,
  model: string | Uint8Array,
  providers: readonly string[],
  label: string,
): Promise<CreatedSession> {
  const fallbacks: Array<{ provider: string; reason: string }> = [];
  for (const provider of providers) {
    const started = performance.now();
    try {
      const options = {
        executionProviders: [provider],
        logSeverityLevel: 4 as const,
        graphOptimizationLevel: 'all' as const,
      };
      const session =
        typeof model === 'string'
          ? await ort.InferenceSession.create(model, options)
          : await ort.InferenceSession.create(model, options);
      return { session, provider, fallbacks, loadMs: performance.now() - started };
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      if (provider === 'cpu' || MODEL_PROBLEM.test(text)) throw mapNativeError(err, label);
      fallbacks.push({ provider, reason: text.split('\n')[0]!.slice(0, 200) });
    }
  }
  throw mapNativeError(new Error('no execution provider could be used'), label);
}
