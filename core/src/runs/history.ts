/**
 * Finished runs of an experiment, for rules that compare against history (durations, GPUs). A view over the run
 * store: the same reader, the same checks on run.json, no second walk of the folder tree.
 */
import * as path from 'node:path';
import { RunStore } from './run-store';
import type { RunState } from './run-record';

export type { RunState } from './run-record';
export { RUNS_DIR } from './run-store';

export interface FinishedRun {
  readonly id: string;
  readonly experiment: string;
  readonly state: 'succeeded' | 'failed' | 'cancelled';
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationSec: number;
  readonly gpus?: number;
}

const FINISHED: ReadonlySet<string> = new Set<RunState>(['succeeded', 'failed', 'cancelled']);

/** Finished runs of `experiment` under `workspaceDir`, newest first (by start time). */
export async function readRunHistory(workspaceDir: string, experiment: string): Promise<FinishedRun[]> {
  if (!experiment || experiment === '.' || experiment === '..' || /[/\\\0]/.test(experiment)) return [];
  const dirs = await new RunStore(workspaceDir).runDirs(experiment);
  const runs = await Promise.all(
    dirs.map(async (dir) => finishedRun(await RunStore.readJson(dir), path.basename(dir), experiment)),
  );
  return runs
    .filter((r): r is FinishedRun => r !== undefined)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** A finished run from parsed `run.json` content, or undefined when it is unfinished or malformed. */
export function finishedRun(data: unknown, id: string, experiment: string): FinishedRun | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const r = data as Record<string, unknown>;
  const { state, startedAt, endedAt } = r;
  if (typeof state !== 'string' || !FINISHED.has(state) || typeof startedAt !== 'string' || typeof endedAt !== 'string')
    return undefined;
  const start = Date.parse(startedAt);
  const end = Date.parse(endedAt);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return undefined;
  const resources = r.resources as Record<string, unknown> | undefined;
  const gpus =
    typeof resources === 'object' && resources !== null && typeof resources.gpus === 'number' && resources.gpus >= 0
      ? resources.gpus
      : undefined;
  return {
    id,
    experiment,
    state: state as FinishedRun['state'],
    startedAt,
    endedAt,
    durationSec: (end - start) / 1000,
    ...(gpus !== undefined ? { gpus } : {}),
  };
}
