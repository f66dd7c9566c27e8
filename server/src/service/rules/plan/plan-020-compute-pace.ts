import { computeBudgetOf, computePace, formatMoney } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { t } from '../../../../../core/src/l10n';
import { at, mapItems, plain, rangeOf, str } from '../../yaml-path';
import { linkedExperiments } from '../xdoc/linked';
import { DEFAULT_GPU_HOUR_PRICE } from '../xdoc/xdoc-004-compute-budget';
import { planCurrency } from './read';
import type { AsyncRule } from '../rule';

/**
 * PLAN-020 (warning): the linked experiments' real runs (the run store, core/src/plan-compute) have spent more of the
 * plan's compute budget than its pace allows by today. The budget is the `costs.compute` of the period holding today
 * (else the first period with one), spread evenly over the period; spend is the GPU-hours of the runs started in the
 * period × `liftoff.gpuHourPrice`. Reported on that `costs.compute`. `now` is injectable for tests.
 */
export function computePaceRule(now: () => number = Date.now): AsyncRule {
  return async (ctx) => {
    if (!ctx.docPath || !ctx.host.runSpend) return [];
    const price = ctx.settings.gpuHourPrice ?? DEFAULT_GPU_HOUR_PRICE;
    if (!(price > 0) || !Number.isFinite(price)) return [];
    const today = now();
    const data = plain(ctx.yaml.doc, ctx.yaml.root);
    const budget = computeBudgetOf(data, today);
    if (!budget || today < budget.startMs) return [];
    const period = mapItems(at(ctx.yaml.root, ['financials', 'periods']))[budget.index];
    const node = period ? at(period.node, ['costs', 'compute'])?.node : undefined;
    if (!node) return [];
    const parts: string[] = [];
    let gpuHours = 0;
    for (const e of await linkedExperiments(ctx)) {
      const name = str(at(e.root, ['metadata', 'name']));
      if (!name) continue;
      const spend = await ctx.host.runSpend(name, budget.startMs);
      if (!spend || spend.runs === 0) continue;
      gpuHours += spend.gpuHours;
      parts.push(
        spend.runs === 1
          ? t(ctx.settings.locale, '`{0}` {1} GPU-h in {2} run', e.shown, round(spend.gpuHours), spend.runs)
          : t(ctx.settings.locale, '`{0}` {1} GPU-h in {2} runs', e.shown, round(spend.gpuHours), spend.runs),
      );
    }
    const pace = computePace(budget, gpuHours * price, gpuHours, today);
    if (!pace.ahead) return [];
    const currency = planCurrency(ctx.yaml.root);
    const money = (n: number) => formatMoney(Math.round(n * 100) / 100, currency);
    const pct = Math.round(pace.elapsed * 100);
    const out = pace.exhaustedAtMs
      ? t(
          ctx.settings.locale,
          ' At this rate the budget runs out on {0}, before the period ends.',
          new Date(pace.exhaustedAtMs).toISOString().slice(0, 10),
        )
      : '';
    return [
      diagnostic(
        ctx.settings,
        'PLAN-020',
        'warning',
        rangeOf(ctx.file, node),
        t(
          ctx.settings.locale,
          "Compute spend is ahead of the plan: the linked experiments' runs since {0} used {1} = {2} GPU-h × {3} per GPU-hour (`liftoff.gpuHourPrice`) = {4}, more than the {5} the {6} compute budget of {7} allows {8} % into the period.{9} Raise the budget, or plan fewer or shorter runs.",
          new Date(budget.startMs).toISOString().slice(0, 10),
          parts.join(' + '),
          round(gpuHours),
          money(price),
          money(pace.spent),
          money(pace.expected),
          budget.period,
          money(budget.amount),
          pct,
          out,
        ),
      ),
    ];
  };
}

export const computePaceAhead = computePaceRule();

function round(n: number): number {
  return Number(n.toFixed(2));
}
