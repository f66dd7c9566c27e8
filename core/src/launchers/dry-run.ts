import type { Phrase } from '../l10n';
import { parseExperiment } from '../vocabulary';
import { newRunId } from '../runs/run-store';
import { withExitRecorder } from './exit-recorder';
import { launcherOf } from './launch-run';
import { planLocalRun, type PrepareOptions } from './prepare-run';
import { RUN_TOKEN_ENV } from './process-identity';
import { prefixedCommand } from './slurm/command-runner';
import { previewSbatch } from './slurm/submit';

/** Exactly what a launch would start, decided by the same code as a real launch, with nothing created. */
export interface DryRun {
  readonly launcher: 'local' | 'slurm';
  /** The run folder the launch would create (its id is drawn afresh at the real launch). */
  readonly runDir: string;
  /** The command of the run, as run.json records it. */
  readonly argv: readonly string[];
  /** The argument list the launcher spawns: local, the command under the exit recorder; Slurm, sbatch (behind the command prefix). */
  readonly spawn: readonly string[];
  readonly cwd: string;
  /** What Liftoff sets on top of the inherited environment (Slurm: what the script exports). */
  readonly env: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
  /** The notes as phrases, to say in the reader's language (the text output; JSON keeps `notes`). */
  readonly notePhrases?: readonly Phrase[];
  /** Slurm: the sbatch script, fed to sbatch on stdin. */
  readonly script?: string;
}

/** The launch of the experiment as `launchRun` would do it now. Throws LaunchError as a launch would. */
export async function dryRunLaunch(
  o: PrepareOptions & { readonly slurmCommandPrefix?: readonly string[] },
): Promise<DryRun> {
  let experiment: unknown;
  try {
    experiment = parseExperiment(o.experimentText);
  } catch {
    experiment = undefined;
  }
  const id = newRunId();
  if (launcherOf(experiment) === 'slurm') {
    const plan = previewSbatch(o, id);
    return {
      launcher: 'slurm',
      runDir: plan.runDir,
      argv: plan.argv,
      spawn: prefixedCommand(o.slurmCommandPrefix ?? [], ['sbatch', '--parsable']),
      cwd: plan.cwd,
      env: plan.env,
      notes: [],
      script: plan.script,
    };
  }
  const planned = await planLocalRun(o, id);
  const plan = planned.plan();
  return {
    launcher: 'local',
    runDir: planned.dir,
    argv: plan.argv,
    spawn: withExitRecorder(plan.argv, planned.dir),
    cwd: plan.cwd,
    env: { ...plan.env, LIFTOFF_RUN_DIR: planned.dir, [RUN_TOKEN_ENV]: '<128 random bits, drawn at launch>' },
    notes: plan.notes,
    ...(plan.notePhrases && { notePhrases: plan.notePhrases }),
  };
}
