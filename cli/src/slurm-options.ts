/**
 * How the CLI reaches a Slurm cluster: the editor's `liftoff.slurm.commandPrefix` setting is `--slurm-prefix` here,
 * or the LIFTOFF_SLURM_PREFIX environment variable (for CI), e.g. "ssh login.cluster". Messages from core name the
 * editor's setting; `forCli` names the CLI's way instead, so the advice is something a CLI user can do.
 */
import { phrase } from '../../core/src/l10n';
import { UsageError } from './args';

export const SLURM_PREFIX_ENV = 'LIFTOFF_SLURM_PREFIX';
const CLI_WAY = `--slurm-prefix (or ${SLURM_PREFIX_ENV})`;

/** The prefix argv: the option wins over the environment; words split on whitespace; empty: run Slurm here. */
export function slurmPrefix(option: string | undefined, env: NodeJS.ProcessEnv): string[] {
  const text = option ?? env[SLURM_PREFIX_ENV] ?? '';
  if (/["'\\]/.test(text))
    throw new UsageError(
      phrase(
        '{0} takes words separated by spaces, without quotes or backslashes (e.g. "ssh login.cluster"), not \'{1}\'',
        option !== undefined ? phrase("option '--slurm-prefix'") : SLURM_PREFIX_ENV,
        text,
      ),
    );
  return text.split(/\s+/).filter(Boolean);
}

/** A core message with the editor's setting name replaced by the CLI's option and environment variable. */
export function forCli(message: string): string {
  return message
    .replace(
      /set `?liftoff\.slurm\.commandPrefix`? \(e\.g\. \["ssh", "login\.cluster"\]\)/g,
      `set ${CLI_WAY} (e.g. --slurm-prefix "ssh login.cluster")`,
    )
    .replace(/`?liftoff\.slurm\.commandPrefix`?/g, CLI_WAY);
}
