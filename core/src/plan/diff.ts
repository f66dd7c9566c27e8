/**
 * Plan diff: what changed between two versions of a BusinessPlan and what it does to the numbers. Inputs are
 * compared as YAML trees (lists of items with an `id`, `name`, `category` or `period` are matched by it, so inserting
 * an item does not shift every later one); derived figures come from `planFigures`; rule findings are matched by
 * rule code and YAML path. Plain data in, plain JSON out: the CLI report, the compare panel and the tests share it.
 */
import { phrase, say, type Phrase } from '../l10n';
import { planFigures, type Better, type FigureKind, type MoneyFormat, type PlanFigure, type PlanPath } from './figures';

/** A rule finding of one version, located by YAML path (the service turns its diagnostics into these). */
export interface PlanFinding {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  readonly path: PlanPath;
  /** 1-based line. */
  readonly line?: number;
}

/** One version of a plan: its data (`doc.toJS()`), where each path is in its text, and its rule findings. */
export interface PlanSnapshot {
  readonly data: unknown;
  /** The 1-based line of the key or item at `path`; undefined when unknown. */
  readonly lineOf?: (path: PlanPath) => number | undefined;
  readonly findings?: readonly PlanFinding[];
}

export interface InputChange {
  readonly kind: 'changed' | 'added' | 'removed';
  /** The path in the new version (in the old one for a removal). */
  readonly path: PlanPath;
  /** The path in the old version, when it differs (an item moved in its list) or the change is a removal. */
  readonly oldPath?: PlanPath;
  /** `financials.monthly_burn`, `risks[2].likelihood`. */
  readonly pathText: string;
  readonly old?: string;
  readonly new?: string;
  readonly oldLine?: number;
  readonly newLine?: number;
}

export type Direction = 'better' | 'worse' | 'neutral';

export interface FigureChange {
  readonly id: string;
  readonly label: string;
  readonly kind: FigureKind;
  readonly old?: string;
  readonly new?: string;
  /** The label, the values and the delta as phrases where they hold words, to say in the reader's language. */
  readonly labelPhrase?: Phrase;
  readonly oldPhrase?: Phrase;
  readonly newPhrase?: Phrase;
  readonly deltaPhrase?: Phrase;
  readonly oldValue?: number;
  readonly newValue?: number;
  /** "+¥300k", "-2.5 months", "slipped 2 months", "reached", "not reached any more". */
  readonly delta: string;
  readonly direction: Direction;
  /** Where the figure lives in the new version (the old one when it disappeared). */
  readonly path: PlanPath;
  readonly line?: number;
}

export interface RuleChange {
  readonly status: 'fails' | 'passes';
  readonly code: string;
  readonly severity: PlanFinding['severity'];
  readonly message: string;
  readonly path: PlanPath;
  /** The line in the version where it is reported (new for `fails`, old for `passes`). */
  readonly line?: number;
}

export interface PlanDiff {
  readonly inputs: readonly InputChange[];
  readonly figures: readonly FigureChange[];
  readonly rules: readonly RuleChange[];
}

export interface DiffOptions {
  /** Formats money amounts ("¥1.2M"); plain numbers otherwise. */
  readonly money?: MoneyFormat;
  /** Which severities count as a rule failing (default: errors and warnings). */
  readonly severities?: ReadonlyArray<PlanFinding['severity']>;
}

/** True when nothing differs. */
export function isEmptyDiff(d: PlanDiff): boolean {
  return d.inputs.length === 0 && d.figures.length === 0 && d.rules.length === 0;
}

export function diffPlans(a: PlanSnapshot, b: PlanSnapshot, options: DiffOptions = {}): PlanDiff {
  const money = options.money ?? ((n: number) => formatPlain(n));
  const inputs: InputChange[] = [];
  diffTrees(a.data, b.data, [], [], inputs, a, b);
  const figures = diffFigures(planFigures(a.data, money), planFigures(b.data, money), money, b, a);
  const rules = diffFindings(a.findings ?? [], b.findings ?? [], options.severities ?? ['error', 'warning']);
  return { inputs, figures, rules };
}

// ---- inputs ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** `financials.periods[1].revenue` */
export function pathText(path: PlanPath): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k;
  return s || '(document)';
}

function scalarKey(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  return `${typeof v}:${String(v)}`;
}

/** A short text for a value in a report: scalars as written, collections as compact flow YAML, capped. */
export function showValue(v: unknown): string {
  const s = flow(v, 0);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

function flow(v: unknown, depth: number): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid date' : v.toISOString().slice(0, 10);
  if (typeof v === 'string') return /^[\w .,¥$€£%+\-–/()]*$/u.test(v) && v.trim() === v && v ? v : JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (depth > 3) return '…';
  if (Array.isArray(v)) return `[${v.map((x) => flow(x, depth + 1)).join(', ')}]`;
  return `{${Object.entries(v as Obj)
    .map(([k, x]) => `${k}: ${flow(x, depth + 1)}`)
    .join(', ')}}`;
}

const ITEM_KEYS = ['id', 'name', 'category', 'period', 'title'] as const;

/** The key that identifies the items of both lists (present, scalar and unique in each), if any. */
function itemKey(a: readonly unknown[], b: readonly unknown[]): string | undefined {
  for (const key of ITEM_KEYS) {
    const ok = [a, b].every((list) => {
      const seen = new Set<string>();
      for (const item of list) {
        if (!isObj(item)) return false;
        const v = item[key];
        if (typeof v !== 'string' && typeof v !== 'number') return false;
        const k = String(v);
        if (seen.has(k)) return false;
        seen.add(k);
      }
      return true;
    });
    if (ok) return key;
  }
  return undefined;
}

function diffTrees(
  a: unknown,
  b: unknown,
  pa: PlanPath,
  pb: PlanPath,
  out: InputChange[],
  sa: PlanSnapshot,
  sb: PlanSnapshot,
): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = itemKey(a, b);
    if (key === undefined) {
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (i >= b.length) out.push(removed(a[i], [...pa, i], sa));
        else if (i >= a.length) out.push(added(b[i], [...pb, i], sb));
        else diffTrees(a[i], b[i], [...pa, i], [...pb, i], out, sa, sb);
      }
      return;
    }
    const oldIndex = new Map<string, number>();
    a.forEach((item, i) => oldIndex.set(String((item as Obj)[key]), i));
    const matched = new Set<number>();
    for (const [j, item] of b.entries()) {
      const i = oldIndex.get(String((item as Obj)[key]));
      if (i === undefined) out.push(added(item, [...pb, j], sb));
      else {
        matched.add(i);
        diffTrees(a[i], item, [...pa, i], [...pb, j], out, sa, sb);
      }
    }
    for (const [i, item] of a.entries()) if (!matched.has(i)) out.push(removed(item, [...pa, i], sa));
    return;
  }
  if (isObj(a) && isObj(b)) {
    for (const [k, v] of Object.entries(b)) {
      if (Object.prototype.hasOwnProperty.call(a, k)) diffTrees(a[k], v, [...pa, k], [...pb, k], out, sa, sb);
      else out.push(added(v, [...pb, k], sb));
    }
    for (const [k, v] of Object.entries(a))
      if (!Object.prototype.hasOwnProperty.call(b, k)) out.push(removed(v, [...pa, k], sa));
    return;
  }
  const bothScalar =
    (typeof a !== 'object' || a === null || a instanceof Date) &&
    (typeof b !== 'object' || b === null || b instanceof Date);
  if (bothScalar && scalarKey(a) === scalarKey(b)) return;
  const samePath = pathText(pa) === pathText(pb);
  out.push({
    kind: 'changed',
    path: pb,
    ...(!samePath && { oldPath: pa }),
    pathText: pathText(pb),
    old: showValue(a),
    new: showValue(b),
    ...line('oldLine', sa, pa),
    ...line('newLine', sb, pb),
  });
}

function line<K extends string>(name: K, s: PlanSnapshot, p: PlanPath): Partial<Record<K, number>> {
  const l = s.lineOf?.(p);
  return l === undefined ? {} : ({ [name]: l } as Record<K, number>);
}

function added(v: unknown, p: PlanPath, s: PlanSnapshot): InputChange {
  return { kind: 'added', path: p, pathText: pathText(p), new: showValue(v), ...line('newLine', s, p) };
}

function removed(v: unknown, p: PlanPath, s: PlanSnapshot): InputChange {
  return { kind: 'removed', path: p, oldPath: p, pathText: pathText(p), old: showValue(v), ...line('oldLine', s, p) };
}

// ---- figures ----

function same(x: number, y: number): boolean {
  if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return true;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

function formatPlain(n: number): string {
  return Number(n.toFixed(2)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

const signed = (n: number, text: string) => `${n > 0 ? '+' : n < 0 ? '-' : '±'}${text}`;
const oneDecimal = (n: number) => String(Number(Math.abs(n).toFixed(1)));

function direction(better: Better, delta: number): Direction {
  if (delta === 0 || better === 'none') return 'neutral';
  const up = better === 'higher' || better === 'later';
  return delta > 0 === up ? 'better' : 'worse';
}

/** The change of a figure: text when it is only a number, a phrase when it holds words. */
function deltaText(f: PlanFigure, delta: number, money: MoneyFormat): string | Phrase {
  const sign = delta > 0 ? '+' : delta < 0 ? '-' : '±';
  switch (f.kind) {
    case 'money':
      return signed(delta, money(Math.abs(delta)));
    case 'months':
      return phrase('{0}{1} months', sign, oneDecimal(delta));
    case 'pct':
      return phrase('{0}{1} pts', sign, oneDecimal(delta));
    case 'count':
      return signed(delta, String(Math.abs(delta)));
    case 'date': {
      const months = Math.abs(delta);
      const amount =
        months < 1
          ? phrase('{0} days', Math.max(1, Math.round(months * 31)))
          : phrase('{0} months', oneDecimal(months));
      if (f.id.startsWith('milestone:'))
        return delta > 0 ? phrase('slipped {0}', amount) : phrase('pulled in {0}', amount);
      return delta > 0 ? phrase('later by {0}', amount) : phrase('earlier by {0}', amount);
    }
    case 'period':
      if (!Number.isFinite(delta)) return delta > 0 ? phrase('not reached any more') : phrase('now reached');
      return delta > 0
        ? phrase('later by {0}', phrase('{0} months', oneDecimal(delta)))
        : phrase('earlier by {0}', phrase('{0} months', oneDecimal(delta)));
  }
}

/** A figure's words as phrases beside their English (what FigureChange carries). */
function figureWords(o: PlanFigure | undefined, f: PlanFigure | undefined, delta: string | Phrase) {
  const label = (f ?? o)?.labelPhrase;
  return {
    delta: typeof delta === 'string' ? delta : say('en', delta),
    ...(label && { labelPhrase: label }),
    ...(o?.displayPhrase && { oldPhrase: o.displayPhrase }),
    ...(f?.displayPhrase && { newPhrase: f.displayPhrase }),
    ...(typeof delta !== 'string' && { deltaPhrase: delta }),
  };
}

function diffFigures(
  a: readonly PlanFigure[],
  b: readonly PlanFigure[],
  money: MoneyFormat,
  sb: PlanSnapshot,
  sa: PlanSnapshot,
): FigureChange[] {
  const out: FigureChange[] = [];
  const before = new Map(a.map((f) => [f.id, f]));
  const seen = new Set<string>();
  for (const f of b) {
    seen.add(f.id);
    const o = before.get(f.id);
    if (o && same(o.value, f.value)) continue;
    const delta = o ? f.value - o.value : 0;
    const text = o ? (Number.isNaN(delta) ? phrase('changed') : deltaText(f, delta, money)) : phrase('new');
    out.push({
      id: f.id,
      label: f.label,
      kind: f.kind,
      ...(o && { old: o.display, oldValue: o.value }),
      new: f.display,
      newValue: f.value,
      ...figureWords(o, f, text),
      direction: o && !Number.isNaN(delta) ? direction(f.better, delta) : 'neutral',
      path: f.path,
      ...line('line', sb, f.path),
    });
  }
  for (const o of a)
    if (!seen.has(o.id))
      out.push({
        id: o.id,
        label: o.label,
        kind: o.kind,
        old: o.display,
        oldValue: o.value,
        ...figureWords(o, undefined, phrase('no longer computed')),
        direction: 'neutral',
        path: o.path,
        ...line('line', sa, o.path),
      });
  return out;
}

// ---- rules ----

function findingKey(f: PlanFinding): string {
  return `${f.code}\u0000${JSON.stringify(f.path)}`;
}

function diffFindings(
  a: readonly PlanFinding[],
  b: readonly PlanFinding[],
  severities: ReadonlyArray<PlanFinding['severity']>,
): RuleChange[] {
  const keep = (f: PlanFinding) => severities.includes(f.severity);
  const before = new Set(a.filter(keep).map(findingKey));
  const after = new Set(b.filter(keep).map(findingKey));
  const out: RuleChange[] = [];
  const seen = new Set<string>();
  const change = (f: PlanFinding, status: RuleChange['status']): RuleChange => ({
    status,
    code: f.code,
    severity: f.severity,
    message: f.message,
    path: f.path,
    ...(f.line !== undefined && { line: f.line }),
  });
  for (const f of b.filter(keep)) {
    const k = findingKey(f);
    if (before.has(k) || seen.has(k)) continue;
    seen.add(k);
    out.push(change(f, 'fails'));
  }
  for (const f of a.filter(keep)) {
    const k = findingKey(f);
    if (after.has(k) || seen.has(k)) continue;
    seen.add(k);
    out.push(change(f, 'passes'));
  }
  return out;
}

/**
 * Where each row of a diff report is: `a` (old) or `b` (new) + `JSON.stringify(path)` → 1-based line. The compare
 * panel looks a clicked row up here (the rows carry the path and version the report renderer gives them).
 */
export function revealLines(diff: PlanDiff): Map<string, number> {
  const out = new Map<string, number>();
  const set = (version: 'a' | 'b', p: PlanPath | undefined, line: number | undefined) => {
    if (p && line !== undefined) out.set(`${version}${JSON.stringify(p)}`, line);
  };
  for (const c of diff.inputs) {
    set('b', c.path, c.newLine);
    set('a', c.oldPath ?? c.path, c.oldLine);
  }
  for (const f of diff.figures) set(f.new === undefined ? 'a' : 'b', f.path, f.line);
  for (const r of diff.rules) set(r.status === 'fails' ? 'b' : 'a', r.path, r.line);
  return out;
}
