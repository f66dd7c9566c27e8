import { settleRun } from '../launchers/settle-run';
import { isAlive } from '../launchers/process-tree';
import { ACTIVE_STATES } from './run-record';
import type { RunHandle, RunStore } from './run-store';

export interface ReattachResult {
  /** Local runs whose command still runs: watch them again (their exit recorder will leave the exit status). */
  readonly alive: RunHandle[];
  /** Runs whose runner and command had both ended unseen: settled now from the exit marker (see settle-run.ts). */
  readonly settled: RunHandle[];
}

/**
 * After a window reload (or in a new CLI session): local runs recorded as active whose command still runs are
 * alive; those whose runner and command both ended are settled with the command's real exit status.
 */
export async function reattachRuns(store: RunStore): Promise<ReattachResult> {
  const result = { alive: [] as RunHandle[], settled: [] as RunHandle[] };
  for (const run of await store.list()) {
    const r = run.record;
    if (!ACTIVE_STATES.has(r.state) || r.launcher !== 'local') continue;
    if (r.pid !== undefined && isAlive(r.pid, r.pidStartTime)) {
      result.alive.push(run);
      continue;
    }
    const record = await settleRun(store, run.dir);
    if (!record || ACTIVE_STATES.has(record.state)) continue;
    result.settled.push({ dir: run.dir, record });
  }
  return result;
}
