import { isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { diagnostic } from '../../diagnostic';
import { at, field, has, mapItems, rangeOf, text, type Entry } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t, type Locale } from '../../../../../core/src/l10n';
import { withFixes, replace } from '../experiment/edits';
import { closest, lineOf } from './read';

/** The id-bearing lists of a plan and what their items are called. */
const COLLECTIONS = [
  { path: ['team', 'members'], what: 'team member' },
  { path: ['kpis'], what: 'KPI' },
  { path: ['milestones'], what: 'milestone' },
  { path: ['risks'], what: 'risk' },
  { path: ['contingency_plans'], what: 'contingency plan' },
] as const;
type Target = (typeof COLLECTIONS)[number]['what'];

/** What an item of each list is called, in the reader's language. */
function itemName(target: Target, l: Locale | undefined): string {
  switch (target) {
    case 'team member':
      return t(l, 'team member');
    case 'KPI':
      return t(l, 'KPI');
    case 'milestone':
      return t(l, 'milestone');
    case 'risk':
      return t(l, 'risk');
    case 'contingency plan':
      return t(l, 'contingency plan');
  }
}

/** "the plan lists no team members", … */
function noneListed(target: Target, l: Locale | undefined): string {
  switch (target) {
    case 'team member':
      return t(l, 'the plan lists no team members');
    case 'KPI':
      return t(l, 'the plan lists no KPIs');
    case 'milestone':
      return t(l, 'the plan lists no milestones');
    case 'risk':
      return t(l, 'the plan lists no risks');
    case 'contingency plan':
      return t(l, 'the plan lists no contingency plans');
  }
}

interface Reference {
  readonly node: Node;
  readonly field: string;
  readonly target: Target;
}

/**
 * PLAN-008: ids are unique across the plan (error on each repeat); every `owner` (KPIs, milestones, risks,
 * contingency actions) names a team member, every `depends_on` a milestone, every benefit's `kpi` a KPI and every
 * risk's `contingency` a contingency plan (error on the reference, with a fix when one id is a likely typo).
 */
export const idsAndReferences: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  const out: LiftoffDiagnostic[] = [];
  const ids = new Map<Target, Set<string>>();
  const seen = new Map<string, { what: Target; node: Node }>();
  for (const c of COLLECTIONS) {
    const set = new Set<string>();
    ids.set(c.what, set);
    for (const item of mapItems(at(root, [...c.path]))) {
      const id = field(item.node, 'id');
      const value = text(id);
      if (!has(id) || value === undefined) continue;
      set.add(value);
      const first = seen.get(value);
      if (first) {
        out.push(
          diagnostic(
            settings,
            'PLAN-008',
            'error',
            rangeOf(file, id.node),
            t(
              settings.locale,
              'Id `{0}` is already used by the {1} on line {2}: ids must be unique in the plan, because owners, dependencies and KPI links refer to them.',
              value,
              itemName(first.what, settings.locale),
              lineOf(file, first.node),
            ),
          ),
        );
      } else seen.set(value, { what: c.what, node: id.node });
    }
  }
  for (const ref of references(root)) {
    const value = isScalar(ref.node) ? text({ value: ref.node.value, node: ref.node }) : undefined;
    const known = ids.get(ref.target) ?? new Set<string>();
    if (value === undefined || known.has(value)) continue;
    const range = rangeOf(file, ref.node);
    const l = settings.locale;
    const list = known.size
      ? t(
          l,
          'known ids: {0}',
          [...known]
            .slice(0, 8)
            .map((k) => `\`${k}\``)
            .join(', ') + (known.size > 8 ? ', …' : ''),
        )
      : noneListed(ref.target, l);
    const d = diagnostic(
      settings,
      'PLAN-008',
      'error',
      range,
      t(l, '`{0}: {1}` does not name a {2} ({3}).', ref.field, value, itemName(ref.target, l), list),
    );
    const guess = closest(value, known);
    out.push(
      guess ? withFixes(d, [{ title: t(l, 'Change to `{0}`', guess), edits: [replace(file, ref.node, guess)] }]) : d,
    );
  }
  return out;
};

function references(root: YAMLMap | undefined): Reference[] {
  const refs: Reference[] = [];
  const add = (e: Entry | undefined, name: string, target: Target) => {
    if (has(e)) refs.push({ node: e.node, field: name, target });
  };
  for (const path of [['kpis'], ['milestones'], ['risks']]) {
    for (const item of mapItems(at(root, path))) add(field(item.node, 'owner'), 'owner', 'team member');
  }
  for (const plan of mapItems(at(root, ['contingency_plans']))) {
    for (const action of mapItems(field(plan.node, 'actions')))
      add(field(action.node, 'owner'), 'owner', 'team member');
  }
  for (const m of mapItems(at(root, ['milestones']))) {
    const deps = field(m.node, 'depends_on');
    if (isSeq(deps?.node))
      for (const d of deps.node.items) {
        if (isScalar(d)) refs.push({ node: d, field: 'depends_on', target: 'milestone' });
      }
    else add(deps, 'depends_on', 'milestone');
  }
  for (const b of mapItems(at(root, ['value_proposition', 'benefits']))) add(field(b.node, 'kpi'), 'kpi', 'KPI');
  for (const r of mapItems(at(root, ['risks']))) add(field(r.node, 'contingency'), 'contingency', 'contingency plan');
  return refs;
}
