/**
 * Documents written the way people write them. Right after parsing, each Liftoff document's tree is rewritten into
 * its canonical shape, so that the schema check, every rule, hover and the plan preview's maths read one form:
 * - a single value where a list is expected becomes a one-item list (`depends_on: m1`, `channels: angel`);
 * - a name where a list item with one required label key is expected becomes that item
 *   (`segments: [SMBs, banks]` → `[{name: SMBs}, {name: banks}]`, `preprocessing: [standardize]`);
 * - a synonym or spelling variant of an enum value becomes the canonical value (`phase: development` → `training`),
 *   and is reported as information with a quick fix to the canonical spelling (see `enum-vocabulary.ts`).
 * Rewritten nodes keep their source ranges, so every diagnostic still points at what the user wrote.
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';
import { canonicalOf, type DocumentKind } from './enum-vocabulary';

/**
 * Lists whose item may be written as its one required label (the key the short form fills). A unit test checks each
 * against the schema: the path is a list of mappings whose only required key is this one.
 */
export const NAMED_LISTS: Readonly<Record<DocumentKind, Readonly<Record<string, string>>>> = {
  Experiment: {
    'data.preprocessing': 'op',
    'data.augmentation.ops': 'op',
  },
  BusinessPlan: {
    'target_users.segments': 'name',
    'target_users.personas': 'name',
    'market.competition.competitors': 'name',
    'team.advisors': 'name',
    'team.hiring.plan': 'role',
    'value_proposition.benefits': 'claim',
    'contingency_plans[].actions': 'action',
    'financing.rounds': 'name',
  },
};

/**
 * Lists where one value may stand for a one-item list. Left out on purpose: argument lists (`run.command`,
 * `run.slurm.extra_args`: a string there is a shell line, which EXP-018 explains), pairs (`betas`) and class labels
 * (`labels: cat, dog` is one string, not a list). A unit test checks each path is a list in the schema.
 */
export const LISTS: Readonly<Record<DocumentKind, readonly string[]>> = {
  Experiment: [
    'metadata.tags',
    'data.features',
    'data.augmentation.applies_to',
    'data.preprocessing',
    'data.augmentation.ops',
    'model.hidden_layers',
    'metrics.track',
    'metrics.sources',
    'evaluation.metrics',
    'inference.feature_order',
    'privacy.anonymization.fields',
    'privacy.regulations',
    'monitoring.metrics',
  ],
  BusinessPlan: [
    'problem.pain_points',
    'solution.linked_experiments',
    'target_users.segments',
    'target_users.personas',
    'target_users.personas[].needs',
    'target_users.personas[].pain_points',
    'market.trends',
    'market.competition.competitors',
    'market.competition.competitors[].strengths',
    'market.competition.competitors[].weaknesses',
    'value_proposition.benefits',
    'go_to_market.channels',
    'team.members[].responsibilities',
    'team.advisors',
    'team.hiring.channels',
    'team.hiring.plan',
    'financing.channels',
    'financing.rounds',
    'milestones[].depends_on',
    'contingency_plans[].actions',
  ],
};

/** One enum value read as another: where, what was written, what it means, and why when not obvious. */
export interface ShortFormNote {
  /** Source offsets of the value. */
  readonly range: readonly [number, number];
  /** The value's place with list indices, e.g. `milestones[2].phase`. */
  readonly where: string;
  readonly written: string;
  readonly canonical: string;
  readonly why?: string;
}

/** What a rewritten scalar was written as, for hover. */
const written = new WeakMap<Node, string>();
/** Lists and mappings made from a scalar: their text is that scalar, so edits must not treat them as written. */
const synthesized = new WeakSet<Node>();

/**
 * True for a list or mapping the normaliser made from a scalar (`channels: angel`, `segments: [SMBs]`'s items). An
 * edit that inserts into or removes from it must replace the scalar instead (or offer no fix).
 */
export function isSynthesized(node: unknown): boolean {
  return !!node && typeof node === 'object' && synthesized.has(node as Node);
}

export function writtenAs(node: unknown): string | undefined {
  return node && typeof node === 'object' ? written.get(node as Node) : undefined;
}

/** Rewrites the document's tree in place (see the module comment) and returns the enum values it read as others. */
export function normalise(doc: Document.Parsed, kind: DocumentKind): ShortFormNote[] {
  const notes: ShortFormNote[] = [];
  const lists = new Set(LISTS[kind]);
  const named = NAMED_LISTS[kind];
  const visit = (node: unknown, path: string, where: string, depth: number): unknown => {
    if (depth > 12) return node;
    if (lists.has(path) && isScalar(node) && node.value !== null && node.value !== '') {
      const seq = new YAMLSeq(doc.schema);
      seq.items.push(node);
      seq.range = node.range;
      seq.flow = true;
      synthesized.add(seq);
      node = seq;
    }
    if (isSeq(node)) {
      const label = named[path];
      node.items = node.items.map((item, i) => {
        let it: unknown = item;
        if (label && isScalar(it) && typeof it.value === 'string' && it.value.trim() !== '') {
          const map = new YAMLMap(doc.schema);
          map.items.push(new Pair(new Scalar(label), it));
          map.range = it.range;
          map.flow = true;
          synthesized.add(map);
          it = map;
        }
        return visit(it, `${path}[]`, `${where}[${i}]`, depth + 1);
      });
      return node;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
        const key = pair.key.value;
        pair.value = visit(pair.value, path ? `${path}.${key}` : key, where ? `${where}.${key}` : key, depth + 1);
      }
      return node;
    }
    if (isScalar(node) && typeof node.value === 'string' && node.range) {
      const c = canonicalOf(kind, path, node.value);
      if (c) {
        notes.push({
          range: [node.range[0], node.range[1]],
          where,
          written: node.value,
          canonical: c.value,
          why: c.why,
        });
        written.set(node, node.value);
        node.value = c.value;
      }
    }
    return node;
  };
  if (doc.contents) doc.contents = visit(doc.contents, '', '', 0) as typeof doc.contents;
  return notes;
}
