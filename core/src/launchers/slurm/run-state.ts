import type { RunState } from '../../runs/run-record';
import type { SlurmJobInfo } from './job-info';

export interface MappedState {
  readonly state: RunState;
  /** For people, with Slurm's own words first: `PENDING (Resources)`, `TIMEOUT (time limit 00:01:00)`. */
  readonly reason: string;
  /** Set once the job has ended: the script's exit code, or null when a signal or Slurm ended it. */
  readonly exitCode?: number | null;
}

const QUEUED = new Set(['PENDING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESV_DEL_HOLD']);
const RUNNING = new Set(['RUNNING', 'COMPLETING', 'SUSPENDED', 'STOPPED', 'SIGNALING', 'STAGE_OUT', 'RESIZING']);
/** Why a failed job failed, in a few words a user can act on. */
const FAILURE_HINTS: Record<string, string> = {
  TIMEOUT: 'the job reached its time limit; raise resources.time_limit',
  NODE_FAIL: 'a node of the job failed; Slurm ended the job',
  OUT_OF_MEMORY: 'the job ran out of memory; raise resources.memory_gb',
  PREEMPTED: 'a higher-priority job preempted it',
  BOOT_FAIL: 'a node failed to boot',
  DEADLINE: 'the job missed its deadline',
  SPECIAL_EXIT: 'the job ended with a special exit (requeue-hold)',
};

/** Slurm's state of a job → the run's state, reason and (once ended) exit code. */
export function mapJobState(job: SlurmJobInfo, opts: { cancelRequested?: boolean } = {}): MappedState {
  const s = job.state.toUpperCase();
  const why = job.reason ? ` (${job.reason})` : '';
  if (QUEUED.has(s)) return { state: 'queued', reason: `${s}${why}` };
  if (RUNNING.has(s))
    return { state: 'running', reason: s === 'RUNNING' && job.nodes ? `RUNNING on ${job.nodes}` : `${s}${why}` };
  if (s === 'COMPLETED') return { state: 'succeeded', reason: 'COMPLETED (exit code 0)', exitCode: job.exitCode ?? 0 };
  if (s === 'CANCELLED' || s === 'REVOKED') {
    return {
      state: 'cancelled',
      reason: opts.cancelRequested ? 'stopped by the user (scancel)' : `${s}${why}`,
      exitCode: null,
    };
  }
  if (s === 'FAILED') {
    if (job.signal) return { state: 'failed', reason: `FAILED (killed by signal ${job.signal})`, exitCode: null };
    return {
      state: 'failed',
      reason: `FAILED (exit code ${job.exitCode ?? 'unknown'})`,
      exitCode: job.exitCode ?? null,
    };
  }
  const hint = FAILURE_HINTS[s];
  // A state this version does not know: not an end Liftoff can be sure of; keep watching.
  if (hint === undefined) return { state: 'running', reason: `${s}${why}` };
  const limit = s === 'TIMEOUT' && job.timeLimit ? ` (time limit ${job.timeLimit})` : why;
  return { state: 'failed', reason: `${s}${limit}: ${hint}`, exitCode: job.signal ? null : (job.exitCode ?? null) };
}
