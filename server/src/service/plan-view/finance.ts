/**
 * Financing and financials: cash, rounds, the use-of-funds donut, revenue / costs / profit per period, and the
 * runway and break-even computed by core/src/plan/finance (the same functions PLAN-005 and PLAN-006 use).
 */
import { t } from '../../../../core/src/l10n';
import {
  breakEven,
  nextRound,
  periodTotals,
  runway,
  type PeriodInput,
  type RoundInput,
} from '../../../../core/src/plan';
import { formatDate } from '../../../../core/src/plan';
import { formatAmount, formatMonths, humanize } from '../../../../core/src/plan/render';
import { niceTicks } from '../../../../core/src/plan/render';
import type { Block, Figure, PeriodView } from '../../../../core/src/plan/render';
import {
  child,
  entries,
  isAbsent,
  isMapAt,
  items,
  js,
  ref,
  scalarText,
  summary,
  type At,
  type BuildContext,
} from './tree-at';
import { genericBlocks, otherKeys } from './generic';
import { moneyAt, noteAt } from './money-view';
import { sharesDonut } from './shares-view';
import { analysisBlocks } from './analysis';

export interface FinanceFigures {
  readonly runway: Figure;
  readonly breakEven: Figure;
  /** Index into `financials.periods` of the break-even period (core `breakEven`). */
  readonly breakEvenIndex?: number;
  readonly nextRound?: Figure;
}

/** Runway, break-even and the next round, computed once per build for the Financials section and the summary. */
export function financeFigures(ctx: BuildContext, root: At): FinanceFigures {
  const financing = child(root, 'financing');
  const cashAt = child(financing, 'cash_on_hand');
  const burnAt = child(child(root, 'financials'), 'monthly_burn');
  const planDate = js(ctx, child(child(root, 'metadata'), 'date'));
  const rounds = items(child(financing, 'rounds')).map((r) => (isMapAt(r) ? (js(ctx, r) as RoundInput) : {}));
  const r = runway({ cash_on_hand: js(ctx, cashAt), rounds }, js(ctx, burnAt), planDate);
  let runwayFigure: Figure;
  if (r) {
    const money = (n: number) => formatAmount(n, ctx.currency);
    const end = r.end ? t(ctx.locale, ' · cash runs out around {0}', formatDate(r.end)) : '';
    runwayFigure = {
      id: 'runway',
      label: 'Runway',
      value: formatMonths(r.months, ctx.locale),
      ref: ref(ctx, cashAt),
      hint: t(
        ctx.locale,
        '{0} cash ÷ {1}/month burn{2}{3}',
        money(r.cash),
        money(r.burn),
        end,
        r.endsBeforeNextRound ? t(ctx.locale, ' — before the next round') : '',
      ),
      tone: r.endsBeforeNextRound ? 'bad' : r.months < 6 ? 'warn' : 'good',
    };
  } else {
    const why = isAbsent(cashAt)
      ? t(ctx.locale, 'Not computed: no `financing.cash_on_hand`.')
      : isAbsent(burnAt)
        ? t(ctx.locale, 'Not computed: no `financials.monthly_burn`.')
        : t(ctx.locale, 'Not computed: cash on hand or monthly burn is not a positive amount.');
    runwayFigure = {
      id: 'runway',
      label: 'Runway',
      value: '—',
      hint: why,
      tone: 'neutral',
      ...(!isAbsent(cashAt) && { ref: ref(ctx, cashAt) }),
    };
  }

  const periodsAt = child(child(root, 'financials'), 'periods');
  const periodItems = items(periodsAt);
  const be = breakEven(periodItems.map((p) => (isMapAt(p) ? (js(ctx, p) as PeriodInput) : {})));
  const bePeriod = be ? periodItems[be.index] : undefined;
  const breakEvenFigure: Figure =
    be && bePeriod
      ? {
          id: 'break-even',
          label: 'Break-even',
          value: scalarText(child(bePeriod, 'period')) ?? t(ctx.locale, 'period {0}', be.index + 1),
          hint: t(
            ctx.locale,
            'First period with profit ≥ 0 ({0})',
            formatAmount(be.totals.netProfit ?? 0, ctx.currency),
          ),
          tone: 'good',
          ref: ref(ctx, bePeriod),
        }
      : {
          id: 'break-even',
          label: 'Break-even',
          value: periodItems.length ? t(ctx.locale, 'Not reached') : '—',
          hint: periodItems.length
            ? t(ctx.locale, 'No period in the plan has profit ≥ 0.')
            : t(ctx.locale, 'No `financials.periods`.'),
          tone: periodItems.length ? 'warn' : 'neutral',
        };

  const next = nextRound(rounds, planDate);
  const nextAt = next ? items(child(financing, 'rounds'))[next.index] : undefined;
  const nextFigure: Figure | undefined =
    next && nextAt
      ? {
          id: 'next-round',
          label: 'Next round',
          value: `${scalarText(child(nextAt, 'name')) ?? t(ctx.locale, 'Round')} · ${formatDate(next.date)}`,
          hint: moneyAt({ ...ctx, notes: [] }, child(nextAt, 'amount')).display,
          ref: ref(ctx, nextAt),
          tone: r?.endsBeforeNextRound ? 'bad' : 'neutral',
        }
      : undefined;
  return {
    runway: runwayFigure,
    breakEven: breakEvenFigure,
    ...(be && { breakEvenIndex: be.index }),
    ...(nextFigure && { nextRound: nextFigure }),
  };
}

export function financingBlocks(ctx: BuildContext, at: At, figures: FinanceFigures): Block[] {
  const out: Block[] = [];
  const notes: Block[] = [];
  const cash = child(at, 'cash_on_hand');
  const c = moneyAt(ctx, cash);
  if (c.note) notes.push(c.note);
  out.push({
    kind: 'figures',
    items: [
      { id: 'cash', label: t(ctx.locale, 'Cash on hand'), value: c.display, ...(cash.node && { ref: ref(ctx, cash) }) },
      figures.runway,
      ...(figures.nextRound ? [figures.nextRound] : []),
    ],
  });
  const rounds = child(at, 'rounds');
  if (items(rounds).length) {
    out.push({
      kind: 'table',
      id: 'rounds',
      label: 'Funding rounds',
      ref: ref(ctx, rounds),
      columns: [
        { label: 'Round' },
        { label: 'Date', nowrap: true },
        { label: 'Amount', numeric: true },
        { label: 'Instrument' },
        { label: 'Status' },
      ],
      rows: items(rounds).map((r) => {
        const amount = moneyAt(ctx, child(r, 'amount'));
        if (amount.note) notes.push(amount.note);
        return {
          cells: [
            summary(child(r, 'name')) || summary(r),
            summary(child(r, 'date')),
            amount.display,
            humanize(summary(child(r, 'instrument'))),
            humanize(summary(child(r, 'status'))),
          ],
          ref: ref(ctx, r),
          ...(scalarText(child(r, 'status')) === 'closed' && { tone: 'good' as const }),
        };
      }),
    });
  }
  const funds = child(at, 'use_of_funds');
  if (items(funds).length)
    out.push(...sharesDonut(ctx, funds, { id: 'use-of-funds', title: 'Use of funds', pct: 'pct', name: 'category' }));
  else out.push(...genericBlocks(ctx, funds, 'Use of funds', 1));
  const channels = child(at, 'channels');
  if (items(channels).length)
    out.push({
      kind: 'list',
      label: 'Financing channels',
      ref: ref(ctx, channels),
      items: items(channels).map((i) => ({ text: humanize(summary(i)), ref: ref(ctx, i) })),
    });
  else out.push(...genericBlocks(ctx, channels, 'Financing channels', 1));
  out.push(...otherKeys(ctx, at, ['cash_on_hand', 'rounds', 'use_of_funds', 'channels']), ...notes);
  return out;
}

export function financialsBlocks(ctx: BuildContext, at: At, figures: FinanceFigures): Block[] {
  const out: Block[] = [];
  const notes: Block[] = [];
  const burn = child(at, 'monthly_burn');
  const b = moneyAt(ctx, burn);
  if (b.note) notes.push(b.note);
  out.push({
    kind: 'figures',
    items: [
      figures.runway,
      { id: 'burn', label: 'Monthly burn', value: b.display, ...(burn.node && { ref: ref(ctx, burn) }) },
      figures.breakEven,
    ],
  });
  const periodsAt = child(at, 'periods');
  const periods: PeriodView[] = [];
  const sourceIndex: number[] = [];
  for (const [i, p] of items(periodsAt).entries()) {
    if (!isMapAt(p)) {
      notes.push(
        noteAt(
          ctx,
          p,
          t(
            ctx.locale,
            '`financials.periods[{0}]` is not a mapping with `period`, `revenue`, `costs` and `profit`: left out.',
            i,
          ),
        ),
      );
      continue;
    }
    for (const key of ['revenue', 'profit'] as const) {
      const m = moneyAt(ctx, child(p, key));
      if (m.note) notes.push(m.note);
    }
    const costsAt = child(p, 'costs');
    for (const c of isMapAt(costsAt) ? entries(costsAt).map(([, v]) => v) : [costsAt]) {
      const m = moneyAt(ctx, c);
      if (m.note) notes.push(m.note);
    }
    const totals = periodTotals(js(ctx, p) as PeriodInput);
    const money = (n: number | undefined) => (n === undefined ? '—' : formatAmount(n, ctx.currency));
    periods.push({
      label: scalarText(child(p, 'period')) ?? `#${i + 1}`,
      ...(totals.revenue !== undefined && { revenue: totals.revenue }),
      ...(totals.costs !== undefined && { costs: totals.costs }),
      ...(totals.netProfit !== undefined && { profit: totals.netProfit }),
      revenueDisplay: money(totals.revenue),
      costsDisplay: money(totals.costs),
      profitDisplay: money(totals.netProfit),
      ...(totals.profitMatches !== undefined && { profitMatches: totals.profitMatches }),
      ref: ref(ctx, p),
    });
    sourceIndex.push(i);
  }
  if (periods.length) {
    const values = periods.flatMap((p) => [p.revenue, p.costs, p.profit]).filter((v): v is number => v !== undefined);
    const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 4);
    const beIndex = figures.breakEvenIndex === undefined ? -1 : sourceIndex.indexOf(figures.breakEvenIndex);
    out.push({
      kind: 'periods',
      periods,
      axis: ticks.map((v) => ({ value: v, label: formatAmount(v, ctx.currency) })),
      ...(beIndex >= 0 && { breakEvenIndex: beIndex }),
    });
    out.push({
      kind: 'table',
      id: 'periods',
      ref: ref(ctx, periodsAt),
      columns: [
        { label: 'Period' },
        { label: 'Revenue', numeric: true },
        { label: 'Costs', numeric: true },
        { label: 'Profit', numeric: true },
      ],
      rows: periods.map((p, i) => ({
        cells: [
          p.label + (i === beIndex ? ' · break-even' : ''),
          p.revenueDisplay,
          p.costsDisplay,
          p.profitDisplay + (p.profitMatches === false ? ' ≠ revenue − costs' : ''),
        ],
        ref: p.ref,
        ...(p.profitMatches === false
          ? { tone: 'bad' as const }
          : p.profit !== undefined && p.profit < 0
            ? { tone: 'warn' as const }
            : {}),
      })),
    });
  } else out.push(...genericBlocks(ctx, periodsAt, 'Periods', 1));
  out.push(...analysisBlocks(ctx), ...otherKeys(ctx, at, ['periods', 'monthly_burn']), ...notes);
  return out;
}
