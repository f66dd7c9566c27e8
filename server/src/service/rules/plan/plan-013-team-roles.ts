import { diagnostic } from '../../diagnostic';
import { at, field, keyRange, list, mapItems, str } from '../../yaml-path';
import { t } from '../../../../../core/src/l10n';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { anchor, label } from './read';

const LEADS = ['product_manager', 'project_manager'];
const ML = ['data_scientist', 'ml_engineer', 'algorithm_engineer'];

/**
 * PLAN-013: the team has a product or project lead and an ML role (warning on `team.members`, or on `team` when it
 * lists nobody); every member has at least one responsibility (warning on the member's id).
 */
export const teamRoles: Rule = ({ file, yaml, settings }) => {
  const team = at(yaml.root, ['team']);
  if (!team?.node) return [];
  const membersEntry = at(team.node, ['members']);
  const members = mapItems(membersEntry);
  if (!members.length) {
    return [
      diagnostic(
        settings,
        'PLAN-013',
        'warning',
        keyRange(file, membersEntry ?? team),
        t(
          settings.locale,
          'The team lists no members: add the people (or open positions) who will build and sell the product, with their roles and responsibilities.',
        ),
      ),
    ];
  }
  const out: LiftoffDiagnostic[] = [];
  const roles = new Set(members.map((m) => str(field(m.node, 'role'))));
  const where = keyRange(file, membersEntry ?? team);
  if (!LEADS.some((r) => roles.has(r))) {
    out.push(
      diagnostic(
        settings,
        'PLAN-013',
        'warning',
        where,
        t(
          settings.locale,
          'The team has no product or project lead (`role: product_manager` or `project_manager`): someone must own the roadmap and delivery.',
        ),
      ),
    );
  }
  if (!ML.some((r) => roles.has(r))) {
    out.push(
      diagnostic(
        settings,
        'PLAN-013',
        'warning',
        where,
        t(
          settings.locale,
          'The team has no ML role (`role: data_scientist`, `ml_engineer` or `algorithm_engineer`): an AI product needs someone who builds and evaluates the models — add one, or a planned hire.',
        ),
      ),
    );
  }
  for (const m of members) {
    const resp = field(m.node, 'responsibilities');
    const items = list(resp);
    const ok = items
      ? items.some((i) => typeof i.value === 'string' && i.value.trim() !== '')
      : (str(resp)?.trim() ?? '') !== '';
    if (!ok) {
      out.push(
        diagnostic(
          settings,
          'PLAN-013',
          'warning',
          anchor(file, m),
          t(
            settings.locale,
            'Team member `{0}` has no responsibilities: list at least one thing they own (e.g. "training pipeline", "hospital partnerships").',
            label(m),
          ),
        ),
      );
    }
  }
  return out;
};
