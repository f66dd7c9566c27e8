/** Runs the `liftoff` CLI in-process, as the tests do: its exit code and what it wrote to stdout and stderr. */
import { main } from '../../cli/src/main';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * A CLI bound to a working folder (a function when the folder is made in a `before` hook) and, optionally, an
 * environment (e.g. `{ LANG: 'zh_CN.UTF-8' }`; default: none, so English whatever the test's own LANG).
 */
export function cliIn(
  cwd: string | (() => string),
  env?: NodeJS.ProcessEnv,
): (...argv: string[]) => Promise<CliResult> {
  return async (...argv) => {
    let out = '';
    let err = '';
    const code = await main(argv, {
      out: (s) => {
        out += s;
      },
      err: (s) => {
        err += s;
      },
      cwd: typeof cwd === 'string' ? cwd : cwd(),
      ...(env && { env }),
    });
    return { code, out, err };
  };
}
