/** Revenue and costs as bars per period, profit as a line, the break-even period marked. */
import { esc } from '../escape';
import { t, type Locale } from '../../../l10n';
import { clipText, n, revealAttr, type RenderOptions } from '../attrs';
import type { PeriodsBlock } from '../model';

const W = 640;
const H = 260;
const LEFT = 70;
const RIGHT = 12;
const TOP = 18;
const BOTTOM = 30;

export function periodsSvg(b: PeriodsBlock, o: RenderOptions): string {
  const values = b.axis.map((t) => t.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - (v - lo) / (hi - lo || 1));
  const slot = (W - LEFT - RIGHT) / Math.max(1, b.periods.length);
  const barW = Math.min(36, slot * 0.32);
  const grid = b.axis
    .map(
      (t) =>
        `<line class="grid${t.value === 0 ? ' zero' : ''}" x1="${LEFT}" x2="${W - RIGHT}" y1="${n(y(t.value))}" y2="${n(y(t.value))}"/>` +
        `<text class="axis" x="${LEFT - 6}" y="${n(y(t.value) + 4)}" text-anchor="end">${esc(t.label)}</text>`,
    )
    .join('');
  const maxLabel = Math.max(4, Math.floor(slot / 7));
  const groups = b.periods
    .map((p, i) => {
      const cx = LEFT + slot * (i + 0.5);
      const bar = (v: number | undefined, cls: string, x: number, title: string) => {
        if (v === undefined) return '';
        const y0 = y(0);
        const y1 = y(v);
        return `<rect class="bar ${cls}" x="${n(x)}" y="${n(Math.min(y0, y1))}" width="${n(barW)}" height="${n(Math.max(1, Math.abs(y1 - y0)))}"><title>${esc(title)}</title></rect>`;
      };
      const band =
        i === b.breakEvenIndex
          ? `<rect class="break-even-band" x="${n(cx - slot / 2 + 2)}" y="${TOP - 14}" width="${n(slot - 4)}" height="${H - BOTTOM - TOP + 14}"/><text class="break-even-label" x="${n(cx)}" y="${TOP - 4}" text-anchor="middle">${esc(t(o.locale, 'Break-even'))}</text>`
          : '';
      return (
        `<g class="period"${revealAttr(p.ref, o)}>${band}` +
        bar(p.revenue, 'revenue', cx - barW - 1, t(o.locale, '{0} revenue: {1}', p.label, p.revenueDisplay)) +
        bar(p.costs, 'costs', cx + 1, t(o.locale, '{0} costs: {1}', p.label, p.costsDisplay)) +
        `<text class="axis period-label" x="${n(cx)}" y="${H - BOTTOM + 18}" text-anchor="middle">${esc(clipText(p.label, maxLabel))}</text></g>`
      );
    })
    .join('');
  const points = b.periods.map((p, i) =>
    p.profit === undefined ? undefined : { x: LEFT + slot * (i + 0.5), y: y(p.profit), p },
  );
  const segments: string[] = [];
  let run: string[] = [];
  for (const pt of points) {
    if (pt) run.push(`${n(pt.x)},${n(pt.y)}`);
    else {
      if (run.length > 1) segments.push(run.join(' '));
      run = [];
    }
  }
  if (run.length > 1) segments.push(run.join(' '));
  const line =
    segments.map((s) => `<polyline class="profit-line" fill="none" points="${s}"/>`).join('') +
    points
      .map((pt) =>
        pt
          ? `<circle class="profit-dot${pt.p.profit !== undefined && pt.p.profit < 0 ? ' loss' : ''}" cx="${n(pt.x)}" cy="${n(pt.y)}" r="4"><title>${esc(t(o.locale, '{0} profit: {1}', pt.p.label, pt.p.profitDisplay))}</title></circle>`
          : '',
      )
      .join('');
  return (
    `<figure class="chart periods" data-chart="periods"><figcaption>${esc(t(o.locale, 'Revenue, costs and profit per period'))}</figcaption>` +
    `<svg class="periods-svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(summary(b, o.locale))}">${grid}${groups}${line}</svg>` +
    `<ul class="legend inline"><li><span class="swatch revenue"></span>${esc(t(o.locale, 'Revenue'))}</li><li><span class="swatch costs"></span>${esc(t(o.locale, 'Costs'))}</li><li><span class="swatch profit"></span>${esc(t(o.locale, 'Profit'))}</li></ul></figure>`
  );
}

/** The chart in one sentence for a screen reader: what is plotted, over which periods, where it breaks even. */
function summary(b: PeriodsBlock, l: Locale | undefined): string {
  const first = b.periods[0];
  const last = b.periods[b.periods.length - 1];
  if (!first || !last) return t(l, 'Revenue, costs and profit per period: no periods');
  const be =
    b.breakEvenIndex === undefined
      ? t(l, 'no break-even period')
      : t(l, 'break-even in {0}', b.periods[b.breakEvenIndex]?.label ?? '?');
  const lastFigures = [
    last.revenueDisplay && t(l, 'revenue {0}', last.revenueDisplay),
    last.costsDisplay && t(l, 'costs {0}', last.costsDisplay),
    last.profitDisplay && t(l, 'profit {0}', last.profitDisplay),
  ]
    .filter(Boolean)
    .join(t(l, ', '));
  const span =
    b.periods.length === 1
      ? t(l, '1 period from {0} to {1}', first.label, last.label)
      : t(l, '{0} periods from {1} to {2}', b.periods.length, first.label, last.label);
  return t(
    l,
    'Revenue, costs and profit per period: {0}; {1}{2}',
    span,
    be,
    lastFigures ? t(l, '; {0}: {1}', last.label, lastFigures) : '',
  );
}
