/**
 * A chart's markers, from the runs' config snapshots: the best value of the primary metric (a dot), the point where
 * early stopping ended a run (a vertical line at its last epoch, when that is below `training.epochs`), and the
 * `evaluation.thresholds` bounds that apply to the chart's metric (horizontal dashed lines). Also written as a
 * caption under the chart and as data attributes, so they can be read without looking at pixels.
 */
import { nameMatches } from '../../core/src/metrics/metric-names';
import type { ChartDef, ChartMember, Model } from './model';
import type { SeriesData } from './series-data';
import { formatValue } from './format';
import { w } from '../shared/l10n';

export interface ThresholdLine {
  readonly metric: string;
  readonly bound: 'min' | 'max';
  readonly value: number;
}
export interface PointMarker {
  readonly member: ChartMember;
  readonly index: number;
  readonly value: number;
  readonly goal: 'min' | 'max';
}

export interface ChartMarkers {
  readonly thresholds: readonly ThresholdLine[];
  readonly best: readonly PointMarker[];
  /** How many runs have a best value here (more than `best` holds when only the overall best is marked). */
  readonly bestOf: number;
  readonly early: ReadonlyArray<PointMarker & { readonly epoch: number }>;
}

const bestCache = new WeakMap<SeriesData, { rewrites: number; len: number; goal: string; best: number }>();

/** Index of the best finite value (scanning only points added since the last call). */
function bestIndex(s: SeriesData, goal: 'min' | 'max'): number {
  let c = bestCache.get(s);
  if (!c || c.rewrites !== s.rewrites || c.goal !== goal || c.len > s.length)
    c = { rewrites: s.rewrites, len: 0, goal, best: -1 };
  const values = s.values;
  let best = c.best;
  for (let i = c.len; i < s.length; i++) {
    const v = values[i] as number;
    if (v - v !== 0) continue;
    if (best < 0 || (goal === 'min' ? v < (values[best] as number) : v > (values[best] as number))) best = i;
  }
  c.best = best;
  c.len = s.length;
  bestCache.set(s, c);
  return best;
}

export function chartMarkers(def: ChartDef, model: Model): ChartMarkers {
  const thresholds: ThresholdLine[] = [];
  const seen = new Set<string>();
  const best: PointMarker[] = [];
  const early: Array<PointMarker & { epoch: number }> = [];
  const runsDone = new Set<string>();
  for (const m of def.members) {
    const run = model.runs.get(m.run);
    if (!run) continue;
    const meta = run.meta;
    for (const t of meta.thresholds) {
      if (!nameMatches(t.metric, m.series.name)) continue;
      for (const bound of ['min', 'max'] as const) {
        const value = t[bound];
        const key = `${t.metric}|${bound}|${value}`;
        if (value === undefined || seen.has(key)) continue;
        seen.add(key);
        thresholds.push({ metric: t.metric, bound, value });
      }
    }
    if (meta.primary && meta.primary.name === m.series.name) {
      const i = bestIndex(m.series, meta.primary.goal);
      if (i >= 0) best.push({ member: m, index: i, value: m.series.values[i] as number, goal: meta.primary.goal });
    }
    if (runsDone.has(m.run) || !meta.earlyStopping || !meta.epochs || run.state !== 'succeeded') continue;
    const epoch = model.epochOf(m.run);
    const lastEpoch = epoch && epoch.length ? (epoch.values[epoch.length - 1] as number) : undefined;
    if (lastEpoch === undefined || !(lastEpoch < meta.epochs)) continue;
    // Mark it on the monitored metric when this chart has it, else on the run's first line here.
    const monitored = def.members.find((x) => x.run === m.run && x.series.name === meta.earlyStopping?.monitor);
    const on = monitored ?? m;
    if (on.series.length === 0) continue;
    runsDone.add(m.run);
    early.push({
      member: on,
      index: on.series.length - 1,
      value: on.series.values[on.series.length - 1] as number,
      goal: meta.earlyStopping.mode,
      epoch: lastEpoch,
    });
  }
  // A dot per run is noise past a few runs: then only the best of them is marked (the caption says of how many).
  const shownBest = best.length > MAX_BEST_DOTS ? [best.reduce((a, b) => (better(b, a) ? b : a))] : best;
  return { thresholds, best: shownBest, bestOf: best.length, early };
}

const MAX_BEST_DOTS = 8;

function better(a: PointMarker, b: PointMarker): boolean {
  return a.goal === 'min' ? a.value < b.value : a.value > b.value;
}

export function markerCaption(mk: ChartMarkers, label: (run: string) => string, many: boolean): string {
  const parts: string[] = [];
  for (const b of mk.best) {
    const who = many
      ? ` (${label(b.member.run)}${mk.bestOf > mk.best.length ? w(', best of {0} runs', mk.bestOf) : ''})`
      : '';
    parts.push(
      w(
        '★ best {0} {1} at step {2}{3}',
        b.member.series.name,
        formatValue(b.value),
        formatValue(b.member.series.steps[b.index]),
        who,
      ),
    );
  }
  for (const e of mk.early.slice(0, 3))
    parts.push(w('early stop at epoch {0}{1}', formatValue(e.epoch), many ? ` (${label(e.member.run)})` : ''));
  if (mk.early.length > 3) parts.push(w('{0} more runs stopped early', mk.early.length - 3));
  for (const t of mk.thresholds) parts.push(`${t.metric} ${t.bound === 'min' ? '≥' : '≤'} ${formatValue(t.value)}`);
  return parts.join(' · ');
}
