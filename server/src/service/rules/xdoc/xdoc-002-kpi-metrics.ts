import { closest, distance } from 'fastest-levenshtein';
import type { YAMLMap } from 'yaml';
import { diagnostic } from '../../diagnostic';
import type { LiftoffDiagnostic } from '../../types';
import {
  at,
  entries,
  field,
  has,
  list,
  mapItems,
  mapOf,
  num,
  str,
  text,
  valueRange,
  type Entry,
  type MapItem,
} from '../../yaml-path';
import { replace, withFixes } from '../experiment/edits';
import { yamlString } from '../experiment/exp-008-data-paths';
import { label, namesIn } from '../plan/read';
import type { AsyncRule, AsyncRuleContext } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { loadLinked, resolveLink } from './linked';

/** Names people give a metric that Liftoff calls otherwise. */
const SYNONYMS: Readonly<Record<string, string>> = {
  sensitivity: 'recall',
  tpr: 'recall',
  true_positive_rate: 'recall',
  hit_rate: 'recall',
  roc_auc: 'auc',
  auc_roc: 'auc',
  auroc: 'auc',
  f1_score: 'f1',
  average_precision: 'auc_pr',
  pr_auc: 'auc_pr',
  tnr: 'specificity',
  true_negative_rate: 'specificity',
};

/** `val_recall`, `test_recall` → `recall` (lower case). */
function base(metric: string): string {
  return metric.toLowerCase().replace(/^(val|test)_/, '');
}

function sameMetric(a: string, b: string): boolean {
  return a === b || base(a) === base(b);
}

/**
 * XDOC-002 (warning): a KPI's `measured_by.metric` is one the linked experiment computes (`evaluation.metrics`,
 * with or without a `val_`/`test_` prefix, or `metrics.track`), and the KPI's target does not contradict the
 * experiment's `evaluation.thresholds` for it: a KPI to increase with a target below the threshold's `min`, or one
 * to decrease with a target above its `max`. A `unit: pct` target is compared as a fraction when the bound is ≤ 1.
 */
export const kpiMetrics: AsyncRule = async (ctx) => {
  if (!ctx.docPath) return [];
  const out: LiftoffDiagnostic[] = [];
  for (const kpi of mapItems(at(ctx.yaml.root, ['kpis']))) {
    const measured = field(kpi.node, 'measured_by');
    const link = str(at(measured?.node, ['experiment']));
    const metricEntry = at(measured?.node, ['metric']);
    const metric = str(metricEntry);
    const abs = link ? resolveLink(ctx.docPath, link) : undefined;
    if (!link || !abs || !metricEntry?.node || !metric) continue;
    const loaded = await loadLinked(ctx.host, abs, 'Experiment');
    if (loaded.status !== 'ok') continue; // XDOC-001 reports it
    const root = loaded.root;
    const evaluated = strings(at(root, ['evaluation', 'metrics']));
    const tracked = [
      ...new Set([...strings(at(root, ['metrics', 'track'])), ...strings(at(root, ['metrics', 'primary', 'name']))]),
    ];
    const known = [...new Set([...evaluated, ...tracked])];
    if (!known.some((k) => sameMetric(k, metric))) {
      out.push(unknownMetric(ctx, kpi, metricEntry, metric, link, evaluated, tracked));
      continue;
    }
    const contradiction = thresholdContradiction(ctx, kpi, metric, link, mapOf(at(root, ['evaluation', 'thresholds'])));
    if (contradiction) out.push(contradiction);
  }
  return out;
};

/** The names in a list of metric names, or the one name of a scalar entry. */
function strings(e: Entry | undefined): string[] {
  const items = list(e) ?? (e ? [e] : []);
  return items.map((i) => text(i)).filter((v): v is string => v !== undefined && v !== '');
}

function unknownMetric(
  ctx: AsyncRuleContext,
  kpi: MapItem,
  entry: Entry,
  metric: string,
  link: string,
  evaluated: readonly string[],
  tracked: readonly string[],
): LiftoffDiagnostic {
  const known = [...new Set([...evaluated, ...tracked])];
  const synonym = SYNONYMS[base(metric)];
  const renamed = synonym ? known.find((k) => sameMetric(k, synonym)) : undefined;
  const near = known.length ? closest(metric.toLowerCase(), known) : undefined;
  const guess =
    renamed ??
    (near !== undefined &&
    distance(metric.toLowerCase(), near.toLowerCase()) <= Math.max(1, Math.floor(metric.length / 3))
      ? near
      : undefined);
  const l = ctx.settings.locale;
  const offered = [
    evaluated.length
      ? t(l, 'its `evaluation.metrics` are {0}', namesIn(l, evaluated))
      : t(l, 'it has no `evaluation.metrics`'),
    ...(tracked.length ? [t(l, 'it tracks {0}', namesIn(l, tracked))] : []),
  ].join(t(l, ' and '));
  const d = diagnostic(
    ctx.settings,
    'XDOC-002',
    'warning',
    valueRange(ctx.file, entry),
    t(
      l,
      'KPI `{0}` is measured by `{1}`, which `{2}` does not compute: {3}.{4}',
      label(kpi),
      metric,
      link,
      offered,
      renamed
        ? t(l, ' `{0}` is called `{1}` there.', metric, synonym ?? renamed)
        : guess
          ? t(l, ' Did you mean `{0}`?', guess)
          : t(
              l,
              " Add `{0}` to the experiment's `evaluation.metrics` or measure the KPI with one of its metrics.",
              metric,
            ),
    ),
  );
  return guess && entry.node
    ? withFixes(d, [
        { title: t(l, 'Change to `{0}`', guess), edits: [replace(ctx.file, entry.node, yamlString(guess))] },
      ])
    : d;
}

function thresholdContradiction(
  ctx: AsyncRuleContext,
  kpi: MapItem,
  metric: string,
  link: string,
  thresholds: YAMLMap | undefined,
): LiftoffDiagnostic | undefined {
  if (!thresholds) return undefined;
  const all = entries(thresholds);
  const threshold =
    all.find((e) => String(e.keyNode.value) === metric) ?? all.find((e) => sameMetric(String(e.keyNode.value), metric));
  const targetEntry = field(kpi.node, 'target');
  const target = num(targetEntry);
  const direction = str(field(kpi.node, 'direction'));
  if (
    !threshold ||
    !targetEntry ||
    !has(targetEntry) ||
    target === undefined ||
    (direction !== 'increase' && direction !== 'decrease')
  )
    return undefined;
  const bound = direction === 'increase' ? 'min' : 'max';
  const limit = num(at(threshold.node, [bound]));
  if (limit === undefined) return undefined;
  const pct = str(field(kpi.node, 'unit')) === 'pct' && Math.abs(limit) <= 1;
  const compared = pct ? target / 100 : target;
  const contradicts = direction === 'increase' ? compared < limit : compared > limit;
  if (!contradicts) return undefined;
  const key = String(threshold.keyNode.value);
  const l = ctx.settings.locale;
  const shownTarget = pct ? t(l, '{0}% ({1} as a fraction)', target, round(compared)) : String(target);
  const aligned = round(pct ? limit * 100 : limit);
  const args = [label(kpi), shownTarget, metric, limit, link, key, aligned];
  const d = diagnostic(
    ctx.settings,
    'XDOC-002',
    'warning',
    valueRange(ctx.file, targetEntry),
    direction === 'increase'
      ? t(
          l,
          "KPI `{0}` targets {1} for `{2}`, below the minimum {3} that `{4}` accepts (`evaluation.thresholds.{5}.min`): the plan and the experiment disagree on the bar. Align the KPI target (e.g. {6}) or the experiment's threshold.",
          ...args,
        )
      : t(
          l,
          "KPI `{0}` targets {1} for `{2}`, above the maximum {3} that `{4}` accepts (`evaluation.thresholds.{5}.max`): the plan and the experiment disagree on the bar. Align the KPI target (e.g. {6}) or the experiment's threshold.",
          ...args,
        ),
  );
  return withFixes(d, [
    { title: t(l, 'Change the target to {0}', aligned), edits: [replace(ctx.file, targetEntry.node, String(aligned))] },
  ]);
}

/** Up to 6 decimals, without float noise (0.9200000001 → 0.92). */
function round(n: number): number {
  return Number(n.toFixed(6));
}
