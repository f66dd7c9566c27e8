/**
 * The plan compare panel's message contract, owned by the host (panel.ts) and imported by the webview
 * (webviews/plan-diff/main.ts). Handshake: the webview posts `ready` once its script runs; the host answers with the
 * `diff`, and sends a new one after each (debounced) edit of the plan. No vscode import: the webview bundles this.
 */
import type { PlanDiff } from '../../../../core/src/plan';
import type { DiffLabels } from '../../../../core/src/plan/render';
import type { YamlPath } from '../../../../core/src/plan/render/model';
import { isPath, isRecord } from '../plan-preview/contract';

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'diff'; readonly diff: PlanDiff; readonly labels: DiffLabels }
  | { readonly type: 'error'; readonly message: string };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  /** The user clicked a row: reveal `path` in the old (`a`) or new (`b`) version. */
  | { readonly type: 'reveal'; readonly path: YamlPath; readonly version: 'a' | 'b' };

export const PLAN_DIFF_VIEW_TYPE = 'liftoff.planDiff';

/** Validates a message from the webview (untrusted: it renders workspace text). Undefined when invalid. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'ready') return { type: 'ready' };
  if (value.type === 'reveal' && isPath(value.path) && (value.version === 'a' || value.version === 'b'))
    return { type: 'reveal', path: value.path, version: value.version };
  return undefined;
}

/** Validates a message from the host: the shape the webview relies on before rendering. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'error' && typeof value.message === 'string') return { type: 'error', message: value.message };
  if (value.type !== 'diff' || !isRecord(value.diff) || !isRecord(value.labels)) return undefined;
  const d = value.diff;
  const l = value.labels;
  const ok =
    Array.isArray(d.inputs) &&
    Array.isArray(d.figures) &&
    Array.isArray(d.rules) &&
    typeof l.a === 'string' &&
    typeof l.b === 'string';
  return ok
    ? { type: 'diff', diff: d as unknown as PlanDiff, labels: { a: l.a as string, b: l.b as string } }
    : undefined;
}
