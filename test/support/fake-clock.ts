/**
 * A clock whose time moves only when a test says so; timers due by then run in order. A timer callback may return
 * the promise of the work it started (the Slurm tracker returns its poll): the clock awaits it before the next timer,
 * so a test sees every poll's file writes and state changes without sleeping.
 */
export class FakeClock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => unknown }>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now = (): number => this.time;
  setTimeout = (fn: () => unknown, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  };
  clearTimeout = (h: unknown): void => {
    this.timers.delete(h as number);
  };

  /** Moves time forward by `ms`, running each timer at its time and awaiting the work it returns. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      await next[1].fn();
    }
    this.time = end;
  }

  get pending(): number {
    return this.timers.size;
  }
}
