/**
 * The user's own jobs on the cluster, also those not started from Liftoff: one `squeue --me` call per refresh, for
 * the Runs view's Slurm queue section (state, pending reason, elapsed against the limit) and its Cancel. How often it
 * is asked is queue-poller.ts's: every 30 s while the view asks, at most 2 calls in any minute of the 12 a minute.
 */
import { phrase } from '../../l10n';
import { failurePhrase, type SlurmRunner } from './command-runner';
import { SlurmUnavailableError } from './job-query';
import { parseSlurmTime } from './key-values';

export interface QueueJob {
  readonly jobId: string;
  readonly state: string;
  /** Why it waits (Resources, Priority, …), when it does. */
  readonly reason?: string;
  readonly partition?: string;
  readonly elapsedSec?: number;
  readonly limitSec?: number;
  readonly name: string;
}

/** `%i|%T|%r|%M|%l|%P|%j`: the name last, so a `|` inside it stays in the name. */
export const QUEUE_FORMAT = '%i|%T|%r|%M|%l|%P|%j';

const clean = (v: string | undefined) => {
  const s = (v ?? '').replace(/[\x00-\x1f\x7f]/g, '').trim();
  return s === '' || s === 'None' || s === '(null)' || s === 'n/a' ? undefined : s.slice(0, 200);
};

/** Parses `squeue --noheader --format=QUEUE_FORMAT` output; lines that are not jobs are skipped. */
export function parseQueue(text: string): QueueJob[] {
  const out: QueueJob[] = [];
  for (const line of text.split('\n')) {
    const parts = line.split('|');
    if (parts.length < 7) continue;
    const [id, state, reason, elapsed, limit, partition] = parts;
    if (!/^\d{1,12}(?:_\d{1,9})?$/.test(id!.trim()) || !/^[A-Z_]+$/.test(state!.trim())) continue;
    const r = clean(reason);
    const e = parseSlurmTime(elapsed);
    const l = parseSlurmTime(limit);
    const p = clean(partition);
    out.push({
      jobId: id!.trim(),
      state: state!.trim(),
      ...(r ? { reason: r } : {}),
      ...(p ? { partition: p } : {}),
      ...(e !== undefined ? { elapsedSec: e } : {}),
      ...(l !== undefined ? { limitSec: l } : {}),
      name: clean(parts.slice(6).join('|')) ?? '',
    });
  }
  return out;
}

/** The user's jobs (`squeue --me`). Throws with Slurm's words when it cannot be asked. */
export async function userQueue(run: SlurmRunner): Promise<QueueJob[]> {
  const argv = ['squeue', '--me', '--noheader', `--format=${QUEUE_FORMAT}`];
  const r = await run(argv);
  if (r.code !== 0) throw new SlurmUnavailableError(failurePhrase(argv, r));
  return parseQueue(r.stdout);
}

/** Cancels one of the user's jobs by id (`scancel`); throws with Slurm's words when it refuses. */
export async function cancelQueueJob(run: SlurmRunner, jobId: string): Promise<void> {
  if (!/^\d{1,12}(?:_\d{1,9})?$/.test(jobId))
    throw new SlurmUnavailableError(phrase('not a Slurm job id: {0}', jobId.slice(0, 40)));
  const argv = ['scancel', jobId];
  const r = await run(argv);
  if (r.code !== 0) throw new SlurmUnavailableError(failurePhrase(argv, r));
}

/** "RUNNING 00:12:03 / 01:00:00" or "PENDING (Resources)" for a list. */
export function describeQueueJob(j: QueueJob): string {
  const hms = (s: number) => {
    const p = (n: number) => String(n).padStart(2, '0');
    const d = Math.floor(s / 86400);
    return `${d ? `${d}-` : ''}${p(Math.floor((s % 86400) / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
  };
  const time =
    j.elapsedSec !== undefined ? ` ${hms(j.elapsedSec)}${j.limitSec !== undefined ? ` / ${hms(j.limitSec)}` : ''}` : '';
  return `${j.state}${j.reason ? ` (${j.reason})` : ''}${j.state === 'PENDING' ? '' : time}${j.partition ? ` · ${j.partition}` : ''}`;
}
