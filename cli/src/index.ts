#!/usr/bin/env node
import { isMainThread } from 'node:worker_threads';
import { main } from './main';

// `liftoff validate` starts worker threads on this same bundle: they only need this export, not the command line.
export { runValidateWorker } from './validate-worker';

if (isMainThread) runCommandLine();

function runCommandLine(): void {
  // `liftoff validate … | head`: the reader went away; stop quietly like other Unix tools.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    else throw err;
  });

  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `liftoff: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\nPlease report this with the command you ran.\n`,
      );
      process.exitCode = 2;
    },
  );
}
