/** A list of percentage shares (revenue streams, use of funds) as a donut, summed with core's share helpers. */
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
          `${pathLabel(item.path)} (${label}): \`${spec.pct}\` is ${value === undefined ? 'missing or not a number' : 'negative'}, so it is not in the ${spec.title.toLowerCase()} chart.`,
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
        `The ${spec.title.toLowerCase()} shares add up to ${formatPct(total)}, not 100 %: the chart shows each share of the total.`,
      ),
    );
  }
  return [
    { kind: 'donut', id: spec.id, title: spec.title, slices, total, centre: formatPct(total), ref: ref(ctx, list) },
    ...notes,
  ];
}
