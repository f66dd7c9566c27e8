/**
 * The panel's feed lifecycle: one core `RunFeed` per selected run fills the panel's series store. A feed starts when
 * its run is selected (read once if the run has finished, followed if it is active), is dropped with its points when
 * the run is deselected or gone, and is finished (rest read, following stopped) when its run ends. No vscode import.
 */
import { createRunFeed, type RunFeed } from '../../../../core/src/metrics';
import type { RunConfig } from '../../../../core/src/metrics';
import type { SeriesStore } from '../../../../core/src/metrics';
import { FINISHED_STATES, type RunRecord } from '../../../../core/src/runs';
import type { RunHandle } from '../../../../core/src/runs';

export const isActive = (r: { readonly record: RunRecord }): boolean => !FINISHED_STATES.has(r.record.state);

export interface RunFeedsEvents {
  /** Is the run still wanted (selected, panel open) now that its config is read? */
  readonly wanted: (key: string) => boolean;
  /** A feed finished its first read or following began (loading may be over). */
  readonly settled: () => void;
  /**
   * A finished run's feed is about to read its files: true when the run is drawn from its cache instead (its files
   * are then not read at all).
   */
  readonly opening?: (key: string, feed: RunFeed) => Promise<boolean | void>;
  /**
   * A finished run with no usable cache, its turn come: true when it was read and cached elsewhere (a worker thread,
   * core/src/metrics/run-cache-workers.ts) and is now drawn from that cache; false: it is read here, as before.
   */
  readonly cacheElsewhere?: (key: string, feed: RunFeed) => Promise<boolean>;
  /** A run's files are all read and it will not write more (it finished): its pyramids may be released to files. */
  readonly done?: (key: string, feed: RunFeed) => Promise<void>;
}

/** Finished runs read at once (their files into the store, then cached and dropped). */
const READ_AT_ONCE = 4;

export class RunFeeds {
  private readonly feeds = new Map<string, RunFeed>();
  private readonly configMap = new Map<string, RunConfig>();
  private starting = 0;
  /** Feeds being created (their files opened): a second sync must not start the same run twice. */
  private readonly opening = new Set<string>();
  private closed = false;
  /** Finished runs being read now, and those waiting their turn (a thousand runs are read a few at a time). */
  private reading = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly store: SeriesStore,
    private readonly events: RunFeedsEvents,
  ) {}

  /** A feed is still reading a run for the first time. */
  get loading(): boolean {
    return this.starting > 0;
  }
  get configs(): ReadonlyMap<string, RunConfig> {
    return this.configMap;
  }
  has(key: string): boolean {
    return this.feeds.has(key);
  }
  get(key: string): RunFeed | undefined {
    return this.feeds.get(key);
  }
  values(): IterableIterator<RunFeed> {
    return this.feeds.values();
  }

  /** Drops the feeds (and points) of runs not in `selected`; starts feeds for the newly selected ones. */
  async sync(selected: readonly string[], runs: ReadonlyMap<string, RunHandle>): Promise<void> {
    const wanted = new Set(selected);
    for (const [key, feed] of this.feeds) {
      if (wanted.has(key)) continue;
      feed.close();
      this.feeds.delete(key);
      this.configMap.delete(key);
      this.store.deleteRun(key);
    }
    const starting: Array<Promise<void>> = [];
    for (const key of selected) {
      const run = runs.get(key);
      if (run && !this.feeds.has(key) && !this.opening.has(key)) starting.push(this.start(key, run));
    }
    await Promise.all(starting);
  }

  /** The runs were read again: active runs get their new files looked for, runs that ended are finished. */
  async refresh(runs: ReadonlyMap<string, RunHandle>): Promise<void> {
    for (const [key, feed] of this.feeds) {
      const run = runs.get(key);
      if (!run) continue;
      if (isActive(run)) void feed.rescan();
      else if (isActive(feed.run)) {
        await feed.finish(); // the run ended: read the rest and stop following
        await this.events.done?.(key, feed);
      }
      feed.run = run;
    }
  }

  /** Drops a run's feed and points and starts it again (its cache turned out damaged: its files are read). */
  async restart(key: string, runs: ReadonlyMap<string, RunHandle>, selected: readonly string[]): Promise<void> {
    const feed = this.feeds.get(key);
    feed?.close();
    this.feeds.delete(key);
    this.store.deleteRun(key);
    await this.sync(selected, runs);
  }

  close(): void {
    this.closed = true;
    for (const next of this.queue.splice(0)) next(); // they see `closed` and stop
    for (const f of this.feeds.values()) f.close();
    this.feeds.clear();
  }

  /** Waits for a slot to read a finished run (handed over by the run before it). */
  private async turn(): Promise<void> {
    if (this.reading < READ_AT_ONCE) {
      this.reading++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private async start(key: string, run: RunHandle): Promise<void> {
    this.starting++;
    this.opening.add(key);
    try {
      const feed = await createRunFeed(this.store, run, key);
      this.opening.delete(key);
      if (this.closed || !this.events.wanted(key)) {
        feed.close();
        return;
      }
      this.configMap.set(key, feed.config);
      this.feeds.set(key, feed);
      const active = isActive(run);
      if (active) {
        await feed.start(true);
        return;
      }
      if ((await this.events.opening?.(key, feed)) === true) return; // drawn from its cache: no file read
      // Finished runs are read a few at a time: each is read, cached and its points dropped before the next one
      // starts, so the store holds only the runs being read (its memory cap applies to live and uncached runs).
      await this.turn();
      try {
        if (this.closed || this.feeds.get(key) !== feed) return;
        if ((await this.events.cacheElsewhere?.(key, feed)) === true) return;
        if (this.closed || this.feeds.get(key) !== feed) return;
        await feed.start(false);
        if (!this.closed && this.feeds.get(key) === feed) await this.events.done?.(key, feed);
      } finally {
        const next = this.queue.shift();
        if (next)
          next(); // the slot goes to the next run waiting
        else this.reading--;
      }
    } finally {
      this.opening.delete(key);
      this.starting--;
      this.events.settled();
    }
  }
}
