import { compareDates, formatDate, parseDate } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { t } from '../../../../../core/src/l10n';
import { at, field, has, mapItems, str, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { label } from './read';

const FINISHED = new Set(['done', 'cancelled']);

/**
 * PLAN-017: the plan date (`metadata.date`) is past a milestone's `due` and the milestone is not done (nor
 * cancelled) — information on the due date. A due month is past only once the plan date is in a later month.
 */
export const overdueMilestones: Rule = ({ file, yaml, settings }) => {
  const planEntry = at(yaml.root, ['metadata', 'date']);
  const planDate = parseDate(planEntry?.value);
  if (!planDate) return [];
  const out: LiftoffDiagnostic[] = [];
  for (const m of mapItems(at(yaml.root, ['milestones']))) {
    const dueEntry = field(m.node, 'due');
    const due = parseDate(dueEntry?.value);
    const status = str(field(m.node, 'status'));
    if (!due || !has(dueEntry) || (status && FINISHED.has(status)) || compareDates(planDate, due) <= 0) continue;
    out.push(
      diagnostic(
        settings,
        'PLAN-017',
        'information',
        valueRange(file, dueEntry),
        status
          ? t(
              settings.locale,
              'Milestone `{0}` was due {1}, before the plan date {2}, and is not done (status: {3}): update its status or move its due date.',
              label(m),
              formatDate(due),
              formatDate(planDate),
              status,
            )
          : t(
              settings.locale,
              'Milestone `{0}` was due {1}, before the plan date {2}, and is not done (no status): update its status or move its due date.',
              label(m),
              formatDate(due),
              formatDate(planDate),
            ),
      ),
    );
  }
  return out;
};
