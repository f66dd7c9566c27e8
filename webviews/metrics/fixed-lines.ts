/**
 * The lines of finished runs in a chart that also shows a live run, kept as an image: while the live run's lines
 * are redrawn on every update, the finished ones are copied from the image. When the scales move (the live run
 * went past the x range, the user zoomed) the old image is shown moved and stretched to the new scales — exact
 * for the data, only the stroke width is off — while a new image is drawn in the background, a few thousand
 * points per frame, and swapped in when complete. So no frame of a live chart draws a hundred runs at once.
 */
import type { Decimated } from '../../core/src/metrics/decimate';
import type { Layer } from './chart-env';
import { drawReframed, sameFrame, tracePath, type PlotFrame } from './plot-frame';
import type { Job, Scheduler } from './scheduler';

export interface LinePass {
  readonly layer: Layer;
  readonly faint: boolean;
}

export interface LineStyle {
  colorOf(run: string): string;
  /** Width of full lines in canvas pixels (faint raw lines are 1). */
  readonly mainWidth: number;
  readonly dpr: number;
}

export type Decimate = (layer: Layer, frame: PlotFrame) => Decimated;

/** Strokes passes[from…] until `budget` points are drawn; returns where it stopped and how many points it drew. */
export function strokePasses(
  ctx: CanvasRenderingContext2D,
  f: PlotFrame,
  passes: readonly LinePass[],
  from: number,
  budget: number,
  style: LineStyle,
  decimate: Decimate,
): { next: number; points: number } {
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.left, f.top, f.width, f.height);
  ctx.clip();
  ctx.lineJoin = 'round';
  let points = 0;
  let i = from;
  for (; i < passes.length && points < budget; i++) {
    const { layer, faint } = passes[i]!;
    const d = decimate(layer, f);
    if (d.length === 0) continue;
    ctx.globalAlpha = faint ? 0.25 : 1;
    ctx.lineWidth = faint ? 1 : style.mainWidth;
    ctx.strokeStyle = style.colorOf(layer.member.run);
    ctx.setLineDash(!faint && layer.member.variant === 'train' ? [5 * style.dpr, 3 * style.dpr] : []);
    const p = new Path2D();
    tracePath(p, f, d, 2 * style.dpr);
    ctx.stroke(p);
    points += d.length;
  }
  ctx.restore();
  return { next: i, points };
}

/** Points drawn per frame while an image is rebuilt in the background. */
const BACKGROUND_POINTS = 30_000;

interface Image {
  readonly canvas: HTMLCanvasElement;
  key: string;
  frame: PlotFrame;
  next: number;
}

export class FixedLines implements Job {
  private front: Image | undefined;
  private back: Image | undefined;
  private want:
    { key: string; frame: PlotFrame; passes: readonly LinePass[]; style: LineStyle; decimate: Decimate } | undefined;
  private queued = false;
  private disposed = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly repaint: () => void,
  ) {}

  /**
   * Puts the fixed lines for (`key`, `frame`) on `ctx`. Without any image yet they are drawn now (the first paint);
   * otherwise the image is copied, reframed if the scales moved, and a stale image is rebuilt in the background.
   * Returns the points drawn now.
   */
  draw(
    ctx: CanvasRenderingContext2D,
    frame: PlotFrame,
    key: string,
    passes: readonly LinePass[],
    style: LineStyle,
    decimate: Decimate,
  ): number {
    this.want = { key, frame, passes, style, decimate };
    const canvas = ctx.canvas;
    if (!this.front || this.front.canvas.width !== canvas.width || this.front.canvas.height !== canvas.height) {
      const img = this.image(canvas, key, frame);
      const { points } = strokePasses(img.canvas.getContext('2d')!, frame, passes, 0, Infinity, style, decimate);
      img.next = passes.length;
      this.front = img;
      this.back = undefined;
      ctx.drawImage(img.canvas, 0, 0);
      return points;
    }
    if (this.front.key === key && sameFrame(this.front.frame, frame)) {
      ctx.drawImage(this.front.canvas, 0, 0);
      return 0;
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(frame.left, frame.top, frame.width, frame.height);
    ctx.clip();
    drawReframed(ctx, this.front.canvas, this.front.frame, frame);
    ctx.restore();
    if (!this.queued) {
      this.queued = true;
      this.scheduler.add(this);
    }
    return 0;
  }

  /** Background jobs come after the charts' own redraws. */
  priority(): number {
    return 1e9;
  }

  run(): number {
    this.queued = false;
    const want = this.want;
    if (this.disposed || !want || !this.front) return 0;
    if (this.front.key === want.key && sameFrame(this.front.frame, want.frame)) return 0;
    if (!this.back || this.back.key !== want.key || !sameFrame(this.back.frame, want.frame)) {
      this.back = this.image(this.front.canvas, want.key, want.frame, this.back?.canvas);
    }
    const b = this.back;
    const ctx = b.canvas.getContext('2d')!;
    const { next, points } = strokePasses(
      ctx,
      b.frame,
      want.passes,
      b.next,
      BACKGROUND_POINTS,
      want.style,
      want.decimate,
    );
    b.next = next;
    if (next >= want.passes.length) {
      const old = this.front;
      this.front = b;
      this.back = undefined;
      this.spare = old.canvas;
      this.repaint();
    } else {
      this.queued = true;
      this.scheduler.add(this);
    }
    return points;
  }

  dispose(): void {
    this.disposed = true;
    this.front = this.back = undefined;
  }

  private spare: HTMLCanvasElement | undefined;

  private image(like: HTMLCanvasElement, key: string, frame: PlotFrame, reuse?: HTMLCanvasElement): Image {
    const canvas = reuse ?? this.spare ?? document.createElement('canvas');
    if (canvas === this.spare) this.spare = undefined;
    if (canvas.width !== like.width || canvas.height !== like.height) {
      canvas.width = like.width;
      canvas.height = like.height;
    } else canvas.getContext('2d')!.clearRect(0, 0, canvas.width, canvas.height);
    return { canvas, key, frame, next: 0 };
  }
}
