/** Small helpers for the metrics tests: a temporary folder and a series as plain arrays. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SeriesStore } from '../../core/src/metrics/series-store';
import type { RunRecord } from '../../core/src/runs';

export function tempDir(prefix = 'liftoff-metrics-'): {
  dir: string;
  file: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A series as arrays (undefined when it does not exist). */
export function points(
  store: SeriesStore,
  run: string,
  name: string,
): { steps: number[]; times: number[]; values: number[]; nonFinite: number } | undefined {
  const s = store.series(run, name);
  if (!s) return undefined;
  return { steps: [...s.steps], times: [...s.times], values: [...s.values], nonFinite: s.nonFinite };
}

export function values(store: SeriesStore, run: string, name: string): number[] | undefined {
  return points(store, run, name)?.values;
}

export function steps(store: SeriesStore, run: string, name: string): number[] | undefined {
  return points(store, run, name)?.steps;
}

/** A succeeded run record of the experiment `sweep`, every time at `t0` (epoch seconds): run folders for metrics tests. */
export function succeededSweepRecord(id: string, t0: number): RunRecord {
  const t = new Date(t0 * 1000).toISOString();
  return {
    id,
    experiment: 'sweep',
    state: 'succeeded',
    launcher: 'local',
    createdAt: t,
    startedAt: t,
    endedAt: t,
    command: ['python', 'train.py'],
    cwd: '/w',
    resources: { gpus: 1 },
    files: {
      config: 'config.yaml',
      stdout: 'stdout.log',
      stderr: 'stderr.log',
      metrics: 'metrics.jsonl',
      artifacts: 'artifacts',
    },
  };
}
