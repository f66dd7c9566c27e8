/**
 * A chart in words, for screen readers (the plot itself is a canvas): the summary that labels the plot — what is
 * plotted, over which range, each line's last value and the best one marked — and the chart's data as a table,
 * sampled to at most MAX_ROWS rows a line (CSV export has every point). Built only for charts on screen.
 */
import type { XAxis } from '../../client/src/panels/metrics/contract';
import { type ChartEnv, runLabel } from './chart-env';
import type { ChartMarkers } from './chart-markers';
import { derived } from './derived';
import { formatCount, formatValue } from './format';
import type { ChartDef } from './model';

const MAX_ROWS = 100;
const MAX_LINES_NAMED = 4;

export interface SummaryInput {
  readonly def: ChartDef;
  readonly env: ChartEnv;
  readonly smoothing: number;
  readonly xAxis: XAxis;
  readonly log: boolean;
  readonly marks: ChartMarkers;
  /** The y range drawn and the x range shown (zoomed or not). */
  readonly yRange: readonly [number, number] | undefined;
  readonly zoomed: boolean;
}

export function chartSummary(i: SummaryInput): string {
  const members = i.def.members;
  const many = new Set(members.map((m) => m.run)).size > 1;
  const points = members.reduce((n, m) => n + m.series.length, 0);
  if (points === 0) return `Chart of ${i.def.key}: no points yet.`;
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of members) {
    const n = m.series.length;
    if (n === 0) continue;
    lo = Math.min(lo, m.series.steps[0] as number);
    hi = Math.max(hi, m.series.steps[n - 1] as number);
  }
  const lines = members
    .filter((m) => m.series.length > 0)
    .slice(0, MAX_LINES_NAMED)
    .map((m) => {
      const n = m.series.length;
      const v = i.smoothing > 0 ? derived(m.series).smoothed(i.smoothing)[n - 1] : m.series.values[n - 1];
      return `${many ? `run ${runLabel(m.run)} ` : ''}${m.series.name} last ${formatValue(v)}`;
    });
  const more = members.length > MAX_LINES_NAMED ? `, and ${members.length - MAX_LINES_NAMED} more lines` : '';
  const best = i.marks.best.map((b) => `best ${b.member.series.name} ${formatValue(b.value)}`).slice(0, 2);
  const y = i.yRange
    ? `; y from ${formatValue(i.yRange[0])} to ${formatValue(i.yRange[1])}${i.log ? ' (log scale)' : ''}`
    : '';
  return (
    `Chart of ${i.def.key}: ${members.length} line${members.length === 1 ? '' : 's'}, ${formatCount(points)} points, steps ${formatValue(lo)} to ${formatValue(hi)}` +
    `${i.xAxis === 'step' ? '' : `, drawn by ${i.xAxis === 'relative' ? 'relative time' : i.xAxis === 'wall' ? 'wall time' : 'epoch'}`}${i.zoomed ? ', zoomed in' : ''}${y}. ` +
    `${lines.join('; ')}${more}${best.length ? `; ${best.join('; ')}` : ''}.`
  );
}

/** The chart's data as a table: run, metric, step, value (and the smoothed value when smoothing is on). */
export function chartTable(def: ChartDef, smoothing: number): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'chart-table';
  const sampled = def.members.some((m) => m.series.length > MAX_ROWS);
  const caption = document.createElement('caption');
  caption.textContent = `Data of ${def.key}${sampled ? `: at most ${MAX_ROWS} evenly spaced points a line, the last included (Export CSV has every point)` : ''}`;
  const head = document.createElement('tr');
  for (const [label, num] of [
    ['Run', false],
    ['Metric', false],
    ['Step', true],
    ['Value', true],
    ...(smoothing > 0 ? [['Smoothed', true] as const] : []),
  ] as const) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    if (num) th.className = 'num';
    head.append(th);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  for (const m of def.members) {
    const n = m.series.length;
    const every = Math.max(1, Math.ceil(n / MAX_ROWS));
    const smooth = smoothing > 0 ? derived(m.series).smoothed(smoothing) : undefined;
    for (let k = 0; k < n; k += every)
      tbody.append(row(m.run, m.series.name, m.series.steps[k] as number, m.series.values[k] as number, smooth?.[k]));
    if ((n - 1) % every !== 0 && n > 0)
      tbody.append(
        row(m.run, m.series.name, m.series.steps[n - 1] as number, m.series.values[n - 1] as number, smooth?.[n - 1]),
      );
  }
  table.append(caption, thead, tbody);
  return table;
}

function row(
  run: string,
  name: string,
  step: number,
  value: number,
  smoothed: number | undefined,
): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const cells: Array<[string, boolean]> = [
    [runLabel(run), false],
    [name, false],
    [formatValue(step), true],
    [formatValue(value), true],
  ];
  if (smoothed !== undefined) cells.push([formatValue(smoothed), true]);
  for (const [text, num] of cells) {
    const td = document.createElement('td');
    td.textContent = text;
    if (num) td.className = 'num';
    tr.append(td);
  }
  return tr;
}
