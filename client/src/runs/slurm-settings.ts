import * as vscode from 'vscode';
import { createSlurmRunner, type SlurmRunner } from '../../../core/src/launchers';

/** `liftoff.slurm.commandPrefix` as an argv ([] when unset or malformed: the commands run on this machine). */
export function slurmCommandPrefix(): string[] {
  const v = vscode.workspace.getConfiguration('liftoff.slurm').get<unknown>('commandPrefix');
  return Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string' && w !== '') : [];
}

/** The runner every Slurm command of the extension goes through, with the prefix of the moment. */
export function slurmRunner(): SlurmRunner {
  return createSlurmRunner({ commandPrefix: slurmCommandPrefix() });
}

/** True when the experiment text asks for `run.launcher: slurm`. */
export function isSlurmExperiment(experiment: unknown): boolean {
  const run = (experiment as { run?: { launcher?: unknown } } | null)?.run;
  return run?.launcher === 'slurm';
}
