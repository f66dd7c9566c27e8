/**
 * Groups of a chart when the panel groups runs ("Group by" in the toolbar): the chart's members (one per run and
 * train/val variant) fall in groups by the run's config value, tag or experiment (core/src/metrics/groups.ts); each
 * group is one line (mean or median of its members, of their smoothed values when smoothing is on, computed over
 * every point) with a band (min–max, ± std, ± standard error), aligned on the chart's x axis. Computed lazily per
 * chart and cached until a member's data or the grouping changes. Members stay inspectable: the legend lists them
 * under their group, and the tooltip shows every member's value.
 */
import {
  aggregateGroup,
  groupEnvelope,
  groupLabel,
  type GroupEnvelope,
  type GroupLine,
  type GroupMember,
} from '../../core/src/metrics/groups';
import type { ChartEnv } from './chart-env';
import { derived } from './derived';
import type { ChartDef, ChartMember } from './model';
import { w } from '../shared/l10n';

export interface ChartGroup {
  /** "training.seed = 1" (and the variant, for a train/val chart). */
  readonly label: string;
  /** The run whose colour the group takes (its first member's). */
  readonly colorRun: string;
  readonly variant: string;
  readonly members: readonly ChartMember[];
  readonly line: GroupLine;
}

/** "mean with a min–max band" for captions and the chart's summary, in the page's language. */
export function groupingText(env: ChartEnv): string {
  const s = env.model.settings;
  const center = s.groupCenter === 'median' ? w('median') : w('mean');
  if (s.groupBand === 'none') return w('{0} without a band', center);
  const band = s.groupBand === 'minmax' ? w('min–max') : s.groupBand === 'std' ? w('± std') : w('± std. error');
  return w('{0} with a {1} band', center, band);
}

/** Per chart: the grouping it was computed for, and each group's line with the data versions it was built from. */
const cache = new WeakMap<
  ChartDef,
  { key: string; groups: ChartGroup[]; lines: Map<string, { key: string; line: GroupLine }> }
>();

/**
 * The chart's groups, or undefined when the panel does not group runs. A group is aggregated again only when one of
 * its members' data changed (a live run's group, not the nine others beside it).
 */
export function chartGroups(def: ChartDef, env: ChartEnv): readonly ChartGroup[] | undefined {
  const m = env.model;
  const s = m.settings;
  if (!s.groupBy) return undefined;
  const version = (mem: ChartMember) =>
    `${mem.run}/${mem.series.name}:${mem.series.version}:${m.epochOf(mem.run)?.version ?? 0}`;
  const shape = [s.groupBy, s.groupCenter, s.groupBand, s.xAxis, s.smoothing].join('|');
  const key = `${shape}|${def.members.map(version).join(',')}`;
  let hit = cache.get(def);
  if (hit?.key === key) return hit.groups;
  if (!hit || !hit.key.startsWith(`${shape}|`)) hit = { key: '', groups: [], lines: new Map() };
  const byLabel = new Map<string, ChartMember[]>();
  for (const mem of def.members) {
    const run = m.runs.get(mem.run);
    const label = run
      ? groupLabel(
          { key: run.key, experiment: run.experiment, tags: run.tags ?? [], config: run.config ?? {} },
          s.groupBy,
        )
      : '(none)';
    const full = `${label}${mem.variant ? ` · ${mem.variant}` : ''}`;
    const list = byLabel.get(full);
    if (list) list.push(mem);
    else byLabel.set(full, [mem]);
  }
  const lines = new Map<string, { key: string; line: GroupLine }>();
  const groups = [...byLabel].map(([label, members]): ChartGroup => {
    const groupKey = members.map(version).join(',');
    let entry = hit.lines.get(label);
    if (entry?.key !== groupKey) entry = { key: groupKey, line: aggregate(members, env) };
    lines.set(label, entry);
    return { label, colorRun: members[0]!.run, variant: members[0]!.variant, members, line: entry.line };
  });
  cache.set(def, { key, groups, lines });
  return groups;
}

/** The group's line over its members' values (smoothed over every point when smoothing is on) on the chart's x. */
function aggregate(members: readonly ChartMember[], env: ChartEnv): GroupLine {
  const m = env.model;
  const s = m.settings;
  const points = members.map((mem): GroupMember => {
    const run = m.runs.get(mem.run);
    const d = derived(mem.series);
    const col = d.x(s.xAxis, run?.t0 ?? 0, m.epochOf(mem.run));
    const n = mem.series.length;
    let x: ArrayLike<number> = col.x;
    if (col.offset !== 0) {
      const shifted = new Float64Array(n);
      for (let i = 0; i < n; i++) shifted[i] = (col.x[i] as number) + col.offset;
      x = shifted;
    }
    const y = s.smoothing > 0 ? d.smoothed(s.smoothing) : mem.series.values;
    return { x, y, length: n };
  });
  return aggregateGroup(points, s.groupCenter, s.groupBand);
}

const drawn = new WeakMap<GroupLine, { key: string; env: GroupEnvelope }>();

/** What a group draws over an x range at a number of pixel columns (cached until the line or the range changes). */
export function groupDrawn(g: ChartGroup, xMin: number, xMax: number, columns: number): GroupEnvelope {
  const key = `${xMin}|${xMax}|${columns}`;
  const hit = drawn.get(g.line);
  if (hit?.key === key) return hit.env;
  const env = groupEnvelope(g.line, xMin, xMax, columns);
  drawn.set(g.line, { key, env });
  return env;
}

/** [lowest band edge, highest band edge] of the groups within the x range (what the y axis must show). */
export function groupsExtent(
  groups: readonly ChartGroup[],
  xMin: number,
  xMax: number,
  log: boolean,
): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const g of groups) {
    const { x, lo: l, hi: h } = g.line;
    for (let i = 0; i < x.length; i++) {
      const xv = x[i] as number;
      if (xv < xMin || xv > xMax) continue;
      const a = l[i] as number;
      const b = h[i] as number;
      if (a === a && (!log || a > 0) && a < lo) lo = a;
      if (b === b && (!log || b > 0) && b > hi) hi = b;
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}
