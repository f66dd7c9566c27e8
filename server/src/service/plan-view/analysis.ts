/**
 * What-if views of the plan: scenarios side by side (their own section), and in Financials the runway's
 * sensitivity to each driver (a tornado table) and its P10/P50/P90 when cash or burn is written as a range.
 * Every number comes from core/src/plan (scenarios, sensitivity), the functions the rules use.
 */
import {
  applyScenario,
  formatDate,
  planFigures,
  runwayMonteCarlo,
  scenariosOf,
  tornado,
  type PlanFigure,
} from '../../../../core/src/plan';
import { formatAmount, formatMonths } from '../../../../core/src/plan/render';
import type { Block, TableRow } from '../../../../core/src/plan/render';
import { say, t, type Locale } from '../../../../core/src/l10n';
import { items, js, ref, type At, type BuildContext } from './tree-at';

/** Scenarios compared in the preview; past this many, the table says how many more there are. */
const MAX_SHOWN = 100;

/** The ±N % the sensitivity table moves each driver by. */
export const SENSITIVITY_PCT = 20;

/** A sensitivity driver's name (core/src/plan/sensitivity.ts) in the reader's language. */
function driverLabel(l: Locale | undefined, id: string, label: string): string {
  switch (id) {
    case 'cash':
      return t(l, 'Cash on hand');
    case 'burn':
      return t(l, 'Monthly burn');
    case 'revenue':
      return t(l, 'Revenue (every period)');
    case 'costs':
      return t(l, 'Costs (every period)');
    case 'personnel':
      return t(l, 'Personnel costs');
    default:
      return label;
  }
}

/** A break-even period from core/src/plan/sensitivity.ts, its 'not reached' in the reader's language. */
function reached(l: Locale | undefined, period: string | undefined): string | undefined {
  return period === 'not reached' ? t(l, 'not reached') : period;
}

function rootData(ctx: BuildContext): unknown {
  return js(ctx, { node: ctx.doc.contents, path: [] });
}

function cells(figures: readonly PlanFigure[]): string[] {
  const get = (id: string) => figures.find((f) => f.id === id)?.display ?? '—';
  return [get('runway'), get('cash-out'), get('break-even'), get('burn')];
}

export function scenarioBlocks(ctx: BuildContext, at: At): Block[] {
  const data = rootData(ctx);
  const money = (n: number) => formatAmount(n, ctx.currency);
  const all = scenariosOf(data);
  const rows: TableRow[] = [
    {
      cells: [t(ctx.locale, 'Plan as written'), ...cells(planFigures(data, money))],
      ref: ref(ctx, { node: undefined, path: ['financials'] }),
    },
  ];
  const scenarioAt = items(at);
  const notes: Block[] = [];
  for (const s of all.slice(0, MAX_SHOWN)) {
    const applied = applyScenario(data, s);
    const row = scenarioAt[s.index];
    rows.push({
      cells: [s.name, ...cells(planFigures(applied.data, money))],
      ref: row ? ref(ctx, row) : { path: ['scenarios', s.index] },
      ...(applied.problems.length && { tone: 'warn' as const }),
    });
    if (applied.problems.length)
      notes.push({
        kind: 'note',
        level: 'warning',
        text: t(
          ctx.locale,
          'Scenario {0}: {1} (those changes are left out).',
          s.name,
          applied.problems.map((p) => (p.phrase ? say(ctx.locale, p.phrase) : p.message)).join(t(ctx.locale, '; ')),
        ),
        ...(row && { ref: ref(ctx, row) }),
      });
  }
  return [
    {
      kind: 'table',
      id: 'scenarios',
      label: 'Scenarios side by side',
      ref: ref(ctx, at),
      columns: [
        { label: 'Scenario' },
        { label: 'Runway', numeric: true },
        { label: 'Cash-out', nowrap: true },
        { label: 'Break-even', nowrap: true },
        { label: 'Monthly burn', numeric: true },
      ],
      rows,
      ...(all.length > MAX_SHOWN && { more: all.length - MAX_SHOWN }),
    },
    ...notes,
  ];
}

/** The sensitivity table and the runway percentiles, for the Financials section. */
export function analysisBlocks(ctx: BuildContext): Block[] {
  const data = rootData(ctx);
  const out: Block[] = [];
  const mc = runwayMonteCarlo(data);
  if (mc?.uncertain)
    out.push({
      kind: 'figures',
      items: [
        {
          id: 'runway-p10',
          label: 'Runway P10',
          value: formatMonths(mc.p10, ctx.locale),
          hint: t(
            ctx.locale,
            '1 in 10 runs ends sooner{0} ({1} seeded Monte Carlo samples over the ranges)',
            mc.end ? t(ctx.locale, ' · cash out by {0}', formatDate(mc.end.p10)) : '',
            mc.samples.toLocaleString('en-US'),
          ),
          tone: 'warn',
          ref: { path: ['financing', 'cash_on_hand'] },
        },
        {
          id: 'runway-p50',
          label: 'Runway P50',
          value: formatMonths(mc.p50, ctx.locale),
          ...(mc.end && { hint: t(ctx.locale, 'cash out around {0}', formatDate(mc.end.p50)) }),
          ref: { path: ['financing', 'cash_on_hand'] },
        },
        {
          id: 'runway-p90',
          label: 'Runway P90',
          value: formatMonths(mc.p90, ctx.locale),
          ...(mc.end && {
            hint: t(ctx.locale, 'cash out by {0} at the latest in 9 of 10 runs', formatDate(mc.end.p90)),
          }),
          ref: { path: ['financing', 'cash_on_hand'] },
        },
      ],
    });
  const tor = tornado(data, SENSITIVITY_PCT);
  if (tor.bars.length) {
    const months = (m: number | undefined) => (m === undefined ? '—' : formatMonths(m, ctx.locale));
    const runwayBars = tor.bars.filter((b) => b.runwayLow !== undefined && b.runwayHigh !== undefined);
    if (tor.runway !== undefined && runwayBars.length)
      out.push({
        kind: 'tornado',
        title: t(ctx.locale, 'Runway if one driver moves ±{0} %', tor.pct),
        pct: tor.pct,
        base: tor.runway,
        baseDisplay: months(tor.runway),
        bars: runwayBars.map((b) => ({
          label: driverLabel(ctx.locale, b.id, b.label),
          low: b.runwayLow!,
          high: b.runwayHigh!,
          lowDisplay: months(b.runwayLow),
          highDisplay: months(b.runwayHigh),
          ref: { path: b.path },
        })),
      });
    out.push({
      kind: 'table',
      id: 'sensitivity',
      label: t(
        ctx.locale,
        'Sensitivity: each driver −{0} % / +{0} %, the others held (runway {1}, break-even {2})',
        tor.pct,
        months(tor.runway),
        reached(ctx.locale, tor.breakEven) ?? '—',
      ),
      ref: { path: ['financials'] },
      columns: [
        { label: 'Driver' },
        { label: t(ctx.locale, 'Runway at −{0} %', tor.pct), numeric: true },
        { label: t(ctx.locale, 'Runway at +{0} %', tor.pct), numeric: true },
        { label: t(ctx.locale, 'Break-even at −{0} %', tor.pct), nowrap: true },
        { label: t(ctx.locale, 'Break-even at +{0} %', tor.pct), nowrap: true },
      ],
      rows: tor.bars.map((b) => ({
        cells: [
          driverLabel(ctx.locale, b.id, b.label),
          months(b.runwayLow),
          months(b.runwayHigh),
          reached(ctx.locale, b.breakEvenLow) ?? '—',
          reached(ctx.locale, b.breakEvenHigh) ?? '—',
        ],
        ref: { path: b.path },
      })),
    });
  }
  return out;
}
