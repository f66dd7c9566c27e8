/**
 * Scenarios: named overlays on a plan, written in the plan itself —
 *
 *   scenarios:
 *     - name: pessimistic
 *       changes: {financials.monthly_burn: "¥400k", "financials.periods[1].revenue": "¥6M"}
 *
 * Each key of `changes` is a path into the plan (keys joined by dots, list items by `[index]`); its value replaces
 * the value there. There is no cap on their number. The rules check each scenario's plan as they check the plan
 * itself (PLAN-018), and the preview compares them side by side.
 */
import type { PlanPath } from './figures';
import { phrase, say, type Phrase } from '../l10n';

export interface Scenario {
  readonly name: string;
  /** Index into `scenarios`. */
  readonly index: number;
  readonly changes: ReadonlyArray<{ readonly key: string; readonly value: unknown }>;
}

/** `financials.periods[1].revenue` → ['financials', 'periods', 1, 'revenue']; undefined when malformed. */
export function parseChangePath(text: string): PlanPath | undefined {
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]/gy;
  let expectDot = false;
  let i = 0;
  while (i < text.length) {
    if (expectDot && text[i] === '.') {
      i++;
      expectDot = false;
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || (m[1] !== undefined && expectDot)) return undefined;
    if (m[1] !== undefined) out.push(/^\d+$/.test(m[1]) && out.length > 0 ? Number(m[1]) : m[1]);
    else out.push(Number(m[2]));
    i = re.lastIndex;
    expectDot = true;
  }
  return out.length && typeof out[0] === 'string' && text[text.length - 1] !== '.' ? out : undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** The scenarios of a plan (items without a name are called "scenario N"). */
export function scenariosOf(data: unknown): Scenario[] {
  const list = isObj(data) && Array.isArray(data.scenarios) ? data.scenarios : [];
  return list.map((s, index) => {
    const o = isObj(s) ? s : {};
    const name = typeof o.name === 'string' && o.name.trim() ? o.name : `scenario ${index + 1}`;
    const changes = isObj(o.changes) ? Object.entries(o.changes).map(([key, value]) => ({ key, value })) : [];
    return { name, index, changes };
  });
}

export interface ChangeProblem {
  readonly key: string;
  readonly message: string;
  /** The message to say in the reader's language. */
  readonly phrase?: Phrase;
}

/**
 * Where a change lands: the path, when it is well formed and names a value the plan has (a scenario changes values;
 * a path the plan lacks is most likely a typo). Otherwise a problem saying what to write.
 */
export function resolveChange(data: unknown, key: string): { path: PlanPath } | { problem: string; phrase: Phrase } {
  const problem = (p: Phrase) => ({ problem: say('en', p), phrase: p });
  const path = parseChangePath(key);
  if (!path)
    return problem(
      phrase(
        '`{0}` is not a path: write keys joined by dots and list items by [index], e.g. financials.monthly_burn or financials.periods[1].revenue',
        key,
      ),
    );
  if (path[0] === 'scenarios') return problem(phrase('a scenario cannot change the scenarios'));
  let node: unknown = data;
  for (const [i, k] of path.entries()) {
    if (typeof k === 'number') {
      if (!Array.isArray(node) || k >= node.length)
        return problem(phrase('`{0}`: {1} has no item [{2}]', key, pathPrefix(path, i), k));
      node = node[k];
    } else {
      if (!isObj(node)) return problem(phrase('`{0}`: {1} is not a mapping', key, pathPrefix(path, i)));
      if (!Object.prototype.hasOwnProperty.call(node, k))
        return problem(phrase('`{0}`: the plan has no `{1}` to change', key, pathPrefix(path, i + 1)));
      node = node[k];
    }
  }
  return { path };
}

function pathPrefix(path: PlanPath, n: number): string {
  let s = '';
  for (const k of path.slice(0, n)) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k;
  return s || 'the plan';
}

/** The plan with a scenario's changes applied (a copy; the `scenarios` list is dropped), and the changes that do not apply. */
export function applyScenario(data: unknown, scenario: Scenario): { data: unknown; problems: ChangeProblem[] } {
  const copy = structuredClone(data) as unknown;
  if (isObj(copy)) delete copy.scenarios;
  const problems: ChangeProblem[] = [];
  for (const { key, value } of scenario.changes) {
    const r = resolveChange(copy, key);
    if ('problem' in r) {
      problems.push({ key, message: r.problem, phrase: r.phrase });
      continue;
    }
    let node = copy as Obj | unknown[];
    for (const k of r.path.slice(0, -1)) node = (node as Obj)[k as string] as Obj;
    const last = r.path[r.path.length - 1]!;
    (node as Obj)[last as string] = structuredClone(value);
  }
  return { data: copy, problems };
}
