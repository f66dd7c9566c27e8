import * as path from 'node:path';
import type { RunRecord } from '../../runs/run-record';
import type { SlurmRunner } from './command-runner';
import { parseJobLine } from './job-info';

/**
 * Before Liftoff cancels a job named by run.json (a workspace file), it asks Slurm where that job writes its output:
 * Liftoff's jobs write to their run's stdout.log (`#SBATCH --output`). A job that writes elsewhere is not this run's
 * and is never cancelled. Undefined when the job may be cancelled, else the reason it may not.
 */
export async function foreignJobReason(runner: SlurmRunner, record: RunRecord, dir: string): Promise<string | undefined> {
  if (!record.jobId) return 'run.json names no Slurm job';
  const r = await runner(['scontrol', 'show', 'job', '-o', record.jobId]);
  if (r.code !== 0) return undefined; // the controller no longer holds it: scancel cannot reach it either
  const info = r.stdout.split('\n').map((l) => parseJobLine(l, 'scontrol')).find((j) => j?.jobId === record.jobId);
  // Older scontrol output without StdOut cannot be checked; the job id's form was checked on reading run.json.
  if (!info?.stdout) return undefined;
  const expected = path.resolve(dir, record.files.stdout);
  return path.resolve(info.stdout) === expected ? undefined
    : `Slurm job ${record.jobId} writes its output to ${info.stdout}, not to this run's folder: Liftoff did not submit it for this run, so it does not cancel it`;
}
