/** Business model: the revenue-stream donut and table, pricing tiers; go-to-market channels. */
import { humanize } from '../../../../core/src/plan/render';
import type { Block } from '../../../../core/src/plan/render';
import { child, isMapAt, items, ref, scalarText, summary, type At, type BuildContext } from './tree-at';
import { genericBlocks, otherKeys } from './generic';
import { moneyAt } from './money-view';
import { sharesDonut } from './shares-view';
import { t } from '../../../../core/src/l10n';

export function businessModelBlocks(ctx: BuildContext, at: At): Block[] {
  const out: Block[] = [];
  const streams = child(at, 'revenue_streams');
  if (items(streams).length) {
    out.push(
      ...sharesDonut(ctx, streams, { id: 'revenue-streams', title: 'Revenue streams', pct: 'share_pct', name: 'name' }),
    );
    out.push({
      kind: 'table',
      id: 'revenue-streams',
      ref: ref(ctx, streams),
      columns: [{ label: 'Stream' }, { label: 'Type' }, { label: 'Customer' }, { label: 'Share', numeric: true }],
      rows: items(streams).map((s) => ({
        cells: isMapAt(s)
          ? [
              summary(child(s, 'name')),
              label(child(s, 'type')),
              label(child(s, 'customer_type')),
              pct(child(s, 'share_pct')),
            ]
          : [summary(s), '', '', ''],
        ref: ref(ctx, s),
      })),
    });
  } else out.push(...genericBlocks(ctx, streams, 'Revenue streams', 1));

  const pricing = child(at, 'pricing');
  out.push(...genericBlocks(ctx, child(pricing, 'strategy'), t(ctx.locale, 'Pricing strategy'), 1));
  const tiers = child(pricing, 'tiers');
  if (items(tiers).length) {
    const notes: Block[] = [];
    out.push(
      {
        kind: 'table',
        id: 'pricing',
        label: 'Pricing tiers',
        ref: ref(ctx, tiers),
        columns: [{ label: 'Tier' }, { label: 'Price', numeric: true }, { label: 'Per' }],
        rows: items(tiers).map((t) => {
          const price = moneyAt(ctx, child(t, 'price'));
          if (price.note) notes.push(price.note);
          return { cells: [summary(child(t, 'name')), price.display, summary(child(t, 'period'))], ref: ref(ctx, t) };
        }),
      },
      ...notes,
    );
  }
  out.push(...otherKeys(ctx, pricing, ['strategy', 'tiers']));
  out.push(...otherKeys(ctx, at, ['revenue_streams', 'pricing']));
  return out;
}

export function goToMarketBlocks(ctx: BuildContext, at: At): Block[] {
  const out: Block[] = [];
  const channels = child(at, 'channels');
  const list = items(channels);
  if (list.length)
    out.push({
      kind: 'list',
      label: 'Channels',
      ref: ref(ctx, channels),
      items: list.map((c) => ({ text: label(c), ref: ref(ctx, c) })),
    });
  else out.push(...genericBlocks(ctx, channels, 'Channels', 1));
  const budget = child(at, 'budget');
  const b = moneyAt(ctx, budget);
  if (budget.node)
    out.push(
      { kind: 'figures', items: [{ label: 'Go-to-market budget', value: b.display, ref: ref(ctx, budget) }] },
      ...(b.note ? [b.note] : []),
    );
  out.push(...otherKeys(ctx, at, ['channels', 'budget']));
  return out;
}

/** An enum value (or a list of them) as words: `technical_service` → "Technical service". */
export function label(at: At): string {
  const s = scalarText(at);
  if (s !== undefined) return humanize(s);
  return items(at)
    .map((i) => humanize(scalarText(i) ?? summary(i)))
    .join(', ');
}

function pct(at: At): string {
  const s = scalarText(at);
  return s === undefined ? '' : /^\d+(\.\d+)?$/.test(s) ? `${s} %` : s;
}
