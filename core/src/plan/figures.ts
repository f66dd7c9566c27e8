/**
 * The derived figures of a plan that a reviewer compares between versions (and between scenarios): runway and
 * cash-out date, break-even, burn, TAM/SAM/SOM, revenue and profit per period, use-of-funds shares, the count of
 * high risks and each milestone's due date. Computed from plain data (`doc.toJS()`) with the same core functions the
 * rules and the preview use, so a figure here is the figure the preview shows.
 */
import { formatDate, monthIndex, parseDate, type PlanDate } from './dates';
import { amountOf, breakEven, periodTotals, runway, type PeriodInput, type RoundInput } from './finance';
import { riskLevel, riskScore } from './risk';
import { phrase, type Phrase } from '../l10n';

/** Keys and indices from the document root to a YAML node (the same shape as the view model's YamlPath). */
export type PlanPath = ReadonlyArray<string | number>;

/** How a figure is compared and shown. */
export type FigureKind = 'money' | 'months' | 'date' | 'period' | 'count' | 'pct';

/** Which way is good for a reviewer: a longer runway is better, a higher burn worse; `none` when neither. */
export type Better = 'higher' | 'lower' | 'later' | 'earlier' | 'none';

export interface PlanFigure {
  /** Stable within a plan and across its versions: `runway`, `revenue:2027`, `milestone:m-pilot`. */
  readonly id: string;
  readonly label: string;
  /** The label as a phrase, to say in the reader's language (the CLI's `--lang`); `label` is its English. */
  readonly labelPhrase?: Phrase;
  readonly kind: FigureKind;
  /**
   * The value compared: an amount, months, a percentage, a count; dates and periods as fractional month indexes
   * (see `monthIndex`); `Infinity` for a break-even that is not reached.
   */
  readonly value: number;
  readonly display: string;
  /** The display as a phrase where it holds words ("10 months", "not reached"). */
  readonly displayPhrase?: Phrase;
  readonly better: Better;
  /** The input the figure is read from or anchored to (for reveal). */
  readonly path: PlanPath;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A fractional month index of a date: a day-precision date is that share into its month. */
export function dateValue(d: PlanDate): number {
  return monthIndex(d) + ((d.day ?? 1) - 1) / 31;
}

/** Money formatting is injected so this module stays free of display choices (the renderers own "¥1.2M"). */
export type MoneyFormat = (amount: number) => string;

export function planFigures(data: unknown, money: MoneyFormat = (n) => String(n)): PlanFigure[] {
  const root = obj(data);
  const out: PlanFigure[] = [];
  const financing = obj(root.financing);
  const financials = obj(root.financials);
  const planDate = obj(root.metadata).date;
  const rounds = arr(financing.rounds).map((r) => obj(r) as RoundInput);

  const r = runway({ cash_on_hand: financing.cash_on_hand, rounds }, financials.monthly_burn, planDate);
  if (r) {
    out.push({
      id: 'runway',
      label: 'Runway',
      labelPhrase: phrase('Runway'),
      kind: 'months',
      value: r.months,
      display: `${Number(r.months.toFixed(1))} months`,
      displayPhrase: phrase('{0} months', Number(r.months.toFixed(1))),
      better: 'higher',
      path: ['financing', 'cash_on_hand'],
    });
    if (r.end && Number.isFinite(dateValue(r.end)))
      out.push({
        id: 'cash-out',
        label: 'Cash-out date',
        labelPhrase: phrase('Cash-out date'),
        kind: 'date',
        value: dateValue(r.end),
        display: formatDate(r.end),
        better: 'later',
        path: ['financing', 'cash_on_hand'],
      });
  }
  const burn = amountOf(financials.monthly_burn);
  if (burn !== undefined)
    out.push({
      id: 'burn',
      label: 'Monthly burn',
      labelPhrase: phrase('Monthly burn'),
      kind: 'money',
      value: burn,
      display: money(burn),
      better: 'lower',
      path: ['financials', 'monthly_burn'],
    });

  const periods = arr(financials.periods).map((p) => obj(p) as PeriodInput);
  if (periods.length) {
    const be = breakEven(periods);
    const named = be && periods[be.index]?.period !== undefined;
    const label = be ? String(periods[be.index]?.period ?? `period ${be.index + 1}`) : 'not reached';
    out.push({
      id: 'break-even',
      label: 'Break-even',
      labelPhrase: phrase('Break-even'),
      kind: 'period',
      value: be ? (be.totals.period?.first ?? be.index) : Infinity,
      display: label,
      ...(!named && { displayPhrase: be ? phrase('period {0}', be.index + 1) : phrase('not reached') }),
      better: 'earlier',
      path: be ? ['financials', 'periods', be.index] : ['financials', 'periods'],
    });
  }
  for (const [i, p] of periods.entries()) {
    const t = periodTotals(p);
    const name = String(p.period ?? `period ${i + 1}`);
    if (t.revenue !== undefined)
      out.push({
        id: `revenue:${name}`,
        label: `Revenue ${name}`,
        labelPhrase: phrase('Revenue {0}', name),
        kind: 'money',
        value: t.revenue,
        display: money(t.revenue),
        better: 'higher',
        path: ['financials', 'periods', i, 'revenue'],
      });
    if (t.netProfit !== undefined)
      out.push({
        id: `profit:${name}`,
        label: `Profit ${name}`,
        labelPhrase: phrase('Profit {0}', name),
        kind: 'money',
        value: t.netProfit,
        display: money(t.netProfit),
        better: 'higher',
        path: ['financials', 'periods', i, t.profit !== undefined ? 'profit' : 'costs'],
      });
  }

  const size = obj(obj(root.market).size);
  for (const level of ['tam', 'sam', 'som'] as const) {
    const v = size[level];
    const isObj = typeof v === 'object' && v !== null && !Array.isArray(v);
    const amount = amountOf(isObj ? obj(v).value : v);
    if (amount !== undefined)
      out.push({
        id: level,
        label: level.toUpperCase(),
        kind: 'money',
        value: amount,
        display: money(amount),
        better: 'none',
        path: isObj ? ['market', 'size', level, 'value'] : ['market', 'size', level],
      });
  }

  for (const [i, f] of arr(financing.use_of_funds).entries()) {
    const o = obj(f);
    if (typeof o.pct !== 'number' || !Number.isFinite(o.pct)) continue;
    const name = typeof o.category === 'string' ? o.category : `item ${i + 1}`;
    out.push({
      id: `use-of-funds:${name}`,
      label: `Use of funds: ${name}`,
      labelPhrase: phrase('Use of funds: {0}', name),
      kind: 'pct',
      value: o.pct,
      display: `${Number(o.pct.toFixed(1))} %`,
      better: 'none',
      path: ['financing', 'use_of_funds', i, 'pct'],
    });
  }

  const risks = arr(root.risks);
  if (risks.length) {
    const high = risks.filter((x) => {
      const s = riskScore(obj(x).likelihood, obj(x).impact);
      return s !== undefined && riskLevel(s) === 'high';
    }).length;
    out.push({
      id: 'high-risks',
      label: 'High risks',
      labelPhrase: phrase('High risks'),
      kind: 'count',
      value: high,
      display: String(high),
      better: 'lower',
      path: ['risks'],
    });
  }

  for (const [i, m] of arr(root.milestones).entries()) {
    const o = obj(m);
    const due = parseDate(o.due);
    if (!due) continue;
    const name = typeof o.id === 'string' ? o.id : typeof o.title === 'string' ? o.title : `milestone ${i + 1}`;
    out.push({
      id: `milestone:${name}`,
      label: `Milestone ${name} due`,
      labelPhrase: phrase('Milestone {0} due', name),
      kind: 'date',
      value: dateValue(due),
      display: formatDate(due),
      better: 'earlier',
      path: ['milestones', i, 'due'],
    });
  }
  return out;
}
