/** The 5×5 likelihood × impact heat map: count per cell, coloured by the cell's level (core `riskLevel`). */
import { esc } from '../escape';
import { t } from '../../../l10n';
import { n, revealAttr, type RenderOptions } from '../attrs';
import type { HeatMapBlock } from '../model';

const CELL = 52;
const LEFT = 44;
const TOP = 8;

export function heatMapSvg(b: HeatMapBlock, o: RenderOptions): string {
  const max = Math.max(1, ...b.cells.map((c) => c.count));
  const cells = b.cells
    .map((c) => {
      const x = LEFT + (c.impact - 1) * CELL;
      const y = TOP + (5 - c.likelihood) * CELL;
      const opacity = c.count === 0 ? 0.12 : 0.45 + 0.55 * (c.count / max);
      const more = c.count > c.riskIds.length ? t(o.locale, ' and {0} more', c.count - c.riskIds.length) : '';
      const who = c.riskIds.length ? `: ${c.riskIds.join(', ')}${more}` : '';
      const level =
        c.level === 'high' ? t(o.locale, 'high') : c.level === 'medium' ? t(o.locale, 'medium') : t(o.locale, 'low');
      const count = c.count === 1 ? t(o.locale, '1 risk') : t(o.locale, '{0} risks', c.count);
      const title = t(
        o.locale,
        'Likelihood {0} × impact {1} = {2} ({3}) — {4}{5}',
        c.likelihood,
        c.impact,
        c.score,
        level,
        count,
        who,
      );
      return (
        `<g class="heat-cell" data-likelihood="${c.likelihood}" data-impact="${c.impact}" data-count="${c.count}"${c.count ? revealAttr(c.ref, o) : ''}><title>${esc(title)}</title>` +
        `<rect class="cell ${c.level}${c.count ? '' : ' empty'}" x="${x + 1}" y="${y + 1}" width="${CELL - 2}" height="${CELL - 2}" rx="3" fill-opacity="${n(opacity)}"/>` +
        (c.count
          ? `<text class="cell-count" x="${x + CELL / 2}" y="${y + CELL / 2 + 5}" text-anchor="middle">${c.count}</text>`
          : '') +
        '</g>'
      );
    })
    .join('');
  const axis: string[] = [];
  for (let i = 1; i <= 5; i++) {
    axis.push(
      `<text class="axis" x="${LEFT + (i - 0.5) * CELL}" y="${TOP + 5 * CELL + 16}" text-anchor="middle">${i}</text>`,
    );
    axis.push(`<text class="axis" x="${LEFT - 8}" y="${TOP + (5 - i + 0.5) * CELL + 4}" text-anchor="end">${i}</text>`);
  }
  const w = LEFT + 5 * CELL + 4;
  const h = TOP + 5 * CELL + 40;
  axis.push(
    `<text class="axis-title" x="${LEFT + 2.5 * CELL}" y="${h - 4}" text-anchor="middle">${esc(t(o.locale, 'Impact →'))}</text>`,
  );
  axis.push(
    `<text class="axis-title" x="12" y="${TOP + 2.5 * CELL}" text-anchor="middle" transform="rotate(-90 12 ${TOP + 2.5 * CELL})">${esc(t(o.locale, 'Likelihood →'))}</text>`,
  );
  const rated = b.rated === 1 ? t(o.locale, '1 rated risk') : t(o.locale, '{0} rated risks', b.rated);
  const summary = b.unrated ? t(o.locale, '{0}, {1} without ratings', rated, b.unrated) : rated;
  return (
    `<figure class="chart heatmap" data-chart="heatmap"><figcaption>${esc(t(o.locale, 'Risk heat map (likelihood × impact)'))}</figcaption><div class="chart-row">` +
    `<svg class="heatmap-svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(t(o.locale, 'Risk heat map: {0}', summary))}">${cells}${axis.join('')}</svg>` +
    `<ul class="legend"><li><span class="swatch high"></span>${esc(t(o.locale, 'High (score ≥ 15)'))}</li><li><span class="swatch medium"></span>${esc(t(o.locale, 'Medium (8–14)'))}</li><li><span class="swatch low"></span>${esc(t(o.locale, 'Low (< 8)'))}</li>` +
    `<li class="legend-detail">${esc(summary)}</li></ul></div></figure>`
  );
}
