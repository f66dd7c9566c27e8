/**
 * `run.retry: {max, on: [...]}`: when a failed run is started again by itself. Only causes a new attempt can get past
 * are retried — preemption, a node failure, a distributed-startup error, a time limit when the run saves checkpoints
 * (it resumes, so it gets further), or any other exit when `failed` is listed. Causes that would repeat (out of
 * memory, a missing module or file, divergence) never are, whatever `on` says: the diagnosis's fix is the way out.
 */
import type { Diagnosis, FailureCause } from './diagnose';

export const RETRY_ON = ['preempted', 'node_failure', 'time_limit', 'distributed', 'failed'] as const;
export type RetryOn = (typeof RETRY_ON)[number];

export interface RetryPolicy {
  /** Attempts after the first, 1–10. */
  readonly max: number;
  readonly on: readonly RetryOn[];
}

const ON_OF: Partial<Record<FailureCause, RetryOn>> = {
  preempted: 'preempted',
  'node-failure': 'node_failure',
  'time-limit': 'time_limit',
  distributed: 'distributed',
  'exit-status': 'failed',
};

/** `run.retry` of an experiment, when it is well formed (the schema says the same; this is what the launcher uses). */
export function retryPolicyOf(experiment: unknown): RetryPolicy | undefined {
  const run = (experiment as { run?: { retry?: unknown } } | null | undefined)?.run;
  const r = run && typeof run === 'object' ? run.retry : undefined;
  if (!r || typeof r !== 'object') return undefined;
  const { max, on } = r as { max?: unknown; on?: unknown };
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) return undefined;
  const list = Array.isArray(on)
    ? on.filter((x): x is RetryOn => RETRY_ON.includes(x as RetryOn))
    : (['preempted', 'node_failure'] as RetryOn[]);
  return { max: Math.min(max, 10), on: list };
}

const savesCheckpoints = (experiment: unknown) => {
  const t = (experiment as { training?: { checkpoint?: unknown } } | null | undefined)?.training;
  return Boolean(t && typeof t === 'object' && t.checkpoint && typeof t.checkpoint === 'object');
};

/** Whether the attempt that just failed (`attempt`, 1 for the first) is followed by another, and why (for the log). */
export function retryDecision(
  policy: RetryPolicy,
  diagnosis: Diagnosis | undefined,
  attempt: number,
  experiment: unknown,
): { retry: boolean; why: string } {
  const cause = diagnosis?.cause ?? 'exit-status';
  const title = diagnosis?.title ?? 'failed';
  const on = ON_OF[cause];
  if (!on)
    return {
      retry: false,
      why: `not retrying: ${title} would happen again (${diagnosis?.fix?.title ?? 'see the cause'})`,
    };
  if (!policy.on.includes(on)) return { retry: false, why: `not retrying: run.retry.on does not list ${on}` };
  if (on === 'time_limit' && !savesCheckpoints(experiment))
    return {
      retry: false,
      why: 'not retrying: the time limit would be hit again (no training.checkpoint to resume from); raise resources.time_limit',
    };
  if (attempt > policy.max)
    return {
      retry: false,
      why: `not retrying: ${policy.max} retr${policy.max === 1 ? 'y' : 'ies'} used (run.retry.max)`,
    };
  return { retry: true, why: `${title}: attempt ${attempt + 1} of ${policy.max + 1} (run.retry)` };
}
