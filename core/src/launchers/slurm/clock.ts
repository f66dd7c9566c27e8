/** Time as the Slurm tracker sees it: real timers in use, a fake clock in the cadence tests. */
export interface TrackerClock {
  now(): number;
  /** `fn` may return the promise of the work it starts: real timers drop it, a test's fake clock awaits it. */
  setTimeout(fn: () => unknown, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_CLOCK: TrackerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};
