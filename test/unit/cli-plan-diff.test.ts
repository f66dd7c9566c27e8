import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { REPO_ROOT } from '../support/fixtures';

const EXAMPLE = path.join(REPO_ROOT, 'examples/medical-diagnosis/lung-nodule.plan.yaml');

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], {
    cwd,
    stdio: 'pipe',
  });
}

describe('liftoff plan diff', () => {
  let repo = '';
  const cli = cliIn(() => repo);

  before(() => {
    // Two revisions of the example plan in a temporary repository: the second raises the burn and slips the pilot.
    repo = mkdtempSync(path.join(os.tmpdir(), 'liftoff-plan-diff-'));
    git(repo, 'init', '-q');
    const plan = path.join(repo, 'seed.plan.yaml');
    copyFileSync(EXAMPLE, plan);
    git(repo, 'add', 'seed.plan.yaml');
    git(repo, 'commit', '-qm', 'first');
    const text = readFileSync(plan, 'utf8');
    const edited = text
      .replace('monthly_burn: "¥300k"', 'monthly_burn: "¥400k"')
      .replace('due: 2026-09-30', 'due: 2026-11-30');
    assert.notEqual(edited, text);
    writeFileSync(plan, edited);
    git(repo, 'commit', '-qam', 'second');
  });

  it('prints a Markdown report of two revisions (exit 0)', async () => {
    const r = await cli('plan', 'diff', 'git:HEAD~1:seed.plan.yaml', 'git:HEAD:seed.plan.yaml');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^## Plan changes: HEAD\\~1:seed\.plan\.yaml → HEAD:seed\.plan\.yaml/);
    assert.match(r.out, /2 changed inputs, 4 moved figures, 0 rule changes/);
    assert.match(r.out, /\| Runway \| 10 months \| 7\\\.5 months \| \\-2\.5 months ▼ worse \|/);
    assert.match(r.out, /\| Milestone m-pilot due \| 2026-09-30 \| 2026-11-30 \| slipped 2 months ▼ worse \|/);
    assert.match(r.out, /\| `financials\.monthly_burn` \| ¥300k \| ¥400k \| L102 \|/);
  });

  it('compares the working copy with HEAD, as JSON', async () => {
    const plan = path.join(repo, 'seed.plan.yaml');
    const before = readFileSync(plan, 'utf8');
    writeFileSync(plan, before.replace('cash_on_hand: "¥3M"', 'cash_on_hand: "¥6M"'));
    try {
      const r = await cli('plan', 'diff', 'git:HEAD:seed.plan.yaml', 'seed.plan.yaml', '--format', 'json');
      assert.equal(r.code, 0, r.err);
      const report = JSON.parse(r.out) as { figures: Array<{ id: string; new: string }>; inputs: unknown[] };
      assert.equal(report.figures.find((f) => f.id === 'runway')?.new, '15 months');
      assert.equal(report.inputs.length, 1);
    } finally {
      writeFileSync(plan, before);
    }
  });

  it('writes a standalone HTML report with no script', async () => {
    const out = path.join(repo, 'out', 'diff.html');
    const r = await cli('plan', 'diff', 'git:HEAD~1:seed.plan.yaml', 'seed.plan.yaml', '--format=html', '--out', out);
    assert.equal(r.code, 0, r.err);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<th scope="row">Runway<\/th><td class="num">10 months<\/td><td class="num">7\.5 months/);
    assert.doesNotMatch(html, /<script/i);
  });

  it('says clearly when a file is not in a git repository, or a revision does not exist (exit 2)', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'liftoff-no-repo-'));
    copyFileSync(EXAMPLE, path.join(outside, 'p.plan.yaml'));
    const r = await cli(
      'plan',
      'diff',
      `git:HEAD:${path.join(outside, 'p.plan.yaml')}`,
      path.join(outside, 'p.plan.yaml'),
    );
    assert.equal(r.code, 2);
    assert.match(r.err, /is not in a git repository/);
    const bad = await cli('plan', 'diff', 'git:no-such-branch:seed.plan.yaml', 'seed.plan.yaml');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /'no-such-branch' is not a revision/);
    const missing = await cli('plan', 'diff', 'git:HEAD:other.plan.yaml', 'seed.plan.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /other\.plan\.yaml does not exist in HEAD/);
  });

  it('exit 1 when a side is not a plan, exit 2 on bad usage', async () => {
    writeFileSync(path.join(repo, 'broken.plan.yaml'), 'kind: BusinessPlan\nmetadata: [\n');
    const r = await cli('plan', 'diff', 'seed.plan.yaml', 'broken.plan.yaml');
    assert.equal(r.code, 1);
    assert.match(r.err, /broken\.plan\.yaml: YAML syntax error at line/);
    assert.equal((await cli('plan', 'diff', 'seed.plan.yaml')).code, 2);
    assert.equal((await cli('plan', 'diff', 'a', 'b', '--format', 'pdf')).code, 2);
    assert.match((await cli('--help')).out, /liftoff plan diff <a> <b>/);
  });

  describe('plan export --changes-since REV', () => {
    it("adds what changed since REV after the plan, in Markdown and in HTML (one h1: the plan's)", async () => {
      const out = mkdtempSync(path.join(os.tmpdir(), 'liftoff-export-since-'));
      const md = await cli(
        'plan',
        'export',
        'seed.plan.yaml',
        '--format',
        'md',
        '--changes-since',
        'HEAD~1',
        '--out',
        out,
      );
      assert.equal(md.code, 0, md.err);
      const text = readFileSync(path.join(out, 'seed.plan.md'), 'utf8');
      const at = text.indexOf('## Plan changes: HEAD\\~1:seed.plan.yaml → seed.plan.yaml (this export)');
      assert.ok(at > text.indexOf('## 16. Contingency plans'), 'the changes follow the plan');
      assert.match(text.slice(at), /\| Monthly burn \| ¥300k \| ¥400k \|/);
      assert.match(text.slice(at), /\| `financials.monthly_burn` \| ¥300k \| ¥400k \| L\d+ \|/);
      const html = await cli('plan', 'export', 'seed.plan.yaml', '--changes-since', 'HEAD~1', '--out', out);
      assert.equal(html.code, 0, html.err);
      const page = readFileSync(path.join(out, 'seed.plan.html'), 'utf8');
      assert.equal(page.match(/<h1[ >]/g)?.length, 1);
      assert.match(page, /<section class="plan-diff plan-changes" aria-label="Changes since HEAD~1:seed.plan.yaml">/);
      assert.match(page, /<h2>Changes since HEAD~1:seed.plan.yaml<\/h2>/);
      assert.match(page, /<th scope="row">Monthly burn<\/th><td class="num">¥300k<\/td><td class="num">¥400k<\/td>/);
      assert.doesNotMatch(page, /<script/i);
      // Since HEAD (the same text): the section says there is nothing.
      const same = await cli(
        'plan',
        'export',
        'seed.plan.yaml',
        '--format',
        'md',
        '--changes-since',
        'HEAD',
        '--out',
        out,
      );
      assert.equal(same.code, 0, same.err);
      assert.match(
        readFileSync(path.join(out, 'seed.plan.md'), 'utf8'),
        /## Plan changes: HEAD:seed\.plan\.yaml[^\n]*\n\n0 changed inputs, 0 moved figures, 0 rule changes\n\nNo changes\./,
      );
    });

    it('exit 2 with the reason on a revision that does not exist or an empty one; nothing written', async () => {
      const out = mkdtempSync(path.join(os.tmpdir(), 'liftoff-export-since-'));
      const bad = await cli('plan', 'export', 'seed.plan.yaml', '--changes-since', 'no-such-branch', '--out', out);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--changes-since: 'no-such-branch' is not a revision/);
      const empty = await cli('plan', 'export', 'seed.plan.yaml', '--changes-since', '', '--out', out);
      assert.equal(empty.code, 2);
      assert.match(empty.err, /--changes-since needs a git revision/);
      assert.deepEqual(readdirSync(out), []);
    });
  });
});
