import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { REPO_ROOT } from '../support/fixtures';

describe('liftoff train --dry-run', function () {
  this.timeout(60_000);
  let ws: string;
  before(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-cli-dry-'));
    cpSync(path.join(REPO_ROOT, 'examples', 'credit-risk'), path.join(ws, 'credit-risk'), { recursive: true });
    for (const ex of ['medical-diagnosis', 'pytorch'])
      cpSync(path.join(REPO_ROOT, 'examples', ex), path.join(ws, ex), { recursive: true });
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  const cli = cliIn(() => ws);

  it('prints the local launch as JSON (argv, cwd, environment) and creates no run folder', async () => {
    const r = await cli('train', 'credit-risk/credit-risk.experiment.yaml', '--dry-run', '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out) as {
      launcher: string;
      argv: string[];
      spawn: string[];
      cwd: string;
      env: Record<string, string>;
    };
    assert.equal(d.launcher, 'local');
    assert.deepEqual(d.argv.slice(2, 3), ['--config']);
    assert.match(d.argv[1]!, /trainer[/\\]builtin\.js$/);
    assert.equal(d.cwd, path.join(ws, 'credit-risk'));
    assert.equal(d.env.ELECTRON_RUN_AS_NODE, '1');
    assert.ok(!existsSync(path.join(ws, '.liftoff')), 'nothing was created');
  });

  it('prints a Slurm launch as text with the rendered sbatch script', async () => {
    const r = await cli('train', 'medical-diagnosis/nodule.experiment.yaml', '--dry-run');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^launcher: slurm$/m);
    assert.match(r.out, /^spawns: sbatch --parsable \(the script below on stdin\)$/m);
    assert.match(r.out, /^sbatch script:\n#!\/bin\/bash$/m);
    assert.match(r.out, /^#SBATCH --gres=gpu:/m);
    assert.ok(!existsSync(path.join(ws, '.liftoff')));
  });

  it('--format without --dry-run is a usage error', async () => {
    assert.equal((await cli('train', 'credit-risk/credit-risk.experiment.yaml', '--format', 'json')).code, 2);
  });
});
