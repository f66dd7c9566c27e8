import { open, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { ACTIVE_STATES, type RunRecord } from '../runs/run-record';
import { RunStore, type RunHandle } from '../runs/run-store';
import { EXIT_MARKER, readExitMarker } from './exit-recorder';
import { finalState } from './final-state';
import { tokenHolders } from './process-identity';
import { isAlive } from './process-tree';
import { because, becauseOf, reasonCode } from '../runs/run-reason';

/**
 * Who writes run.json (see docs/training.md, "Who writes run.json"): the runner, while it lives. When the runner is
 * gone and the run's command has ended too, ownership is handed over once: the first settler to create the claim
 * file in the run folder (exclusive create) writes the final state, from the exit recorder's marker; everyone else
 * only reads. A reader that must show the state meanwhile (`liftoff runs`) uses `observedRecord`, which writes nothing.
 */
export const SETTLE_CLAIM = 'settled-by';
/** A claim older than this whose run is still active belongs to a settler that died mid-write: it may be taken over. */
const STALE_CLAIM_MS = 30_000;
/** A queued run that no runner has taken up for this long was launched by a window or CLI that died first. */
export const NEVER_STARTED_MS = 5 * 60_000;

type Patch = Pick<RunRecord, 'state' | 'reason' | 'reasonCode' | 'exitCode' | 'endedAt'>;

/** What the caller knows first-hand: the host of the runner (a VS Code task) saw it end with this exit code. */
export interface SettleFacts {
  readonly runnerExitCode?: number | undefined;
}

/** True while someone still owns the run: its runner, or its command (whose recorder will leave the exit status). */
export function runIsOwned(r: RunRecord): boolean {
  if (r.runnerPid !== undefined && isAlive(r.runnerPid, r.runnerStartTime)) return true;
  return r.pid !== undefined && isAlive(r.pid, r.pidStartTime);
}

/** The final state a settler would write for this run now, or undefined when it is not for a settler to write. */
export async function settlement(run: RunHandle, known: SettleFacts = {}): Promise<Patch | undefined> {
  const r = run.record;
  if (r.launcher !== 'local' || !ACTIVE_STATES.has(r.state)) return undefined;
  if (r.state === 'queued' && r.pid === undefined) return notStartedSettlement(run, known);
  if (runIsOwned(r)) return undefined;
  return endedSettlement(run, await readExitMarker(run.dir));
}

/**
 * A queued local run whose command was never recorded. Its runner records itself (and the run's token) before it
 * starts the command, so: while that runner lives, it is still starting the run. Once it is gone, the exit recorder's
 * marker says the command ran and how it ended; a live process holding the run's token is the command, started but
 * not recorded (the runner died in between), and its marker will come. Otherwise nothing ran. A run no runner ever
 * took up (the window or CLI that launched it died first) is left to its launcher for NEVER_STARTED_MS.
 */
async function notStartedSettlement(run: RunHandle, known: SettleFacts): Promise<Patch | undefined> {
  const r = run.record;
  if (r.runnerPid !== undefined && isAlive(r.runnerPid, r.runnerStartTime)) return undefined;
  const status = await readExitMarker(run.dir);
  if (status !== undefined) return endedSettlement(run, status);
  if (r.pidToken && tokenHolders(r.pidToken).length > 0) return undefined;
  const failed = (why: ReturnType<typeof because>, exitCode: number | null = null): Patch => ({
    state: 'failed',
    exitCode,
    endedAt: new Date().toISOString(),
    ...why,
  });
  if ('runnerExitCode' in known)
    return failed(
      known.runnerExitCode === undefined || known.runnerExitCode === null
        ? because('runner-unknown-exit-before-start')
        : because('runner-exit-before-start', known.runnerExitCode),
      known.runnerExitCode ?? null,
    );
  if (r.runnerPid !== undefined) return failed(because('runner-died-before-start'));
  const created = Date.parse(r.createdAt);
  if (!Number.isFinite(created) || Date.now() - created < NEVER_STARTED_MS) return undefined;
  return failed(because('never-started', NEVER_STARTED_MS / 60_000));
}

/** The final state of a local run whose runner and command are both gone, from the recorder's status (if any). */
async function endedSettlement(run: RunHandle, status: number | undefined): Promise<Patch> {
  const r = run.record;
  const patch = await finalState(run.dir, status ?? null, r.command[0] ?? '');
  const endedAt =
    status === undefined
      ? new Date().toISOString()
      : await stat(path.join(run.dir, EXIT_MARKER)).then(
          (s) => s.mtime.toISOString(),
          () => new Date().toISOString(),
        );
  const why =
    status === undefined && patch.state !== 'cancelled'
      ? because('ended-unrecorded')
      : patch.reasonCode
        ? becauseOf(reasonCode('recorded-after-runner', patch.reasonCode))
        : { reason: `${patch.reason ?? ''} (recorded after its runner ended)` };
  return { ...patch, ...why, endedAt };
}

/** The record as it should read now: run.json with the pending settlement applied in memory, nothing written. */
export async function observedRecord(run: RunHandle): Promise<RunRecord> {
  const patch = await settlement(run);
  return patch ? { ...run.record, ...patch } : run.record;
}

/**
 * Settles a run whose runner and command have both ended: takes the hand-over claim and writes the final state.
 * Returns the record as it stands afterwards (the settled one, or run.json as another owner left it).
 */
export async function settleRun(store: RunStore, dir: string, known: SettleFacts = {}): Promise<RunRecord | undefined> {
  const record = await RunStore.read(dir);
  if (!record) return undefined;
  const patch = await settlement({ dir, record }, known);
  if (!patch) return record;
  if (!(await claim(dir))) return RunStore.read(dir);
  const again = await RunStore.read(dir);
  if (!again || !ACTIVE_STATES.has(again.state)) return again;
  return store.update(dir, patch);
}

async function claim(dir: string): Promise<boolean> {
  const file = path.join(dir, SETTLE_CLAIM);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await open(file, 'wx');
      await h.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await h.close();
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      const age = await stat(file).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age < STALE_CLAIM_MS) return false;
      await unlink(file).catch(() => undefined);
    }
  }
  return false;
}
