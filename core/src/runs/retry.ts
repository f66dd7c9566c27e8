/**
 * `run.retry: {max, on: [...]}`: when a failed run is started again by itself. Only causes a new attempt can get past
 * are retried — preemption, a node failure, a distributed-startup error, a time limit when the run saves checkpoints
 * (it resumes, so it gets further), or any other exit when `failed` is listed. Causes that would repeat (out of
 * memory, a missing module or file, divergence) never are, whatever `on` says: the diagnosis's fix is the way out.
 */
import { phrase, say, type Phrase } from '../l10n';
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

/**
 * Whether the attempt that just failed (`attempt`, 1 for the first) is followed by another, and why (for the run's
 * output): `why` in English, `whyPhrase` the same words for `say(locale, …)` in the language of whoever launched it.
 */
export function retryDecision(
  policy: RetryPolicy,
  diagnosis: Diagnosis | undefined,
  attempt: number,
  experiment: unknown,
): { retry: boolean; why: string; whyPhrase: Phrase } {
  const decided = (retry: boolean, whyPhrase: Phrase) => ({ retry, why: say('en', whyPhrase), whyPhrase });
  const cause = diagnosis?.cause ?? 'exit-status';
  const title: Phrase | string = diagnosis ? (diagnosis.titlePhrase ?? diagnosis.title) : phrase('failed');
  const on = ON_OF[cause];
  if (!on)
    return decided(
      false,
      phrase(
        'not retrying: {0} would happen again ({1})',
        title,
        diagnosis?.fix ? (diagnosis.fix.titlePhrase ?? diagnosis.fix.title) : phrase('see the cause'),
      ),
    );
  if (!policy.on.includes(on)) return decided(false, phrase('not retrying: run.retry.on does not list {0}', on));
  if (on === 'time_limit' && !savesCheckpoints(experiment))
    return decided(
      false,
      phrase(
        'not retrying: the time limit would be hit again (no training.checkpoint to resume from); raise resources.time_limit',
      ),
    );
  if (attempt > policy.max)
    return decided(
      false,
      policy.max === 1
        ? phrase('not retrying: 1 retry used (run.retry.max)')
        : phrase('not retrying: {0} retries used (run.retry.max)', policy.max),
    );
  return decided(true, phrase('{0}: attempt {1} of {2} (run.retry)', title, attempt + 1, policy.max + 1));
}
