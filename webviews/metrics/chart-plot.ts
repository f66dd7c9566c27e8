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
import { groupDrawn, groupsExtent, type ChartGroup } from './chart-groups';
import type { ChartMarkers } from './chart-markers';
import { derived } from './derived';
import { FixedLines, strokePasses, type LinePass, type LineStyle } from './fixed-lines';
import { formatElapsed, formatTick, formatValue } from './format';
import { frameOf, tracePath, type PlotFrame } from './plot-frame';
import type { ChartMember } from './model';
import { w } from '../shared/l10n';

export interface PlotState {
  /** The x range drawn (the zoom, or all data). */
  xRange(): [number, number];
  markers(): ChartMarkers;
  onZoom(range: [number, number] | undefined): void;
  onCursor(u: uPlot): void;
  /** The chart's groups when the panel groups runs (drawn instead of one line per run). */
  groups?(): readonly ChartGroup[] | undefined;
  /** The chart's key: its envelopes come from the host's level-of-detail pyramids (lod-client.ts). */
  chart?(): string;
}

const SERIES_WIDTH = 1.5;
/** Finished runs' points in a live chart above which their lines are kept as an image (below, redrawing is cheap). */
const CACHE_MIN_POINTS = 20_000;

export class Plot {
  readonly u: uPlot;
  private columns = 300;
  private readonly cache = new Map<Layer, Decimated>();
  private fixedLines: FixedLines | undefined;
  /** Points stroked by the last draw (what the frame scheduler budgets). */
  segments = 0;

  constructor(
    parent: HTMLElement,
    readonly layers: readonly Layer[],
    readonly shape: PlotShape,
    width: number,
    private readonly env: ChartEnv,
    private readonly state: PlotState,
  ) {
    const theme = () => env.theme();
    const axis = (values: uPlot.Axis['values'], side: 0 | 1): uPlot.Axis => ({
      stroke: () => theme().muted,
      font: `11px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`,
      values,
      grid: { stroke: () => theme().grid, width: 1 },
      ticks: { stroke: () => theme().grid, width: 1, size: 4 },
      gap: 4,
      ...(side === 1 ? { size: (u: uPlot, vals: string[] | null) => axisSize(vals) } : { space: 70 }),
    });
    const opts: uPlot.Options = {
      width,
      height: shape.height,
      pxAlign: 0,
      legend: { show: false },
      padding: [8, 12, 0, 0],
      cursor: {
        points: { show: false },
        drag: { x: true, y: false, setScale: false },
        bind: {
          dblclick: () => () => {
            this.state.onZoom(undefined);
            return null;
          },
        },
      },
      scales: {
        x: { time: shape.xAxis === 'wall', range: () => this.state.xRange() },
        y: { distr: shape.log ? 3 : 1, log: 10, range: () => this.yRange() },
      },
      axes: [
        axis(
          shape.xAxis === 'wall'
            ? undefined
            : shape.xAxis === 'relative'
              ? (_u, splits) => splits.map((v) => formatElapsed(v))
              : (_u, splits, _i, _space, incr) => splits.map((v) => formatTick(v, incr)),
          0,
        ),
        // On a log scale uPlot passes null for the minor ticks it leaves unlabelled.
        axis(
          (_u, splits, _i, _space, incr) =>
            splits.map((v) => (v === null || v === undefined ? '' : shape.log ? formatValue(v) : formatTick(v, incr))),
          1,
        ),
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
    this.columns = Math.max(10, Math.round(width - 62));
    // uPlot draws in a microtask after each change; batching draws now instead, inside the frame scheduler's job,
    // so its budget sees the cost (and no second, queued draw follows).
    this.u = new uPlot(opts, this.data(), (u, init) => {
      parent.append(u.root);
      u.batch(() => init());
    });
  }

  /** Redraws with the current data and ranges (decimations of unchanged series come from their caches). */
  update(width: number): void {
    // Pixel columns of the plotting area: the chart's width less the y axis and padding.
    const plotWidth =
      this.u.bbox.width > 0 ? this.u.bbox.width / devicePixelRatio + (width - this.u.width) : width - 62;
    this.columns = Math.max(10, Math.round(plotWidth));
    this.cache.clear();
    this.u.batch(() => {
      if (Math.abs(this.u.width - width) > 0.5) this.u.setSize({ width, height: this.shape.height });
      this.u.setData(this.data(), true);
    });
  }

  destroy(): void {
    this.fixedLines?.dispose();
    this.u.destroy();
  }

  /** The decimated points of a layer for the current x range (what is drawn and what ranges y). */
  decimated(l: Layer): Decimated {
    let d = this.cache.get(l);
    if (d) return d;
    const m = l.member;
    const [xMin, xMax] = this.state.xRange();
    const run = this.env.model.runs.get(m.run);
    d = this.hostEnvelope(l, xMin, xMax);
    if (!d) {
      const req = {
        xAxis: this.shape.xAxis,
        xMin,
        xMax,
        columns: this.columns,
        log: this.shape.log,
        smoothing: this.shape.smoothing,
      };
      d = derived(m.series).decimated(req, run?.t0 ?? 0, this.env.model.epochOf(m.run), l.kind);
    }
    this.cache.set(l, d);
    return d;
  }

  /**
   * The host's envelope of a layer for the range (steps on the x axis, linear y: the host's pyramids are by step),
   * or undefined until it has come (the page's own decimation is drawn meanwhile).
   */
  private hostEnvelope(l: Layer, xMin: number, xMax: number): Decimated | undefined {
    const chart = this.state.chart?.();
    if (!this.env.lod || chart === undefined || this.shape.xAxis !== 'step' || this.shape.log) return undefined;
    if (!(xMin <= xMax) || !Number.isFinite(xMin) || !Number.isFinite(xMax)) return undefined;
    return this.env.lod.get(chart, l.member.run, l.member.series.name, l.kind, {
      columns: this.columns,
      xMin,
      xMax,
      smoothing: this.shape.smoothing,
    });
  }

  /** x of a member's point on the current axis. */
  xOf(m: ChartMember, index: number): number {
    const run = this.env.model.runs.get(m.run);
    const col = derived(m.series).x(this.shape.xAxis, run?.t0 ?? 0, this.env.model.epochOf(m.run));
    return (col.x[index] as number) + col.offset;
  }

  private data(): uPlot.AlignedData {
    const [a, b] = this.state.xRange();
    return [
      [a, b],
      [null, null],
    ] as uPlot.AlignedData;
  }

  private yRange(): uPlot.Range.MinMax {
    const raw = this.layers.filter((l) => l.kind === 'raw');
    const opts = { ignoreOutliers: this.env.model.settings.ignoreOutliers, log: this.shape.log, nice: true };
    let r: [number, number] | undefined;
    const groups = this.state.groups?.();
    if (groups) {
      // Grouped: the y axis shows every group's band (and line) in the x range.
      const [xMin, xMax] = this.state.xRange();
      const e = groupsExtent(groups, xMin, xMax, this.shape.log);
      r = e ? yRange([{ y: e, length: 2 }], opts) : undefined;
    } else if (opts.ignoreOutliers) {
      r = yRange(
        raw.map((l) => this.decimated(l)),
        opts,
      );
    } else {
      // Each line's extent is cached with its decimation: a live update reads the new points' columns only.
      const [xMin, xMax] = this.state.xRange();
      const req = {
        xAxis: this.shape.xAxis,
        xMin,
        xMax,
        columns: this.columns,
        log: this.shape.log,
        smoothing: this.shape.smoothing,
      };
      let lo = Infinity;
      let hi = -Infinity;
      for (const l of raw) {
        const run = this.env.model.runs.get(l.member.run);
        const e = derived(l.member.series).extent(req, run?.t0 ?? 0, this.env.model.epochOf(l.member.run), 'raw');
        if (e) {
          lo = Math.min(lo, e[0]);
          hi = Math.max(hi, e[1]);
        }
      }
      r = lo <= hi ? yRange([{ y: [lo, hi], length: 2 }], opts) : undefined;
    }
    if (r) return r;
    return this.shape.log ? [0.1, 10] : [0, 1];
  }

  /**
   * Strokes every layer, raw (faint) lines first. In a chart with a live run, the finished runs' lines come from an
   * image (fixed-lines.ts) and only the live run's lines are stroked on each update.
   */
  private drawLines(u: uPlot): void {
    const frame = frameOf(u, this.shape.log);
    const dpr = devicePixelRatio;
    const groups = this.state.groups?.();
    if (groups) {
      this.fixedLines?.dispose();
      this.fixedLines = undefined;
      this.segments = this.drawGroups(u.ctx, frame, groups);
      return;
    }
    const smooth = this.shape.smoothing > 0;
    // Software rasterisers draw 1-device-pixel lines far faster than thicker ones: many lines get thin ones.
    const style: LineStyle = {
      colorOf: (run) => this.env.colorOf(run),
      mainWidth: (this.layers.length > (smooth ? 40 : 20) ? 1 : SERIES_WIDTH) * dpr,
      dpr,
    };
    const passes = (layers: readonly Layer[]): LinePass[] =>
      smooth
        ? [
            ...layers.filter((l) => l.kind === 'raw').map((layer) => ({ layer, faint: true })),
            ...layers.filter((l) => l.kind === 'smooth').map((layer) => ({ layer, faint: false })),
          ]
        : layers.map((layer) => ({ layer, faint: false }));
    const decimate = (l: Layer, f: PlotFrame) => this.decimatedFor(l, f);
    const isLive = (l: Layer) => {
      const st = this.env.model.runs.get(l.member.run)?.state;
      return st === 'running' || st === 'queued';
    };
    const live = this.layers.filter(isLive);
    const fixed = live.length ? this.layers.filter((l) => !isLive(l)) : [];
    const fixedPoints = fixed.reduce((n, l) => n + l.member.series.length, 0);
    this.segments = 0;
    if (live.length && fixedPoints > CACHE_MIN_POINTS) {
      this.fixedLines ??= new FixedLines(this.env.scheduler, () => this.u.batch(() => this.u.redraw(false, false)));
      const key = [
        u.ctx.canvas.width,
        u.ctx.canvas.height,
        this.env.theme().bg,
        this.columns,
        ...fixed.map((l) => `${l.member.series.version}:${this.env.colorOf(l.member.run)}`),
      ].join('|');
      this.segments += this.fixedLines.draw(u.ctx, frame, key, passes(fixed), style, decimate);
      this.segments += strokePasses(u.ctx, frame, passes(live), 0, Infinity, style, decimate).points;
    } else {
      this.fixedLines?.dispose();
      this.fixedLines = undefined;
      this.segments += strokePasses(u.ctx, frame, passes(this.layers), 0, Infinity, style, decimate).points;
    }
  }

  /** Each group: its band filled (faint), then its center line over it. Returns the points drawn. */
  private drawGroups(ctx: CanvasRenderingContext2D, f: PlotFrame, groups: readonly ChartGroup[]): number {
    const dpr = devicePixelRatio;
    const sx = f.width / (f.xMax - f.xMin || 1);
    const sy = f.height / (f.yMax - f.yMin || 1);
    const px = (x: number) => f.left + (x - f.xMin) * sx;
    const py = (v: number) => f.top + f.height - ((f.log ? Math.log10(v) : v) - f.yMin) * sy;
    let points = 0;
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.width, f.height);
    ctx.clip();
    ctx.lineJoin = 'round';
    for (const g of groups) {
      const d = groupDrawn(g, f.xMin, f.xMax, this.columns);
      const color = this.env.colorOf(g.colorRun);
      if (d.bandLength > 0 && this.env.model.settings.groupBand !== 'none') {
        const band = new Path2D();
        const lo = (i: number) => (f.log ? Math.max(d.bandLo[i] as number, 10 ** f.yMin) : (d.bandLo[i] as number));
        band.moveTo(px(d.bandX[0] as number), py(d.bandHi[0] as number));
        for (let i = 1; i < d.bandLength; i++) band.lineTo(px(d.bandX[i] as number), py(d.bandHi[i] as number));
        for (let i = d.bandLength - 1; i >= 0; i--) band.lineTo(px(d.bandX[i] as number), py(lo(i)));
        band.closePath();
        ctx.globalAlpha = 0.22;
        ctx.fillStyle = color;
        ctx.fill(band);
      }
      if (d.length > 0) {
        ctx.globalAlpha = 1;
        ctx.lineWidth = SERIES_WIDTH * dpr;
        ctx.strokeStyle = color;
        ctx.setLineDash(g.variant === 'train' ? [5 * dpr, 3 * dpr] : []);
        const p = new Path2D();
        tracePath(p, f, { x: d.x, y: d.y, length: d.length }, 2 * dpr);
        ctx.stroke(p);
      }
      points += d.length + d.bandLength;
    }
    ctx.restore();
    return points;
  }

  /** A layer decimated for a frame: the current x range from the cache, another (a background image's) afresh. */
  private decimatedFor(l: Layer, f: PlotFrame): Decimated {
    const [a, b] = this.state.xRange();
    if (f.xMin === a && f.xMax === b) return this.decimated(l);
    const run = this.env.model.runs.get(l.member.run);
    const req = {
      xAxis: this.shape.xAxis,
      xMin: f.xMin,
      xMax: f.xMax,
      columns: this.columns,
      log: this.shape.log,
      smoothing: this.shape.smoothing,
    };
    return derived(l.member.series).decimated(req, run?.t0 ?? 0, this.env.model.epochOf(l.member.run), l.kind);
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
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = theme.warning;
      ctx.textAlign = 'right';
      ctx.fillText(
        `${t.metric} ${t.bound === 'min' ? '≥' : '≤'} ${formatValue(t.value)}`,
        left + width - 4 * dpr,
        y - 2 * dpr,
      );
    }
    for (const e of mk.early) {
      const x = Math.round(u.valToPos(this.xOf(e.member, e.index), 'x', true)) + 0.5;
      ctx.strokeStyle = this.env.colorOf(e.member.run);
      ctx.globalAlpha = 0.7;
      ctx.lineWidth = dpr;
      ctx.setLineDash([2 * dpr, 3 * dpr]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      ctx.fillStyle = theme.muted;
      ctx.textAlign = x > left + width - 80 * dpr ? 'right' : 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(w('early stop'), x + (ctx.textAlign === 'right' ? -3 : 3) * dpr, top + 2 * dpr);
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
