/** A donut of percentage shares with a legend; the centre shows the total (100 % when the shares are right). */
import { esc } from '../escape';
import { n, revealAttr, type RenderOptions } from '../attrs';
import type { DonutBlock } from '../model';

const R = 54;
const INNER = 34;
const C = 60;

function point(r: number, angle: number): string {
  return `${n(C + r * Math.sin(angle))} ${n(C - r * Math.cos(angle))}`;
}

/** An annular sector from angle a0 to a1 (radians, clockwise from 12 o'clock). */
function sector(a0: number, a1: number): string {
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${point(R, a0)}A${R} ${R} 0 ${large} 1 ${point(R, a1)}L${point(INNER, a1)}A${INNER} ${INNER} 0 ${large} 0 ${point(INNER, a0)}Z`;
}

export function donutSvg(b: DonutBlock, o: RenderOptions): string {
  const total = b.slices.reduce((s, x) => s + x.value, 0);
  let angle = 0;
  const paths = b.slices
    .map((s, i) => {
      const share = total > 0 ? s.value / total : 0;
      const a1 = angle + share * 2 * Math.PI;
      // A full ring needs two halves: an arc cannot start and end at the same point.
      const d =
        share >= 0.9999 ? `${sector(0, Math.PI)}${sector(Math.PI, 2 * Math.PI)}` : share <= 0 ? '' : sector(angle, a1);
      angle = a1;
      return d
        ? `<path class="slice c${i % 8}" d="${d}"${revealAttr(s.ref, o)}><title>${esc(`${s.label}: ${s.display}`)}</title></path>`
        : '';
    })
    .join('');
  const legend = b.slices
    .map(
      (s, i) =>
        `<li${revealAttr(s.ref, o)}><span class="swatch c${i % 8}"></span><span class="legend-key">${esc(s.label)}</span><span class="legend-value num">${esc(s.display)}</span></li>`,
    )
    .join('');
  const off = Math.abs(b.total - 100) > 1e-6;
  return (
    `<figure class="chart donut" data-chart="${esc(b.id)}"><figcaption>${esc(b.title)}</figcaption><div class="chart-row">` +
    `<svg class="donut-svg" viewBox="0 0 120 120" width="150" height="150" role="img" aria-label="${esc(b.title)}">` +
    `<circle class="donut-track" cx="${C}" cy="${C}" r="${(R + INNER) / 2}" fill="none" stroke-width="${R - INNER}"/>${paths}` +
    `<text class="donut-total${off ? ' off' : ''}" x="${C}" y="${C + 5}" text-anchor="middle">${esc(b.centre)}</text></svg>` +
    `<ul class="legend">${legend}</ul></div></figure>`
  );
}
