/**
 * The plan preview's message contract, owned by the host (panel.ts) and imported by the webview
 * (webviews/plan-preview/main.ts). Handshake: the webview posts `ready` once its script runs (also after a
 * reload or when it becomes visible again); the host answers with the full `model`, then sends a new `model`
 * after each (debounced) edit or when the preview follows another plan editor. No vscode import here: the
 * webview bundle includes this file.
 */
import type { YamlPath } from '../../../../core/src/plan/render/model';
import type { PlanModelDelta } from '../../../../core/src/plan/render/delta';

/** Host → webview. */
export type HostMessage =
  /** The model; sections the webview already has (unchanged since the last post) come as `{unchanged: id}` stubs. */
  { readonly type: 'model'; readonly model: PlanModelDelta } | { readonly type: 'error'; readonly message: string };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  /** The user clicked an element: reveal the YAML at `path` in the plan's editor. */
  | { readonly type: 'reveal'; readonly path: YamlPath }
  /** The user picked a scenario in the switcher (null: the plan as written); the host answers with its `model`. */
  | { readonly type: 'scenario'; readonly name: string | null };

/** What the webview saves with `setState`, handed back to the serializer after a window reload. */
export interface PlanPreviewState {
  readonly uri: string;
  readonly scrollY?: number;
  /** The scenario the switcher shows (absent: the plan as written). */
  readonly scenario?: string;
}

export const PLAN_PREVIEW_VIEW_TYPE = 'liftoff.planPreview';

const MAX_PATH = 64;
/** Longest scenario name the switcher sends (names are plan text; the server matches them exactly). */
export const MAX_SCENARIO_NAME = 1024;

const isScenarioName = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_SCENARIO_NAME;

/** Also the Plan Diff contract's check. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A YAML path the webview may ask to reveal (bounded); also the Plan Diff contract's check. */
export function isPath(value: unknown): value is YamlPath {
  return (
    Array.isArray(value) &&
    value.length <= MAX_PATH &&
    value.every(
      (p) => (typeof p === 'string' && p.length <= 1024) || (typeof p === 'number' && Number.isInteger(p) && p >= 0),
    )
  );
}

/** Validates a message from the webview (untrusted: the webview renders workspace text). Undefined when invalid. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'ready') return { type: 'ready' };
  if (value.type === 'reveal' && isPath(value.path)) return { type: 'reveal', path: value.path };
  if (value.type === 'scenario' && (value.name === null || isScenarioName(value.name)))
    return { type: 'scenario', name: value.name };
  return undefined;
}

/** Validates a message from the host: the shape the webview relies on before rendering. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'error' && typeof value.message === 'string') return { type: 'error', message: value.message };
  if (value.type !== 'model' || !isRecord(value.model)) return undefined;
  const m = value.model;
  const ok =
    m.schema === 1 &&
    typeof m.uri === 'string' &&
    typeof m.title === 'string' &&
    typeof m.status === 'string' &&
    Array.isArray(m.sections) &&
    Array.isArray(m.summary) &&
    Array.isArray(m.facts) &&
    Array.isArray(m.diagnostics) &&
    Array.isArray(m.missing) &&
    Array.isArray(m.notes) &&
    isRecord(m.counts) &&
    (m.review === undefined ||
      (isRecord(m.review) && Array.isArray(m.review.outdated) && Array.isArray(m.review.problems))) &&
    (m.scenarios === undefined || isScenarioSwitch(m.scenarios)) &&
    m.sections.every(
      (s) =>
        isRecord(s) &&
        (s.unchanged !== undefined
          ? typeof s.unchanged === 'string' && Object.keys(s).length === 1
          : typeof s.id === 'string' &&
            Array.isArray(s.blocks) &&
            (s.threads === undefined || Array.isArray(s.threads))),
    );
  return ok ? { type: 'model', model: m as unknown as PlanModelDelta } : undefined;
}

function isScenarioSwitch(v: unknown): boolean {
  return (
    isRecord(v) &&
    Array.isArray(v.names) &&
    v.names.every((n) => typeof n === 'string') &&
    (v.shown === undefined || typeof v.shown === 'string') &&
    (v.missing === undefined || typeof v.missing === 'string')
  );
}

/** Validates the state the serializer receives (it was written by the webview). */
export function parseState(value: unknown): PlanPreviewState | undefined {
  if (!isRecord(value) || typeof value.uri !== 'string') return undefined;
  return {
    uri: value.uri,
    ...(typeof value.scrollY === 'number' && Number.isFinite(value.scrollY) && { scrollY: value.scrollY }),
    ...(isScenarioName(value.scenario) && { scenario: value.scenario }),
  };
}
