import type { Node, YAMLMap } from 'yaml';
import { amountOf, nextRound, type RoundInput } from '../../../../../core/src/plan';
import { formatMoney } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import type { ServiceHost } from '../../host';
import { at, field, has, mapItems, num, plain, rangeOf, str, text } from '../../yaml-path';
import { parseTimeLimit } from '../experiment/exp-024-time-limit';
import { planCurrency } from '../plan/read';
import type { AsyncRule, AsyncRuleContext } from '../rule';
import { t, type Locale } from '../../../../../core/src/l10n';
import { linkedExperiments, type LinkedExperiment } from './linked';

export const DEFAULT_GPU_HOUR_PRICE = 2.5;

/** The GPU-hours of one run of an experiment and how they were worked out. */
export interface GpuHours {
  readonly gpuHours: number;
  readonly basis: string;
}

/**
 * GPU-hours of one run: the median duration of the experiment's past successful runs, else its
 * `resources.time_limit` (an upper-bound estimate), × GPUs per node (`resources.gpus`, default 1 with
 * `accelerator: gpu`, 0 on CPU) × `resources.nodes`. Undefined when neither a run nor a time limit says how long.
 */
export async function gpuHoursOf(
  host: ServiceHost,
  root: YAMLMap | undefined,
  l?: Locale,
): Promise<GpuHours | undefined> {
  const accelerator = str(at(root, ['resources', 'accelerator']));
  const gpusPerNode =
    accelerator === 'cpu' ? 0 : (num(at(root, ['resources', 'gpus'])) ?? (accelerator === 'gpu' ? 1 : 0));
  const nodes = num(at(root, ['resources', 'nodes'])) ?? 1;
  const devices = gpusPerNode * Math.max(1, nodes);
  if (devices <= 0) return { gpuHours: 0, basis: t(l, 'CPU only') };
  const times =
    (gpusPerNode === 1 ? t(l, '{0} GPU', gpusPerNode) : t(l, '{0} GPUs', gpusPerNode)) +
    (nodes > 1 ? t(l, ' × {0} nodes', nodes) : '');
  const name = str(at(root, ['metadata', 'name']));
  const runs = name
    ? (await host.pastRuns(name)).filter(
        (r) => r.state === 'succeeded' && Number.isFinite(r.durationSec) && r.durationSec >= 0,
      )
    : [];
  if (runs.length) {
    const hours = median(runs.map((r) => r.durationSec)) / 3600;
    return {
      gpuHours: hours * devices,
      basis:
        runs.length === 1
          ? t(l, 'median of {0} succeeded run {1} h × {2}', runs.length, round(hours), times)
          : t(l, 'median of {0} succeeded runs {1} h × {2}', runs.length, round(hours), times),
    };
  }
  const limitText = str(at(root, ['resources', 'time_limit']));
  const limit = limitText === undefined ? undefined : parseTimeLimit(limitText);
  if (limit === undefined) return undefined;
  const hours = limit / 3600;
  return {
    gpuHours: hours * devices,
    basis: t(l, 'estimate from time_limit {0} = {1} h × {2}', limitText, round(hours), times),
  };
}

interface Budget {
  readonly amount: number;
  readonly node: Node;
  readonly source: string;
}

/**
 * XDOC-004 (information): one run of each linked experiment costs more than the plan's compute budget. Cost =
 * GPU-hours × `liftoff.gpuHourPrice`; budget = the `compute` cost of the first `financials.periods` entry, else the
 * `compute` share of `financing.use_of_funds` × the next planned round. Reported on the budget value.
 */
export const computeBudget: AsyncRule = async (ctx) => {
  if (!ctx.docPath) return [];
  const price = ctx.settings.gpuHourPrice ?? DEFAULT_GPU_HOUR_PRICE;
  const budget = budgetOf(ctx);
  if (!budget || !(price > 0) || !Number.isFinite(price)) return [];
  const parts: Array<{ e: LinkedExperiment; est: GpuHours }> = [];
  const unknown: string[] = [];
  for (const e of await linkedExperiments(ctx)) {
    const est = await gpuHoursOf(ctx.host, e.root, ctx.settings.locale);
    if (est) parts.push({ e, est });
    else unknown.push(e.shown);
  }
  const gpuHours = parts.reduce((s, p) => s + p.est.gpuHours, 0);
  const cost = cents(gpuHours * price);
  if (!parts.length || cost <= budget.amount) return [];
  const currency = planCurrency(ctx.yaml.root);
  const money = (n: number) => formatMoney(cents(n), currency);
  const l = ctx.settings.locale;
  const sum = parts
    .map((p) => t(l, '`{0}` {1} GPU-h ({2})', p.e.shown, round(p.est.gpuHours), p.est.basis))
    .join(' + ');
  const total = parts.length > 1 ? t(l, ' = {0} GPU-h', round(gpuHours)) : '';
  const skipped = unknown.length
    ? t(l, ' Not counted: {0} (no past runs and no `resources.time_limit`).', unknown.map((u) => `\`${u}\``).join(', '))
    : '';
  return [
    diagnostic(
      ctx.settings,
      'XDOC-004',
      'information',
      rangeOf(ctx.file, budget.node),
      t(
        l,
        'One run of each linked experiment is estimated to cost {0}, more than the compute budget {1} ({2}): {3}{4} × {5} per GPU-hour (`liftoff.gpuHourPrice`) = {0}.{6} Raise the compute budget, or plan fewer or shorter runs.',
        money(cost),
        money(budget.amount),
        budget.source,
        sum,
        total,
        money(price),
        skipped,
      ),
    ),
  ];
};

function budgetOf(ctx: AsyncRuleContext): Budget | undefined {
  const { yaml } = ctx;
  const root = yaml.root;
  const period = mapItems(at(root, ['financials', 'periods']))[0];
  const compute = period ? at(period.node, ['costs', 'compute']) : undefined;
  const fromPeriod = has(compute) ? amountOf(plain(yaml.doc, compute.node)) : undefined;
  if (period && has(compute) && fromPeriod !== undefined) {
    const name = text(field(period.node, 'period'));
    return {
      amount: fromPeriod,
      node: compute.node,
      source: `\`financials.periods[0].costs.compute\`${name ? t(ctx.settings.locale, ', {0}', name) : ''}`,
    };
  }
  const use = mapItems(at(root, ['financing', 'use_of_funds'])).find((u) =>
    /compute/i.test(str(field(u.node, 'category')) ?? ''),
  );
  const pctEntry = use ? field(use.node, 'pct') : undefined;
  const pct = num(pctEntry);
  if (!has(pctEntry) || pct === undefined) return undefined;
  const roundsValue = plain(yaml.doc, at(root, ['financing', 'rounds'])?.node);
  const rounds: RoundInput[] = Array.isArray(roundsValue)
    ? roundsValue.filter((r): r is RoundInput => typeof r === 'object' && r !== null)
    : [];
  const index =
    nextRound(rounds, plain(yaml.doc, at(root, ['metadata', 'date'])?.node))?.index ??
    rounds.findIndex((r) => r.status !== 'closed');
  const round = rounds[index];
  const amount = round ? amountOf(round.amount) : undefined;
  if (!round || amount === undefined) return undefined;
  const name = typeof round.name === 'string' ? ` \`${round.name}\`` : '';
  return {
    amount: (pct / 100) * amount,
    node: pctEntry.node,
    source: t(
      ctx.settings.locale,
      '{0}% compute in `financing.use_of_funds` × the next round{1} of {2}',
      pct,
      name,
      formatMoney(amount, planCurrency(root)),
    ),
  };
}

function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? (v[mid] ?? 0) : ((v[mid - 1] ?? 0) + (v[mid] ?? 0)) / 2;
}

function round(n: number): number {
  return Number(n.toFixed(2));
}

function cents(n: number): number {
  return Math.round(n * 100) / 100;
}
