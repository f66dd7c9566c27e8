import type { Locale } from '../../core/src/l10n';
/** What a subcommand may touch of the outside world: the shell entry (index.ts) passes the process's, tests pass their own. */
export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
  /** stderr is a terminal (progress redraws in place). */
  readonly isTTY?: boolean;
  /** Environment variables the commands read (LIFTOFF_SLURM_PREFIX, PATH for Slurm tools); default: the process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** The language of messages: `--lang`, else LC_ALL/LC_MESSAGES/LANG (main.ts); absent: English. */
  readonly locale?: Locale;
}
