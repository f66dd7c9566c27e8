/** Shared by the Slurm integration tests: a workspace with an experiment, submitted and tracked through the launcher. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createSlurmRunner,
  submitSlurmRun,
  SlurmJobTracker,
  type SlurmRunner,
  type SubmittedRun,
  type TrackerOptions,
} from '../../core/src/launchers/slurm';
import type { RunRecord } from '../../core/src/runs/run-record';
import { REPO_ROOT } from '../support/fixtures';

export const BUILTIN_TRAINER = path.join(REPO_ROOT, 'dist', 'trainer', 'builtin.js');

const workspaces: string[] = [];

/** Removes the workspaces this module made (call from `after`). */
export function removeWorkspaces(): void {
  for (const ws of workspaces.splice(0)) rmSync(ws, { recursive: true, force: true });
}

/** A workspace holding `text` as `<name>.experiment.yaml` (and the credit-risk example's data beside it). */
export function workspaceWith(name: string, text: string): { ws: string; experimentPath: string; text: string } {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-slurm-ws-'));
  workspaces.push(ws);
  cpSync(path.join(REPO_ROOT, 'examples', 'credit-risk'), path.join(ws, 'exp'), { recursive: true });
  const experimentPath = path.join(ws, 'exp', `${name}.experiment.yaml`);
  writeFileSync(experimentPath, text);
  return { ws, experimentPath, text };
}

/** The credit-risk example as a Slurm run, with `epochs` and no early stopping (so it trains long enough to watch). */
export function creditRiskOnSlurm(epochs: number): string {
  return readFileSync(path.join(REPO_ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml'), 'utf8')
    .replace('  launcher: local', '  launcher: slurm')
    .replace(/  epochs: \d+/, `  epochs: ${epochs}`)
    .replace(/  early_stopping: .*\n/, '');
}

/** A small experiment whose run is `command` under Slurm. */
export function commandExperiment(
  name: string,
  command: readonly string[],
  extra: { resources?: string; slurm?: string; run?: string } = {},
): string {
  return [
    'apiVersion: liftoff/v1',
    'kind: Experiment',
    `metadata: {name: ${name}}`,
    'task: {type: classification}',
    `resources: {cpus: 1, memory_gb: 0.5${extra.resources ? `, ${extra.resources}` : ''}}`,
    'run:',
    '  trainer: command',
    `  command: ${JSON.stringify(command)}`,
    '  launcher: slurm',
    ...(extra.run ? [`  ${extra.run}`] : []),
    ...(extra.slurm ? [`  slurm: ${extra.slurm}`] : []),
    '',
  ].join('\n');
}

export interface Tracked {
  submitted: SubmittedRun;
  tracker: SlurmJobTracker;
  states: string[];
}

/** Submits an experiment and tracks its job, recording every state change as `state: reason`. */
export async function submitAndTrack(
  name: string,
  text: string,
  options: Partial<TrackerOptions> & { runner?: SlurmRunner } = {},
): Promise<Tracked> {
  const { ws, experimentPath } = workspaceWith(name, text);
  const runner = options.runner ?? createSlurmRunner();
  const submitted = await submitSlurmRun({
    workspace: ws,
    experimentPath,
    experimentText: text,
    builtinTrainer: BUILTIN_TRAINER,
    nodePath: process.execPath,
    runner,
  });
  const states: string[] = [`${submitted.record.state}: ${submitted.record.reason ?? ''}`];
  const tracker = await SlurmJobTracker.track({
    ...options,
    runner,
    store: submitted.store,
    dir: submitted.dir,
    onChange: (r: RunRecord) => {
      states.push(`${r.state}: ${r.reason ?? ''}`);
      options.onChange?.(r);
    },
  });
  return { submitted, tracker, states };
}

/** The job's stdout (`#SBATCH --output`). */
export function logOf(t: Tracked): string {
  return readFileSync(path.join(t.submitted.dir, 'stdout.log'), 'utf8');
}

/** The job's stderr (`#SBATCH --error`), kept apart from its stdout as for local runs. */
export function errOf(t: Tracked): string {
  return readFileSync(path.join(t.submitted.dir, 'stderr.log'), 'utf8');
}
