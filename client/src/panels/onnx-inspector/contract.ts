/**
 * The ONNX inspector's message contract, owned by the host (provider.ts) and imported by the webview
 * (webviews/onnx-inspector/main.ts). The webview posts `ready`; the host answers `model` once the file is read
 * (streamed: large models take a moment) or `error`. The webview may ask to copy the summary or run inference.
 */
import type { ModelInspection } from '../../../../core/src/onnx/inspect/model-inspection';

/** One row of the node table: its output shapes (dims joined), parameters and MACs (per unit of symbolic dims). */
export interface NodeRow {
  readonly name: string;
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly shapes: readonly string[];
  readonly parameters: number;
  readonly macs: number | null;
}

export interface InspectorViewModel {
  readonly schema: 1;
  readonly name: string;
  readonly path: string;
  readonly readMs: number;
  /** Without `graph` (the node list travels as `nodes`). */
  readonly inspection: ModelInspection;
  readonly nodes: readonly NodeRow[];
  readonly totals: {
    readonly parameters: number;
    readonly macs: number;
    readonly flops: number;
    readonly unknownCost: number;
    readonly perUnitOf: readonly string[];
  };
}

/** Host → webview. */
export type HostMessage =
  { readonly type: 'model'; readonly model: InspectorViewModel } | { readonly type: 'error'; readonly message: string };

/** Webview → host. */
export type WebviewMessage = { readonly type: 'ready' } | { readonly type: 'copy' };

export const ONNX_INSPECTOR_VIEW_TYPE = 'liftoff.onnxInspector';

/** Also the Compare Models contract's check. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Also the Compare Models panel's: its webview posts the same `ready` and `copy`. */
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
  const ok =
    m.schema === 1 &&
    typeof m.name === 'string' &&
    typeof m.path === 'string' &&
    isRecord(i) &&
    Array.isArray(i.inputs) &&
    Array.isArray(i.outputs) &&
    Array.isArray(i.operators) &&
    Array.isArray(i.metadata) &&
    Array.isArray(i.opsets) &&
    isRecord(i.parameters) &&
    typeof i.irVersion === 'number' &&
    Array.isArray(m.nodes) &&
    m.nodes.every(
      (n) =>
        isRecord(n) &&
        typeof n.name === 'string' &&
        typeof n.op === 'string' &&
        Array.isArray(n.inputs) &&
        Array.isArray(n.outputs) &&
        Array.isArray(n.shapes) &&
        typeof n.parameters === 'number',
    ) &&
    isRecord(m.totals) &&
    typeof m.totals.macs === 'number';
  return ok ? { type: 'model', model: m as unknown as InspectorViewModel } : undefined;
}
