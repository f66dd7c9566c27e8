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
