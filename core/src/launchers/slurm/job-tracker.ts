import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SeriesStore } from '../../metrics/series-store';
import { FINISHED_STATES, type RunRecord } from '../../runs/run-record';
import { RunStore } from '../../runs/run-store';
import { REAL_CLOCK, type TrackerClock } from './clock';
import { phrase, PhrasedError } from '../../l10n';
import { failurePhrase, type SlurmRunner } from './command-runner';
import { JobFileTails } from './file-tails';
import { JobQuery, SlurmUnavailableError } from './job-query';
import { foreignJobReason } from './job-ownership';
import type { SlurmJobInfo } from './job-info';
import { PollSchedule, type PollLimits } from './poll-schedule';
import { mapJobStateWithCode, type MappedState } from './run-state';
import { JOB_EXIT_MARKER } from './sbatch-script';
import { because } from '../../runs/run-reason';

export interface TrackerOptions {
  readonly runner: SlurmRunner;
  readonly store: RunStore;
  /** The run folder; its run.json must hold the job id. */
  readonly dir: string;
  readonly clock?: TrackerClock;
  readonly limits?: PollLimits;
  /** Metrics are tailed into this store under the run id while the job runs. */
  readonly series?: SeriesStore;
  /** The job's stdout/stderr as it is written (a terminal, the CLI). */
  readonly onOutput?: (text: string) => void;
  /** Every change of run.json the tracker writes. */
  readonly onChange?: (record: RunRecord) => void;
  /** Delay of the first question to Slurm (default: the cadence's, 1 s; re-attaching asks at once). */
  readonly firstPollMs?: number;
  /** How often the exit marker is looked for (a file check, not a Slurm call); default 250 ms. */
  readonly markerCheckMs?: number;
  /** Follow stdout.log, stderr.log and metrics.jsonl, recording the logs' growth in timeline.jsonl (default true). */
  readonly tailFiles?: boolean;
}

/**
 * Watches one submitted job until it ends: asks Slurm for its state on an adaptive cadence (PollSchedule), writes
 * each change to run.json with Slurm's reason, tails its output and metrics from the run folder, and notices the job
 * script's exit marker to learn of the end without waiting for the next poll. `cancel()` is `scancel`.
 */
export class SlurmJobTracker {
  /** Resolves with the final run.json once the job has ended (or with the last one, after `dispose()`). */
  readonly done: Promise<RunRecord>;
  /** Slurm calls made for this job so far. */
  calls = 0;
  /** The last problem asking Slurm, if the latest poll failed (the run's state is then left as it was). */
  lastError: string | undefined;
  private resolveDone!: (r: RunRecord) => void;
  private readonly clock: TrackerClock;
  private readonly schedule: PollSchedule;
  private readonly query: JobQuery;
  private readonly tails: JobFileTails | undefined;
  private timer: unknown;
  private markerTimer: unknown;
  private polling: Promise<void> | undefined;
  private ended = false;
  private cancelRequested = false;
  private sawRunning: boolean;

  private constructor(
    private readonly o: TrackerOptions,
    private record: RunRecord,
  ) {
    this.clock = o.clock ?? REAL_CLOCK;
    this.schedule = new PollSchedule(this.clock.now(), o.limits);
    this.query = new JobQuery(o.runner);
    this.sawRunning = record.state === 'running';
    if (this.sawRunning) this.schedule.enter('running', this.clock.now());
    this.done = new Promise((r) => {
      this.resolveDone = r;
    });
    if (o.tailFiles !== false) {
      this.tails = new JobFileTails({
        runId: record.id,
        stdoutFile: path.join(o.dir, record.files.stdout),
        stderrFile: path.join(o.dir, record.files.stderr),
        timelineDir: o.dir,
        metricsFile: path.join(o.dir, record.files.metrics),
        series: o.series,
        onOutput: o.onOutput,
      });
    }
  }

  /** Starts watching the run in `o.dir` (its run.json has the job id). */
  static async track(o: TrackerOptions): Promise<SlurmJobTracker> {
    const record = await RunStore.read(o.dir);
    // run.json is a file in the workspace: only a job id as sbatch prints it ever reaches a Slurm command (the run
    // store drops any other value on reading).
    if (!record?.jobId)
      throw new Error(
        `${o.dir} is not a submitted Slurm run: its run.json has no job id, or one that is not a Slurm job id`,
      );
    const t = new SlurmJobTracker(o, record);
    if (FINISHED_STATES.has(record.state)) {
      t.ended = true;
      t.resolveDone(record);
      return t;
    }
    t.arm(o.firstPollMs);
    t.checkMarker();
    return t;
  }

  get jobId(): string {
    return this.record.jobId!;
  }
  get dir(): string {
    return this.o.dir;
  }
  get current(): RunRecord {
    return this.record;
  }

  /** Asks Slurm now (within the rate limit) instead of at the next scheduled time. */
  pollNow(): void {
    if (this.ended) return;
    const now = this.clock.now();
    this.arm(this.schedule.earliestAllowed(now) - now);
  }

  /**
   * `scancel <job>` once Slurm confirms the job is this run's (job-ownership.ts); the run becomes `cancelled` once
   * Slurm confirms. Throws with scancel's own words when it fails, or with the reason the job is not this run's.
   */
  async cancel(): Promise<void> {
    if (this.ended) return;
    const foreign = await foreignJobReason(this.o.runner, this.record, this.o.dir);
    this.calls++;
    if (foreign) throw new PhrasedError(foreign);
    const argv = ['scancel', this.jobId];
    const r = await this.o.runner(argv);
    this.calls++;
    if (r.code !== 0)
      throw new SlurmUnavailableError(
        phrase('Could not cancel Slurm job {0}: {1}', this.jobId, failurePhrase(argv, r)),
      );
    this.cancelRequested = true;
    this.schedule.enter('ending', this.clock.now());
    this.pollNow();
  }

  /** Stops watching (window closing); the job itself goes on and can be tracked again later. */
  dispose(): void {
    this.ended = true;
    this.clock.clearTimeout(this.timer);
    this.clock.clearTimeout(this.markerTimer);
    this.tails?.close();
    this.resolveDone(this.record);
  }

  private arm(ms = this.schedule.nextDelay(this.clock.now())): void {
    if (this.ended) return;
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.poll(), Math.max(0, ms));
  }

  private checkMarker(): void {
    if (this.ended) return;
    if (this.schedule.currentPhase !== 'ending' && existsSync(path.join(this.o.dir, JOB_EXIT_MARKER))) {
      this.schedule.enter('ending', this.clock.now());
      this.pollNow();
    }
    this.markerTimer = this.clock.setTimeout(() => this.checkMarker(), this.o.markerCheckMs ?? 250);
  }

  private poll(): Promise<void> {
    // Any failure of one poll (Slurm's runner rejecting, run.json not writable) is kept as the last error and the
    // next poll tries again: a timer's rejected promise would otherwise be unhandled and end a CLI process.
    this.polling ??= this.pollOnce()
      .catch((err: unknown) => {
        this.lastError = err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        this.polling = undefined;
        this.arm();
      });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    if (this.ended) return;
    this.schedule.called(this.clock.now());
    this.calls++;
    let info: SlurmJobInfo | undefined;
    try {
      info = await this.query.job(this.jobId);
      this.lastError = undefined;
    } catch (err) {
      if (!(err instanceof SlurmUnavailableError)) throw err;
      this.lastError = err.message;
      return;
    }
    if (this.ended) return;
    const mapped = info ? mapJobStateWithCode(info, { cancelRequested: this.cancelRequested }) : this.vanished();
    const now = this.clock.now();
    if (mapped.state === 'queued') this.schedule.enter('pending', now);
    else if (mapped.state === 'running') this.schedule.enter(info?.state === 'COMPLETING' ? 'ending' : 'running', now);
    if (info?.timeLimitSec !== undefined && info.runTimeSec !== undefined && mapped.state === 'running') {
      this.schedule.expectEndAt(now + (info.timeLimitSec - info.runTimeSec) * 1000);
    }
    await this.apply(mapped);
  }

  /** No source knows the job any more (purged, no completion log): the exit marker is the last word, if any. */
  private vanished(): MappedState {
    try {
      const code = Number(readFileSync(path.join(this.o.dir, JOB_EXIT_MARKER), 'utf8').trim());
      if (Number.isInteger(code))
        return code === 0
          ? { state: 'succeeded', ...because('exit-code', 0), exitCode: 0 }
          : { state: 'failed', ...because('exit-code', code), exitCode: code };
    } catch {
      /* no marker: the script never finished */
    }
    return {
      state: 'failed',
      ...because('slurm-vanished', this.jobId),
      exitCode: null,
    };
  }

  private async apply(m: MappedState): Promise<void> {
    const r = this.record;
    const finished = FINISHED_STATES.has(m.state);
    if (m.state === r.state && m.reason === r.reason && !finished) return;
    const nowIso = new Date().toISOString();
    const patch: { -readonly [K in keyof RunRecord]?: RunRecord[K] } = {
      state: m.state,
      reason: m.reason,
      ...(m.reasonCode ? { reasonCode: m.reasonCode } : {}),
    };
    // For a Slurm run, "started" means the job started, not that it was submitted (the Runs view's duration).
    if (m.state === 'running' && !this.sawRunning) {
      this.sawRunning = true;
      patch.startedAt = nowIso;
    }
    if (finished) {
      this.ended = true;
      this.clock.clearTimeout(this.timer);
      this.clock.clearTimeout(this.markerTimer);
      await this.tails?.finish();
      Object.assign(patch, { exitCode: m.exitCode ?? null, endedAt: nowIso });
    }
    this.tails?.flushMarks();
    this.record = await this.o.store.update(this.o.dir, patch);
    this.o.onChange?.(this.record);
    if (finished) this.resolveDone(this.record);
  }
}
