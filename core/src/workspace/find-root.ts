/**
 * Which folder is the workspace: one rule for every `liftoff` command (validate, train, runs, plan export) so they
 * agree on where other experiments are looked up and where `.liftoff/runs` lives. `--workspace DIR` wins; otherwise
 * the nearest folder, from where the documents are (or the current folder) upwards, that holds `.liftoff/` or is a
 * version-control root (`.git`, `.hg`); otherwise the current folder.
 */
import { t, type Locale } from '../l10n';
import { statSync } from 'node:fs';
import * as path from 'node:path';

export type WorkspaceReason = 'option' | '.liftoff' | '.git' | '.hg' | 'cwd';

export interface FoundWorkspace {
  readonly dir: string;
  readonly reason: WorkspaceReason;
}

/** Markers in the order they are looked for in each folder: `.liftoff/` first (Liftoff already ran there). */
const MARKERS: ReadonlyArray<{ name: '.liftoff' | '.git' | '.hg'; dir: boolean }> = [
  { name: '.liftoff', dir: true },
  { name: '.git', dir: false }, // a folder in a clone, a file in a worktree or submodule
  { name: '.hg', dir: true },
];

export interface FindWorkspaceOptions {
  /** The current folder: relative paths resolve against it, and it is the answer when nothing else is found. */
  readonly cwd: string;
  /** `--workspace DIR`, as given (relative to cwd). */
  readonly given?: string;
  /** Absolute paths of the documents the command works on: the search starts at the folder holding them all. */
  readonly near?: readonly string[];
}

export function findWorkspace(options: FindWorkspaceOptions): FoundWorkspace {
  if (options.given !== undefined) return { dir: path.resolve(options.cwd, options.given), reason: 'option' };
  let dir = commonFolder(options.near ?? []) ?? path.resolve(options.cwd);
  for (;;) {
    for (const m of MARKERS) {
      const info = statSync(path.join(dir, m.name), { throwIfNoEntry: false });
      if (info && (!m.dir || info.isDirectory())) return { dir, reason: m.name };
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return { dir: path.resolve(options.cwd), reason: 'cwd' };
}

/** One line saying which workspace a command used and why, for stderr. */
export function describeWorkspace(found: FoundWorkspace, cwd: string, locale?: Locale): string {
  const shown = path.relative(cwd, found.dir) || '.';
  const why =
    found.reason === 'option'
      ? t(locale, 'from --workspace')
      : found.reason === 'cwd'
        ? t(locale, 'the current folder: no folder above holds .liftoff/, .git or .hg')
        : t(locale, 'the nearest folder with {0}', `${found.reason}${found.reason === '.liftoff' ? '/' : ''}`);
  return t(locale, 'workspace {0} ({1})', shown, why);
}

/** The deepest folder containing all `files` (absolute paths). */
export function commonFolder(files: readonly string[]): string | undefined {
  if (files.length === 0) return undefined;
  let common = path.dirname(files[0]!);
  while (common !== path.dirname(common) && !files.every((f) => f.startsWith(common + path.sep)))
    common = path.dirname(common);
  return common;
}
