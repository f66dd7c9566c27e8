import { execFile } from 'node:child_process';

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000 }, (err, stdout) => resolve(err ? undefined : stdout));
  });
}

/** The commit and dirty flag of the repository holding `cwd`, or undefined outside git (or without git). */
export async function gitInfo(cwd: string): Promise<{ commit: string; dirty: boolean } | undefined> {
  const commit = (await git(cwd, ['rev-parse', 'HEAD']))?.trim();
  if (!commit) return undefined;
  const status = await git(cwd, ['status', '--porcelain', '--untracked-files=no']);
  return { commit, dirty: (status ?? '').trim().length > 0 };
}
