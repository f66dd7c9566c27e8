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
import { w } from '../shared/l10n';

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
  if (points === 0) return w('Chart of {0}: no points yet.', i.def.key);
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
      return many
        ? w('run {0} {1} last {2}', runLabel(m.run), m.series.name, formatValue(v))
        : w('{0} last {1}', m.series.name, formatValue(v));
    });
  const more = members.length > MAX_LINES_NAMED ? w(', and {0} more lines', members.length - MAX_LINES_NAMED) : '';
  const best = i.marks.best.map((b) => w('best {0} {1}', b.member.series.name, formatValue(b.value))).slice(0, 2);
  const y = i.yRange
    ? w('; y from {0} to {1}', formatValue(i.yRange[0]), formatValue(i.yRange[1])) + (i.log ? w(' (log scale)') : '')
    : '';
  const head =
    members.length === 1
      ? w(
          'Chart of {0}: 1 line, {1} points, steps {2} to {3}',
          i.def.key,
          formatCount(points),
          formatValue(lo),
          formatValue(hi),
        )
      : w(
          'Chart of {0}: {1} lines, {2} points, steps {3} to {4}',
          i.def.key,
          members.length,
          formatCount(points),
          formatValue(lo),
          formatValue(hi),
        );
  const axis =
    i.xAxis === 'step'
      ? ''
      : w(
          ', drawn by {0}',
          i.xAxis === 'relative' ? w('relative time') : i.xAxis === 'wall' ? w('wall time') : w('epoch'),
        );
  return (
    `${head}${axis}${i.zoomed ? w(', zoomed in') : ''}${y}. ` +
    `${lines.join('; ')}${more}${best.length ? `; ${best.join('; ')}` : ''}.`
  );
}

/** The chart's data as a table: run, metric, step, value (and the smoothed value when smoothing is on). */
export function chartTable(def: ChartDef, smoothing: number): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'chart-table';
  const sampled = def.members.some((m) => m.series.length > MAX_ROWS);
  const caption = document.createElement('caption');
  caption.textContent = sampled
    ? w(
        'Data of {0}: at most {1} evenly spaced points a line, the last included (Export CSV has every point)',
        def.key,
        MAX_ROWS,
      )
    : w('Data of {0}', def.key);
  const head = document.createElement('tr');
  for (const [label, num] of [
    [w('Run'), false],
    [w('Metric'), false],
    [w('Step'), true],
    [w('Value'), true],
    ...(smoothing > 0 ? [[w('Smoothed'), true] as const] : []),
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
