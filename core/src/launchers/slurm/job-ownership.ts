import * as path from 'node:path';
import { phrase, type Phrase } from '../../l10n';
import type { RunRecord } from '../../runs/run-record';
import type { SlurmRunner } from './command-runner';
import { parseKeyValues } from './key-values';

/**
 * Before Liftoff cancels a job named by run.json (a workspace file), it asks Slurm where that job writes its output:
 * Liftoff's jobs write to their run's stdout.log (`#SBATCH --output`). A job that writes elsewhere is not this run's
 * and is never cancelled. Undefined when the job may be cancelled, else the reason it may not.
 */
export async function foreignJobReason(
  runner: SlurmRunner,
  record: RunRecord,
  dir: string,
): Promise<Phrase | undefined> {
  if (!record.jobId) return phrase('run.json names no Slurm job');
  const r = await runner(['scontrol', 'show', 'job', '-o', record.jobId]);
  if (r.code !== 0) return undefined; // the controller no longer holds it: scancel cannot reach it either
  const kv = r.stdout
    .split('\n')
    .map((l) => parseKeyValues(l.trim()))
    .find((m) => m.get('JobId') === record.jobId);
  const stdout = kv?.get('StdOut');
  // Older scontrol output without StdOut cannot be checked; the job id's form was checked on reading run.json.
  if (!stdout) return undefined;
  const expected = path.resolve(dir, record.files.stdout);
  return path.resolve(stdout) === expected
    ? undefined
    : phrase(
        "Slurm job {0} writes its output to {1}, not to this run's folder: Liftoff did not submit it for this run, so it does not cancel it",
        record.jobId,
        stdout,
      );
}
