import { attemptEnv, attemptFields, type AttemptOf } from '../prepare-run';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { experimentOf } from '../experiment-of';
import { gitInfo } from '../../runs/git-info';
import { newRunId, RunStore, safeName, type RunHandle } from '../../runs/run-store';
import { phrase, say, type Locale, type Phrase } from '../../l10n';
import { LaunchError } from '../launch-plan';
import { describeFailure, type SlurmRunner } from './command-runner';
import { JOB_SCRIPT, renderSbatch, type SbatchContext, type SbatchPlan } from './sbatch-script';
import { DEFAULT_FILES } from '../../runs/run-record';
import { submitHint } from './submit-hint';
import { because } from '../../runs/run-reason';

export interface SlurmSubmitOptions {
  readonly workspace: string;
  readonly experimentPath: string;
  /** The experiment's text as the user sees it now (the editor's, which may be unsaved). */
  readonly experimentText: string;
  readonly builtinTrainer: string;
  readonly nodePath: string;
  readonly runner: SlurmRunner;
  /** A retry of an earlier run (run.retry). */
  readonly attempt?: AttemptOf;
  /** The reader's language: the built-in trainer prints its lines in it on the cluster too (LIFTOFF_LOCALE). */
  readonly locale?: Locale;
}

/** sbatch refused the job: `sbatchMessage` is its own words, verbatim; `hint` says what to change. */
export class SlurmSubmitError extends LaunchError {
  /** What to change, in English (the phrase: `hintPhrase`, said in the reader's language with core's `say`). */
  readonly hint: string;
  constructor(
    readonly sbatchMessage: string,
    readonly hintPhrase: Phrase,
    readonly runDir: string,
  ) {
    super(phrase('sbatch refused the job: {0}\n{1}', sbatchMessage, hintPhrase));
    this.hint = say('en', hintPhrase);
  }
}

export interface SubmittedRun extends RunHandle {
  readonly store: RunStore;
  readonly plan: SbatchPlan;
}

/** The rendering context of a run of experiment `name` with id `runId`: the same for a preview, a dry run and a submission. */
function sbatchContext(o: Omit<SlurmSubmitOptions, 'runner'>, name: string, runId: string): SbatchContext {
  const runDir = path.join(new RunStore(o.workspace).root, safeName(name), runId);
  return {
    workspace: o.workspace,
    experimentPath: o.experimentPath,
    runDir,
    runId,
    experimentName: name,
    configPath: path.join(runDir, DEFAULT_FILES.config),
    metricsFile: path.join(runDir, DEFAULT_FILES.metrics),
    stdoutFile: path.join(runDir, DEFAULT_FILES.stdout),
    stderrFile: path.join(runDir, DEFAULT_FILES.stderr),
    builtinTrainer: o.builtinTrainer,
    nodePath: o.nodePath,
    extraEnv: attemptEnv(o.attempt),
    ...(o.locale && { locale: o.locale }),
  };
}

/**
 * The script a submission would send now ("Liftoff: Preview sbatch Script", `liftoff train --dry-run`): identical to
 * the one `submitSlurmRun` writes for the same run id. Creates nothing.
 */
export function previewSbatch(
  o: Omit<SlurmSubmitOptions, 'runner'>,
  runId = newRunId(),
): SbatchPlan & { readonly runDir: string } {
  const { experiment, name } = experimentOf(o);
  const ctx = sbatchContext(o, name, runId);
  return { ...renderSbatch(experiment, ctx), runDir: ctx.runDir };
}

/**
 * Creates the run folder (config snapshot, run.json `queued`, launcher `slurm`), writes job.sbatch, submits it with
 * `sbatch --parsable` (the script on stdin, so it also works through an ssh command prefix) and records the job id.
 * A refusal marks the run failed with sbatch's words and throws SlurmSubmitError.
 */
export async function submitSlurmRun(o: SlurmSubmitOptions): Promise<SubmittedRun> {
  const { experiment, name } = experimentOf(o);
  const store = new RunStore(o.workspace);
  const res = (experiment as { resources?: { nodes?: unknown; gpus?: unknown } }).resources;
  const created = await store.create(
    {
      experiment: name,
      launcher: 'slurm',
      command: [],
      cwd: path.dirname(o.experimentPath),
      experimentPath: o.experimentPath,
      git: await gitInfo(path.dirname(o.experimentPath)),
      resources: {
        gpus: typeof res?.gpus === 'number' ? res.gpus : 0,
        nodes: typeof res?.nodes === 'number' ? res.nodes : 1,
      },
      ...attemptFields(o.attempt),
    },
    o.experimentText,
  );
  const dir = created.dir;
  const fail = (reason: string) =>
    store.update(dir, { state: 'failed', reason, exitCode: null, endedAt: new Date().toISOString() });
  let plan: SbatchPlan;
  try {
    plan = renderSbatch(experiment, sbatchContext(o, name, created.record.id));
  } catch (err) {
    await fail((err as Error).message);
    throw err;
  }
  await writeFile(path.join(dir, JOB_SCRIPT), plan.script, { mode: 0o755 });
  await store.update(dir, {
    command: [...plan.argv],
    cwd: plan.cwd,
    resources: { gpus: plan.gpus, nodes: plan.nodes },
    ...because('slurm-submitting'),
  });
  const argv = ['sbatch', '--parsable'];
  const r = await o.runner(argv, { input: plan.script });
  const jobId = r.code === 0 ? /^\s*(\d+(?:_\d+)?)/.exec(r.stdout)?.[1] : undefined;
  if (!jobId) {
    const message =
      r.code === 0 ? `sbatch printed no job id: ${r.stdout.trim() || '(nothing)'}` : describeFailure(argv, r);
    await fail(`sbatch: ${message}`);
    throw new SlurmSubmitError(message, submitHint(message), dir);
  }
  const record = await store.update(dir, { jobId, ...because('slurm-submitted') });
  return { store, dir, record, plan };
}
