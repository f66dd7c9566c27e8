/** TAM → SAM → SOM funnel: stepped trapezoids (not to scale) with the value inside and a legend with ratio and source. */
import { esc } from '../escape';
import { t } from '../../../l10n';
import { n, revealAttr, type RenderOptions } from '../attrs';
import type { FunnelBlock } from '../model';

const WIDTH = 320;
const ROW = 46;
const GAP = 4;

export function funnelSvg(b: FunnelBlock, o: RenderOptions): string {
  const count = b.levels.length;
  const widthAt = (i: number) => WIDTH * (1 - (0.62 * i) / Math.max(1, count));
  const shapes = b.levels
    .map((level, i) => {
      const top = widthAt(i);
      const bottom = widthAt(i + 1);
      const y = i * (ROW + GAP);
      const x0 = (WIDTH - top) / 2;
      const x1 = (WIDTH - bottom) / 2;
      const d = `M${n(x0)} ${n(y)}H${n(x0 + top)}L${n(x1 + bottom)} ${n(y + ROW)}H${n(x1)}Z`;
      return (
        `<g class="funnel-level"${revealAttr(level.ref, o)}><title>${esc(`${level.label}: ${level.display}`)}</title>` +
        `<path class="funnel-shape f${i}" d="${d}"/>` +
        `<text class="funnel-label" x="${WIDTH / 2}" y="${n(y + ROW / 2 - 4)}" text-anchor="middle">${esc(level.label)}</text>` +
        `<text class="funnel-value" x="${WIDTH / 2}" y="${n(y + ROW / 2 + 12)}" text-anchor="middle">${esc(level.display)}</text></g>`
      );
    })
    .join('');
  const height = count * (ROW + GAP) - GAP;
  const legend = b.levels
    .map(
      (level) =>
        `<li${revealAttr(level.ref, o)}><span class="legend-key">${esc(level.label)}</span>` +
        `<span class="legend-value num">${esc(level.display)}</span>${level.ratio ? `<span class="legend-ratio">${esc(level.ratio)}</span>` : ''}` +
        `${level.detail ? `<span class="legend-detail">${esc(level.detail)}</span>` : ''}</li>`,
    )
    .join('');
  return (
    `<figure class="chart funnel" data-chart="funnel"><figcaption>${esc(t(o.locale, 'Market size (TAM → SAM → SOM)'))}</figcaption><div class="chart-row">` +
    `<svg class="funnel-svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(t(o.locale, 'Market funnel'))}">${shapes}</svg>` +
    `<ol class="legend funnel-legend">${legend}</ol></div><p class="chart-note">${esc(t(o.locale, 'Widths are stepped, not to scale.'))}</p></figure>`
  );
}
