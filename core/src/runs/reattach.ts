import { isAlive } from '../launchers/process-tree';
import { RunStore, type RunHandle } from './run-store';

export interface ReattachResult { readonly alive: RunHandle[]; readonly markedFailed: RunHandle[] }

/**
 * After a window reload (or in a new CLI session): runs recorded as running whose process still exists (same pid
 * and start time) are alive and can be watched again; the others ended unseen and are marked failed with the reason.
 */
export async function reattachRuns(store: RunStore, alive: (pid: number, start?: number) => boolean = isAlive): Promise<ReattachResult> {
  const result: ReattachResult = { alive: [], markedFailed: [] };
  for (const run of await store.list()) {
    const r = run.record;
    if (r.state !== 'running' || r.launcher !== 'local') continue;
    if (r.pid && alive(r.pid, r.pidStartTime)) { result.alive.push(run); continue; }
    const record = await store.update(run.dir, {
      state: 'failed', endedAt: new Date().toISOString(), exitCode: null,
      reason: 'the process ended while no Liftoff window was watching it (window reload or crash); its exit code is unknown — see stdout.log',
    });
    result.markedFailed.push({ dir: run.dir, record });
  }
  return result;
}
