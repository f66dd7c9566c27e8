import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';

const cli = cliIn(REPO_ROOT);

describe('liftoff plan export', () => {
  const plan = 'examples/medical-diagnosis/lung-nodule.plan.yaml';

  it('writes a standalone HTML file (exit 0)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-export-'));
    const out = path.join(dir, 'plan.html');
    const r = await cli('plan', 'export', plan, '--format', 'html', '--out', out);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /plan\.html: exported 16 sections \(0 errors, 0 warnings/);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(
      html,
      /data-figure="runway"[^>]*><div class="figure-label">Runway<\/div><div class="figure-value num">10 months</,
    );
  });

  it('writes Markdown into a folder given as --out (exit 0)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-export-'));
    const r = await cli('plan', 'export', plan, '--format=md', '--out', dir);
    assert.equal(r.code, 0, r.err);
    const md = readFileSync(path.join(dir, 'lung-nodule.plan.md'), 'utf8');
    assert.match(md, /^# LungScan AI seed plan/);
    assert.match(md, /^## 15\. Risks$/m);
    assert.ok(!existsSync(path.join(dir, 'lung-nodule.plan.html')));
  });

  it('exit 2 on a missing file or bad usage, exit 1 on a file that is not a plan', async () => {
    const missing = await cli('plan', 'export', 'no/such.plan.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /'no\/such\.plan\.yaml' does not exist/);
    const notPlan = await cli(
      'plan',
      'export',
      path.relative(REPO_ROOT, path.join(FIXTURES, 'header', 'pass.experiment.yaml')),
      '--out',
      mkdtempSync(path.join(os.tmpdir(), 'liftoff-export-')),
    );
    assert.equal(notPlan.code, 1);
    assert.match(notPlan.err, /not a Liftoff business plan/);
    assert.equal((await cli('plan', 'export', plan, '--format', 'pdf')).code, 2);
    assert.equal((await cli('plan', 'export')).code, 2);
    assert.equal((await cli('plan', 'publish', plan)).code, 2);
    assert.match((await cli('--help')).out, /liftoff plan export <file\.plan\.yaml>/);
  });
});
