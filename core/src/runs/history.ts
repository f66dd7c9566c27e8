/**
 * Read-only view of past runs: `.liftoff/runs/<experiment-name>/<run-id>/run.json` under a workspace folder, as written
 * by the launcher. Files that are missing, partial (a run being written) or corrupt are skipped, never thrown.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

export type RunState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
const FINISHED: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

/** What `run.json` holds (fields this reader uses). */
export interface RunFile {
  readonly state: RunState;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly resources?: { readonly gpus?: number };
}

export interface FinishedRun {
  readonly id: string;
  readonly experiment: string;
  readonly state: 'succeeded' | 'failed' | 'cancelled';
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationSec: number;
  readonly gpus?: number;
}

export const RUNS_DIR = path.join('.liftoff', 'runs');

/** Finished runs of `experiment` under `workspaceDir`, newest first (by start time). */
export async function readRunHistory(workspaceDir: string, experiment: string): Promise<FinishedRun[]> {
  if (!experiment || experiment === '.' || experiment === '..' || /[/\\\0]/.test(experiment)) return [];
  const dir = path.join(workspaceDir, RUNS_DIR, experiment);
  let ids: string[];
  try {
    ids = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  const runs = await Promise.all(ids.map((id) => readRun(path.join(dir, id, 'run.json'), id, experiment)));
  return runs.filter((r): r is FinishedRun => r !== undefined)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

async function readRun(file: string, id: string, experiment: string): Promise<FinishedRun | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  return finishedRun(data, id, experiment);
}

/** A finished run from parsed `run.json` content, or undefined when it is unfinished or malformed. */
export function finishedRun(data: unknown, id: string, experiment: string): FinishedRun | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const r = data as Record<string, unknown>;
  const { state, startedAt, endedAt } = r;
  if (typeof state !== 'string' || !FINISHED.has(state) || typeof startedAt !== 'string' || typeof endedAt !== 'string') return undefined;
  const start = Date.parse(startedAt);
  const end = Date.parse(endedAt);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return undefined;
  const resources = r.resources as Record<string, unknown> | undefined;
  const gpus = typeof resources === 'object' && resources !== null && typeof resources.gpus === 'number' && resources.gpus >= 0 ? resources.gpus : undefined;
  return {
    id, experiment, state: state as FinishedRun['state'], startedAt, endedAt, durationSec: (end - start) / 1000,
    ...(gpus !== undefined ? { gpus } : {}),
  };
}
