/**
 * Run groups (seeds of one config, a learning-rate sweep…): runs grouped by a config value, a tag or the experiment,
 * and each group's metric drawn as one line (mean or median of its members) with a band (min–max, ± std, ± standard
 * error), aligned on a shared x (step, epoch or relative time: the caller passes the x column it aligns on).
 *
 * Alignment: the group's x values are the union of its members' x values; at each one a member counts when the x lies
 * within its own first and last point, with its value there interpolated linearly between its two neighbouring
 * points (its own value where it logged that x). Members that logged at other steps still line up; a member that
 * stopped early stops counting (`count` says how many members each point has). Non-finite values are skipped.
 * Browser-safe.
 */
import { configValue } from './run-filter';

export type GroupCenter = 'mean' | 'median';
export type GroupBand = 'minmax' | 'std' | 'stderr' | 'none';

export interface GroupMember {
  /** x on the chosen axis, ascending. */
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly length: number;
}

export interface GroupLine {
  readonly x: Float64Array;
  readonly center: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Members counted at each x. */
  readonly count: Uint32Array;
}

/** What runs are grouped by: a config path, `experiment`, or `tag:<name>` (has the tag or not). */
export interface GroupableRun {
  readonly key: string;
  readonly experiment: string;
  readonly tags: readonly string[];
  readonly config: Readonly<Record<string, number | string | boolean | null>>;
}

/** The group a run falls in for `by` (a label people read; '(none)' when the run has no such value). */
export function groupLabel(run: GroupableRun, by: string): string {
  if (by === 'experiment') return run.experiment;
  if (by.startsWith('tag:')) return run.tags.includes(by.slice(4)) ? by.slice(4) : `not ${by.slice(4)}`;
  const v = configValue(run.config, by);
  return v === undefined ? '(none)' : `${by} = ${typeof v === 'string' ? v : JSON.stringify(v)}`;
}

/** Runs by group label, groups in order of first appearance, members in the given order. */
export function groupRuns<R extends GroupableRun>(runs: readonly R[], by: string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of runs) {
    const label = groupLabel(r, by);
    const list = out.get(label);
    if (list) list.push(r);
    else out.set(label, [r]);
  }
  return out;
}

/** The union of the members' finite x values, ascending, without repeats. */
function unionX(members: readonly GroupMember[]): Float64Array {
  let total = 0;
  for (const m of members) total += m.length;
  const all = new Float64Array(total);
  let n = 0;
  for (const m of members)
    for (let i = 0; i < m.length; i++) {
      const x = m.x[i] as number;
      if (x - x === 0) all[n++] = x;
    }
  const sorted = all.subarray(0, n).sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (k === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i] as number;
  return sorted.slice(0, k);
}

/** The member's finite points (x ascending), for interpolation. */
function finitePoints(m: GroupMember): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(m.length);
  const y = new Float64Array(m.length);
  let n = 0;
  for (let i = 0; i < m.length; i++) {
    const xv = m.x[i] as number;
    const yv = m.y[i] as number;
    if (xv - xv !== 0 || yv - yv !== 0) continue;
    if (n > 0 && xv === x[n - 1]) {
      y[n - 1] = yv; // a repeated x: the later value
      continue;
    }
    x[n] = xv;
    y[n++] = yv;
  }
  return { x: x.subarray(0, n), y: y.subarray(0, n) };
}

export function aggregateGroup(members: readonly GroupMember[], center: GroupCenter, band: GroupBand): GroupLine {
  const xs = unionX(members);
  const pts = members.map(finitePoints);
  const n = xs.length;
  const out: GroupLine = {
    x: xs,
    center: new Float64Array(n),
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    count: new Uint32Array(n),
  };
  const cursor = new Int32Array(members.length);
  const vals = new Float64Array(members.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    let c = 0;
    for (let j = 0; j < pts.length; j++) {
      const p = pts[j] as { x: Float64Array; y: Float64Array };
      const len = p.x.length;
      if (len === 0 || x < (p.x[0] as number) || x > (p.x[len - 1] as number)) continue;
      let k = cursor[j] as number;
      while (k + 1 < len && (p.x[k + 1] as number) <= x) k++;
      cursor[j] = k;
      const x0 = p.x[k] as number;
      const y0 = p.y[k] as number;
      vals[c++] =
        x0 === x || k + 1 >= len ? y0 : y0 + ((p.y[k + 1] as number) - y0) * ((x - x0) / ((p.x[k + 1] as number) - x0));
    }
    out.count[i] = c;
    if (c === 0) {
      out.center[i] = out.lo[i] = out.hi[i] = NaN;
      continue;
    }
    const v = vals.subarray(0, c);
    let sum = 0;
    let mn = Infinity;
    let mx = -Infinity;
    for (let k = 0; k < c; k++) {
      const a = v[k] as number;
      sum += a;
      if (a < mn) mn = a;
      if (a > mx) mx = a;
    }
    const mean = sum / c;
    let mid = mean;
    if (center === 'median') {
      const s = Float64Array.from(v).sort();
      mid = c % 2 ? (s[(c - 1) / 2] as number) : ((s[c / 2 - 1] as number) + (s[c / 2] as number)) / 2;
    }
    out.center[i] = mid;
    if (band === 'minmax') {
      out.lo[i] = mn;
      out.hi[i] = mx;
    } else if (band === 'none') {
      out.lo[i] = out.hi[i] = mid;
    } else {
      let ss = 0;
      for (let k = 0; k < c; k++) ss += ((v[k] as number) - mean) ** 2;
      const std = c > 1 ? Math.sqrt(ss / (c - 1)) : 0;
      const half = band === 'std' ? std : std / Math.sqrt(c);
      out.lo[i] = mid - half;
      out.hi[i] = mid + half;
    }
  }
  return out;
}
