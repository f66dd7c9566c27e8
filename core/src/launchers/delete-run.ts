import { phrase } from '../l10n';
import { LaunchError } from './launch-plan';
import { ACTIVE_STATES } from '../runs/run-record';
import { RunStore } from '../runs/run-store';
import { runIsOwned, settleRun } from './settle-run';
import { failurePhrase, type SlurmRunner } from './slurm/command-runner';
import { foreignJobReason } from './slurm/job-ownership';

/**
 * Deletes a run folder (run.json, logs, metrics, model) through the store's symlink-safe delete. A local run still
 * owned by its runner or command is refused (stop it first); a queued or running Slurm run is cancelled first
 * (`scancel`), so no job is left writing into a folder that no longer exists. Without `slurmRunner` (an untrusted
 * workspace) an active Slurm run is refused rather than cancelled.
 */
export async function deleteRun(dir: string, o: { readonly slurmRunner?: SlurmRunner } = {}): Promise<void> {
  const store = RunStore.ofRunDir(dir);
  let record = await RunStore.read(dir);
  if (record && ACTIVE_STATES.has(record.state)) {
    if (record.launcher === 'local') {
      if (runIsOwned(record))
        throw new LaunchError(phrase('Run {0} is still {1}: stop it before deleting it.', record.id, record.state));
      record = await settleRun(store, dir);
    } else if (record.jobId) {
      if (!o.slurmRunner)
        throw new LaunchError(
          phrase(
            'Run {0} is Slurm job {1}, still {2}: Liftoff cancels it before deleting, which needs a trusted workspace.',
            record.id,
            record.jobId,
            record.state,
          ),
        );
      const foreign = await foreignJobReason(o.slurmRunner, record, dir);
      if (foreign)
        throw new LaunchError(
          phrase('{0}. The run was not deleted; if the job is gone, Refresh and delete again.', foreign),
        );
      const argv = ['scancel', record.jobId];
      const r = await o.slurmRunner(argv);
      if (r.code !== 0)
        throw new LaunchError(
          phrase('Could not cancel Slurm job {0} before deleting its run: {1}', record.jobId, failurePhrase(argv, r)),
        );
    }
  }
  await store.delete(dir);
}
