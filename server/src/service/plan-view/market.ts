/** Market: the TAM → SAM → SOM funnel, trends, competition. */
import { t } from '../../../../core/src/l10n';
import type { Block, FunnelBlock } from '../../../../core/src/plan/render';
import { formatPct } from '../../../../core/src/plan/render';
import { child, isAbsent, isMapAt, items, ref, scalarText, summary, type At, type BuildContext } from './tree-at';
import { genericBlocks, otherKeys } from './generic';
import { moneyAt, noteAt } from './money-view';

const LEVELS = [
  ['tam', 'TAM'],
  ['sam', 'SAM'],
  ['som', 'SOM'],
] as const;

export function marketBlocks(ctx: BuildContext, at: At): Block[] {
  const out: Block[] = [];
  const size = child(at, 'size');
  if (!isAbsent(size)) out.push(...funnel(ctx, size));
  out.push(...genericBlocks(ctx, child(at, 'trends'), 'Trends', 1));
  const competition = child(at, 'competition');
  const competitors = child(competition, 'competitors');
  if (items(competitors).length) {
    out.push({
      kind: 'table',
      id: 'competitors',
      label: 'Competitors',
      ref: ref(ctx, competitors),
      columns: [{ label: 'Competitor' }, { label: 'Strengths' }, { label: 'Weaknesses' }],
      rows: items(competitors).map((c) => ({
        cells: isMapAt(c)
          ? [summary(child(c, 'name')), summary(child(c, 'strengths')), summary(child(c, 'weaknesses'))]
          : [summary(c), '', ''],
        ref: ref(ctx, c),
      })),
    });
  } else out.push(...genericBlocks(ctx, competitors, 'Competitors', 1));
  out.push(...genericBlocks(ctx, child(competition, 'differentiation'), 'Differentiation', 1));
  out.push(...genericBlocks(ctx, child(competition, 'positioning'), 'Positioning', 1));
  out.push(...otherKeys(ctx, competition, ['competitors', 'differentiation', 'positioning']));
  out.push(...otherKeys(ctx, at, ['size', 'trends', 'competition']));
  return out;
}

/** The funnel levels in order; a level that is missing or does not parse keeps its place with a note. */
function funnel(ctx: BuildContext, size: At): Block[] {
  if (!isMapAt(size))
    return [
      noteAt(
        ctx,
        size,
        t(ctx.locale, '`market.size` should be a mapping with `tam`, `sam` and `som`: the market funnel is not shown.'),
      ),
      ...genericBlocks(ctx, size, 'Size', 1),
    ];
  const notes: Block[] = [];
  const levels: Array<FunnelBlock['levels'][number]> = [];
  let previous: { label: string; amount: number } | undefined;
  for (const [key, label] of LEVELS) {
    const level = child(size, key);
    if (isAbsent(level)) continue;
    const valueAt = isMapAt(level) ? child(level, 'value') : level;
    const m = moneyAt(ctx, valueAt);
    if (m.note) notes.push(m.note);
    const year = scalarText(child(level, 'year'));
    const source = scalarText(child(level, 'source'));
    const ratio =
      m.amount !== undefined && previous && previous.amount > 0
        ? `${formatPct((m.amount / previous.amount) * 100)} of ${previous.label}`
        : undefined;
    levels.push({
      label,
      display: m.display,
      ref: ref(ctx, level),
      ...(m.amount !== undefined && { amount: m.amount }),
      ...(ratio && { ratio }),
      ...((year || source) && { detail: [year, source].filter(Boolean).join(' · ') }),
    });
    if (m.amount !== undefined) previous = { label, amount: m.amount };
  }
  return levels.length ? [{ kind: 'funnel', levels }, ...notes] : notes;
}
