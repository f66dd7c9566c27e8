import type { RunState } from '../../runs/run-record';
import type { SlurmJobInfo } from './job-info';
import { because, becauseOf, reasonCode, type RunReasonCode, type RunReasonName } from '../../runs/run-reason';

export interface MappedState {
  readonly state: RunState;
  /** For people, with Slurm's own words first: `PENDING (Resources)`, `TIMEOUT (time limit 00:01:00)`. */
  readonly reason: string;
  /** The same as a code, where Liftoff wrote the words (run-reason.ts); none for Slurm's own (`PENDING (Priority)`). */
  readonly reasonCode?: RunReasonCode;
  /** Set once the job has ended: the script's exit code, or null when a signal or Slurm ended it. */
  readonly exitCode?: number | null;
}

const QUEUED = new Set(['PENDING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESV_DEL_HOLD']);
const RUNNING = new Set(['RUNNING', 'COMPLETING', 'SUSPENDED', 'STOPPED', 'SIGNALING', 'STAGE_OUT', 'RESIZING']);
/** Why a failed job failed, in a few words a user can act on. */
const FAILURE_HINTS: Record<string, RunReasonName> = {
  TIMEOUT: 'slurm-hint-timeout',
  NODE_FAIL: 'slurm-hint-node-fail',
  OUT_OF_MEMORY: 'slurm-hint-oom',
  PREEMPTED: 'slurm-hint-preempted',
  BOOT_FAIL: 'slurm-hint-boot-fail',
  DEADLINE: 'slurm-hint-deadline',
  SPECIAL_EXIT: 'slurm-hint-special-exit',
};

/** Slurm's state of a job → the run's state, reason and (once ended) exit code. */
export function mapJobState(job: SlurmJobInfo, opts: { cancelRequested?: boolean } = {}): MappedState {
  const mapped: { -readonly [K in keyof MappedState]?: MappedState[K] } = { ...mapJobStateWithCode(job, opts) };
  delete mapped.reasonCode;
  return mapped as MappedState;
}

/** The same with the reason's code, for run.json (run-reason.ts): what the tracker writes. */
export function mapJobStateWithCode(job: SlurmJobInfo, opts: { cancelRequested?: boolean } = {}): MappedState {
  const s = job.state.toUpperCase();
  const why = job.reason ? ` (${job.reason})` : '';
  if (QUEUED.has(s)) return { state: 'queued', reason: `${s}${why}` };
  if (RUNNING.has(s))
    return s === 'RUNNING' && job.nodes
      ? { state: 'running', ...because('slurm-running-on', job.nodes) }
      : { state: 'running', reason: `${s}${why}` };
  if (s === 'COMPLETED') return { state: 'succeeded', ...because('slurm-completed'), exitCode: job.exitCode ?? 0 };
  if (s === 'CANCELLED' || s === 'REVOKED') {
    return {
      state: 'cancelled',
      ...(opts.cancelRequested ? because('slurm-stopped') : { reason: `${s}${why}` }),
      exitCode: null,
    };
  }
  if (s === 'FAILED') {
    if (job.signal) return { state: 'failed', ...because('slurm-killed', job.signal), exitCode: null };
    return {
      state: 'failed',
      ...(job.exitCode === undefined || job.exitCode === null
        ? because('slurm-exit-unknown')
        : because('slurm-exit-code', job.exitCode)),
      exitCode: job.exitCode ?? null,
    };
  }
  const hint = FAILURE_HINTS[s];
  // A state this version does not know: not an end Liftoff can be sure of; keep watching.
  if (hint === undefined) return { state: 'running', reason: `${s}${why}` };
  const limit = s === 'TIMEOUT' && job.timeLimit ? reasonCode('slurm-time-limit', job.timeLimit) : why;
  return {
    state: 'failed',
    ...becauseOf(reasonCode('slurm-ended', s, limit, reasonCode(hint))),
    exitCode: job.signal ? null : (job.exitCode ?? null),
  };
}
