import { lstat } from 'node:fs/promises';
import * as path from 'node:path';
import type { RunRecord } from '../runs/run-record';
import { because, becauseOf } from '../runs/run-reason';
import { exitReason } from './exit-recorder';

/** A file another process (the Runs view, the CLI) writes before it stops a run it does not own, so the run ends `cancelled`. */
export const STOP_MARKER = 'stop-requested';

/** The final state of a local run from the command's exit status (null: unknown) and whether a stop was asked for. */
export async function finalState(
  runDir: string,
  status: number | null,
  command: string,
  stopRequested = false,
): Promise<Pick<RunRecord, 'state' | 'reason' | 'reasonCode' | 'exitCode'>> {
  if (
    stopRequested ||
    (await lstat(path.join(runDir, STOP_MARKER)).then(
      () => true,
      () => false,
    ))
  )
    return { state: 'cancelled', ...because('stopped-by-user'), exitCode: status };
  if (status === 0) return { state: 'succeeded', ...because('exit-code', 0), exitCode: 0 };
  if (status === null) return { state: 'failed', ...because('no-exit-status'), exitCode: null };
  return { state: 'failed', ...becauseOf(exitReason(status, command)), exitCode: status };
}
