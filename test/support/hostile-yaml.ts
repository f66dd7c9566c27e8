/**
 * Hostile documents for the language server's fuzz proof (bench/fuzz.ts, test/lsp/fuzz.test.ts) and the rule
 * runner's unit tests: alias bombs placed in every section, deep nesting, mutations of real fixtures, and the
 * path fields where a document can name a FIFO or a device. Deterministic for a given seed.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** A "billion laughs" prelude: `*bomb` expands to 9^5 strings; 5 anchors, far past the 100-expansion limit. */
export const BOMB_PRELUDE = [
  'x-bomb-a: &bomb_a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  'x-bomb-b: &bomb_b [*bomb_a, *bomb_a, *bomb_a, *bomb_a, *bomb_a, *bomb_a, *bomb_a, *bomb_a, *bomb_a]',
  'x-bomb-c: &bomb_c [*bomb_b, *bomb_b, *bomb_b, *bomb_b, *bomb_b, *bomb_b, *bomb_b, *bomb_b, *bomb_b]',
  'x-bomb-d: &bomb_d [*bomb_c, *bomb_c, *bomb_c, *bomb_c, *bomb_c, *bomb_c, *bomb_c, *bomb_c, *bomb_c]',
  'x-bomb: &bomb [*bomb_d, *bomb_d, *bomb_d, *bomb_d, *bomb_d, *bomb_d, *bomb_d, *bomb_d, *bomb_d]',
].join('\n');

/** Paths to every mapping value and sequence item of `text`, down to `depth` levels (header keys excluded). */
export function valuePaths(text: string, depth = 3): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const walk = (node: unknown, path: Array<string | number>): void => {
    if (path.length >= depth) return;
    if (isMap(node)) {
      for (const p of node.items) {
        if (!isScalar(p.key)) continue;
        const key = String(p.key.value);
        if (path.length === 0 && (key === 'apiVersion' || key === 'kind')) continue;
        out.push([...path, key]);
        walk(p.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((n, i) => {
        out.push([...path, i]);
        walk(n, [...path, i]);
      });
    }
  };
  walk(parseDocument(text).contents, []);
  return out;
}

/** `text` with the value at `path` replaced by an alias to the bomb (the prelude's anchors come first). */
export function withBombAt(text: string, path: ReadonlyArray<string | number>): string {
  const doc = parseDocument(`${BOMB_PRELUDE}\n${text}`);
  const bomb = doc.get('x-bomb', true) as Node;
  doc.setIn(path, doc.createAlias(bomb as never));
  return doc.toString({ lineWidth: 0 });
}

/** One alias-bombed variant of `text` per value path (every section and what it holds, `depth` levels deep). */
export function aliasBombs(text: string, depth = 2): Array<{ path: string; text: string }> {
  return valuePaths(text, depth).map((p) => ({ path: p.join('.'), text: withBombAt(text, p) }));
}

/** A document of `kind` nested `depth` levels deep in flow style: `x: [[[…]]]`. */
export function deepFlow(kind: 'Experiment' | 'BusinessPlan', depth: number): string {
  return `apiVersion: liftoff/v1\nkind: ${kind}\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

/** A document of `kind` nested `depth` levels deep as compact block sequences: `- - - - 1`. */
export function deepBlock(kind: 'Experiment' | 'BusinessPlan', depth: number): string {
  return `apiVersion: liftoff/v1\nkind: ${kind}\nx:\n${'- '.repeat(depth)}1\n`;
}

/** A small, fast, seedable PRNG (mulberry32), so a failing fuzz case can be replayed from its seed. */
export { seededRandom as prng } from '../../core/src/plan/seeded-random';

const NOISE = [
  '',
  ' ',
  '\t',
  '\n',
  ':',
  '- ',
  '#',
  '&a ',
  '*a',
  '!!binary ',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '|',
  '>',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\u202E',
  '𝔘',
  '?',
  '@',
  '`',
  '\r\n',
  '<<: *a\n',
  '~',
  '.nan',
  '1e999',
  '0x',
  '-.inf',
];

/** One random edit of `text`: delete, duplicate or re-indent a line, cut the text, or splice YAML punctuation in. */
export function mutate(text: string, rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const lines = text.split('\n');
  const i = Math.floor(rand() * lines.length);
  switch (Math.floor(rand() * 6)) {
    case 0:
      lines.splice(i, 1);
      return lines.join('\n');
    case 1:
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    case 2:
      lines[i] = (rand() < 0.5 ? ' ' : '') + (lines[i] ?? '').slice(rand() < 0.5 ? 1 : 0);
      return lines.join('\n');
    case 3:
      return text.slice(0, Math.floor(rand() * text.length));
    default: {
      const at = Math.floor(rand() * text.length);
      return text.slice(0, at) + pick(NOISE) + text.slice(at + (rand() < 0.3 ? 1 : 0));
    }
  }
}

/**
 * Where a document names a file the rules read or stat, by kind; `{}` stands for the path. An Experiment's
 * `inference.model` is read only when labels are known, so the template carries them.
 */
export const PATH_FIELDS: Record<
  'Experiment' | 'BusinessPlan',
  ReadonlyArray<{ field: string; text: (p: string) => string }>
> = {
  Experiment: [
    { field: 'data.train', text: (p) => exp(`data:\n  train: ${q(p)}\n  format: csv\n  features: [a]\n  target: b\n`) },
    {
      field: 'data.validation',
      text: (p) => exp(`data:\n  train: s3://bucket/train.csv\n  validation: ${q(p)}\n  format: csv\n  target: b\n`),
    },
    {
      field: 'data.test',
      text: (p) => exp(`data:\n  train: s3://bucket/train.csv\n  test: ${q(p)}\n  format: csv\n  target: b\n`),
    },
    { field: 'run.command', text: (p) => exp(`run:\n  trainer: command\n  command: [python, ${q(p)}]\n`) },
    {
      field: 'run.working_dir',
      text: (p) => exp(`run:\n  trainer: command\n  working_dir: ${q(p)}\n  command: [python, train.py]\n`),
    },
    {
      field: 'inference.model',
      text: (p) => exp(`task:\n  type: classification\n  labels: [no, yes]\ninference:\n  model: ${q(p)}\n`),
    },
    {
      field: 'metadata.linked_plan',
      text: (p) => `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: special\n  linked_plan: ${q(p)}\n`,
    },
  ],
  BusinessPlan: [
    { field: 'solution.linked_experiments', text: (p) => plan(`solution:\n  linked_experiments: [${q(p)}]\n`) },
    {
      field: 'milestones.linked_experiment',
      text: (p) => plan(`milestones:\n  - id: m1\n    title: M1\n    linked_experiment: ${q(p)}\n`),
    },
    {
      field: 'kpis.measured_by.experiment',
      text: (p) => plan(`kpis:\n  - id: k1\n    name: K1\n    measured_by:\n      experiment: ${q(p)}\n`),
    },
  ],
};

const q = (p: string): string => JSON.stringify(p);
const exp = (body: string): string => `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: special\n${body}`;
const plan = (body: string): string =>
  `apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata:\n  name: special\n${body}`;
