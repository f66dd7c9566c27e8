import type { RunHandle, RunStore } from '../../runs/run-store';
import { SlurmJobTracker, type TrackerOptions } from './job-tracker';

/**
 * After a window reload (or in a new session): the Slurm runs of `store` that were queued or running are watched
 * again by their job id. Nothing is assumed from the absence of a process here: the job runs on the cluster, and the
 * first poll (at once) tells its state, or its end from the completion log.
 */
export async function reattachSlurmRuns(
  store: RunStore,
  options: Omit<TrackerOptions, 'store' | 'dir'>,
  skip: (run: RunHandle) => boolean = () => false,
): Promise<SlurmJobTracker[]> {
  const out: SlurmJobTracker[] = [];
  for (const run of await store.list()) {
    const r = run.record;
    if (
      r.launcher !== 'slurm' ||
      !r.jobId ||
      !/^\d+(?:_\d+)?$/.test(r.jobId) ||
      (r.state !== 'queued' && r.state !== 'running') ||
      skip(run)
    )
      continue;
    out.push(await SlurmJobTracker.track({ ...options, store, dir: run.dir, firstPollMs: options.firstPollMs ?? 0 }));
  }
  return out;
}
