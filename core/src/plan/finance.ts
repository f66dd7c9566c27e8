/**
 * Plan finances from plain data (the plan as `doc.toJS()` gives it): per-period totals, runway, break-even,
 * the next planned round. Money values are parsed with `parseMoney`; a value that does not parse leaves the
 * dependent totals undefined (the rules report the value itself).
 */
import { addMonths, compareDates, parseDate, parsePeriod, type Period, type PlanDate } from './dates';
import { parseMoney, sameAmount } from './money';

export interface PeriodInput {
  readonly period?: unknown;
  readonly revenue?: unknown;
  readonly costs?: unknown;
  readonly profit?: unknown;
}

export interface CostItem {
  readonly name: string;
  readonly amount: number;
}

export interface PeriodTotals {
  readonly period?: Period;
  readonly revenue?: number;
  /** Σ of every cost category (extra categories included), when all of them parse. */
  readonly costs?: number;
  readonly costItems: readonly CostItem[];
  /** The profit as written. */
  readonly profit?: number;
  /** revenue − Σ costs, when both are known. */
  readonly expectedProfit?: number;
  /** Whether the written profit equals revenue − Σ costs (undefined unless all three are known). */
  readonly profitMatches?: boolean;
  /** The written profit, else revenue − Σ costs. */
  readonly netProfit?: number;
}

/** A money value as a number, or undefined when absent or unparseable. */
export function amountOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const r = parseMoney(value);
  return r.ok ? r.money.amount : undefined;
}

/** The cost categories of a period: a mapping of category → amount, or one total amount. Undefined if any fails to parse. */
export function costItems(costs: unknown): CostItem[] | undefined {
  if (costs === undefined || costs === null) return undefined;
  if (typeof costs === 'object' && !Array.isArray(costs)) {
    const items: CostItem[] = [];
    for (const [name, value] of Object.entries(costs as Record<string, unknown>)) {
      const amount = amountOf(value);
      if (amount === undefined) return undefined;
      items.push({ name, amount });
    }
    return items;
  }
  const total = amountOf(costs);
  return total === undefined ? undefined : [{ name: 'total', amount: total }];
}

export function periodTotals(p: PeriodInput): PeriodTotals {
  const period = parsePeriod(p.period);
  const revenue = amountOf(p.revenue);
  const items = costItems(p.costs);
  const costs = items ? items.reduce((s, c) => s + c.amount, 0) : undefined;
  const profit = amountOf(p.profit);
  const expectedProfit = revenue !== undefined && costs !== undefined ? revenue - costs : undefined;
  const profitMatches =
    profit !== undefined && expectedProfit !== undefined ? sameAmount(profit, expectedProfit) : undefined;
  const netProfit = profit ?? expectedProfit;
  return {
    costItems: items ?? [],
    ...(period && { period }),
    ...(revenue !== undefined && { revenue }),
    ...(costs !== undefined && { costs }),
    ...(profit !== undefined && { profit }),
    ...(expectedProfit !== undefined && { expectedProfit }),
    ...(profitMatches !== undefined && { profitMatches }),
    ...(netProfit !== undefined && { netProfit }),
  };
}

/** The first period (index into `periods`) whose profit is ≥ 0: break-even. */
export function breakEven(periods: readonly PeriodInput[]): { index: number; totals: PeriodTotals } | undefined {
  for (const [index, p] of periods.entries()) {
    const totals = periodTotals(p);
    if (totals.netProfit !== undefined && totals.netProfit >= 0) return { index, totals };
  }
  return undefined;
}

/** Revenue per calendar year, summing quarters and months; `indices` are the periods that contributed. */
export function revenueByYear(periods: readonly PeriodInput[]): Map<number, { revenue: number; indices: number[] }> {
  const years = new Map<number, { revenue: number; indices: number[] }>();
  for (const [index, p] of periods.entries()) {
    const { period, revenue } = periodTotals(p);
    if (!period || revenue === undefined) continue;
    const y = years.get(period.year) ?? { revenue: 0, indices: [] };
    y.revenue += revenue;
    y.indices.push(index);
    years.set(period.year, y);
  }
  return years;
}

/** cash_on_hand / monthly_burn in months; undefined when either is missing, unparseable or the burn is not positive. */
export function runwayMonths(cashOnHand: unknown, monthlyBurn: unknown): number | undefined {
  const cash = amountOf(cashOnHand);
  const burn = amountOf(monthlyBurn);
  if (cash === undefined || burn === undefined || !(burn > 0) || cash < 0) return undefined;
  return cash / burn;
}

/** The day the cash runs out: the plan date plus the runway. */
export function runwayEnd(planDate: unknown, months: number): PlanDate | undefined {
  const start = parseDate(planDate);
  return start ? addMonths(start, months) : undefined;
}

export interface RoundInput {
  readonly name?: unknown;
  readonly date?: unknown;
  readonly amount?: unknown;
  readonly status?: unknown;
}

/** The earliest round dated after the plan date that is not closed (planned, in progress or without status). */
export function nextRound(
  rounds: readonly RoundInput[],
  planDate: unknown,
): { index: number; date: PlanDate } | undefined {
  const start = parseDate(planDate);
  if (!start) return undefined;
  let best: { index: number; date: PlanDate } | undefined;
  for (const [index, r] of rounds.entries()) {
    const date = parseDate(r.date);
    if (!date || r.status === 'closed' || compareDates(date, start) <= 0) continue;
    if (!best || compareDates(date, best.date) < 0) best = { index, date };
  }
  return best;
}

export interface Runway {
  readonly months: number;
  readonly cash: number;
  readonly burn: number;
  /** When the cash runs out (undefined without a plan date). */
  readonly end?: PlanDate;
  readonly nextRound?: { index: number; date: PlanDate };
  /** True when the cash runs out in a month before the next round's date. */
  readonly endsBeforeNextRound: boolean;
}

/** Runway, its end date and whether it reaches the next planned round. */
export function runway(
  financing: { cash_on_hand?: unknown; rounds?: readonly RoundInput[] },
  monthlyBurn: unknown,
  planDate: unknown,
): Runway | undefined {
  const months = runwayMonths(financing.cash_on_hand, monthlyBurn);
  if (months === undefined) return undefined;
  const end = runwayEnd(planDate, months);
  const next = nextRound(financing.rounds ?? [], planDate);
  return {
    months,
    cash: amountOf(financing.cash_on_hand) ?? 0,
    burn: amountOf(monthlyBurn) ?? 0,
    ...(end && { end }),
    ...(next && { nextRound: next }),
    endsBeforeNextRound: end !== undefined && next !== undefined && compareDates(end, next.date) < 0,
  };
}
