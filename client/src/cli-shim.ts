/**
 * "Liftoff: Install the liftoff Command": a small shell script on the user's PATH that runs the CLI bundled in this
 * extension with the editor's own runtime (as VS Code's "Install 'code' command in PATH" does), so the terminal gets
 * the same `liftoff` as the editor without npm. No vscode here: a unit test writes and runs a shim.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ShimOptions {
  /** The runtime that runs the bundle: VS Code's executable (as Node, ELECTRON_RUN_AS_NODE) or code-server's node. */
  readonly execPath: string;
  /** The extension's folder (holds dist/cli/liftoff.js). */
  readonly extensionPath: string;
  readonly version: string;
}

export const SHIM_MARK = '# Installed by Liftoff\'s "Install the liftoff Command"';

export function shimScript(o: ShimOptions): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    '#!/bin/sh',
    `${SHIM_MARK} (extension ${o.version}); run the command again after updating the extension.`,
    `ELECTRON_RUN_AS_NODE=1 exec ${q(o.execPath)} ${q(path.join(o.extensionPath, 'dist', 'cli', 'liftoff.js'))} "$@"`,
    '',
  ].join('\n');
}

/** The folder the shim goes to: ~/.local/bin (on PATH in most Linux and many macOS setups). */
export function defaultBinDir(home = os.homedir()): string {
  return path.join(home, '.local', 'bin');
}

/**
 * Why it was not installed: `why` in English (logs, tests); `reason` with `file` (and `detail`, the system's own
 * words) for the command to say it in VS Code's language.
 */
export type InstallOutcome =
  | { readonly ok: true; readonly file: string; readonly onPath: boolean }
  | {
      readonly ok: false;
      readonly why: string;
      readonly reason: 'windows' | 'not-ours' | 'cannot-write';
      /** The bundled CLI to run on Windows; the shim's path otherwise. */
      readonly file: string;
      readonly detail?: string;
    };

/**
 * Writes `<binDir>/liftoff`. Refuses to replace a `liftoff` that is not a Liftoff shim (an npm install of
 * liftoff-ml, or another program of that name). Not on Windows (no sh): the message gives the command to use there.
 */
export function installShim(
  o: ShimOptions,
  binDir = defaultBinDir(),
  pathEnv = process.env.PATH ?? '',
): InstallOutcome {
  if (process.platform === 'win32') {
    const bundled = path.join(o.extensionPath, 'bin', 'liftoff.js');
    return {
      ok: false,
      why: `On Windows, run the bundled command as: node "${bundled}", or install it with npm install -g liftoff-ml.`,
      reason: 'windows',
      file: bundled,
    };
  }
  const file = path.join(binDir, 'liftoff');
  if (existsSync(file) && !readFileSync(file, 'utf8').includes(SHIM_MARK))
    return {
      ok: false,
      why: `${file} exists and is not Liftoff's: remove it first, or keep it (npm install -g liftoff-ml installs the same command).`,
      reason: 'not-ours',
      file,
    };
  try {
    mkdirSync(binDir, { recursive: true });
    writeFileSync(file, shimScript(o));
    chmodSync(file, 0o755);
  } catch (err) {
    const detail = (err as Error).message;
    return { ok: false, why: `Cannot write ${file}: ${detail}`, reason: 'cannot-write', file, detail };
  }
  return { ok: true, file, onPath: pathEnv.split(path.delimiter).includes(binDir) };
}
