/** Money values for the view: parsed with core's parser, formatted in the plan currency, with a note when they do not parse. */
import { t } from '../../../../core/src/l10n';
import { parseMoney } from '../../../../core/src/plan';
import { formatAmount } from '../../../../core/src/plan/render';
import type { NoteBlock } from '../../../../core/src/plan/render';
import { isAbsent, js, pathLabel, ref, summary, type At, type BuildContext } from './tree-at';

export interface MoneyView {
  readonly amount?: number;
  readonly display: string;
  readonly note?: NoteBlock;
}

/** The amount at `at`, its display ("¥1.2M", "—" when absent) and a note when the value is not an amount. */
export function moneyAt(ctx: BuildContext, at: At): MoneyView {
  if (isAbsent(at)) return { display: '—' };
  const value = js(ctx, at);
  const r = parseMoney(value);
  if (!r.ok) {
    const text = t(
      ctx.locale,
      '{0}: {1} is not an amount, so it is left out of the figures.',
      pathLabel(at.path),
      summary(at) || t(ctx.locale, 'this value'),
    );
    ctx.notes.push(text);
    return { display: summary(at) || '?', note: { kind: 'note', level: 'warning', text, ref: ref(ctx, at) } };
  }
  return { amount: r.money.amount, display: formatAmount(r.money.amount, ctx.currency) };
}

/** A note about a value the builder could not use, recorded plan-wide too. */
export function noteAt(
  ctx: BuildContext,
  at: At | undefined,
  text: string,
  level: 'info' | 'warning' = 'warning',
): NoteBlock {
  ctx.notes.push(text);
  return { kind: 'note', level, text, ...(at && { ref: ref(ctx, at) }) };
}
