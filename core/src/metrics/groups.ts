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

/** A group line reduced to a chart's pixel columns: the center line and the band's lower and upper edges. */
export interface GroupEnvelope {
  /** The center line: per column its first, lowest, highest and last point (x order), so no spike is lost. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly length: number;
  /** The band: per column its first and last x, each with the column's lowest `lo` and highest `hi`. */
  readonly bandX: Float64Array;
  readonly bandLo: Float64Array;
  readonly bandHi: Float64Array;
  readonly bandLength: number;
}

/**
 * The points of a group line to draw over `[xMin, xMax]` at `columns` pixel columns (plus the nearest point beyond
 * each edge, so the line and band run to the border). The band of a column spans the lowest `lo` and the highest `hi`
 * of every group point in it: the drawn band contains the true band. Points without members (NaN) are skipped.
 */
export function groupEnvelope(line: GroupLine, xMin: number, xMax: number, columns: number): GroupEnvelope {
  const cols = Math.max(1, Math.floor(columns));
  const n = line.x.length;
  const span = xMax - xMin;
  const colOf = (x: number): number =>
    x < xMin ? -1 : x > xMax ? cols : span > 0 ? Math.min(cols - 1, Math.floor(((x - xMin) / span) * cols)) : 0;
  const x: number[] = [];
  const y: number[] = [];
  const bx: number[] = [];
  const blo: number[] = [];
  const bhi: number[] = [];
  let before = -1;
  let after = -1;
  let col = -2;
  let first = -1;
  let lo = -1;
  let hi = -1;
  let last = -1;
  let bandLo = Infinity;
  let bandHi = -Infinity;
  const flush = (): void => {
    if (first < 0) return;
    const picks = [...new Set([first, lo, hi, last])].sort((a, b) => a - b);
    for (const i of picks) {
      x.push(line.x[i] as number);
      y.push(line.center[i] as number);
    }
    bx.push(line.x[first] as number);
    blo.push(bandLo);
    bhi.push(bandHi);
    if (last !== first) {
      bx.push(line.x[last] as number);
      blo.push(bandLo);
      bhi.push(bandHi);
    }
    first = lo = hi = last = -1;
    bandLo = Infinity;
    bandHi = -Infinity;
  };
  const edge = (i: number): void => {
    x.push(line.x[i] as number);
    y.push(line.center[i] as number);
    bx.push(line.x[i] as number);
    blo.push(line.lo[i] as number);
    bhi.push(line.hi[i] as number);
  };
  for (let i = 0; i < n; i++) {
    const v = line.center[i] as number;
    if (v - v !== 0) continue;
    const c = colOf(line.x[i] as number);
    if (c < 0) {
      before = i;
      continue;
    }
    if (c >= cols) {
      if (after < 0) after = i;
      continue;
    }
    if (c !== col) {
      if (col === -2 && before >= 0) edge(before); // the point left of the range first: x order
      flush();
      col = c;
    }
    if (first < 0) first = lo = hi = i;
    if (v < (line.center[lo] as number)) lo = i;
    if (v > (line.center[hi] as number)) hi = i;
    last = i;
    const l = line.lo[i] as number;
    const h = line.hi[i] as number;
    if (l < bandLo) bandLo = l;
    if (h > bandHi) bandHi = h;
  }
  if (col === -2 && before >= 0) edge(before);
  flush();
  if (after >= 0) edge(after);
  return {
    x: Float64Array.from(x),
    y: Float64Array.from(y),
    length: x.length,
    bandX: Float64Array.from(bx),
    bandLo: Float64Array.from(blo),
    bandHi: Float64Array.from(bhi),
    bandLength: bx.length,
  };
}

/**
 * What the selected runs can be grouped by: `experiment`, the config paths (those whose values differ between the
 * runs first, each list sorted), and `tag:<name>` for each tag. At most `limit`.
 */
export function groupByOptions(runs: readonly GroupableRun[], limit = 200): string[] {
  const values = new Map<string, Set<string>>();
  const tags = new Set<string>();
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.config)) {
      let s = values.get(k);
      if (!s) values.set(k, (s = new Set()));
      s.add(JSON.stringify(v));
    }
    for (const t of r.tags) tags.add(t);
  }
  const differing: string[] = [];
  const same: string[] = [];
  for (const [k, s] of values) (s.size > 1 || runs.some((r) => !(k in r.config)) ? differing : same).push(k);
  return ['experiment', ...differing.sort(), ...[...tags].sort().map((t) => `tag:${t}`), ...same.sort()].slice(
    0,
    limit,
  );
}
