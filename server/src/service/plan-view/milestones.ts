/** Milestones as a Gantt timeline (dates parsed by core/src/plan/dates) and a table. */
import { t } from '../../../../core/src/l10n';
import { daysInMonth, monthIndex, parseDate, type PlanDate } from '../../../../core/src/plan';
import { humanize } from '../../../../core/src/plan/render';
import type { Block, GanttBar } from '../../../../core/src/plan/render';
import { child, isAbsent, isMapAt, items, js, ref, scalarText, summary, type At, type BuildContext } from './tree-at';
import { genericBlocks } from './generic';
import { noteAt } from './money-view';

/** A date as a fractional month index: the start of its day (or month); `end` gives the end of the day (or month). */
function position(d: PlanDate, end: boolean): number {
  const days = daysInMonth(d.year, d.month);
  if (d.day === undefined) return monthIndex(d) + (end ? 1 : 0);
  return monthIndex(d) + (d.day - (end ? 0 : 1)) / days;
}

export function milestoneBlocks(ctx: BuildContext, at: At, planDateValue: unknown): Block[] {
  const list = items(at);
  if (!list.length) return genericBlocks(ctx, at, undefined, 1);
  const bars: GanttBar[] = [];
  const notes: Block[] = [];
  for (const [i, m] of list.entries()) {
    if (!isMapAt(m)) {
      notes.push(
        noteAt(
          ctx,
          m,
          t(
            ctx.locale,
            '`milestones[{0}]` is not a mapping: {1} is not on the timeline.',
            i,
            summary(m) || t(ctx.locale, 'empty'),
          ),
        ),
      );
      continue;
    }
    const id = scalarText(child(m, 'id')) ?? `#${i + 1}`;
    const startAt = child(m, 'start');
    const dueAt = child(m, 'due');
    const start = parseDate(js(ctx, startAt));
    const due = parseDate(js(ctx, dueAt));
    if (!due && !start) {
      notes.push(
        noteAt(
          ctx,
          m,
          isAbsent(startAt) && isAbsent(dueAt)
            ? t(ctx.locale, 'Milestone `{0}` has no dates: it is not on the timeline.', id)
            : t(
                ctx.locale,
                'Milestone `{0}` has no valid `start` or `due` date (YYYY-MM or YYYY-MM-DD): it is not on the timeline.',
                id,
              ),
        ),
      );
      continue;
    }
    const s = start ? position(start, false) : position(due!, false);
    const e = due ? position(due, true) : position(start!, true);
    if (e < s)
      notes.push(
        noteAt(
          ctx,
          dueAt,
          t(ctx.locale, 'Milestone `{0}` is due before it starts: drawn as a point at its due date.', id),
        ),
      );
    const status = scalarText(child(m, 'status'));
    const owner = scalarText(child(m, 'owner'));
    const phase = scalarText(child(m, 'phase'));
    const deps = child(m, 'depends_on');
    bars.push({
      id,
      label: scalarText(child(m, 'title')) ?? id,
      start: e < s ? e - 0.0001 : s,
      end: e,
      startDisplay: scalarText(startAt) ?? '—',
      dueDisplay: scalarText(dueAt) ?? '—',
      dependsOn: items(deps).length ? items(deps).map(summary) : scalarText(deps) ? [scalarText(deps)!] : [],
      ref: ref(ctx, m),
      ...(status && { status }),
      ...(owner && { owner }),
      ...(phase && { phase }),
    });
  }
  const out: Block[] = [];
  if (bars.length) {
    const plan = parseDate(planDateValue);
    const planPos = plan ? position(plan, false) : undefined;
    const from = Math.floor(Math.min(...bars.map((b) => b.start), planPos ?? Infinity));
    const to = Math.max(from + 1, Math.ceil(Math.max(...bars.map((b) => b.end), planPos ?? -Infinity)));
    out.push({ kind: 'gantt', from, to, bars, ...(planPos !== undefined && { planDate: planPos }) });
  }
  out.push(
    {
      kind: 'table',
      id: 'milestones',
      ref: ref(ctx, at),
      columns: [
        { label: 'Milestone' },
        { label: 'Phase' },
        { label: 'Start', nowrap: true },
        { label: 'Due', nowrap: true },
        { label: 'Owner' },
        { label: 'Depends on' },
        { label: 'Status', nowrap: true },
      ],
      rows: list.filter(isMapAt).map((m) => ({
        cells: [
          scalarText(child(m, 'title')) ?? scalarText(child(m, 'id')) ?? '',
          humanize(summary(child(m, 'phase'))),
          summary(child(m, 'start')),
          summary(child(m, 'due')),
          summary(child(m, 'owner')),
          summary(child(m, 'depends_on')),
          humanize(summary(child(m, 'status'))),
        ],
        ref: ref(ctx, m),
        ...(scalarText(child(m, 'status')) === 'done' && { tone: 'good' as const }),
      })),
    },
    ...notes,
  );
  return out;
}
