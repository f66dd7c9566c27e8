/**
 * Compare two runs (browser-safe: no Node import; the Compare Runs panel's host computes, its webview shows):
 * - their config snapshots as YAML lines, each line marked when its key's value differs from the other run's, plus
 *   the list of changed keys (dotted paths);
 * - metric deltas: for each metric both runs logged, the values at the last step both have and the best of each
 *   (by the metric's goal), B − A.
 * Bounded: at most MAX_DIFF_LINES lines per side, MAX_VALUE_CHARS characters a value, nesting MAX_DEPTH deep.
 */
import { goalOf, type Goal } from '../metrics/metric-names';

export const MAX_DIFF_LINES = 4000;
export const MAX_VALUE_CHARS = 200;
export const MAX_DEPTH = 24;

export type DiffKind = 'changed' | 'added' | 'removed';

/** A leaf key (dotted path; list items as `[i]`) whose value differs. `a`/`b`: the value as YAML, absent if absent. */
export interface ConfigChange {
  readonly path: string;
  readonly kind: DiffKind;
  readonly a?: string;
  readonly b?: string;
}

/** One line of a side's YAML: `changed` when the key's value differs, `only` when the other side lacks the key. */
export interface YamlLine {
  readonly text: string;
  readonly path: string;
  readonly mark: 'same' | 'changed' | 'only';
}

export interface ConfigDiff {
  readonly changes: readonly ConfigChange[];
  /** Leaf keys equal on both sides. */
  readonly same: number;
  readonly a: readonly YamlLine[];
  readonly b: readonly YamlLine[];
  /** A side had more lines (or deeper nesting) than shown. */
  readonly truncated: boolean;
}

type Leaf = string;

function scalar(v: unknown): Leaf {
  let s: string;
  if (v === null || v === undefined) s = 'null';
  else if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  else if (typeof v === 'boolean') s = String(v);
  else if (typeof v === 'string')
    s =
      /^[A-Za-z_][\w ./-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) && !/\s$/.test(v)
        ? v
        : JSON.stringify(v);
  else if (typeof v === 'bigint') s = String(v);
  else s = JSON.stringify(v) ?? String(v);
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS - 1)}…` : s;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyText = (k: string) => (/^[\w.-]+$/.test(k) ? k : JSON.stringify(k)).slice(0, MAX_VALUE_CHARS);
const join = (prefix: string, k: string) => (prefix ? `${prefix}.${k}` : k);

/** Leaf paths → their value as YAML text (an empty map or list is a leaf: `{}` / `[]`). */
export function flattenConfig(
  config: unknown,
  out = new Map<string, Leaf>(),
  prefix = '',
  depth = 0,
): Map<string, Leaf> {
  if (out.size >= MAX_DIFF_LINES) return out;
  if (depth > MAX_DEPTH) {
    out.set(prefix, '…');
    return out;
  }
  if (isMap(config) && Object.keys(config).length) {
    for (const [k, v] of Object.entries(config)) flattenConfig(v, out, join(prefix, k), depth + 1);
  } else if (Array.isArray(config) && config.length) {
    config.forEach((v, i) => flattenConfig(v, out, `${prefix}[${i}]`, depth + 1));
  } else if (prefix) {
    out.set(prefix, isMap(config) ? '{}' : Array.isArray(config) ? '[]' : scalar(config));
  }
  return out;
}

/** The YAML lines of `config`, each with the path of the key it shows (a map's line: the map's path). */
function yamlLines(
  config: unknown,
  changed: (path: string, leaf: boolean) => YamlLine['mark'],
): {
  lines: YamlLine[];
  truncated: boolean;
} {
  const lines: YamlLine[] = [];
  let truncated = false;
  const push = (text: string, path: string, leaf: boolean) => {
    if (lines.length >= MAX_DIFF_LINES) {
      truncated = true;
      return false;
    }
    lines.push({ text, path, mark: changed(path, leaf) });
    return true;
  };
  const walk = (v: unknown, indent: string, prefix: string, depth: number): void => {
    if (depth > MAX_DEPTH) {
      truncated = true;
      push(`${indent}…`, prefix, true);
      return;
    }
    const entries: Array<[string, unknown, string]> = isMap(v)
      ? Object.entries(v).map(([k, x]) => [`${keyText(k)}:`, x, join(prefix, k)])
      : Array.isArray(v)
        ? v.map((x, i) => ['-', x, `${prefix}[${i}]`])
        : [];
    for (const [label, x, path] of entries) {
      if (truncated) return;
      const nested = (isMap(x) && Object.keys(x).length > 0) || (Array.isArray(x) && x.length > 0);
      if (nested) {
        if (!push(`${indent}${label}`, path, false)) return;
        walk(x, `${indent}  `, path, depth + 1);
      } else {
        push(`${indent}${label} ${isMap(x) ? '{}' : Array.isArray(x) ? '[]' : scalar(x)}`, path, true);
      }
    }
  };
  if (isMap(config) || Array.isArray(config)) walk(config, '', '', 0);
  else if (config !== undefined) push(scalar(config), '', true);
  return { lines, truncated };
}

/** Diffs two parsed config snapshots (undefined: unreadable). */
export function diffConfigs(a: unknown, b: unknown): ConfigDiff {
  const fa = flattenConfig(a);
  const fb = flattenConfig(b);
  const changes: ConfigChange[] = [];
  let same = 0;
  for (const [path, va] of fa) {
    const vb = fb.get(path);
    if (vb === undefined) changes.push({ path, kind: 'removed', a: va });
    else if (vb !== va) changes.push({ path, kind: 'changed', a: va, b: vb });
    else same++;
  }
  for (const [path, vb] of fb) if (!fa.has(path)) changes.push({ path, kind: 'added', b: vb });
  const kinds = new Map(changes.map((c) => [c.path, c.kind]));
  // A map's line is marked when a key under it differs (so a collapsed eye finds the section).
  const under = (path: string) => changes.some((c) => c.path.startsWith(`${path}.`) || c.path.startsWith(`${path}[`));
  const mark =
    (side: 'a' | 'b', own: Map<string, Leaf>, other: Map<string, Leaf>) =>
    (path: string, leaf: boolean): YamlLine['mark'] => {
      if (!leaf) {
        const inOther = [...other.keys()].some(
          (p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`),
        );
        return !inOther ? 'only' : under(path) ? 'changed' : 'same';
      }
      const k = kinds.get(path);
      if (!k) return own.has(path) ? 'same' : 'changed';
      return (side === 'a' && k === 'removed') || (side === 'b' && k === 'added') ? 'only' : 'changed';
    };
  const ya = yamlLines(a, mark('a', fa, fb));
  const yb = yamlLines(b, mark('b', fb, fa));
  return {
    changes: changes.sort((x, y) => x.path.localeCompare(y.path)),
    same,
    a: ya.lines,
    b: yb.lines,
    truncated: ya.truncated || yb.truncated || fa.size >= MAX_DIFF_LINES || fb.size >= MAX_DIFF_LINES,
  };
}

/** A metric's points (steps ascending as logged; NaN values are skipped). */
export interface MetricPoints {
  readonly steps: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

export interface MetricAt {
  readonly step: number;
  readonly value: number;
}

export interface MetricDelta {
  readonly metric: string;
  readonly goal?: Goal;
  /** The last step both runs logged the metric at, with each run's value there. */
  readonly lastCommon?: { readonly step: number; readonly a: number; readonly b: number; readonly delta: number };
  /** Each run's best value (by goal; without a goal, none) and its step. */
  readonly best?: { readonly a?: MetricAt; readonly b?: MetricAt; readonly delta?: number };
  /** B is better than A at the last common step (by goal); undefined without a goal or a common step. */
  readonly better?: 'a' | 'b' | 'same';
}

export interface MetricDiff {
  readonly metrics: readonly MetricDelta[];
  readonly onlyA: readonly string[];
  readonly onlyB: readonly string[];
}

function lastByStep(p: MetricPoints): Map<number, number> {
  // The value a step ends with (a step logged twice: its last value).
  const m = new Map<number, number>();
  for (let i = 0; i < p.steps.length; i++) {
    const v = p.values[i]!;
    if (Number.isFinite(v)) m.set(p.steps[i]!, v);
  }
  return m;
}

function bestOf(p: MetricPoints, goal: Goal): MetricAt | undefined {
  let best: MetricAt | undefined;
  for (let i = 0; i < p.steps.length; i++) {
    const v = p.values[i]!;
    if (!Number.isFinite(v)) continue;
    if (!best || (goal === 'min' ? v < best.value : v > best.value)) best = { step: p.steps[i]!, value: v };
  }
  return best;
}

/**
 * Metric deltas of two runs: metrics both logged (sorted by name), with the values at the last step both logged
 * and the best of each by the metric's goal (`goals` first, then the name's usual goal: loss → min, accuracy → max).
 */
export function diffMetrics(
  a: ReadonlyMap<string, MetricPoints>,
  b: ReadonlyMap<string, MetricPoints>,
  goals: ReadonlyMap<string, Goal> = new Map(),
): MetricDiff {
  const names = [...a.keys()].filter((n) => b.has(n)).sort();
  const metrics = names.map((metric): MetricDelta => {
    const pa = a.get(metric)!;
    const pb = b.get(metric)!;
    const goal = goals.get(metric) ?? goalOf(metric);
    const ma = lastByStep(pa);
    const mb = lastByStep(pb);
    let step: number | undefined;
    for (const s of ma.keys()) if (mb.has(s) && (step === undefined || s > step)) step = s;
    const lastCommon =
      step === undefined
        ? undefined
        : { step, a: ma.get(step)!, b: mb.get(step)!, delta: mb.get(step)! - ma.get(step)! };
    const ba = goal ? bestOf(pa, goal) : undefined;
    const bb = goal ? bestOf(pb, goal) : undefined;
    const best = goal
      ? { ...(ba && { a: ba }), ...(bb && { b: bb }), ...(ba && bb && { delta: bb.value - ba.value }) }
      : undefined;
    const better =
      goal && lastCommon
        ? lastCommon.delta === 0
          ? 'same'
          : (goal === 'min') === lastCommon.delta < 0
            ? 'b'
            : 'a'
        : undefined;
    return {
      metric,
      ...(goal && { goal }),
      ...(lastCommon && { lastCommon }),
      ...(best && { best }),
      ...(better && { better }),
    };
  });
  return {
    metrics,
    onlyA: [...a.keys()].filter((n) => !b.has(n)).sort(),
    onlyB: [...b.keys()].filter((n) => !a.has(n)).sort(),
  };
}
