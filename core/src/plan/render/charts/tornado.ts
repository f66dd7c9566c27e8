/**
 * Tornado chart of the runway: one bar per driver from the runway with the driver at −N % to the runway at +N %,
 * around a line at the plan's runway; the widest swing on top. The part of a bar below the plan's runway is drawn
 * in the "bad" colour, the part above in the "good" colour. The sensitivity table under it holds the same numbers.
 */
import { esc } from '../escape';
import { t } from '../../../l10n';
import { clipText, n, revealAttr, type RenderOptions } from '../attrs';
import type { TornadoBlock } from '../model';

const WIDTH = 500;
const LABEL = 150;
/** Room for the value written at each end of a bar. */
const GUTTER = 76;
const ROW = 28;
const TOP = 18;

export function tornadoSvg(b: TornadoBlock, o: RenderOptions): string {
  const values = [b.base, ...b.bars.flatMap((x) => [x.low, x.high])];
  let min = Math.min(...values);
  let max = Math.max(...values);
  const pad = (max - min) * 0.05 || Math.max(1, Math.abs(b.base) * 0.1);
  min -= pad;
  max += pad;
  const x = (v: number) => LABEL + GUTTER + ((v - min) / (max - min)) * (WIDTH - LABEL - 2 * GUTTER);
  const baseX = x(b.base);
  const rows = b.bars
    .map((bar, i) => {
      const y = TOP + i * ROW;
      const lo = Math.min(bar.low, bar.high);
      const hi = Math.max(bar.low, bar.high);
      const below =
        lo < b.base
          ? `<rect class="tornado-bad" x="${n(x(lo))}" y="${n(y + 4)}" width="${n(Math.max(1, x(Math.min(hi, b.base)) - x(lo)))}" height="${ROW - 10}"/>`
          : '';
      const above =
        hi > b.base
          ? `<rect class="tornado-good" x="${n(x(Math.max(lo, b.base)))}" y="${n(y + 4)}" width="${n(Math.max(1, x(hi) - x(Math.max(lo, b.base))))}" height="${ROW - 10}"/>`
          : '';
      const title = `${bar.label}: −${b.pct} % → ${bar.lowDisplay}; +${b.pct} % → ${bar.highDisplay}`;
      return (
        `<g class="tornado-row"${revealAttr(bar.ref, o)}><title>${esc(title)}</title>` +
        `<text class="tornado-label" x="${LABEL - 8}" y="${n(y + ROW / 2 + 3)}" text-anchor="end">${esc(clipText(bar.label, 22))}</text>` +
        below +
        above +
        `<text class="tornado-value" x="${n(x(lo) - 4)}" y="${n(y + ROW / 2 + 3)}" text-anchor="end">${esc(bar.low <= bar.high ? bar.lowDisplay : bar.highDisplay)}</text>` +
        `<text class="tornado-value" x="${n(x(hi) + 4)}" y="${n(y + ROW / 2 + 3)}">${esc(bar.low <= bar.high ? bar.highDisplay : bar.lowDisplay)}</text></g>`
      );
    })
    .join('');
  const height = TOP + b.bars.length * ROW + 4;
  return (
    `<figure class="chart tornado" data-chart="tornado"><figcaption>${esc(b.title)}</figcaption>` +
    `<svg class="tornado-svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(t(o.locale, '{0}: plan runway {1}', b.title, b.baseDisplay))}">` +
    `<line class="tornado-base" x1="${n(baseX)}" x2="${n(baseX)}" y1="10" y2="${height}"/>` +
    `<text class="tornado-value" x="${n(baseX)}" y="10" text-anchor="middle">${esc(b.baseDisplay)}</text>${rows}</svg></figure>`
  );
}
