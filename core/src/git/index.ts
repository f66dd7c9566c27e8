/**
 * Reading other versions of a file with the `git` CLI (execFile, never a shell): the plan diff's `git:REV:path`
 * sources in the CLI and the compare command's fallback when the VS Code git extension is not there. Every failure
 * is a GitError whose message says what to do.
 */
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { englishAndPhrase, phrase, type Phrase } from '../l10n';

export type GitErrorKind = 'no-git' | 'not-a-repo' | 'bad-revision' | 'not-in-revision' | 'failed';

export class GitError extends Error {
  /** The message as a phrase, to say in the reader's language (errorText). */
  readonly phrase?: Phrase;
  constructor(
    readonly kind: GitErrorKind,
    message: string | Phrase,
  ) {
    const m = englishAndPhrase(message);
    super(m.english);
    if (m.phrase) this.phrase = m.phrase;
  }
}

/** Runs git with arguments (no shell); resolves stdout, rejects with the exit code and stderr. */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<string>;

const MAX_BUFFER = 64 * 1024 * 1024;

export const runGit: GitRunner = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      { cwd, maxBuffer: MAX_BUFFER, timeout: 30_000, windowsHide: true, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (!err) {
          resolve(stdout);
          return;
        }
        const e = err as NodeJS.ErrnoException & { stderr?: string };
        e.stderr = stderr;
        reject(e);
      },
    );
  });

/** `git:REV:path` → its revision and path; undefined for anything else (a plain file path). */
export function parseGitSource(text: string): { rev: string; path: string } | undefined {
  if (!text.startsWith('git:')) return undefined;
  const rest = text.slice(4);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  return { rev: rest.slice(0, colon), path: rest.slice(colon + 1) };
}

function failure(err: unknown, what: string | Phrase): GitError {
  const e = err as NodeJS.ErrnoException & { stderr?: string };
  if (e.code === 'ENOENT')
    return new GitError('no-git', phrase('git is not installed or not on PATH, so {0} cannot be read', what));
  const stderr = (e.stderr ?? e.message ?? '').trim().split('\n')[0] ?? '';
  return new GitError('failed', phrase('git failed while reading {0}: {1}', what, stderr));
}

/** The repository's top folder for `dir`; a GitError 'not-a-repo' when it is not in one. */
export async function repositoryRoot(dir: string, run: GitRunner = runGit): Promise<string> {
  try {
    return (await run(['rev-parse', '--show-toplevel'], dir)).trim();
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code !== 'ENOENT' && /not a git repository/i.test(e.stderr ?? ''))
      throw new GitError(
        'not-a-repo',
        phrase(
          "{0} is not in a git repository: a git revision cannot be compared. Compare with another file instead, or run 'git init' and commit the plan.",
          dir,
        ),
      );
    throw failure(err, dir);
  }
}

async function real(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(await real(parent), path.basename(p));
  }
}

/** The file's path inside its repository (forward slashes) and the repository root. */
export async function repositoryPath(
  file: string,
  run: GitRunner = runGit,
): Promise<{ root: string; relative: string }> {
  const abs = await real(path.resolve(file));
  const root = await repositoryRoot(await real(path.dirname(abs)), run);
  const relative = path
    .relative(await real(root), abs)
    .split(path.sep)
    .join('/');
  if (relative.startsWith('../') || path.isAbsolute(relative))
    throw new GitError('not-a-repo', phrase('{0} is outside the git repository at {1}', file, root));
  return { root, relative };
}

/** The text of `file` (a working-tree path) at revision `rev` (HEAD, a branch, a commit). */
export async function showAtRevision(file: string, rev: string, run: GitRunner = runGit): Promise<string> {
  if (!rev || rev.startsWith('-') || /[\s\0]/.test(rev))
    throw new GitError(
      'bad-revision',
      phrase("'{0}' is not a git revision (expected HEAD, a branch, a tag or a commit)", rev),
    );
  const { root, relative } = await repositoryPath(file, run);
  try {
    await run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw failure(err, rev);
    throw new GitError('bad-revision', phrase("'{0}' is not a revision of the repository at {1}", rev, root));
  }
  try {
    return await run(['show', `${rev}:${relative}`], root);
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (/does not exist|exists on disk, but not in/i.test(e.stderr ?? ''))
      throw new GitError('not-in-revision', phrase('{0} does not exist in {1}', relative, rev));
    throw failure(err, phrase('{0} at {1}', relative, rev));
  }
}

export interface Revision {
  /** What to pass as `rev`: a branch name or a full commit hash. */
  readonly rev: string;
  readonly label: string;
  readonly description: string;
  readonly kind: 'branch' | 'commit';
}

/** Local branches and the latest commits that touched `file`, for a picker. */
export async function revisionsOf(file: string, run: GitRunner = runGit, limit = 30): Promise<Revision[]> {
  const { root, relative } = await repositoryPath(file, run);
  const out: Revision[] = [];
  const branches = await run(['for-each-ref', '--format=%(refname:short)%09%(subject)', 'refs/heads'], root).catch(
    () => '',
  );
  for (const line of branches.split('\n')) {
    const [name, subject = ''] = line.split('\t');
    if (name) out.push({ rev: name, label: name, description: subject, kind: 'branch' });
  }
  const log = await run(
    ['log', `-n${limit}`, '--format=%H%x09%h%x09%ad%x09%s', '--date=short', '--', relative],
    root,
  ).catch(() => '');
  for (const line of log.split('\n')) {
    const [hash, short, date, subject = ''] = line.split('\t');
    if (hash && short)
      out.push({ rev: hash, label: short, description: `${date ?? ''} ${subject}`.trim(), kind: 'commit' });
  }
  return out;
}
