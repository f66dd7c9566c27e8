/**
 * When the Runs view's Slurm queue section asks Slurm (`squeue --me`, one call per ask). The view asks as often as it
 * refreshes (every 2 s while a run is active, on every run.json change, on Refresh Runs); the poller answers from its
 * last call while that is fresher than `refreshMs` (30 s) and never makes more than the queue's share of the Slurm
 * budget — `QUEUE_SHARE`, 2 calls in any 60 s of the 12 a minute — even when asked to refresh at once (Refresh Runs,
 * after a cancel): a refresh the share does not allow yet is made as soon as it does, and `onChange` tells the view.
 * At each ask it arms one timer for when asking again would call Slurm (the answer goes stale, or the share allows the
 * refresh asked for) and tells the view then, so the section stays current while the view keeps asking; a view that
 * stops asking (hidden, closed) makes no calls. The same code runs in the extension and in
 * `npm run bench -- slurm`, which counts its calls beside a tracked job's.
 */
import { REAL_CLOCK, type TrackerClock } from './clock';
import type { PollLimits } from './poll-schedule';
import type { QueueJob } from './queue';

/** How long one answer serves the view: the queue is asked at most every 30 s while the view keeps asking. */
export const QUEUE_REFRESH_MS = 30_000;

/** The queue section's share of the ≤ 12 Slurm calls a minute: at most 2 in any 60 s, forced refreshes included. */
export const QUEUE_SHARE: PollLimits = { maxCalls: 2, windowMs: 60_000 };

export interface QueuePollerOptions {
  /** Asks Slurm once (`userQueue(runner)`); undefined when the section is not shown (an untrusted workspace). */
  readonly fetch: () => Promise<QueueJob[]> | undefined;
  /** The view should ask again: a deferred refresh is now allowed, or the last answer went stale. */
  readonly onChange?: () => void;
  readonly clock?: TrackerClock;
  readonly refreshMs?: number;
  readonly limits?: PollLimits;
}

export class QueuePoller {
  private readonly clock: TrackerClock;
  private readonly refreshMs: number;
  private readonly limits: PollLimits;
  /** Start times of the calls made, the last `limits.maxCalls` of them. */
  private readonly calls: number[] = [];
  private last: { at: number; jobs: Promise<QueueJob[]> } | undefined;
  private stale = false;
  private timer: { handle: unknown; at: number } | undefined;
  private disposed = false;

  constructor(private readonly options: QueuePollerOptions) {
    this.clock = options.clock ?? REAL_CLOCK;
    this.refreshMs = options.refreshMs ?? QUEUE_REFRESH_MS;
    this.limits = options.limits ?? QUEUE_SHARE;
  }

  /**
   * The user's jobs as the view should show them: the last answer while it is fresh (or while the share allows no
   * new call), else a new `squeue --me`. A rejected promise carries Slurm's words. Undefined when `fetch` is.
   */
  jobs(): Promise<QueueJob[]> | undefined {
    const now = this.clock.now();
    if (!this.disposed && this.dueAt() <= now && this.earliestAllowed(now) <= now) {
      const jobs = this.options.fetch();
      if (!jobs) return undefined;
      jobs.catch(() => undefined); // shown on the section's item; never an unhandled rejection
      this.calls.push(now);
      while (this.calls.length > this.limits.maxCalls) this.calls.shift();
      this.last = { at: now, jobs };
      this.stale = false;
    }
    this.arm(now);
    return this.last?.jobs;
  }

  /** Refresh Runs, a cancel: the next ask calls Slurm as soon as the share allows. */
  invalidate(): void {
    this.stale = true;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.clock.clearTimeout(this.timer.handle);
    this.timer = undefined;
  }

  /** When the last answer stops serving: at once when there is none or a refresh was asked for. */
  private dueAt(): number {
    return !this.last || this.stale ? -Infinity : this.last.at + this.refreshMs;
  }

  /** The earliest time at or after `t` that a call keeps within the share. */
  private earliestAllowed(t: number): number {
    const { maxCalls, windowMs } = this.limits;
    if (this.calls.length < maxCalls) return t;
    return Math.max(t, this.calls[this.calls.length - maxCalls]! + windowMs);
  }

  /**
   * One timer at most: tells the view to ask again when asking would next call Slurm (the answer goes stale, or the
   * share allows a refresh asked for). Re-armed at each ask, so a view that stops asking stops the calls.
   */
  private arm(now: number): void {
    if (this.disposed || !this.options.onChange || !this.last) return;
    const at = Math.max(now, this.earliestAllowed(this.dueAt()));
    if (this.timer?.at === at) return;
    if (this.timer) this.clock.clearTimeout(this.timer.handle);
    const handle = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.options.onChange?.();
    }, at - now);
    this.timer = { handle, at };
  }
}
