/**
 * Sensitivity and uncertainty of the runway and break-even:
 * - `tornado`: runway months and break-even period when one driver (cash on hand, monthly burn, revenue of every
 *   period, costs of every period, personnel costs) moves by −N % and +N %, the others held; widest swing first.
 * - `runwayMonteCarlo`: with money written as a range ("¥8M–¥12M", see parseMoney), a seeded Monte Carlo run of the
 *   runway (cash ÷ burn, each drawn uniformly from its range): P10/P50/P90 of months and of the cash-out date.
 *   A plan without ranges gives its point value at every percentile.
 */
import { addMonths, parseDate, type PlanDate } from './dates';
import { amountOf, periodTotals, type PeriodInput } from './finance';
import { parseMoney } from './money';
import { seededRandom } from './seeded-random';
import type { PlanPath } from './figures';

export { seededRandom };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface TornadoBar {
  readonly id: 'cash' | 'burn' | 'revenue' | 'costs' | 'personnel';
  readonly label: string;
  readonly path: PlanPath;
  /** Runway months with the driver at −N % and +N % (undefined when the runway cannot be computed). */
  readonly runwayLow?: number;
  readonly runwayHigh?: number;
  /** The break-even period's label with the driver at −N % and +N % ('not reached' when none). */
  readonly breakEvenLow?: string;
  readonly breakEvenHigh?: string;
  /** |runwayHigh − runwayLow|, for ordering. */
  readonly swing: number;
}

export interface Tornado {
  readonly pct: number;
  readonly runway?: number;
  readonly breakEven?: string;
  readonly bars: readonly TornadoBar[];
}

interface PeriodNumbers {
  readonly label: string;
  readonly revenue: number;
  readonly costs: number;
  readonly personnel: number;
  readonly profit: number;
}

function periodNumbers(periods: readonly PeriodInput[]): PeriodNumbers[] {
  const out: PeriodNumbers[] = [];
  for (const [i, p] of periods.entries()) {
    const t = periodTotals(p);
    if (t.netProfit === undefined) continue;
    out.push({
      label: String(p.period ?? `period ${i + 1}`),
      revenue: t.revenue ?? 0,
      costs: t.costs ?? 0,
      personnel: t.costItems.find((c) => c.name === 'personnel')?.amount ?? 0,
      profit: t.netProfit,
    });
  }
  return out;
}

/** The first period with profit ≥ 0 after scaling revenue, costs or personnel by the factors. */
function breakEvenWith(periods: readonly PeriodNumbers[], fr: number, fc: number, fp: number): string {
  for (const p of periods) {
    const profit = p.profit + p.revenue * (fr - 1) - (p.costs - p.personnel) * (fc - 1) - p.personnel * (fc * fp - 1);
    if (profit >= 0) return p.label;
  }
  return 'not reached';
}

export function tornado(data: unknown, pct = 20): Tornado {
  const root = obj(data);
  const cash = amountOf(obj(root.financing).cash_on_hand);
  const burn = amountOf(obj(root.financials).monthly_burn);
  const periods = periodNumbers(arr(obj(root.financials).periods).map((p) => obj(p) as PeriodInput));
  const lo = 1 - pct / 100;
  const hi = 1 + pct / 100;
  const runway = (c = cash, b = burn) => (c !== undefined && b !== undefined && b > 0 && c >= 0 ? c / b : undefined);
  const be = (fr = 1, fc = 1, fp = 1) => (periods.length ? breakEvenWith(periods, fr, fc, fp) : undefined);
  const bars: TornadoBar[] = [];
  const bar = (b: Omit<TornadoBar, 'swing'>) =>
    bars.push({ ...b, swing: Math.abs((b.runwayHigh ?? 0) - (b.runwayLow ?? 0)) });
  const opt = <K extends string>(k: K, v: string | number | undefined) =>
    (v === undefined ? {} : { [k]: v }) as Partial<Record<K, never>>;
  if (cash !== undefined)
    bar({
      id: 'cash',
      label: 'Cash on hand',
      path: ['financing', 'cash_on_hand'],
      ...opt('runwayLow', runway(cash * lo)),
      ...opt('runwayHigh', runway(cash * hi)),
    });
  if (burn !== undefined)
    bar({
      id: 'burn',
      label: 'Monthly burn',
      path: ['financials', 'monthly_burn'],
      ...opt('runwayLow', runway(cash, burn * lo)),
      ...opt('runwayHigh', runway(cash, burn * hi)),
    });
  if (periods.length) {
    bar({
      id: 'revenue',
      label: 'Revenue (every period)',
      path: ['financials', 'periods'],
      ...opt('breakEvenLow', be(lo)),
      ...opt('breakEvenHigh', be(hi)),
    });
    bar({
      id: 'costs',
      label: 'Costs (every period)',
      path: ['financials', 'periods'],
      ...opt('breakEvenLow', be(1, lo)),
      ...opt('breakEvenHigh', be(1, hi)),
    });
    if (periods.some((p) => p.personnel > 0))
      bar({
        id: 'personnel',
        label: 'Personnel costs',
        path: ['financials', 'periods'],
        ...opt('breakEvenLow', be(1, 1, lo)),
        ...opt('breakEvenHigh', be(1, 1, hi)),
      });
  }
  bars.sort((a, b) => b.swing - a.swing);
  const r = runway();
  const b = be();
  return { pct, ...(r !== undefined && { runway: r }), ...(b !== undefined && { breakEven: b }), bars };
}

/** A money value's range: [low, high] for "¥8M–¥12M", [x, x] for a point amount; undefined when it does not parse. */
export function moneyRange(value: unknown): [number, number] | undefined {
  if (value === undefined || value === null) return undefined;
  const r = parseMoney(value);
  if (!r.ok) return undefined;
  return r.money.range ? [r.money.range.low, r.money.range.high] : [r.money.amount, r.money.amount];
}

export interface RunwayDistribution {
  readonly samples: number;
  readonly seed: number;
  /** Whether cash or burn is written as a range (else every percentile is the point value). */
  readonly uncertain: boolean;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly end?: { readonly p10: PlanDate; readonly p50: PlanDate; readonly p90: PlanDate };
}

function percentile(sorted: Float64Array, p: number): number {
  // Nearest rank: a value that occurs in the samples (so a constant run gives exactly that constant).
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function runwayMonteCarlo(data: unknown, samples = 10_000, seed = 20260115): RunwayDistribution | undefined {
  const root = obj(data);
  const cash = moneyRange(obj(root.financing).cash_on_hand);
  const burn = moneyRange(obj(root.financials).monthly_burn);
  if (!cash || !burn || cash[0] < 0 || !(burn[0] > 0)) return undefined;
  const [c0, c1] = cash;
  const [b0, b1] = burn;
  const start = parseDate(obj(root.metadata).date);
  if (c0 === c1 && b0 === b1) {
    // No range: every sample would be the point value; skip drawing them.
    const m = c0 / b0;
    const end = start && addMonths(start, m);
    return {
      samples,
      seed,
      uncertain: false,
      p10: m,
      p50: m,
      p90: m,
      ...(end && { end: { p10: end, p50: end, p90: end } }),
    };
  }
  const random = seededRandom(seed);
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const c = c0 === c1 ? c0 : c0 + (c1 - c0) * random();
    const b = b0 === b1 ? b0 : b0 + (b1 - b0) * random();
    out[i] = c / b;
  }
  out.sort();
  const p10 = percentile(out, 10);
  const p50 = percentile(out, 50);
  const p90 = percentile(out, 90);
  return {
    samples,
    seed,
    uncertain: c0 !== c1 || b0 !== b1,
    p10,
    p50,
    p90,
    ...(start && { end: { p10: addMonths(start, p10), p50: addMonths(start, p50), p90: addMonths(start, p90) } }),
  };
}
