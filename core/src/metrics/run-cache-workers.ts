/**
 * Finished runs read and cached in worker threads (issue 14, Scale: a thousand runs opened cold are a thousand
 * metrics files to parse and caches to build, one core's work each): a worker reads a run's files with the same run
 * feed and readers as the panel, into a series store of its own, builds and writes the run's cache with the same code
 * (run-cache-build.ts), and answers what it found (the cache key, each file's counters and errors). The panel then
 * draws the run from that cache; it never held the run's points. The cache is the same file, byte for byte, as the
 * one the panel's own thread writes.
 *
 * Anything a worker cannot do is done as before, in the caller's thread: no worker module next to this code (a bundle
 * without it), a worker that fails to start or dies, a run whose cache was not written (a store limit cut its points,
 * its steps do not ascend). Workers start on the first job, at most `size`, and stop after `idleMs` without one; they
 * never keep the process alive.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import type { RunRecord } from '../runs/run-record';
import { buildRunCache } from './run-cache-build';
import type { MetricFormat } from './ingest';
import { RunFeed, createRunFeed, type FeedReadState } from './run-feed';
import { SeriesStore } from './series-store';

/** A finished run to read and cache. */
export interface CacheJob {
  readonly dir: string;
  readonly record: RunRecord;
  /** The run's key in the panel's store (what its feed reads into). */
  readonly key: string;
  /** The formats its config snapshot lists (`RunFeed.sources`), when the caller read it: not parsed again. */
  readonly sources?: readonly MetricFormat[];
}

/** What a worker did with a job. */
export interface CacheJobResult extends FeedReadState {
  /** The cache was written (false: read, but not cacheable; the caller reads it itself). */
  readonly written: boolean;
  /** The cache key it was written with (the files' sizes and times after the read). */
  readonly cacheKey: string;
}

interface JobMessage {
  readonly id: number;
  readonly job: CacheJob;
}
type ResultMessage = { readonly id: number } & ({ readonly result: CacheJobResult } | { readonly error: string });

/** Reads a finished run's files into a store of its own and writes its cache: a worker's job (also callable here). */
export async function cacheFinishedRun(job: CacheJob): Promise<CacheJobResult> {
  const store = new SeriesStore();
  const run = { dir: job.dir, record: job.record };
  // Only the sources matter here (which files, in which format): the caller's parse of the snapshot is enough.
  const feed = job.sources
    ? new RunFeed(store, job.key, run, { meta: { thresholds: [] }, sources: job.sources, config: undefined })
    : await createRunFeed(store, run, job.key);
  try {
    await feed.start(false);
    const cacheKey = await feed.cacheKey();
    const written = buildRunCache(store, job.key, job.dir, cacheKey);
    return { written, cacheKey, ...feed.readState() };
  } finally {
    feed.close();
  }
}

/** The worker's side: answers jobs one at a time until the pool stops it. */
export function runCacheWorker(): void {
  const port = parentPort;
  if (isMainThread || !port) throw new Error('runCacheWorker runs in a worker thread');
  port.on('message', (m: JobMessage) => {
    cacheFinishedRun(m.job).then(
      (result) => port.postMessage({ id: m.id, result } satisfies ResultMessage),
      (err: unknown) =>
        port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies ResultMessage),
    );
  });
}

/**
 * The module a worker loads: under tsc, run-cache-worker-main.js beside this file; in a bundle, the bundle's own
 * worker entry beside it (metrics-cache-worker.js, scripts/build.mjs). Missing: no workers, jobs run in the caller.
 */
export const CACHE_WORKER_MODULE =
  path.basename(__filename) === 'run-cache-workers.js'
    ? path.join(__dirname, 'run-cache-worker-main.js')
    : path.join(__dirname, 'metrics-cache-worker.js');

/**
 * Workers for a machine: one per core, at most 2. Each costs ~80–120 MB of the extension host's RSS while it works
 * (its own V8 heap, a run's points, the garbage of the runs before it): 1,000 runs opened cold with 2 workers peaked
 * at 530 MB against the 600 MB target (bench/README.md, metrics-scale).
 */
export function defaultCacheWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(2, cores));
}

interface Slot {
  readonly worker: Worker;
  job: { readonly id: number; readonly resolve: (r: CacheJobResult | undefined) => void } | undefined;
  idle: NodeJS.Timeout | undefined;
}

export interface CacheWorkersOptions {
  /** Most workers at once (default: `defaultCacheWorkers()`). */
  readonly size?: number;
  /** The worker module (default CACHE_WORKER_MODULE). */
  readonly module?: string;
  /** A worker without a job this long stops (default 5 s). */
  readonly idleMs?: number;
}

export class RunCacheWorkers {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<{
    readonly msg: JobMessage;
    readonly resolve: (r: CacheJobResult | undefined) => void;
  }> = [];
  private nextId = 1;
  private broken = false;
  private closed = false;
  private readonly size: number;
  private readonly module: string;
  private readonly idleMs: number;

  constructor(options: CacheWorkersOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultCacheWorkers());
    this.module = options.module ?? CACHE_WORKER_MODULE;
    this.idleMs = options.idleMs ?? 5000;
  }

  /** Whether jobs can go to workers (false: no worker module, or workers failed; do the work in this thread). */
  get available(): boolean {
    return !this.broken && !this.closed;
  }

  /** Workers running now. */
  get running(): number {
    return this.slots.length;
  }

  /**
   * Reads and caches a finished run in a worker. Undefined when no worker could do it (none available, or it failed
   * or died meanwhile): the caller reads the run itself. A job's own error (its folder unreadable) also gives undefined.
   */
  cache(job: CacheJob): Promise<CacheJobResult | undefined> {
    if (!this.available) return Promise.resolve(undefined);
    if (!existsSync(this.module)) {
      this.broken = true;
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      this.waiting.push({ msg: { id: this.nextId++, job }, resolve });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs not answered yet give undefined. */
  close(): void {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.resolve(undefined);
    for (const s of [...this.slots]) this.stop(s);
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && !this.closed) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size && !this.broken) slot = this.start();
      if (!slot) break;
      const next = this.waiting.shift()!;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = undefined;
      slot.job = { id: next.msg.id, resolve: next.resolve };
      slot.worker.postMessage(next.msg);
    }
    // Workers failed: the jobs still waiting go back to their callers once no worker is left to take them.
    if (this.broken && this.slots.length === 0) for (const w of this.waiting.splice(0)) w.resolve(undefined);
  }

  private start(): Slot | undefined {
    let worker: Worker;
    try {
      worker = new Worker(this.module);
    } catch {
      this.broken = true;
      return undefined;
    }
    worker.unref();
    const slot: Slot = { worker, job: undefined, idle: undefined };
    worker.on('message', (m: ResultMessage) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = undefined;
      job.resolve('result' in m ? m.result : undefined);
      this.dispatch();
      if (!slot.job && !this.closed) {
        slot.idle = setTimeout(() => this.stop(slot), this.idleMs);
        slot.idle.unref();
      }
    });
    const failed = (): void => {
      // A worker that cannot load or dies: no more workers; its job and those waiting go back to the caller.
      this.broken = true;
      this.remove(slot);
      slot.job?.resolve(undefined);
      slot.job = undefined;
      this.dispatch();
    };
    worker.on('error', failed);
    worker.on('exit', () => {
      if (this.slots.includes(slot)) failed();
    });
    this.slots.push(slot);
    return slot;
  }

  private stop(slot: Slot): void {
    this.remove(slot);
    if (slot.idle) clearTimeout(slot.idle);
    slot.job?.resolve(undefined);
    slot.job = undefined;
    void slot.worker.terminate();
  }

  private remove(slot: Slot): void {
    const k = this.slots.indexOf(slot);
    if (k >= 0) this.slots.splice(k, 1);
  }
}
