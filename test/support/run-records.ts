/**
 * Run records and run folders written by hand, as a workspace may hold them: one builder for the tests that need a
 * run.json without launching a run (the CLI's runs commands, the run log reader, the metrics panel's comparison).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FILES, type RunRecord } from '../../core/src/runs/run-record';

export const RUN_ID = '20261206-010203-00112233aabbccdd';

/** A finished local run of experiment `exp` (override any field); `cwd` defaults to `/w`. */
export function runRecord(patch: Partial<RunRecord> = {}): RunRecord {
  return {
    id: RUN_ID,
    experiment: 'exp',
    state: 'succeeded',
    launcher: 'local',
    createdAt: '2026-12-06T01:02:03.000Z',
    startedAt: '2026-12-06T01:02:03.000Z',
    command: [],
    cwd: '/w',
    resources: { gpus: 0 },
    files: DEFAULT_FILES,
    ...patch,
  };
}

/**
 * Writes `record` as `<ws>/.liftoff/runs/<experiment>/<id>/run.json` with `files` beside it (name → content);
 * returns the folder.
 */
export function writeRunFolder(ws: string, record: RunRecord, files: Record<string, string | Buffer> = {}): string {
  const dir = path.join(ws, '.liftoff', 'runs', record.experiment, record.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(record));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}
