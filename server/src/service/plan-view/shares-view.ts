/** A list of percentage shares (revenue streams, use of funds) as a donut, summed with core's share helpers. */
import { t } from '../../../../core/src/l10n';
import { isHundred, sumShares } from '../../../../core/src/plan';
import { formatPct } from '../../../../core/src/plan/render';
import type { Block, DonutBlock } from '../../../../core/src/plan/render';
import { child, isMapAt, items, pathLabel, ref, scalarNumber, scalarText, type At, type BuildContext } from './tree-at';
import { noteAt } from './money-view';

export function sharesDonut(
  ctx: BuildContext,
  list: At,
  spec: { id: string; title: string; pct: string; name: string },
): Block[] {
  const notes: Block[] = [];
  const chart = spec.id === 'use-of-funds' ? t(ctx.locale, 'use of funds') : t(ctx.locale, 'revenue streams');
  const slices: Array<DonutBlock['slices'][number]> = [];
  for (const [i, item] of items(list).entries()) {
    const pctAt = child(item, spec.pct);
    const value = scalarNumber(pctAt);
    const label = scalarText(child(item, spec.name)) ?? scalarText(item) ?? `#${i + 1}`;
    if (!isMapAt(item) || value === undefined || value < 0) {
      notes.push(
        noteAt(
          ctx,
          isMapAt(item) ? pctAt : item,
          value === undefined
            ? t(
                ctx.locale,
                '{0} ({1}): `{2}` is missing or not a number, so it is not in the {3} chart.',
                pathLabel(item.path),
                label,
                spec.pct,
                chart,
              )
            : t(
                ctx.locale,
                '{0} ({1}): `{2}` is negative, so it is not in the {3} chart.',
                pathLabel(item.path),
                label,
                spec.pct,
                chart,
              ),
        ),
      );
      continue;
    }
    slices.push({ label, value, display: formatPct(value), ref: ref(ctx, item) });
  }
  if (!slices.length) return notes;
  const total = sumShares(slices.map((s) => s.value));
  if (!isHundred(slices.map((s) => s.value))) {
    notes.unshift(
      noteAt(
        ctx,
        list,
        t(
          ctx.locale,
          'The {0} shares add up to {1}, not 100 %: the chart shows each share of the total.',
          chart,
          formatPct(total),
        ),
      ),
    );
  }
  return [
    { kind: 'donut', id: spec.id, title: spec.title, slices, total, centre: formatPct(total), ref: ref(ctx, list) },
    ...notes,
  ];
}
