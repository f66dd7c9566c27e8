/**
 * Stand-ins for the commands Liftoff may start (nvidia-smi on PATH, a Slurm `commandPrefix`): each appends its
 * argv to one log file, so a test can tell whether anything was started, and by whom. Written fresh per test.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Shims {
  /** Put first on PATH: holds `nvidia-smi` (and any other name given). */
  readonly binDir: string;
  /** A `liftoff.slurm.commandPrefix` that logs and fails: `[prefix]`. */
  readonly prefix: string;
  readonly log: string;
  /** Each call so far, one line per call: `<name> <args…>`. */
  calls(): string[];
}

/** `gpuLine`: what the fake nvidia-smi prints (exit 0); without it, it fails (exit 9). */
export function makeShims(options: { gpuLine?: string; names?: readonly string[] } = {}): Shims {
  const root = mkdtempSync(path.join(os.tmpdir(), 'liftoff-shims-'));
  const binDir = path.join(root, 'bin');
  const log = path.join(root, 'calls.log');
  const write = (file: string, body: string) => {
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  };
  mkdirSync(binDir);
  write(
    path.join(binDir, 'nvidia-smi'),
    `echo "nvidia-smi $*" >> '${log}'\n${options.gpuLine ? `echo '${options.gpuLine}'` : 'exit 9'}`,
  );
  for (const name of options.names ?? []) write(path.join(binDir, name), `echo "${name} $*" >> '${log}'\nexit 9`);
  const prefix = path.join(root, 'slurm-prefix');
  write(prefix, `echo "slurm-prefix $*" >> '${log}'\nexit 9`);
  return {
    binDir,
    prefix,
    log,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
  };
}
