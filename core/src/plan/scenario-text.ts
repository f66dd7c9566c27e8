/**
 * A scenario as plan text: the plan's YAML with the scenario's changes written in place of the values they replace,
 * so the language service can validate it and build its view model like any plan (the preview's scenario switcher).
 * Each replaced value is written as one line of JSON (valid YAML flow) followed by as many line breaks as the old
 * value spanned, so every other line keeps its number and a click in the scenario's preview reveals the right line
 * of the plan. The `scenarios` section stays as written. Changes that do not apply (see `resolveChange`) are left out,
 * as `applyScenario` leaves them out.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { resolveChange, type Scenario } from './scenarios';

/** The plan text with `scenario`'s changes applied, or undefined when the text is not a plan mapping that parses. */
export function scenarioText(text: string, scenario: Scenario): string | undefined {
  let out = text;
  for (const { key, value } of scenario.changes) {
    const doc = parseDocument(out, { keepSourceTokens: false, uniqueKeys: false });
    if (doc.errors.length || !isMap(doc.contents)) return undefined;
    const r = resolveChange(doc.toJS({ maxAliasCount: 100 }) as unknown, key);
    if ('problem' in r) continue;
    const node = nodeAt(doc.contents, r.path);
    const range = node?.range;
    if (!range) continue;
    const [start, end] = range;
    const old = out.slice(start, end);
    const breaks = old.split('\n').length - 1;
    const written = flow(value) + '\n'.repeat(breaks);
    out = out.slice(0, start) + written + out.slice(end);
  }
  return out;
}

/** One line of YAML for a value (JSON is YAML's flow style); dates as their ISO text. */
function flow(value: unknown): string {
  // JSON writes -0 as `0`; YAML reads `-0` back as -0, so the scenario's plan is the one applyScenario makes.
  if (Object.is(value, -0)) return '-0';
  return JSON.stringify(value ?? null) ?? 'null';
}

function nodeAt(root: Node, path: ReadonlyArray<string | number>): Node | undefined {
  let node: unknown = root;
  for (const k of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === k);
      node = pair?.value;
    } else if (isSeq(node) && typeof k === 'number') node = node.items[k];
    else return undefined;
  }
  return node as Node | undefined;
}
