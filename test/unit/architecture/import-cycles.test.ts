/**
 * The import graph of the sources has no cycles, type-only imports included: runs `npm run deps:cycles` (madge, the
 * command in package.json) with --json and fails on any cycle not listed in KNOWN_CYCLES below.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../support/fixtures';

/** Known cycles: none. A new cycle fails this test; the list only ever shrinks. */
const KNOWN_CYCLES: readonly string[] = [];

/** The `deps:cycles` script's arguments, so this test checks exactly what `npm run deps:cycles` checks. */
function scriptArgs(): string[] {
  const scripts = (
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const [tool, ...args] = (scripts['deps:cycles'] ?? '').split(/\s+/);
  assert.equal(tool, 'madge', 'package.json: deps:cycles runs madge');
  return args;
}

describe('import cycles (npm run deps:cycles)', function () {
  this.timeout(240_000);

  it('the sources have no import cycle beyond the known ones being removed', async () => {
    const madge = path.join(REPO_ROOT, 'node_modules', 'madge', 'bin', 'cli.js');
    const run = await promisify(execFile)(process.execPath, [madge, ...scriptArgs(), '--json', '--no-spinner'], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }));
    let cycles: string[][];
    try {
      cycles = JSON.parse(run.stdout) as string[][];
    } catch {
      throw new Error(`madge printed no JSON:\n${run.stdout}\n${run.stderr}`);
    }
    const found = cycles.map((c) => c.join(' > '));
    const unexpected = found.filter((c) => !KNOWN_CYCLES.includes(c));
    assert.deepEqual(
      unexpected,
      [],
      'new import cycles: break them (move the shared type or function into its own module)',
    );
  });
});
