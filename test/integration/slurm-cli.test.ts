/** `liftoff train` on an experiment with `run.launcher: slurm`: the bundled CLI submits to a real local cluster. */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { SlurmCluster, skipWithoutSlurm } from '../support/slurm-cluster';
import { REPO_ROOT } from '../support/fixtures';
import { creditRiskOnSlurm, removeWorkspaces, workspaceWith } from './slurm-support';

describe('liftoff train with run.launcher: slurm (real Slurm on localhost)', function () {
  this.timeout(120_000);
  let cluster: SlurmCluster | undefined;
  before(async function () {
    if (skipWithoutSlurm(this)) return;
    cluster = await SlurmCluster.start({ nodes: 1 });
  });
  after(async () => {
    await cluster?.stop();
    removeWorkspaces();
  });

  it('submits with sbatch, follows the job to COMPLETED and exits 0', async () => {
    const { ws, experimentPath } = workspaceWith(
      'cli-slurm',
      creditRiskOnSlurm(5).replace('name: credit-risk-mlp', 'name: cli-slurm'),
    );
    const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(REPO_ROOT, 'bin', 'liftoff.js'), 'train', experimentPath, '--workspace', ws],
        { cwd: ws, env: cluster!.processEnv(), timeout: 100_000 },
        (err, _out, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }),
      );
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /submitted as Slurm job \d+/);
    // A short job can finish between two polls, so `running` is not always seen; the end state always is.
    assert.match(r.stderr, /job \d+ (queued|running)/);
    assert.match(r.stderr, /run \S+ succeeded/);
  });
});
