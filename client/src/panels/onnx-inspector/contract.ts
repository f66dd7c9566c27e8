/**
 * The ONNX inspector's message contract, owned by the host (provider.ts) and imported by the webview
 * (webviews/onnx-inspector/main.ts). The webview posts `ready`; the host answers `model` once the file is read
 * (streamed: large models take a moment) or `error`. The webview may ask to copy the summary or run inference.
 */
import type { ModelInspection } from '../../../../core/src/onnx/inspect/model-inspection';

export interface InspectorViewModel {
  readonly schema: 1;
  readonly name: string;
  readonly path: string;
  readonly readMs: number;
  readonly inspection: ModelInspection;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'model'; readonly model: InspectorViewModel }
  | { readonly type: 'error'; readonly message: string };

/** Webview → host. */
export type WebviewMessage = { readonly type: 'ready' } | { readonly type: 'copy' };

export const ONNX_INSPECTOR_VIEW_TYPE = 'liftoff.onnxInspector';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseWebviewMessage(v: unknown): WebviewMessage | undefined {
  if (!isRecord(v)) return undefined;
  return v.type === 'ready' || v.type === 'copy' ? { type: v.type } : undefined;
}

export function parseHostMessage(v: unknown): HostMessage | undefined {
  if (!isRecord(v)) return undefined;
  if (v.type === 'error' && typeof v.message === 'string') return { type: 'error', message: v.message };
  if (v.type !== 'model' || !isRecord(v.model)) return undefined;
  const m = v.model;
  const i = m.inspection;
  const ok = m.schema === 1 && typeof m.name === 'string' && typeof m.path === 'string' && isRecord(i)
    && Array.isArray(i.inputs) && Array.isArray(i.outputs) && Array.isArray(i.operators) && Array.isArray(i.metadata)
    && Array.isArray(i.opsets) && isRecord(i.parameters) && typeof i.irVersion === 'number';
  return ok ? { type: 'model', model: m as unknown as InspectorViewModel } : undefined;
}
