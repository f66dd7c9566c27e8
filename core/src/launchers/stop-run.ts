import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { RunStore } from '../runs/run-store';
import type { RunRecord } from '../runs/run-record';
import { isAlive, killTree } from './process-tree';
import { STOP_MARKER } from './runner';

/**
 * Stops a local run from outside its runner (after a window reload, or from the CLI): marks the stop, ends the run's
 * process group, and — when no runner is left to record it — writes the `cancelled` state itself.
 */
export async function stopLocalRun(store: RunStore, dir: string, graceMs = 5000): Promise<RunRecord | undefined> {
  const record = await RunStore.read(dir);
  if (!record || (record.state !== 'running' && record.state !== 'queued')) return record;
  await writeFile(path.join(dir, STOP_MARKER), new Date().toISOString());
  if (record.pid && isAlive(record.pid, record.pidStartTime)) await killTree(record.pid, graceMs);
  // The runner (if any) writes the final state when its child exits; give it a moment, then write it ourselves.
  const deadline = Date.now() + 2000;
  for (;;) {
    const now = await RunStore.read(dir);
    if (now && now.state !== 'running' && now.state !== 'queued') return now;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return store.update(dir, { state: 'cancelled', reason: 'stopped by the user', endedAt: new Date().toISOString() });
}
