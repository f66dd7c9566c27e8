import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { probeGpus, type GpuProbeResult } from '../gpu/probe';
import type { Locale } from '../l10n';
import { gitInfo } from '../runs/git-info';
import { DEFAULT_FILES } from '../runs/run-record';
import { newRunId, RunStore, safeName, type RunHandle } from '../runs/run-store';
import { experimentOf } from './experiment-of';
import { planLaunch, requestedGpus, type LaunchPlan } from './launch-plan';

export interface PrepareOptions {
  readonly workspace: string;
  readonly experimentPath: string;
  /** The experiment's text as the user sees it now (the editor's, which may be unsaved). */
  readonly experimentText: string;
  readonly builtinTrainer: string;
  readonly nodePath: string;
  readonly gpuProbe?: () => Promise<GpuProbeResult>;
  /** A retry of an earlier run (run.retry): recorded in run.json and told to the script through its environment. */
  readonly attempt?: AttemptOf;
  /** The reader's language: the built-in trainer prints its lines in it (LIFTOFF_LOCALE). */
  readonly locale?: Locale;
}

/** Which attempt a launch is: of which first run, its number, and the folder of the attempt before it. */
export interface AttemptOf {
  readonly retryOf: string;
  readonly number: number;
  readonly previousDir: string;
}

/** The environment a retried attempt gets: its number and the previous attempt's run folder to resume from. */
export function attemptEnv(a: AttemptOf | undefined): Record<string, string> {
  return a ? { LIFTOFF_ATTEMPT: String(a.number), LIFTOFF_RESUME_FROM: a.previousDir } : {};
}

/** run.json fields of an attempt. */
export function attemptFields(a: AttemptOf | undefined): { retryOf?: string; attempt?: number } {
  return a ? { retryOf: a.retryOf, attempt: a.number } : {};
}

export interface PreparedRun extends RunHandle {
  readonly store: RunStore;
  readonly plan: LaunchPlan;
}

/** What a local launch of the experiment would be, for a run id: the folder it gets and the plan. Creates nothing. */
export async function planLocalRun(
  o: PrepareOptions,
  id: string,
): Promise<{ name: string; experiment: unknown; dir: string; plan: () => LaunchPlan; gpus: number }> {
  const { experiment, name } = experimentOf(o);
  const wantGpus = requestedGpus(experiment);
  const probe = wantGpus > 0 ? await (o.gpuProbe ?? (() => probeGpus()))() : { status: 'ok' as const, gpus: [] };
  const gpus = probe.status === 'ok' ? probe.gpus : [];
  const dir = path.join(new RunStore(o.workspace).root, safeName(name), id);
  const plan = () =>
    planLaunch(experiment, {
      workspace: o.workspace,
      experimentPath: o.experimentPath,
      runDir: dir,
      configPath: path.join(dir, DEFAULT_FILES.config),
      metricsFile: path.join(dir, DEFAULT_FILES.metrics),
      builtinTrainer: o.builtinTrainer,
      nodePath: o.nodePath,
      extraEnv: attemptEnv(o.attempt),
      gpus,
      ...(o.locale && { locale: o.locale }),
    });
  return { name, experiment, dir, plan, gpus: wantGpus };
}

/**
 * Creates the run folder (config snapshot, run.json `queued`), decides the command, GPUs and environment, and writes
 * them to launch.json so any runner (the VS Code task, the CLI, a re-run) starts exactly the same thing.
 */
export async function prepareRun(o: PrepareOptions): Promise<PreparedRun> {
  const id = newRunId();
  const planned = await planLocalRun(o, id);
  const store = new RunStore(o.workspace);
  const created = await store.create(
    {
      experiment: planned.name,
      launcher: 'local',
      command: [],
      cwd: path.dirname(o.experimentPath),
      experimentPath: o.experimentPath,
      git: await gitInfo(path.dirname(o.experimentPath)),
      resources: { gpus: planned.gpus },
      ...attemptFields(o.attempt),
    },
    o.experimentText,
    id,
  );
  let plan: LaunchPlan;
  try {
    plan = planned.plan();
  } catch (err) {
    // Never leave a run `queued` forever: record why it could not start.
    await store.update(created.dir, {
      state: 'failed',
      reason: (err as Error).message,
      endedAt: new Date().toISOString(),
    });
    throw err;
  }
  await writeFile(path.join(created.dir, 'launch.json'), JSON.stringify(plan, null, 2));
  const record = await store.update(created.dir, {
    command: plan.argv,
    cwd: plan.cwd,
    resources: { gpus: plan.gpus, ...(plan.cudaVisibleDevices ? { cudaVisibleDevices: plan.cudaVisibleDevices } : {}) },
  });
  return { store, dir: created.dir, record, plan };
}
