import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, REPO_ROOT } from './fixtures';

/** A throw-away copy of examples/ plus the broken documents the end-to-end tests open. */
export function makeTestWorkspace(): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-ws-'));
  cpSync(path.join(REPO_ROOT, 'examples'), ws, { recursive: true });
  cpSync(path.join(FIXTURES, 'workspace'), ws, { recursive: true });
  return ws;
}

/**
 * Makes `ws` a git repository with everything in it committed (a fixed author and date), so "Compare Plan with…"
 * can pick HEAD. Returns `ws`.
 */
export function commitWorkspace(ws: string): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Liftoff tests',
    GIT_AUTHOR_EMAIL: 'tests@liftoff.invalid',
    GIT_COMMITTER_NAME: 'Liftoff tests',
    GIT_COMMITTER_EMAIL: 'tests@liftoff.invalid',
    GIT_AUTHOR_DATE: '2026-12-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-12-01T00:00:00Z',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, env, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'The plan as reviewed');
  return ws;
}
