/**
 * Draws on animation frames within a time budget: work is queued (a chart to redraw, a list to rebuild) and run
 * in the next frames, at most FRAME_BUDGET_MS of it per frame, so a burst of data or a settings change never holds
 * a frame for long. Records each frame's work time and the moment the first full state was on screen, for
 * bench/metrics-render (window.__liftoffMetrics) and the panel's tests.
 */

export interface Job {
  /** Lower runs first (charts on screen before the rest). */
  priority(): number;
  /** Does the work; returns its drawing cost in points stroked (or nothing). */
  run(): number | void;
}

const FRAME_BUDGET_MS = 6;
/**
 * Points stroked per frame: canvas lines are rasterised after the script, when the frame is committed, so the
 * script's time alone underestimates a frame; this caps what one frame draws (about 8 ms of software raster).
 */
const FRAME_POINTS = 250_000;
const FRAME_HISTORY = 4000;

export interface RenderStats {
  /** Work time (ms) of each frame that did any. */
  readonly frames: number[];
  /** performance.now() when `init` arrived, and when its data was first all drawn. */
  initAt?: number;
  firstPaintAt?: number;
  /** Jobs run. */
  jobs: number;
  /** The host's level-of-detail envelopes: accepted, dropped as stale, and layers drawn from them (lod-client.ts). */
  lod?: { readonly accepted: number; readonly stale: number; readonly drawn: number };
}

declare global {
  interface Window {
    __liftoffMetrics?: RenderStats;
  }
}

export class Scheduler {
  private readonly queue = new Set<Job>();
  private readonly lastCost = new WeakMap<Job, number>();
  private pending = false;
  private idleWaiters: Array<() => void> = [];
  readonly stats: RenderStats = { frames: [], jobs: 0 };

  constructor() {
    window.__liftoffMetrics = this.stats;
  }

  add(job: Job): void {
    this.queue.add(job);
    this.wake();
  }

  /** Runs `fn` once everything queued so far (and anything it queues meanwhile) is done. */
  whenIdle(fn: () => void): void {
    this.idleWaiters.push(fn);
    this.wake();
  }

  private wake(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => this.frame());
  }

  private frame(): void {
    this.pending = false;
    const start = performance.now();
    let worked = false;
    let points = 0;
    while (this.queue.size > 0) {
      let next: Job | undefined;
      let best = Infinity;
      for (const j of this.queue) {
        const p = j.priority();
        if (p < best) {
          best = p;
          next = j;
        }
      }
      if (!next) break;
      // A job that took long last time waits for a frame of its own rather than overrun this one.
      if (worked && performance.now() - start + (this.lastCost.get(next) ?? 0) > FRAME_BUDGET_MS) break;
      this.queue.delete(next);
      const t = performance.now();
      points += next.run() ?? 0;
      this.lastCost.set(next, performance.now() - t);
      this.stats.jobs++;
      worked = true;
      if (performance.now() - start > FRAME_BUDGET_MS || points > FRAME_POINTS) break;
    }
    if (worked) {
      const f = this.stats.frames;
      f.push(performance.now() - start);
      if (f.length > FRAME_HISTORY) f.splice(0, f.length - FRAME_HISTORY);
    }
    if (this.queue.size > 0) {
      this.wake();
      return;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
