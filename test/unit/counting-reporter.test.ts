/**
 * The reporter behind `npm test`'s closing "N passed, N failed, N skipped": skipped tests (a suite that skips in its
 * `before` hook, as the Slurm suites do, and a single `this.skip()`) are counted and named with their files, so
 * scripts/test-all.mjs can print them and fail CI on them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/fixtures';

const SPEC = `
describe('runs', () => { it('passes', () => {}); it('fails', () => { throw new Error('planted'); }); });
describe('needs a cluster', function () {
  before(function () { this.skip(); });
  it('submits', () => {}); it('cancels', () => {});
});
describe('one skip', () => { it('skips itself', function () { this.skip(); }); });
`;

interface Stats {
  passed: number;
  failed: number;
  skipped: number;
  skippedTests: Array<{ title: string; file: string }>;
  failures: Array<{ title: string }>;
}

describe('counting reporter (test/support/reporter.cjs)', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-reporter-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('counts passed, failed and skipped tests, and names each skipped one with its file', () => {
    const spec = path.join(dir, 'planted.test.js');
    const stats = path.join(dir, 'stats.json');
    writeFileSync(spec, SPEC);
    const r = spawnSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--no-config',
        '--reporter',
        path.join(REPO_ROOT, 'test', 'support', 'reporter.cjs'),
        spec,
      ],
      { encoding: 'utf8', env: { ...process.env, LIFTOFF_TEST_STATS: stats } },
    );
    assert.equal(r.status, 1, 'one planted failure');
    const s = JSON.parse(readFileSync(stats, 'utf8')) as Stats;
    assert.deepEqual([s.passed, s.failed, s.skipped], [1, 1, 3]);
    assert.deepEqual(
      s.failures.map((f) => f.title),
      ['runs fails'],
    );
    assert.deepEqual(s.skippedTests.map((t) => t.title).sort(), [
      'needs a cluster cancels',
      'needs a cluster submits',
      'one skip skips itself',
    ]);
    for (const t of s.skippedTests) assert.equal(t.file, spec, `${t.title} names its file`);
  });
});
