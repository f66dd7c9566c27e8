/**
 * One workspace rule for every command (issue 21, item 2): --workspace, else the nearest folder above the documents
 * with .liftoff/, .git or .hg, else the current folder; `.liftoffignore` leaves paths out of the workspace.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describeWorkspace, findWorkspace, parseIgnore } from '../../core/src/workspace';
import { cliIn } from '../support/cli';
import { REPO_ROOT } from '../support/fixtures';

describe('workspace: one rule for every command', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-ws-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('--workspace wins; then the nearest .liftoff/, .git (folder or worktree file) or .hg; else the current folder', () => {
    const repo = path.join(tmp, 'repo');
    const deep = path.join(repo, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    const cwd = path.join(tmp);
    assert.deepEqual(findWorkspace({ cwd, near: [path.join(deep, 'x.yaml')] }), { dir: cwd, reason: 'cwd' });
    writeFileSync(path.join(repo, '.git'), 'gitdir: /elsewhere\n'); // a worktree's .git is a file
    assert.deepEqual(findWorkspace({ cwd, near: [path.join(deep, 'x.yaml')] }), { dir: repo, reason: '.git' });
    mkdirSync(path.join(repo, 'a', '.liftoff'));
    assert.deepEqual(findWorkspace({ cwd, near: [path.join(deep, 'x.yaml')] }), {
      dir: path.join(repo, 'a'),
      reason: '.liftoff',
    });
    writeFileSync(path.join(deep, '.hg'), ''); // .hg must be a folder
    assert.equal(findWorkspace({ cwd, near: [path.join(deep, 'x.yaml')] }).reason, '.liftoff');
    assert.deepEqual(findWorkspace({ cwd: deep }), { dir: path.join(repo, 'a'), reason: '.liftoff' });
    assert.deepEqual(findWorkspace({ cwd, given: 'repo', near: [path.join(deep, 'x.yaml')] }), {
      dir: repo,
      reason: 'option',
    });
    assert.equal(
      describeWorkspace({ dir: repo, reason: '.git' }, cwd),
      'workspace repo (the nearest folder with .git)',
    );
  });

  it('.liftoffignore: folders at the top or at any depth, globs, comments', () => {
    // As in .gitignore: a slash at the start or in the middle anchors the pattern at the workspace folder.
    const ignored = parseIgnore('# fixtures\n/test/\nbench/data\ndrafts/\n*.draft.yaml\nconfigs/**/old\n');
    for (const p of ['test/x.experiment.yaml', 'test', 'bench/data/b.plan.yaml', 'x/drafts/y.yaml', 'a/b.draft.yaml'])
      assert.ok(ignored(p), p);
    assert.ok(ignored('configs/old/e.experiment.yaml') && ignored('configs/a/b/old/e.experiment.yaml'));
    for (const p of ['examples/test/e.experiment.yaml', 'src/bench/data/x.yaml', 'testing/x.yaml', 'a/b.yaml'])
      assert.ok(!ignored(p), p);
  });

  it('.liftoffignore: everything under an ignored folder is ignored, nothing outside it is (property)', () => {
    const seg = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/);
    fc.assert(
      fc.property(seg, fc.array(seg, { maxLength: 4 }), seg, (folder, rest, other) => {
        fc.pre(other !== folder);
        const ignored = parseIgnore(`${folder}/\n`);
        assert.ok(ignored([folder, ...rest].join('/')));
        assert.ok(!ignored([other, ...rest].join('/')) || rest.includes(folder));
      }),
    );
  });

  it('from the repository root, validate, train --dry-run and runs agree on the workspace and the test fixtures stay out', async () => {
    const cli = cliIn(REPO_ROOT);
    const v = await cli('validate', 'examples/**/*.yaml');
    const t = await cli('train', 'examples/credit-risk/credit-risk.experiment.yaml', '--dry-run');
    const r = await cli('runs', '--format', 'json');
    for (const x of [v, t, r])
      assert.match(x.err, /^liftoff: workspace \. \(the nearest folder with (\.git|\.liftoff\/)\)$/m);
    assert.equal(v.code, 0, v.out);
    assert.equal(t.code, 0, t.err);
    assert.doesNotMatch(v.out, /EXP-023/);
  });
});
