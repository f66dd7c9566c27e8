/**
 * When to ask Slurm next about one job. Fast while it starts (a user waits to see it run), slower the longer it runs
 * (a day-long job needs no 5-second refresh), quick bursts when its end is near (the job script wrote its exit
 * marker, Slurm says COMPLETING, or its time limit is up), and never more than `maxCalls` per `windowMs` whatever the phase: a busy
 * controller is shared by everyone on the cluster.
 */
export type PollPhase = 'pending' | 'running' | 'ending';

export interface PollLimits {
  /** At most this many calls in any `windowMs` (default 12 a minute: the budget per running job). */
  readonly maxCalls: number;
  readonly windowMs: number;
}

export const DEFAULT_LIMITS: PollLimits = { maxCalls: 12, windowMs: 60_000 };

/** The wish, before the rate limit: `attempt` counts the polls made in this phase, `inPhaseMs` how long it has lasted. */
export function desiredDelay(phase: PollPhase, attempt: number, inPhaseMs: number): number {
  if (phase === 'ending') return [250, 500, 1000, 2000, 4000][attempt] ?? 5000;
  if (phase === 'pending') {
    const cap = inPhaseMs < 120_000 ? 10_000 : inPhaseMs < 600_000 ? 20_000 : 30_000;
    return Math.min(Math.round(1000 * 1.5 ** attempt), cap);
  }
  if (inPhaseMs < 30_000) return 5_000;
  if (inPhaseMs < 300_000) return 10_000;
  return inPhaseMs < 1_800_000 ? 20_000 : 30_000;
}

export class PollSchedule {
  private readonly calls: number[] = [];
  private phase: PollPhase = 'pending';
  private phaseSince: number;
  private attempt = 0;
  private expectedEnd: number | undefined;

  constructor(
    now: number,
    private readonly limits: PollLimits = DEFAULT_LIMITS,
  ) {
    this.phaseSince = now;
  }

  get currentPhase(): PollPhase {
    return this.phase;
  }

  /** Moves to `phase`: the cadence starts over for it. `ending` is final (the end is near; nothing moves it back). */
  enter(phase: PollPhase, now: number): void {
    if (phase === this.phase || this.phase === 'ending') return;
    this.phase = phase;
    this.phaseSince = now;
    this.attempt = 0;
  }

  /** When the job's time limit runs out (Slurm will end it then, as TIMEOUT): a poll is due then, and the end is near after. */
  expectEndAt(t: number | undefined): void {
    this.expectedEnd = t;
  }

  /** Records a call made at `now`. */
  called(now: number): void {
    this.calls.push(now);
    this.attempt++;
    while (this.calls.length > this.limits.maxCalls) this.calls.shift();
  }

  /** Milliseconds from `now` until the next call: the phase's wish, pushed back as far as the rate limit needs. */
  nextDelay(now: number): number {
    if (this.expectedEnd !== undefined && this.phase === 'running' && now >= this.expectedEnd)
      this.enter('ending', now);
    let wish = desiredDelay(this.phase, this.attempt, now - this.phaseSince);
    if (this.expectedEnd !== undefined && this.phase === 'running')
      wish = Math.min(wish, Math.max(250, this.expectedEnd - now));
    return Math.max(wish, this.earliestAllowed(now) - now);
  }

  /** The earliest time a call keeps within the limit (`now` when there is room). */
  earliestAllowed(now: number): number {
    if (this.calls.length < this.limits.maxCalls) return now;
    return Math.max(now, this.calls[this.calls.length - this.limits.maxCalls]! + this.limits.windowMs);
  }
}
