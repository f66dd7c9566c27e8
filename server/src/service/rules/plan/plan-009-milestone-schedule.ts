import { isScalar, isSeq, type Node } from 'yaml';
import { compareDates, formatDate, parseDate, type PlanDate } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, field, has, mapItems, rangeOf, text, valueRange, type Entry, type MapItem } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { label } from './read';

interface Milestone {
  item: MapItem;
  id: string;
  start?: PlanDate;
  due?: PlanDate;
  startEntry?: Entry;
  deps: Array<{ id: string; node: Node }>;
}

/**
 * PLAN-009: a milestone's `start` is not after its `due` (error on `due`); `depends_on` has no cycles (error on the
 * dependency that closes one); a milestone does not start before a dependency is due (warning on `start`).
 * Month-precision dates compare by month: `start: 2026-03` after `due: 2026-03` is fine.
 */
export const milestoneSchedule: Rule = ({ file, yaml, settings }) => {
  const out: LiftoffDiagnostic[] = [];
  const milestones: Milestone[] = mapItems(at(yaml.root, ['milestones'])).map((item) => {
    const startEntry = field(item.node, 'start');
    const start = parseDate(startEntry?.value);
    const due = parseDate(field(item.node, 'due')?.value);
    const depsNode = field(item.node, 'depends_on')?.node;
    const depNodes = isSeq(depsNode) ? depsNode.items : depsNode ? [depsNode] : [];
    const deps = depNodes.flatMap((n) =>
      isScalar(n) && typeof n.value === 'string' ? [{ id: n.value, node: n as Node }] : [],
    );
    return {
      item,
      id: text(field(item.node, 'id')) ?? '',
      deps,
      ...(start && { start }),
      ...(due && { due }),
      ...(startEntry && { startEntry }),
    };
  });
  const byId = new Map(milestones.filter((m) => m.id).map((m) => [m.id, m]));

  for (const m of milestones) {
    const dueEntry = field(m.item.node, 'due');
    if (m.start && m.due && compareDates(m.start, m.due) > 0 && has(dueEntry)) {
      out.push(
        diagnostic(
          settings,
          'PLAN-009',
          'error',
          valueRange(file, dueEntry),
          t(
            settings.locale,
            'Milestone `{0}` is due {1}, before it starts ({2}): `start` must not be after `due`.',
            label(m.item),
            formatDate(m.due),
            formatDate(m.start),
          ),
        ),
      );
    }
    for (const dep of m.deps) {
      const d = byId.get(dep.id);
      if (!d || d === m || !m.start || !d.due || !m.startEntry || compareDates(m.start, d.due) >= 0) continue;
      out.push(
        diagnostic(
          settings,
          'PLAN-009',
          'warning',
          valueRange(file, m.startEntry),
          t(
            settings.locale,
            'Milestone `{0}` starts {1}, before its dependency `{2}` is due ({3}): start it after the dependency or drop the dependency.',
            label(m.item),
            formatDate(m.start),
            dep.id,
            formatDate(d.due),
          ),
        ),
      );
    }
  }

  const state = new Map<Milestone, 'active' | 'done'>();
  const stack: Milestone[] = [];
  const reported = new Set<string>();
  const visit = (m: Milestone): void => {
    state.set(m, 'active');
    stack.push(m);
    for (const dep of m.deps) {
      const next = byId.get(dep.id);
      if (!next) continue;
      if (state.get(next) === 'active') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = cycle
          .map((c) => c.id)
          .sort()
          .join(' ');
        if (reported.has(key)) continue;
        reported.add(key);
        const path = [...cycle.map((c) => c.id), next.id].join(' → ');
        out.push(
          diagnostic(
            settings,
            'PLAN-009',
            'error',
            rangeOf(file, dep.node),
            t(
              settings.locale,
              'Milestones depend on each other in a cycle: {0}. Remove one of these dependencies.',
              path,
            ),
          ),
        );
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(m, 'done');
  };
  for (const m of milestones) if (m.id && !state.has(m)) visit(m);
  return out;
};
