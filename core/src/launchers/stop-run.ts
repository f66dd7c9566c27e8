import * as path from 'node:path';
import { writeFileAtomic } from '../runs/atomic-write';
import { RunStore } from '../runs/run-store';
import { ACTIVE_STATES, type RunRecord } from '../runs/run-record';
import { proveRunProcess } from './process-identity';
import { isAlive, killTree } from './process-tree';
import { STOP_MARKER } from './final-state';
import { settleRun } from './settle-run';
import { because } from '../runs/run-reason';

export type StopOutcome =
  | { readonly stopped: true; readonly record: RunRecord | undefined }
  /** Nothing was signalled: `why` says why; `canMarkStopped` when no runner owns run.json, so it may be marked stopped. */
  | { readonly stopped: false; readonly why: string; readonly canMarkStopped: boolean };

/**
 * Stops a local run from outside its runner (after a window reload, or from the CLI). Signals go only to a process
 * proven to be this run's (process-identity.ts); otherwise nothing is signalled and the outcome says why. After the
 * stop, the runner (if alive) records `cancelled`; if it is gone, the hand-over (settle-run.ts) does.
 */
export async function stopLocalRun(store: RunStore, dir: string, graceMs = 5000): Promise<StopOutcome> {
  const record = await RunStore.read(dir);
  if (!record || !ACTIVE_STATES.has(record.state)) return { stopped: true, record };
  const runnerAlive = record.runnerPid !== undefined && isAlive(record.runnerPid, record.runnerStartTime);
  const commandAlive = record.pid !== undefined && isAlive(record.pid, record.pidStartTime);
  if (!commandAlive) {
    if (!runnerAlive) {
      const settled = await settleRun(store, dir);
      if (settled && !ACTIVE_STATES.has(settled.state)) return { stopped: true, record: settled };
    }
    return {
      stopped: false,
      why:
        record.pid === undefined
          ? 'the run has no process Liftoff started yet'
          : `process ${record.pid} of this run is not running`,
      canMarkStopped: !runnerAlive,
    };
  }
  const proof = proveRunProcess(record, dir);
  if (!proof.ok) return { stopped: false, why: proof.why, canMarkStopped: !runnerAlive };
  await writeFileAtomic(path.join(dir, STOP_MARKER), new Date().toISOString());
  await killTree(proof.group, graceMs);
  // The runner (if any) writes the final state when its child exits; without one, the hand-over does.
  const deadline = Date.now() + 3000;
  for (;;) {
    const now = await RunStore.read(dir);
    if (now && !ACTIVE_STATES.has(now.state)) return { stopped: true, record: now };
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { stopped: true, record: await settleRun(store, dir) };
}

/**
 * "Mark as Stopped": records `cancelled` for a run whose process cannot be proven to be its own, signalling nothing.
 * Refused while a live runner owns run.json (it is the one writer; stop the run from its terminal).
 */
export async function markRunStopped(store: RunStore, dir: string): Promise<RunRecord | undefined> {
  const record = await RunStore.read(dir);
  if (!record || !ACTIVE_STATES.has(record.state)) return record;
  if (record.runnerPid !== undefined && isAlive(record.runnerPid, record.runnerStartTime)) {
    throw new Error(`run ${record.id} is owned by its runner (process ${record.runnerPid}); stop it from its terminal`);
  }
  await writeFileAtomic(path.join(dir, STOP_MARKER), new Date().toISOString());
  return store.update(dir, {
    state: 'cancelled',
    ...because('marked-stopped'),
    endedAt: new Date().toISOString(),
  });
}
