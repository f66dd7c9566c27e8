/**
 * The crosshair tooltip: at the cursor's x, every line's value at its nearest point (the smoothed value first, the
 * raw one after it), found by binary search in the full data — not the decimated lines — so it is exact at any
 * zoom. Long lists are cut to the lines nearest the cursor's y, and say how many were left out.
 */
import type uPlot from 'uplot';
import { type ChartEnv, type PlotShape, runLabel } from './chart-env';
import { chartGroups } from './chart-groups';
import { derived } from './derived';
import { formatElapsed, formatValue } from './format';
import type { ChartDef } from './model';
import { w } from '../shared/l10n';

const MAX_ROWS = 16;

/** Index of the value in an ascending column nearest to x (undefined when empty). */
function nearestIndex(xs: Float64Array, x: number): number | undefined {
  const n = xs.length;
  if (n === 0) return undefined;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= n) return n - 1;
  if (lo === 0) return 0;
  return x - (xs[lo - 1] as number) <= (xs[lo] as number) - x ? lo - 1 : lo;
}

export function hideTooltip(tip: HTMLElement): void {
  tip.hidden = true;
}

function xLabel(shape: PlotShape, x: number): string {
  switch (shape.xAxis) {
    case 'epoch':
      return w('epoch {0}', formatValue(x));
    case 'relative':
      return w('{0} after start', formatElapsed(x));
    case 'wall':
      return new Date(x * 1000).toLocaleString();
    default:
      return w('step {0}', formatValue(Math.round(x)));
  }
}

export function showTooltip(
  tip: HTMLElement,
  u: uPlot,
  def: ChartDef,
  env: ChartEnv,
  shape: PlotShape,
  x: number,
): void {
  const model = env.model;
  const many = new Set(def.members.map((m) => m.run)).size > 1;
  const cursorY = u.posToVal(u.cursor.top ?? 0, 'y');
  const rows: Array<{ color: string; label: string; value: number; raw: number; dashed: boolean }> = [];
  // Grouped: each group's line and band at the cursor first, then its members (they stay inspectable).
  const groupRows: HTMLElement[] = [];
  for (const g of chartGroups(def, env) ?? []) {
    const i = nearestIndex(g.line.x, x);
    if (i === undefined || !((g.line.count[i] ?? 0) > 0)) continue;
    const row = document.createElement('div');
    row.className = 'tip-row tip-group';
    const sw = document.createElement('span');
    sw.className = `swatch band${g.variant === 'train' ? ' dashed' : ''}`;
    sw.style.setProperty('--swatch', env.colorOf(g.colorRun));
    const name = document.createElement('span');
    name.className = 'tip-name';
    name.textContent = w('{0} ({1} runs)', g.label, g.line.count[i]);
    const val = document.createElement('span');
    val.className = 'tip-value';
    const band = model.settings.groupBand;
    val.textContent = `${formatValue(g.line.center[i])}${band === 'none' ? '' : ` [${formatValue(g.line.lo[i])} – ${formatValue(g.line.hi[i])}]`}`;
    row.append(sw, name, val);
    groupRows.push(row);
  }
  for (const m of def.members) {
    const run = model.runs.get(m.run);
    const d = derived(m.series);
    const i = d.nearest(shape.xAxis, run?.t0 ?? 0, model.epochOf(m.run), x);
    if (i === undefined) continue;
    const raw = m.series.values[i] as number;
    const value = shape.smoothing > 0 ? (d.smoothed(shape.smoothing)[i] as number) : raw;
    rows.push({
      color: env.colorOf(m.run),
      label: `${many ? `${runLabel(m.run)} · ` : ''}${m.series.name}`,
      value,
      raw,
      dashed: m.variant === 'train',
    });
  }
  if (rows.length === 0) {
    tip.hidden = true;
    return;
  }
  let shown = rows;
  if (rows.length > MAX_ROWS)
    shown = [...rows].sort((a, b) => Math.abs(a.value - cursorY) - Math.abs(b.value - cursorY)).slice(0, MAX_ROWS);
  shown.sort(
    (a, b) => (Number.isFinite(b.value) ? b.value : -Infinity) - (Number.isFinite(a.value) ? a.value : -Infinity),
  );
  const head = document.createElement('div');
  head.className = 'tip-head';
  head.textContent = xLabel(shape, x);
  const list = shown.map((r) => {
    const row = document.createElement('div');
    row.className = 'tip-row';
    const sw = document.createElement('span');
    sw.className = `swatch${r.dashed ? ' dashed' : ''}`;
    sw.style.setProperty('--swatch', r.color);
    const name = document.createElement('span');
    name.className = 'tip-name';
    name.textContent = r.label;
    const val = document.createElement('span');
    val.className = 'tip-value';
    val.textContent = shape.smoothing > 0 ? `${formatValue(r.value)} (${formatValue(r.raw)})` : formatValue(r.value);
    row.append(sw, name, val);
    return row;
  });
  if (rows.length > shown.length) {
    const more = document.createElement('div');
    more.className = 'tip-more';
    more.textContent = w('+{0} more lines (nearest {1} shown)', rows.length - shown.length, MAX_ROWS);
    list.push(more);
  }
  tip.replaceChildren(head, ...groupRows, ...list);
  tip.hidden = false;
  // Beside the cursor, flipped to the left near the right edge.
  const left = (u.cursor.left ?? 0) + u.over.offsetLeft;
  const width = tip.offsetWidth;
  const room = u.over.offsetLeft + u.over.clientWidth;
  tip.style.left = `${left + 14 + width > room ? Math.max(0, left - 14 - width) : left + 14}px`;
  tip.style.top = `${Math.max(0, (u.cursor.top ?? 0) + u.over.offsetTop - 10)}px`;
}
