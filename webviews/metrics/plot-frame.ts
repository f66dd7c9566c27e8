/**
 * Where values land on a chart's canvas: the plotting area (canvas pixels) and the scales it was drawn with. Lines
 * are stroked through this affine mapping (cheaper than a call per point into uPlot), and an image drawn for one
 * frame can be moved onto another with one drawImage: changing a linear (or log) scale is an affine map of pixels.
 */
import type uPlot from 'uplot';
import type { Decimated } from '../../core/src/metrics/decimate';

export interface PlotFrame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly xMin: number;
  readonly xMax: number;
  /** y scale ends; log10 of them on a log scale. */
  readonly yMin: number;
  readonly yMax: number;
  readonly log: boolean;
}

export function frameOf(u: uPlot, log: boolean): PlotFrame {
  const { left, top, width, height } = u.bbox;
  const y0 = u.scales.y?.min ?? 0;
  const y1 = u.scales.y?.max ?? 1;
  return {
    left,
    top,
    width,
    height,
    xMin: u.scales.x?.min ?? 0,
    xMax: u.scales.x?.max ?? 1,
    log,
    yMin: log ? Math.log10(y0) : y0,
    yMax: log ? Math.log10(y1) : y1,
  };
}

export function sameFrame(a: PlotFrame, b: PlotFrame): boolean {
  return (
    a.left === b.left &&
    a.top === b.top &&
    a.width === b.width &&
    a.height === b.height &&
    a.xMin === b.xMin &&
    a.xMax === b.xMax &&
    a.yMin === b.yMin &&
    a.yMax === b.yMax &&
    a.log === b.log
  );
}

/** Appends a decimated line to a path in the frame's pixels (a lone point becomes a dot). */
export function tracePath(p: Path2D, f: PlotFrame, d: Decimated, dot: number): void {
  const sx = f.width / (f.xMax - f.xMin || 1);
  const sy = f.height / (f.yMax - f.yMin || 1);
  const x0 = f.left - f.xMin * sx;
  const y0 = f.top + f.height + f.yMin * sy;
  const X = d.x;
  const Y = d.y;
  const n = d.length;
  const yv = (v: number) => y0 - (f.log ? Math.log10(v) : v) * sy;
  if (n === 1) {
    p.arc(x0 + (X[0] as number) * sx, yv(Y[0] as number), dot, 0, 2 * Math.PI);
    return;
  }
  p.moveTo(x0 + (X[0] as number) * sx, yv(Y[0] as number));
  if (f.log) for (let i = 1; i < n; i++) p.lineTo(x0 + (X[i] as number) * sx, y0 - Math.log10(Y[i] as number) * sy);
  else for (let i = 1; i < n; i++) p.lineTo(x0 + (X[i] as number) * sx, y0 - (Y[i] as number) * sy);
}

/** Draws the plotting area of `src` (drawn for `from`) where it belongs in frame `to`. */
export function drawReframed(
  ctx: CanvasRenderingContext2D,
  src: HTMLCanvasElement,
  from: PlotFrame,
  to: PlotFrame,
): void {
  const kx = (from.xMax - from.xMin) / (to.xMax - to.xMin || 1);
  const ky = (from.yMax - from.yMin) / (to.yMax - to.yMin || 1);
  const dx = to.left + ((from.xMin - to.xMin) / (to.xMax - to.xMin || 1)) * to.width;
  const dy = to.top + ((to.yMax - from.yMax) / (to.yMax - to.yMin || 1)) * to.height;
  ctx.drawImage(src, from.left, from.top, from.width, from.height, dx, dy, to.width * kx, to.height * ky);
}
