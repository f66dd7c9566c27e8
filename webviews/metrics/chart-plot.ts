/**
 * A chart's uPlot instance. uPlot draws the axes, grid, crosshair and drag-to-zoom; the lines come from our own
 * path builders, fed with per-pixel-column decimations of each series (see derived.ts), so drawing costs the same
 * for a thousand points or ten million. The data uPlot sees is only the x extent; scales are ranged by us (zoom,
 * "ignore outliers", log), and markers are drawn on its canvas after the lines.
 */
import uPlot from 'uplot';
import type { Decimated } from '../../core/src/metrics/decimate';
import { yRange } from '../../core/src/metrics/y-range';
import type { ChartEnv, Layer, PlotShape } from './chart-env';
import type { ChartMarkers } from './chart-markers';
import { derived } from './derived';
import { formatElapsed, formatTick, formatValue } from './format';
import type { ChartMember } from './model';

export interface PlotState {
  /** The x range drawn (the zoom, or all data). */
  xRange(): [number, number];
  markers(): ChartMarkers;
  onZoom(range: [number, number] | undefined): void;
  onCursor(u: uPlot): void;
}

const SERIES_WIDTH = 1.5;

export class Plot {
  readonly u: uPlot;
  private columns = 300;
  private readonly cache = new Map<Layer, Decimated>();
  private fixedCanvas: HTMLCanvasElement | undefined;
  private fixedKey = '';
  /** Points stroked by the last draw (what the frame scheduler budgets). */
  segments = 0;

  constructor(parent: HTMLElement, readonly layers: readonly Layer[], readonly shape: PlotShape, width: number, private readonly env: ChartEnv, private readonly state: PlotState) {
    const theme = () => env.theme();
    const axis = (values: uPlot.Axis['values'], side: 0 | 1): uPlot.Axis => ({
      stroke: () => theme().muted, font: `11px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`, values,
      grid: { stroke: () => theme().grid, width: 1 }, ticks: { stroke: () => theme().grid, width: 1, size: 4 }, gap: 4,
      ...(side === 1 ? { size: (u: uPlot, vals: string[] | null) => axisSize(vals) } : { space: 70 }),
    });
    const opts: uPlot.Options = {
      width, height: shape.height, pxAlign: 0, legend: { show: false },
      padding: [8, 12, 0, 0],
      cursor: {
        points: { show: false }, drag: { x: true, y: false, setScale: false },
        bind: { dblclick: () => () => { this.state.onZoom(undefined); return null; } },
      },
      scales: {
        x: { time: shape.xAxis === 'wall', range: () => this.state.xRange() },
        y: { distr: shape.log ? 3 : 1, log: 10, range: () => this.yRange() },
      },
      axes: [
        axis(shape.xAxis === 'wall' ? undefined : shape.xAxis === 'relative'
          ? (_u, splits) => splits.map((v) => formatElapsed(v))
          : (_u, splits, _i, _space, incr) => splits.map((v) => formatTick(v, incr)), 0),
        // On a log scale uPlot passes null for the minor ticks it leaves unlabelled.
        axis((_u, splits, _i, _space, incr) => splits.map((v) => (v === null || v === undefined ? '' : shape.log ? formatValue(v) : formatTick(v, incr))), 1),
      ],
      // One placeholder series gives uPlot a y scale; the lines are drawn by drawLines (see the drawAxes hook).
      series: [{}, { scale: 'y', points: { show: false }, paths: () => null }],
      hooks: {
        drawAxes: [(u) => this.drawLines(u)],
        draw: [(u) => this.drawMarkers(u)],
        setSelect: [(u) => this.onSelect(u)],
        setCursor: [(u) => this.state.onCursor(u)],
      },
    };
    this.u = new uPlot(opts, this.data(), parent);
  }

  /** Redraws with the current data and ranges (decimations of unchanged series come from their caches). */
  update(width: number): void {
    // Pixel columns of the plotting area: the chart's width less the y axis and padding.
    const plotWidth = this.u.bbox.width > 0 ? this.u.bbox.width / devicePixelRatio + (width - this.u.width) : width - 62;
    this.columns = Math.max(10, Math.round(plotWidth));
    this.cache.clear();
    if (Math.abs(this.u.width - width) > 0.5) this.u.setSize({ width, height: this.shape.height });
    this.u.setData(this.data(), true);
  }

  destroy(): void { this.u.destroy(); }

  /** The decimated points of a layer for the current x range (what is drawn and what ranges y). */
  decimated(l: Layer): Decimated {
    let d = this.cache.get(l);
    if (d) return d;
    const m = l.member;
    const [xMin, xMax] = this.state.xRange();
    const run = this.env.model.runs.get(m.run);
    const req = { xAxis: this.shape.xAxis, xMin, xMax, columns: this.columns, log: this.shape.log, smoothing: this.shape.smoothing };
    d = derived(m.series).decimated(req, run?.t0 ?? 0, this.env.model.epochOf(m.run), l.kind);
    this.cache.set(l, d);
    return d;
  }

  /** x of a member's point on the current axis. */
  xOf(m: ChartMember, index: number): number {
    const run = this.env.model.runs.get(m.run);
    const col = derived(m.series).x(this.shape.xAxis, run?.t0 ?? 0, this.env.model.epochOf(m.run));
    return (col.x[index] as number) + col.offset;
  }

  private data(): uPlot.AlignedData {
    const [a, b] = this.state.xRange();
    return [[a, b], [null, null]] as uPlot.AlignedData;
  }

  private yRange(): uPlot.Range.MinMax {
    const raw = this.layers.filter((l) => l.kind === 'raw').map((l) => this.decimated(l));
    const r = yRange(raw, { ignoreOutliers: this.env.model.settings.ignoreOutliers, log: this.shape.log, nice: true });
    if (r) return r;
    return this.shape.log ? [0.1, 10] : [0, 1];
  }

  /**
   * Strokes every layer, raw (faint) lines first. Lines of finished runs are drawn once into a cached canvas and
   * copied while a live run's lines are redrawn on each update — what keeps a live chart with a hundred finished
   * runs cheap. The cache is redrawn when the scales, the size, the settings or those runs' data change.
   */
  private drawLines(u: uPlot): void {
    const live = (l: Layer) => { const st = this.env.model.runs.get(l.member.run)?.state; return st === 'running' || st === 'queued'; };
    const liveLayers = this.layers.filter(live);
    const fixed = liveLayers.length ? this.layers.filter((l) => !live(l)) : [];
    this.segments = 0;
    if (fixed.length) {
      const canvas = u.ctx.canvas;
      const key = [u.scales.x?.min, u.scales.x?.max, u.scales.y?.min, u.scales.y?.max, canvas.width, canvas.height, this.env.theme().bg,
        ...fixed.map((l) => `${l.member.series.version}:${this.env.colorOf(l.member.run)}`)].join('|');
      if (!this.fixedCanvas || this.fixedKey !== key) {
        this.fixedCanvas ??= document.createElement('canvas');
        this.fixedCanvas.width = canvas.width;
        this.fixedCanvas.height = canvas.height;
        const ctx = this.fixedCanvas.getContext('2d')!;
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        this.stroke(u, ctx, fixed);
        this.fixedKey = key;
      }
      u.ctx.drawImage(this.fixedCanvas, 0, 0);
      this.stroke(u, u.ctx, liveLayers);
    } else {
      this.fixedCanvas = undefined;
      this.stroke(u, u.ctx, this.layers);
    }
  }

  private stroke(u: uPlot, ctx: CanvasRenderingContext2D, layers: readonly Layer[]): void {
    const dpr = devicePixelRatio;
    const { left, top, width, height } = u.bbox;
    const smooth = this.shape.smoothing > 0;
    // Software rasterisers draw 1-device-pixel lines far faster than thicker ones: many lines get thin ones.
    const mainWidth = (this.layers.length > (smooth ? 40 : 20) ? 1 : SERIES_WIDTH) * dpr;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.lineJoin = 'round';
    for (const pass of smooth ? (['raw', 'smooth'] as const) : (['raw'] as const)) {
      const faint = smooth && pass === 'raw';
      ctx.globalAlpha = faint ? 0.25 : 1;
      ctx.lineWidth = faint ? 1 : mainWidth;
      for (const l of layers) {
        if (l.kind !== pass) continue;
        const d = this.decimated(l);
        if (d.length === 0) continue;
        ctx.strokeStyle = this.env.colorOf(l.member.run);
        ctx.setLineDash(!faint && l.member.variant === 'train' ? [5 * dpr, 3 * dpr] : []);
        const p = new Path2D();
        const x0 = u.valToPos(d.x[0] as number, 'x', true);
        const y0 = u.valToPos(d.y[0] as number, 'y', true);
        if (d.length === 1) {
          p.arc(x0, y0, 2 * dpr, 0, 2 * Math.PI);
        } else {
          p.moveTo(x0, y0);
          for (let i = 1; i < d.length; i++) p.lineTo(u.valToPos(d.x[i] as number, 'x', true), u.valToPos(d.y[i] as number, 'y', true));
        }
        ctx.stroke(p);
        this.segments += d.length;
      }
    }
    ctx.restore();
  }

  private onSelect(u: uPlot): void {
    const { left, width } = u.select;
    if (width < 3) return;
    const a = u.posToVal(left, 'x');
    const b = u.posToVal(left + width, 'x');
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    if (b > a) this.state.onZoom([a, b]);
  }

  private drawMarkers(u: uPlot): void {
    const mk = this.state.markers();
    if (!mk.thresholds.length && !mk.best.length && !mk.early.length) return;
    const theme = this.env.theme();
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const dpr = devicePixelRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.font = `${10 * dpr}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
    ctx.textBaseline = 'bottom';
    for (const t of mk.thresholds) {
      if (this.shape.log && t.value <= 0) continue;
      const y = Math.round(u.valToPos(t.value, 'y', true)) + 0.5;
      ctx.strokeStyle = theme.warning;
      ctx.lineWidth = dpr;
      ctx.setLineDash([6 * dpr, 4 * dpr]);
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = theme.warning;
      ctx.textAlign = 'right';
      ctx.fillText(`${t.metric} ${t.bound === 'min' ? '≥' : '≤'} ${formatValue(t.value)}`, left + width - 4 * dpr, y - 2 * dpr);
    }
    for (const e of mk.early) {
      const x = Math.round(u.valToPos(this.xOf(e.member, e.index), 'x', true)) + 0.5;
      ctx.strokeStyle = this.env.colorOf(e.member.run);
      ctx.globalAlpha = 0.7;
      ctx.lineWidth = dpr;
      ctx.setLineDash([2 * dpr, 3 * dpr]);
      ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      ctx.fillStyle = theme.muted;
      ctx.textAlign = x > left + width - 80 * dpr ? 'right' : 'left';
      ctx.textBaseline = 'top';
      ctx.fillText('early stop', x + (ctx.textAlign === 'right' ? -3 : 3) * dpr, top + 2 * dpr);
      ctx.textBaseline = 'bottom';
    }
    for (const b of mk.best) {
      if (this.shape.log && b.value <= 0) continue;
      const x = u.valToPos(this.xOf(b.member, b.index), 'x', true);
      const y = u.valToPos(b.value, 'y', true);
      ctx.beginPath();
      ctx.arc(x, y, 4.5 * dpr, 0, 2 * Math.PI);
      ctx.fillStyle = this.env.colorOf(b.member.run);
      ctx.fill();
      ctx.lineWidth = 2 * dpr;
      ctx.strokeStyle = theme.bg;
      ctx.stroke();
    }
    ctx.restore();
  }
}

/** Width of the y axis for its longest label (uPlot asks before each draw). */
function axisSize(values: string[] | null): number {
  const longest = Math.max(3, ...(values ?? []).map((v) => v.length));
  return Math.ceil(longest * 6.4) + 14;
}
