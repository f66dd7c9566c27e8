/**
 * The Compare Models panel's message contract, owned by the host (panel.ts) and imported by the webview
 * (webviews/model-compare/main.ts). The webview posts `ready`; the host answers `diff` once both files are read
 * (core's diffModels, the same comparison as `liftoff inspect a.onnx --diff b.onnx`) or `error`. The webview may
 * ask to copy the comparison as JSON.
 */
import type { ModelDiff } from '../../../../core/src/onnx/inspect/model-diff-types';
import { isRecord, parseWebviewMessage, type WebviewMessage } from '../onnx-inspector/contract';

export interface ModelSide {
  readonly name: string;
  readonly path: string;
  readonly producer: string;
  readonly irVersion: number;
}

export interface CompareViewModel {
  readonly schema: 1;
  readonly a: ModelSide;
  readonly b: ModelSide;
  readonly readMs: number;
  /** Without the two inspections (the page needs only what differs). */
  readonly diff: Omit<ModelDiff, 'inspections'>;
}

/** Host → webview. */
export type HostMessage =
  { readonly type: 'diff'; readonly model: CompareViewModel } | { readonly type: 'error'; readonly message: string };

/** Webview → host: the ONNX inspector's messages (`ready`, `copy`), validated by its parser. */
export { parseWebviewMessage, type WebviewMessage };

export const COMPARE_MODELS_VIEW_TYPE = 'liftoff.compareModels';

const isSide = (v: unknown): v is ModelSide =>
  isRecord(v) && typeof v.name === 'string' && typeof v.path === 'string' && typeof v.producer === 'string';
const sideOf = (v: unknown, ok: (x: unknown) => boolean) => isRecord(v) && ['a', 'b'].every((k) => ok(v[k]));
const optional = (test: (x: unknown) => boolean) => (x: unknown) => x === undefined || test(x);
const isList = (v: unknown, each: (x: unknown) => boolean) => Array.isArray(v) && v.every(each);
const isInit = (v: unknown) =>
  isRecord(v) &&
  typeof v.name === 'string' &&
  typeof v.type === 'string' &&
  Array.isArray(v.dims) &&
  typeof v.checksum === 'string';
const isTensor = (v: unknown) => isRecord(v) && typeof v.name === 'string' && typeof v.type === 'string';

export function parseHostMessage(v: unknown): HostMessage | undefined {
  if (!isRecord(v)) return undefined;
  if (v.type === 'error' && typeof v.message === 'string') return { type: 'error', message: v.message };
  if (v.type !== 'diff' || !isRecord(v.model)) return undefined;
  const m = v.model;
  const d = m.diff;
  const ok =
    m.schema === 1 &&
    isSide(m.a) &&
    isSide(m.b) &&
    typeof m.readMs === 'number' &&
    isRecord(d) &&
    typeof d.same === 'boolean' &&
    sideOf(d.files, (x) => typeof x === 'string') &&
    isList(d.inputs, (x) => isRecord(x) && typeof x.name === 'string' && sideOf(x, optional(isTensor))) &&
    isList(d.outputs, (x) => isRecord(x) && typeof x.name === 'string' && sideOf(x, optional(isTensor))) &&
    sideOf(d.opsets, (x) => typeof x === 'string') &&
    isList(
      d.operators,
      (x) => isRecord(x) && typeof x.op === 'string' && typeof x.a === 'number' && typeof x.b === 'number',
    ) &&
    sideOf(d.parameters, (x) => typeof x === 'number') &&
    sideOf(d.macs, (x) => typeof x === 'number') &&
    isRecord(d.initializers) &&
    typeof d.initializers.unchanged === 'number' &&
    isList(
      d.initializers.changed,
      (x) =>
        isRecord(x) &&
        typeof x.name === 'string' &&
        isInit(x.a) &&
        isInit(x.b) &&
        isList(x.what, (w) => typeof w === 'string'),
    ) &&
    isList(d.initializers.added, isInit) &&
    isList(d.initializers.removed, isInit) &&
    isList(d.initializers.renamed, (x) => sideOf(x, (y) => typeof y === 'string')) &&
    isRecord(d.nodes) &&
    isList(d.nodes.added, (x) => typeof x === 'string') &&
    isList(d.nodes.removed, (x) => typeof x === 'string');
  return ok ? { type: 'diff', model: m as unknown as CompareViewModel } : undefined;
}
