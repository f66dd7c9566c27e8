/**
 * The Compare Runs panel's message contract, owned by the host (panel.ts) and imported by the webview
 * (webviews/run-compare/main.ts). The webview posts `ready`; the host answers `compare` (two runs' config diff,
 * metric deltas and the end of their logs: core's diffConfigs / diffMetrics) or `error`. Both sides validate.
 */
import type { ConfigDiff, MetricDiff } from '../../../../core/src/runs/run-diff';

export const COMPARE_RUNS_VIEW_TYPE = 'liftoff.compareRuns';

export interface RunSide {
  readonly id: string;
  /** What the run is called (its name, else `attempt N`, else its id). */
  readonly name: string;
  readonly experiment: string;
  readonly state: string;
  readonly startedAt: string;
  readonly notes?: string;
}

export interface LogSide {
  /** The last lines of stdout and stderr as they came (`stderr | ` lines marked by `err`). */
  readonly lines: ReadonlyArray<{ readonly text: string; readonly err: boolean }>;
  /** Earlier lines were left out. */
  readonly cut: boolean;
}

export interface RunCompareModel {
  readonly schema: 1;
  readonly a: RunSide;
  readonly b: RunSide;
  readonly config: ConfigDiff;
  readonly metrics: MetricDiff;
  readonly logs: { readonly a: LogSide; readonly b: LogSide };
}

export type HostMessage =
  { readonly type: 'compare'; readonly model: RunCompareModel } | { readonly type: 'error'; readonly message: string };

export type WebviewMessage = { readonly type: 'ready' } | { readonly type: 'copy' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number';
const optional = (ok: (x: unknown) => boolean) => (x: unknown) => x === undefined || ok(x);
const list = (v: unknown, each: (x: unknown) => boolean, max = 100_000) =>
  Array.isArray(v) && v.length <= max && v.every(each);
const MARKS = ['same', 'changed', 'only'];
const KINDS = ['changed', 'added', 'removed'];

const isSide = (v: unknown) =>
  isRecord(v) &&
  isStr(v.id) &&
  isStr(v.name) &&
  isStr(v.experiment) &&
  isStr(v.state) &&
  isStr(v.startedAt) &&
  optional(isStr)(v.notes);
const isLine = (v: unknown) => isRecord(v) && isStr(v.text) && isStr(v.path) && MARKS.includes(v.mark as string);
const isChange = (v: unknown) =>
  isRecord(v) && isStr(v.path) && KINDS.includes(v.kind as string) && optional(isStr)(v.a) && optional(isStr)(v.b);
const isAt = (v: unknown) => v === undefined || (isRecord(v) && isNum(v.step) && isNum(v.value));
const isDelta = (v: unknown) =>
  isRecord(v) &&
  isStr(v.metric) &&
  optional((g) => g === 'min' || g === 'max')(v.goal) &&
  optional((c) => isRecord(c) && isNum(c.step) && isNum(c.a) && isNum(c.b) && isNum(c.delta))(v.lastCommon) &&
  optional((b) => isRecord(b) && isAt(b.a) && isAt(b.b) && optional(isNum)(b.delta))(v.best) &&
  optional((x) => x === 'a' || x === 'b' || x === 'same')(v.better);
const isLogSide = (v: unknown) =>
  isRecord(v) &&
  typeof v.cut === 'boolean' &&
  list(v.lines, (l) => isRecord(l) && isStr(l.text) && typeof l.err === 'boolean');

export function parseHostMessage(v: unknown): HostMessage | undefined {
  if (!isRecord(v)) return undefined;
  if (v.type === 'error' && isStr(v.message)) return { type: 'error', message: v.message };
  if (v.type !== 'compare' || !isRecord(v.model)) return undefined;
  const m = v.model;
  const c = m.config;
  const d = m.metrics;
  const ok =
    m.schema === 1 &&
    isSide(m.a) &&
    isSide(m.b) &&
    isRecord(c) &&
    list(c.changes, isChange) &&
    isNum(c.same) &&
    list(c.a, isLine) &&
    list(c.b, isLine) &&
    typeof c.truncated === 'boolean' &&
    isRecord(d) &&
    list(d.metrics, isDelta) &&
    list(d.onlyA, isStr) &&
    list(d.onlyB, isStr) &&
    isRecord(m.logs) &&
    isLogSide(m.logs.a) &&
    isLogSide(m.logs.b);
  return ok ? { type: 'compare', model: m as unknown as RunCompareModel } : undefined;
}

export function parseWebviewMessage(v: unknown): WebviewMessage | undefined {
  if (!isRecord(v) || Object.keys(v).length !== 1) return undefined;
  return v.type === 'ready' || v.type === 'copy' ? { type: v.type } : undefined;
}
