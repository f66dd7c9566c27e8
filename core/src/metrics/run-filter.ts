/**
 * Filter expressions over runs: config values, state, tags and summary metrics, e.g.
 * `lr < 1e-3 && state == "succeeded" && best(val_auc) > 0.8`. A small hand-written parser (no eval, no regular
 * expressions from the user), bounded in length and depth, that says what is wrong and where.
 *
 * Grammar (lowest precedence first):
 *   or      := and (("||" | "or") and)*
 *   and     := not (("&&" | "and") not)*
 *   not     := ("!" | "not") not | compare
 *   compare := value (("==" | "!=" | "<" | "<=" | ">" | ">=" | "~" | "in") value)?
 *   value   := number | string | true | false | name | func "(" metric ")" | "(" or ")" | "-" value
 * A name is letters, digits, `_`, `.`, `/` (`optimizer.learning_rate`, `training.seed`); the names `state`,
 * `experiment`, `id`, `name` and `tags` are the run's own, any other is a config value: its dotted path, or a unique
 * last segment (`lr` finds `optimizer.lr`), or a known alias (`lr` also finds `learning_rate`). Functions of a metric
 * name: `best` (by the metric's goal), `last`, `min`, `max`, `smoothed` (the smoothed last value). `~` is a
 * case-insensitive "contains"; `"x" in tags` tests a tag. A comparison with a missing value is false.
 *
 * Browser-safe (the panel's page checks the filter as it is typed; see core/browser-safe.json).
 */

export const MAX_FILTER_LENGTH = 500;
const MAX_DEPTH = 32;

export const METRIC_FUNCTIONS = ['best', 'last', 'min', 'max', 'smoothed'] as const;
export type MetricFunction = (typeof METRIC_FUNCTIONS)[number];
export const RUN_FIELDS = ['state', 'experiment', 'id', 'name', 'tags'] as const;

/** Short names people type for common config keys (each also matches as a last path segment). */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  lr: ['learning_rate', 'lr'],
  learning_rate: ['learning_rate', 'lr'],
  bs: ['batch_size'],
  seed: ['seed'],
  wd: ['weight_decay'],
};

export type FilterValue = number | string | boolean | readonly string[] | undefined;

type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '~' | 'in';

export type FilterNode =
  | { readonly kind: 'or' | 'and'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly arg: FilterNode }
  | {
      readonly kind: 'cmp';
      readonly op: CmpOp;
      readonly left: FilterNode;
      readonly right: FilterNode;
      readonly at: number;
    }
  | { readonly kind: 'lit'; readonly value: number | string | boolean }
  | { readonly kind: 'name'; readonly name: string; readonly at: number }
  | { readonly kind: 'metric'; readonly fn: MetricFunction; readonly metric: string; readonly at: number }
  | { readonly kind: 'neg'; readonly arg: FilterNode; readonly at: number };

/** A bad expression: what is wrong and at which character (0-based). */
export class FilterError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

/** The message with the expression and a caret under the place (for a notice or a tooltip). */
export function describeFilterError(source: string, e: FilterError): string {
  const line = source.replace(/[\r\n\t]/g, ' ');
  return `${e.message} (at character ${e.position + 1})\n${line}\n${' '.repeat(Math.min(e.position, line.length))}^`;
}

type Tok =
  | { t: 'num'; v: number; at: number; end: number }
  | { t: 'str'; v: string; at: number; end: number }
  | { t: 'name'; v: string; at: number; end: number }
  | { t: 'op'; v: string; at: number; end: number }
  | { t: 'end'; at: number; end: number };

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_./]/;
const OPS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '~', '-', '='];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const at = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 64));
      const text = m ? m[0] : c;
      i += text.length;
      if (NAME_START.test(src[i] ?? ''))
        throw new FilterError(`a number runs into a name: "${text}${src[i] ?? ''}…"`, at);
      out.push({ t: 'num', v: Number(text), at, end: i });
      continue;
    }
    if (c === '"' || c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new FilterError(`a string opened here is never closed (add ${c})`, at);
        const d = src[i] as string;
        if (d === '\\' && i + 1 < src.length) {
          v += src[i + 1];
          i += 2;
          continue;
        }
        i++;
        if (d === c) break;
        v += d;
      }
      out.push({ t: 'str', v, at, end: i });
      continue;
    }
    if (NAME_START.test(c)) {
      while (i < src.length && NAME_PART.test(src[i] as string)) i++;
      out.push({ t: 'name', v: src.slice(at, i), at, end: i });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new FilterError(`unexpected character ${JSON.stringify(c)}`, at);
    if (op === '=') throw new FilterError('use == to compare ("=" alone is not an operator)', at);
    i += op.length;
    out.push({ t: 'op', v: op, at, end: i });
  }
  out.push({ t: 'end', at: src.length, end: src.length });
  return out;
}

const CMP: readonly string[] = ['==', '!=', '<', '<=', '>', '>=', '~'];

/** Parses a filter; throws `FilterError` on a bad one. An empty (or blank) filter is undefined: every run passes. */
export function parseFilter(src: string): FilterNode | undefined {
  if (src.length > MAX_FILTER_LENGTH)
    throw new FilterError(`the filter is longer than ${MAX_FILTER_LENGTH} characters`, MAX_FILTER_LENGTH);
  const toks = tokenize(src);
  if (toks.length === 1) return undefined;
  let p = 0;
  let depth = 0;
  const peek = (): Tok => toks[p] as Tok;
  const next = (): Tok => toks[p++] as Tok;
  const isOp = (v: string): boolean => {
    const t = peek();
    return t.t === 'op' && t.v === v;
  };
  const isWord = (v: string): boolean => {
    const t = peek();
    return t.t === 'name' && t.v === v;
  };
  const what = (t: Tok): string =>
    t.t === 'end' ? 'the end' : t.t === 'str' ? JSON.stringify(t.v) : `"${src.slice(t.at, t.end)}"`;
  const enter = (at: number): void => {
    if (++depth > MAX_DEPTH) throw new FilterError(`nested more than ${MAX_DEPTH} deep`, at);
  };

  const or = (): FilterNode => {
    let left = and();
    while (isOp('||') || isWord('or')) {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): FilterNode => {
    let left = not();
    while (isOp('&&') || isWord('and')) {
      next();
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const not = (): FilterNode => {
    if (isOp('!') || isWord('not')) {
      const t = next();
      enter(t.at);
      const arg = not();
      depth--;
      return { kind: 'not', arg };
    }
    return compare();
  };
  const compare = (): FilterNode => {
    const left = value();
    const t = peek();
    if ((t.t === 'op' && CMP.includes(t.v)) || (t.t === 'name' && t.v === 'in')) {
      next();
      const right = value();
      if (t.v === 'in' && !(right.kind === 'name' && right.name === 'tags'))
        throw new FilterError('"in" tests a tag: write "name" in tags', t.at);
      return { kind: 'cmp', op: t.v as CmpOp, left, right, at: t.at };
    }
    return left;
  };
  const value = (): FilterNode => {
    const t = next();
    switch (t.t) {
      case 'num':
        return { kind: 'lit', value: t.v };
      case 'str':
        return { kind: 'lit', value: t.v };
      case 'end':
        throw new FilterError('the expression ends too early: a value is missing', t.at);
      case 'op':
        if (t.v === '(') {
          enter(t.at);
          const inner = or();
          depth--;
          const close = next();
          if (close.t !== 'op' || close.v !== ')')
            throw new FilterError(
              `expected ")" to close the "(" at character ${t.at + 1}, found ${what(close)}`,
              close.at,
            );
          return inner;
        }
        if (t.v === '-') {
          enter(t.at);
          const arg = value();
          depth--;
          return { kind: 'neg', arg, at: t.at };
        }
        throw new FilterError(`expected a value, found ${what(t)}`, t.at);
      case 'name': {
        if (t.v === 'true' || t.v === 'false') return { kind: 'lit', value: t.v === 'true' };
        if (['and', 'or', 'not', 'in'].includes(t.v))
          throw new FilterError(`expected a value, found the operator "${t.v}"`, t.at);
        if (isOp('(')) {
          const open = next();
          if (!(METRIC_FUNCTIONS as readonly string[]).includes(t.v))
            throw new FilterError(`unknown function "${t.v}": use ${METRIC_FUNCTIONS.join(', ')}`, t.at);
          const arg = next();
          if (arg.t !== 'name' && arg.t !== 'str')
            throw new FilterError(`${t.v}() takes a metric name, e.g. ${t.v}(val_loss); found ${what(arg)}`, arg.at);
          const close = next();
          if (close.t !== 'op' || close.v !== ')')
            throw new FilterError(`expected ")" after ${t.v}(${arg.v}, found ${what(close)}`, close.at ?? open.at);
          return { kind: 'metric', fn: t.v as MetricFunction, metric: arg.v, at: t.at };
        }
        return { kind: 'name', name: t.v, at: t.at };
      }
    }
  };

  const root = or();
  const rest = peek();
  if (rest.t !== 'end') {
    const hint = rest.t === 'name' || rest.t === 'num' || rest.t === 'str' ? ' (missing && or || before it?)' : '';
    throw new FilterError(`unexpected ${what(rest)}${hint}`, rest.at);
  }
  return root;
}

/** What a filter reads of one run. */
export interface FilterSubject {
  readonly id: string;
  readonly name?: string;
  readonly experiment: string;
  readonly state: string;
  readonly tags: readonly string[];
  /** Config values by dotted path (scalars only). */
  readonly config: Readonly<Record<string, number | string | boolean | null>>;
  /** A summary of a metric, or undefined when the run has no such metric (or it is not known yet). */
  readonly metric: (fn: MetricFunction, name: string) => number | undefined;
}

/** The config value for a name: the exact path, else a unique last segment (aliases included), else undefined. */
export function configValue(
  config: Readonly<Record<string, number | string | boolean | null>>,
  name: string,
): number | string | boolean | undefined {
  const exact = config[name];
  if (exact !== undefined && exact !== null) return exact;
  const lasts = ALIASES[name] ?? [name];
  let found: number | string | boolean | undefined;
  let count = 0;
  for (const [k, v] of Object.entries(config)) {
    const last = k.slice(k.lastIndexOf('.') + 1);
    if (lasts.includes(last) && v !== null) {
      found = v;
      count++;
    }
  }
  return count === 1 ? found : undefined;
}

function evalValue(n: FilterNode, s: FilterSubject): FilterValue {
  switch (n.kind) {
    case 'lit':
      return n.value;
    case 'neg': {
      const v = evalValue(n.arg, s);
      return typeof v === 'number' ? -v : undefined;
    }
    case 'metric':
      return s.metric(n.fn, n.metric);
    case 'name':
      switch (n.name) {
        case 'state':
          return s.state;
        case 'experiment':
          return s.experiment;
        case 'id':
          return s.id;
        case 'name':
          return s.name ?? s.id;
        case 'tags':
          return s.tags;
        default:
          return configValue(s.config, n.name);
      }
    default:
      return evalBool(n, s);
  }
}

function compareValues(op: CmpOp, a: FilterValue, b: FilterValue): boolean {
  if (a === undefined || b === undefined) return false;
  if (op === 'in') return Array.isArray(b) && typeof a === 'string' && b.includes(a);
  if (Array.isArray(a) || Array.isArray(b)) return false;
  if (op === '~') return String(a).toLowerCase().includes(String(b).toLowerCase());
  if (typeof a !== typeof b) return op === '!=';
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function evalBool(n: FilterNode, s: FilterSubject): boolean {
  switch (n.kind) {
    case 'or':
      return evalBool(n.left, s) || evalBool(n.right, s);
    case 'and':
      return evalBool(n.left, s) && evalBool(n.right, s);
    case 'not':
      return !evalBool(n.arg, s);
    case 'cmp':
      return compareValues(n.op, evalValue(n.left, s), evalValue(n.right, s));
    default: {
      // A bare value: true when present and truthy (`has_notes`, `debug`), a number when not 0.
      const v = evalValue(n, s);
      return v !== undefined && v !== false && v !== 0 && v !== '' && !(Array.isArray(v) && v.length === 0);
    }
  }
}

/** Whether the run passes (an undefined filter passes every run). */
export function matchesFilter(f: FilterNode | undefined, s: FilterSubject): boolean {
  return f === undefined || evalBool(f, s);
}

/** Names a filter reads (config names and metric names), for warnings about names no run has. */
export function filterNames(f: FilterNode | undefined): { config: string[]; metrics: string[] } {
  const config = new Set<string>();
  const metrics = new Set<string>();
  const walk = (n: FilterNode): void => {
    switch (n.kind) {
      case 'or':
      case 'and':
      case 'cmp':
        walk(n.left);
        walk(n.right);
        return;
      case 'not':
      case 'neg':
        walk(n.arg);
        return;
      case 'name':
        if (!(RUN_FIELDS as readonly string[]).includes(n.name)) config.add(n.name);
        return;
      case 'metric':
        metrics.add(n.metric);
        return;
      default:
        return;
    }
  };
  if (f) walk(f);
  return { config: [...config], metrics: [...metrics] };
}

/** Does the text read as an expression (rather than words to look for in a run's id, experiment and state)? */
export function looksLikeExpression(text: string): boolean {
  return /[<>=!&|()~]|\bin\s+tags\b/.test(text);
}

/**
 * Completions for the word before the cursor: run fields, functions, config paths and metric names (inside a
 * function's parentheses, only metric names). Sorted, at most `limit`.
 */
export function filterCompletions(
  text: string,
  cursor: number,
  known: { readonly config: readonly string[]; readonly metrics: readonly string[] },
  limit = 50,
): { from: number; items: string[] } {
  const before = text.slice(0, cursor);
  const m = /[A-Za-z0-9_./]*$/.exec(before);
  const word = m ? m[0] : '';
  const from = cursor - word.length;
  const inCall = /\b(best|last|min|max|smoothed)\(\s*$/.test(before.slice(0, from));
  const pool = inCall
    ? known.metrics
    : [...RUN_FIELDS, ...METRIC_FUNCTIONS.map((f) => `${f}(`), ...known.config, 'and', 'or', 'not', 'in'];
  const w = word.toLowerCase();
  const items = [...new Set(pool)]
    .filter((p) => p.toLowerCase().startsWith(w) && p !== word)
    .sort()
    .slice(0, limit);
  return { from, items };
}

/** Config scalars by dotted path (lists as their JSON text), at most `max` keys, strings cut at 200 characters. */
export function flattenScalars(
  value: unknown,
  max = 200,
  prefix = '',
  out: Record<string, number | string | boolean | null> = {},
): Record<string, number | string | boolean | null> {
  if (Object.keys(out).length >= max) return out;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (Object.keys(out).length >= max) break;
      flattenScalars(v, max, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (prefix) {
    const v =
      typeof value === 'number' || typeof value === 'boolean' || value === null
        ? value
        : typeof value === 'string'
          ? value
          : (JSON.stringify(value) ?? String(value));
    out[prefix] = typeof v === 'string' ? v.slice(0, 200) : v;
  }
  return out;
}

/** A run's tags from its config snapshot's `metadata.tags`: a list as is, a map as `key` and `key=value`. */
export function tagsOf(config: unknown): string[] {
  const meta = typeof config === 'object' && config !== null ? (config as Record<string, unknown>).metadata : undefined;
  const tags = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).tags : undefined;
  if (Array.isArray(tags)) return tags.filter((t): t is string => typeof t === 'string').slice(0, 100);
  if (typeof tags === 'object' && tags !== null)
    return Object.entries(tags as Record<string, unknown>)
      .slice(0, 50)
      .flatMap(([k, v]) => [k, `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`]);
  return [];
}
