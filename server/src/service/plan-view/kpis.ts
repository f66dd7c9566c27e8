/** KPIs: baseline → target, with the direction check of PLAN-014 shown as a mismatch. */
import { t } from '../../../../core/src/l10n';
import { formatNumber, humanize } from '../../../../core/src/plan/render';
import type { Block, KpiView } from '../../../../core/src/plan/render';
import { child, isMapAt, items, ref, scalarNumber, scalarText, summary, type At, type BuildContext } from './tree-at';
import { genericBlocks, otherKeys } from './generic';
import { noteAt } from './money-view';

export function kpiBlocks(ctx: BuildContext, at: At): Block[] {
  const list = items(at);
  if (!list.length) return genericBlocks(ctx, at, undefined, 1);
  const views: KpiView[] = [];
  const notes: Block[] = [];
  for (const [i, k] of list.entries()) {
    if (!isMapAt(k)) {
      notes.push(noteAt(ctx, k, t(ctx.locale, '`kpis[{0}]` is not a mapping: left out.', i)));
      continue;
    }
    const unit = scalarText(child(k, 'unit'));
    const baseline = scalarNumber(child(k, 'baseline'));
    const target = scalarNumber(child(k, 'target'));
    const dir = scalarText(child(k, 'direction'));
    const direction = dir === 'increase' || dir === 'decrease' ? dir : undefined;
    const show = (n: number | undefined, at2: At) =>
      n === undefined ? summary(at2) || '—' : `${formatNumber(n)}${unit === 'pct' ? ' %' : unit ? ` ${unit}` : ''}`;
    const consistent =
      baseline !== undefined && target !== undefined && direction
        ? direction === 'increase'
          ? target > baseline
          : target < baseline
        : undefined;
    const measured = child(k, 'measured_by');
    const metric = scalarText(child(measured, 'metric'));
    const id = scalarText(child(k, 'id'));
    const deadline = scalarText(child(k, 'deadline'));
    const owner = scalarText(child(k, 'owner'));
    views.push({
      name: scalarText(child(k, 'name')) ?? id ?? `KPI ${i + 1}`,
      baselineDisplay: show(baseline, child(k, 'baseline')),
      targetDisplay: show(target, child(k, 'target')),
      ref: ref(ctx, k),
      ...(id && { id }),
      ...(unit && { unit: unit === 'pct' ? '%' : unit }),
      ...(baseline !== undefined && { baseline }),
      ...(target !== undefined && { target }),
      ...(direction && { direction }),
      ...(consistent !== undefined && { consistent }),
      ...(deadline && { deadline }),
      ...(owner && { owner }),
      ...(metric && {
        measuredBy: scalarText(child(measured, 'experiment'))
          ? t(ctx.locale, '{0} in {1}', metric, scalarText(child(measured, 'experiment')))
          : `${metric}`,
      }),
    });
    if (baseline === undefined || target === undefined)
      notes.push(
        noteAt(
          ctx,
          k,
          t(ctx.locale, 'KPI `{0}` needs numeric `baseline` and `target` to draw its progress bar.', id ?? i + 1),
          'info',
        ),
      );
  }
  return views.length ? [{ kind: 'kpis', items: views }, ...notes] : notes;
}

export function selectionBlocks(ctx: BuildContext, at: At): Block[] {
  const entries = ['market_demand', 'technical_feasibility', 'competition', 'business_potential'];
  if (!isMapAt(at)) return genericBlocks(ctx, at, undefined, 1);
  const rows = entries.map((key) => {
    const e = child(at, key);
    const score = scalarNumber(isMapAt(e) ? child(e, 'score') : e);
    const evidence = scalarText(child(e, 'evidence'));
    return {
      label: humanize(key),
      ref: ref(ctx, e),
      ...(score !== undefined && score >= 1 && score <= 5 && { score }),
      ...(evidence && { evidence }),
    };
  });
  return [{ kind: 'scores', items: rows }, ...otherKeys(ctx, at, entries)];
}
