/** Milestones on a month axis: one bar per milestone, dependency connectors, the plan date as a dashed line. */
import { fromMonthIndex } from '../../dates';
import { esc } from '../escape';
import { t, type Locale } from '../../../l10n';
import { clipText, n, revealAttr, type RenderOptions } from '../attrs';
import type { GanttBlock } from '../model';

const W = 680;
const LABEL = 200;
const ROW = 26;
const HEAD = 34;
/** The month's short name in the reader's language (each a literal, so test/unit/l10n.test.ts sees it). */
const MONTHS: ReadonlyArray<(l: Locale | undefined) => string> = [
  (l) => t(l, 'Jan'),
  (l) => t(l, 'Feb'),
  (l) => t(l, 'Mar'),
  (l) => t(l, 'Apr'),
  (l) => t(l, 'May'),
  (l) => t(l, 'Jun'),
  (l) => t(l, 'Jul'),
  (l) => t(l, 'Aug'),
  (l) => t(l, 'Sep'),
  (l) => t(l, 'Oct'),
  (l) => t(l, 'Nov'),
  (l) => t(l, 'Dec'),
];

function statusClass(status: string | undefined): string {
  return status === 'done'
    ? 'done'
    : status === 'in_progress'
      ? 'active'
      : status === 'blocked' || status === 'late'
        ? 'blocked'
        : 'planned';
}

export function ganttSvg(b: GanttBlock, o: RenderOptions): string {
  const span = Math.max(1, b.to - b.from);
  const x = (m: number) => LABEL + ((m - b.from) / span) * (W - LABEL - 8);
  const H = HEAD + b.bars.length * ROW + 6;
  const height = H + (b.planDate === undefined ? 0 : 16);
  const step = span <= 18 ? 1 : span <= 48 ? 3 : 12;
  const ticks: string[] = [];
  for (let m = b.from; m <= b.to; m++) {
    const d = fromMonthIndex(m);
    const yearStart = d.month === 1 || m === b.from;
    if ((m - b.from) % step !== 0 && !yearStart) continue;
    ticks.push(
      `<line class="grid${yearStart ? ' year' : ''}" x1="${n(x(m))}" x2="${n(x(m))}" y1="${HEAD - 4}" y2="${H}"/>`,
    );
    if (m < b.to) {
      const label = step === 12 ? String(d.year) : (MONTHS[d.month - 1]?.(o.locale) ?? '');
      if (x(Math.min(b.to, m + step)) - x(m) >= 22)
        ticks.push(`<text class="axis" x="${n(x(m) + 3)}" y="${HEAD - 8}">${esc(label)}</text>`);
      if (yearStart && step !== 12)
        ticks.push(`<text class="axis year-label" x="${n(x(m) + 3)}" y="${HEAD - 22}">${d.year}</text>`);
    }
  }
  const rowOf = new Map(b.bars.map((bar, i) => [bar.id, i]));
  const links = b.bars
    .flatMap((bar, i) =>
      bar.dependsOn.map((dep) => {
        const j = rowOf.get(dep);
        const from = j === undefined ? undefined : b.bars[j];
        if (!from || j === undefined) return '';
        const x0 = x(from.end);
        const y0 = HEAD + j * ROW + ROW / 2;
        const x1 = x(bar.start);
        const y1 = HEAD + i * ROW + ROW / 2;
        const mid = Math.max(x0 + 6, Math.min(x1 - 4, x0 + 10));
        return `<polyline class="dependency" fill="none" points="${n(x0)},${n(y0)} ${n(mid)},${n(y0)} ${n(mid)},${n(y1)} ${n(x1)},${n(y1)}"/>`;
      }),
    )
    .join('');
  const rows = b.bars
    .map((bar, i) => {
      const y = HEAD + i * ROW;
      const x0 = x(bar.start);
      const w = Math.max(4, x(bar.end) - x0);
      const title = `${bar.label} (${bar.id}): ${bar.startDisplay} → ${bar.dueDisplay}${bar.owner ? t(o.locale, ', owner {0}', bar.owner) : ''}${bar.status ? `, ${bar.status}` : ''}`;
      return (
        `<g class="gantt-row"${revealAttr(bar.ref, o)}><title>${esc(title)}</title>` +
        `<rect class="row-band${i % 2 ? ' odd' : ''}" x="0" y="${y}" width="${W}" height="${ROW}"/>` +
        `<text class="gantt-label" x="4" y="${y + ROW / 2 + 4}">${esc(clipText(bar.label, 30))}</text>` +
        `<rect class="gantt-bar ${statusClass(bar.status)}" x="${n(x0)}" y="${y + 6}" width="${n(w)}" height="${ROW - 12}" rx="3"/></g>`
      );
    })
    .join('');
  const plan =
    b.planDate === undefined
      ? ''
      : `<line class="plan-date" x1="${n(x(b.planDate))}" x2="${n(x(b.planDate))}" y1="${HEAD - 4}" y2="${H}"/>` +
        `<text class="axis plan-date-label" x="${n(x(b.planDate))}" y="${H + 12}" text-anchor="middle">${esc(t(o.locale, 'plan date'))}</text>`;
  return (
    `<figure class="chart gantt" data-chart="gantt"><figcaption>${esc(t(o.locale, 'Milestone timeline'))}</figcaption>` +
    `<svg class="gantt-svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${esc(summary(b, o.locale))}">${ticks.join('')}${rows}${links}${plan}</svg>` +
    `<ul class="legend inline"><li><span class="swatch done"></span>${esc(t(o.locale, 'Done'))}</li><li><span class="swatch active"></span>${esc(t(o.locale, 'In progress'))}</li><li><span class="swatch planned"></span>${esc(t(o.locale, 'Planned'))}</li><li><span class="swatch plan-date"></span>${esc(t(o.locale, 'Plan date'))}</li></ul></figure>`
  );
}

/** The timeline in one sentence for a screen reader: how many milestones, from when to when, how many done. */
function summary(b: GanttBlock, l: Locale | undefined): string {
  const first = b.bars[0];
  const last = b.bars[b.bars.length - 1];
  if (!first || !last) return t(l, 'Milestone timeline: no milestones');
  const done = b.bars.filter((bar) => statusClass(bar.status) === 'done').length;
  return b.bars.length === 1
    ? t(l, 'Milestone timeline: 1 milestone from {0} to {1}, {2} done', first.startDisplay, last.dueDisplay, done)
    : t(
        l,
        'Milestone timeline: {0} milestones from {1} to {2}, {3} done',
        b.bars.length,
        first.startDisplay,
        last.dueDisplay,
        done,
      );
}
