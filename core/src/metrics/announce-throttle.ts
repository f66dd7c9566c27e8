/**
 * When a live run's progress may be spoken: at most one announcement per run every `intervalMs` (a screen reader
 * that is told every new point says nothing else). The newest text wins: a run that changed while it had to wait
 * is announced once its interval is over, with what it shows then. Pure (the clock is passed in): unit-tested in
 * test/unit/metrics-panel; the page's polite live region is webviews/metrics/live-announcer.ts.
 */

export const ANNOUNCE_INTERVAL_MS = 5_000;

export class AnnounceThrottle {
  private readonly last = new Map<string, number>();
  private readonly pending = new Map<string, string>();

  constructor(private readonly intervalMs = ANNOUNCE_INTERVAL_MS) {}

  /** Offers `text` for `run` at time `now`; returns it when it may be announced now, else keeps it for later. */
  offer(run: string, text: string, now: number): string | undefined {
    const at = this.last.get(run);
    if (at === undefined || now - at >= this.intervalMs) {
      this.last.set(run, now);
      this.pending.delete(run);
      return text;
    }
    this.pending.set(run, text);
    return undefined;
  }

  /** Texts whose run's interval is over by `now` (each run at most once), and when to ask again (or undefined). */
  due(now: number): { texts: string[]; nextAt: number | undefined } {
    const texts: string[] = [];
    let nextAt: number | undefined;
    for (const [run, text] of this.pending) {
      const at = (this.last.get(run) ?? -Infinity) + this.intervalMs;
      if (now >= at) {
        texts.push(text);
        this.last.set(run, now);
        this.pending.delete(run);
      } else nextAt = Math.min(nextAt ?? Infinity, at);
    }
    return { texts, nextAt };
  }

  /** A run no longer shown: nothing more is said about it. */
  forget(run: string): void {
    this.last.delete(run);
    this.pending.delete(run);
  }
}
