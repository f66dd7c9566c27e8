/** Team by role (founders first within a role), the hiring plan and advisors. */
import { t } from '../../../../core/src/l10n';
import { humanize } from '../../../../core/src/plan/render';
import type { Block, TeamMemberView } from '../../../../core/src/plan/render';
import { child, isMapAt, items, ref, scalarText, summary, type At, type BuildContext } from './tree-at';
import { genericBlocks, otherKeys } from './generic';
import { noteAt } from './money-view';

/** Leadership first, then the order roles first appear in. */
const LEAD = ['ceo', 'cto', 'coo', 'cfo', 'product_manager', 'project_manager'];
const STATUS_ORDER = ['founder', 'hired', 'hiring', 'planned'];

export function teamBlocks(ctx: BuildContext, at: At): Block[] {
  const out: Block[] = [];
  const members = child(at, 'members');
  const groups = new Map<string, TeamMemberView[]>();
  for (const [i, m] of items(members).entries()) {
    if (!isMapAt(m)) {
      out.push(
        noteAt(
          ctx,
          m,
          t(
            ctx.locale,
            '`team.members[{0}]` is not a mapping: {1} is left out of the team.',
            i,
            summary(m) || t(ctx.locale, 'empty'),
          ),
        ),
      );
      continue;
    }
    const role = scalarText(child(m, 'role')) ?? 'unassigned';
    const status = scalarText(child(m, 'status'));
    const start = scalarText(child(m, 'start'));
    const title = scalarText(child(m, 'title'));
    const responsibilities = items(child(m, 'responsibilities')).map(summary).filter(Boolean);
    const single = scalarText(child(m, 'responsibilities'));
    const view: TeamMemberView = {
      name:
        scalarText(child(m, 'name')) ??
        (status === 'hiring' || status === 'planned'
          ? t(ctx.locale, 'Open position ({0})', scalarText(child(m, 'id')) ?? `#${i + 1}`)
          : (scalarText(child(m, 'id')) ?? `#${i + 1}`)),
      responsibilities: single ? [single] : responsibilities,
      ref: ref(ctx, m),
      ...(title && { title }),
      ...(status && { status }),
      ...(start && { start }),
    };
    groups.set(role, [...(groups.get(role) ?? []), view]);
  }
  const roles = [...groups.keys()].sort((a, b) => rank(a) - rank(b));
  if (roles.length) {
    out.unshift({
      kind: 'team',
      groups: roles.map((role) => ({
        role: role === 'unassigned' ? t(ctx.locale, 'No role given') : humanize(role),
        members: [...(groups.get(role) ?? [])].sort((a, b) => statusRank(a.status) - statusRank(b.status)),
      })),
    });
  } else out.push(...genericBlocks(ctx, members, 'Members', 1));
  const hiring = child(at, 'hiring');
  out.push(...genericBlocks(ctx, hiring, t(ctx.locale, 'Hiring'), 1));
  out.push(...genericBlocks(ctx, child(at, 'advisors'), 'Advisors', 1));
  out.push(...otherKeys(ctx, at, ['members', 'hiring', 'advisors']));
  return out;
}

function rank(role: string): number {
  const i = LEAD.indexOf(role);
  return i >= 0 ? i : role === 'unassigned' ? 1000 : 100;
}

function statusRank(status: string | undefined): number {
  const i = STATUS_ORDER.indexOf(status ?? '');
  return i >= 0 ? i : STATUS_ORDER.length;
}
