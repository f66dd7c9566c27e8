/**
 * Runs one job per key, at most one at a time per key, coalescing requests that arrive while a job
 * is queued or running: a burst of edits costs one validation of the newest text, not one per keystroke.
 */
export class Scheduler {
  private readonly queued = new Set<string>();
  private readonly running = new Set<string>();

  constructor(
    private readonly job: (key: string) => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  schedule(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    if (!this.running.has(key)) setImmediate(() => this.run(key));
  }

  cancel(key: string): void {
    this.queued.delete(key);
  }

  private run(key: string): void {
    if (!this.queued.delete(key)) return;
    this.running.add(key);
    this.job(key)
      .catch(this.onError)
      .finally(() => {
        this.running.delete(key);
        if (this.queued.has(key)) setImmediate(() => this.run(key));
      });
  }
}
