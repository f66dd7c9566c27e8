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

/**
 * The union of the members' finite x values, ascending, without repeats. Members whose x ascend (one run's steps, the
 * usual case) are merged in one pass each; any other member makes it fall back to a sort of all the values.
 */
function unionX(members: readonly GroupMember[]): Float64Array {
  let union = new Float64Array(0);
  let scratch = new Float64Array(0);
  for (const m of members) {
    const n = m.length;
    if (scratch.length < union.length + n) scratch = new Float64Array(union.length + n);
    let i = 0;
    let j = 0;
    let k = 0;
    let prevX = -Infinity;
    while (j < n) {
      const x = m.x[j] as number;
      if (x - x !== 0) {
        j++;
        continue;
      }
      if (x < prevX) return unionBySort(members); // not ascending
      prevX = x;
      while (i < union.length && (union[i] as number) <= x) {
        const u = union[i++] as number;
        if (k === 0 || scratch[k - 1] !== u) scratch[k++] = u;
      }
      if (k === 0 || scratch[k - 1] !== x) scratch[k++] = x;
      j++;
    }
    while (i < union.length) {
      const u = union[i++] as number;
      if (k === 0 || scratch[k - 1] !== u) scratch[k++] = u;
    }
    union = scratch.slice(0, k);
  }
  return union;
}

function unionBySort(members: readonly GroupMember[]): Float64Array {
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
  const X = line.x;
  const C = line.center;
  // At most 4 center points and 2 band points a column, plus one beyond each edge.
  const cap = Math.min(n, 4 * cols + 2);
  const x = new Float64Array(cap);
  const y = new Float64Array(cap);
  const bx = new Float64Array(Math.min(n, 2 * cols + 2));
  const blo = new Float64Array(bx.length);
  const bhi = new Float64Array(bx.length);
  let len = 0;
  let blen = 0;
  let before = -1;
  let after = -1;
  let col = -2;
  let first = -1;
  let lo = -1;
  let hi = -1;
  let last = -1;
  let bandLo = Infinity;
  let bandHi = -Infinity;
  const point = (i: number): void => {
    x[len] = X[i] as number;
    y[len++] = C[i] as number;
  };
  const flush = (): void => {
    if (first < 0) return;
    // first ≤ min(lo, hi) ≤ max(lo, hi) ≤ last, each once, in x order.
    const a = lo < hi ? lo : hi;
    const b = lo < hi ? hi : lo;
    point(first);
    if (a !== first) point(a);
    if (b !== a && b !== first) point(b);
    if (last !== b && last !== a && last !== first) point(last);
    bx[blen] = X[first] as number;
    blo[blen] = bandLo;
    bhi[blen++] = bandHi;
    if (last !== first) {
      bx[blen] = X[last] as number;
      blo[blen] = bandLo;
      bhi[blen++] = bandHi;
    }
    first = lo = hi = last = -1;
    bandLo = Infinity;
    bandHi = -Infinity;
  };
  const edge = (i: number): void => {
    point(i);
    bx[blen] = X[i] as number;
    blo[blen] = line.lo[i] as number;
    bhi[blen++] = line.hi[i] as number;
  };
  for (let i = 0; i < n; i++) {
    const v = C[i] as number;
    if (v - v !== 0) continue;
    const xv = X[i] as number;
    if (xv < xMin) {
      before = i;
      continue;
    }
    if (xv > xMax) {
      if (after < 0) after = i;
      continue;
    }
    const c = span > 0 ? Math.min(cols - 1, Math.floor(((xv - xMin) / span) * cols)) : 0;
    if (c !== col) {
      if (col === -2 && before >= 0) edge(before); // the point left of the range first: x order
      flush();
      col = c;
    }
    if (first < 0) first = lo = hi = i;
    if (v < (C[lo] as number)) lo = i;
    if (v > (C[hi] as number)) hi = i;
    last = i;
    const l = line.lo[i] as number;
    const h = line.hi[i] as number;
    if (l < bandLo) bandLo = l;
    if (h > bandHi) bandHi = h;
  }
  if (col === -2 && before >= 0) edge(before);
  flush();
  if (after >= 0) edge(after);
  return { x, y, length: len, bandX: bx, bandLo: blo, bandHi: bhi, bandLength: blen };
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
