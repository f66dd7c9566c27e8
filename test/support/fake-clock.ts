/** A clock whose time moves only when a test says so; timers due by then run in order, promises settle between them. */
export class FakeClock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = 1_700_000_000_000) { this.time = start; }

  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => { const id = ++this.seq; this.timers.set(id, { at: this.time + Math.max(0, ms), fn }); return id; };
  clearTimeout = (h: unknown): void => { this.timers.delete(h as number); };

  /** Moves time forward by `ms`, running each timer at its time and letting the promises it starts settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const next = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = end;
    await settle();
  }

  get pending(): number { return this.timers.size; }
}

/** Lets queued promise callbacks and small file writes complete (a few turns of the real event loop). */
async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 2));
  }
}
