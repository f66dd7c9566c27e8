import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dryRunLaunch } from '../../../../core/src/launchers/dry-run';
import { LaunchError } from '../../../../core/src/launchers/launch-plan';
import { prepareRun } from '../../../../core/src/launchers/prepare-run';
import { previewSbatch } from '../../../../core/src/launchers/slurm/submit';

const LOCAL = `metadata: {name: tiny}
resources: {gpus: 0}
run: {trainer: command, command: [python, -u, train.py, --config, "\${config}"], env: {SEED: "7", OUT: "\${run_dir}/out"}}
`;
const SLURM = `metadata: {name: tiny}
resources: {cpus: 2, memory_gb: 4}
run: {trainer: command, command: [python, train.py], launcher: slurm, slurm: {partition: debug}}
`;

describe('launch dry run (the same code as a launch, nothing created)', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-dry-'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));
  const opts = (text: string) => ({
    workspace: ws,
    experimentPath: path.join(ws, 'tiny.experiment.yaml'),
    experimentText: text,
    builtinTrainer: '/x/builtin.js',
    nodePath: '/usr/bin/node',
  });

  it('local: the command, the exact spawned argv (under the exit recorder), cwd and environment; no run folder', async () => {
    const d = await dryRunLaunch(opts(LOCAL));
    assert.equal(d.launcher, 'local');
    assert.deepEqual(d.argv, ['python', '-u', 'train.py', '--config', path.join(d.runDir, 'config.yaml')]);
    assert.deepEqual(d.spawn.slice(0, 2), ['/bin/sh', '-c']);
    assert.deepEqual(d.spawn.slice(3), [path.join(d.runDir, 'exit-status'), ...d.argv]);
    assert.equal(d.cwd, ws);
    assert.equal(d.env.SEED, '7');
    assert.equal(d.env.OUT, `${d.runDir}/out`);
    assert.equal(d.env.LIFTOFF_RUN_DIR, d.runDir);
    assert.ok(d.runDir.startsWith(path.join(ws, '.liftoff', 'runs', 'tiny') + path.sep));
    assert.ok(!existsSync(path.join(ws, '.liftoff')), 'a dry run creates nothing');
  });

  it('local: equals what a real launch records, up to the run id', async () => {
    const d = await dryRunLaunch(opts(LOCAL));
    const real = await prepareRun(opts(LOCAL));
    const norm = (argv: readonly string[], dir: string) => argv.map((a) => a.split(dir).join('<run>'));
    assert.deepEqual(norm(d.argv, d.runDir), norm(real.record.command, real.dir));
    assert.deepEqual(
      Object.keys(d.env)
        .filter((k) => k !== 'LIFTOFF_RUN_TOKEN')
        .sort(),
      [...Object.keys(real.plan.env), 'LIFTOFF_RUN_DIR'].filter((k, i, a) => a.indexOf(k) === i).sort(),
    );
  });

  it("Slurm: the sbatch script, sbatch behind the command prefix, the job's environment; no run folder", async () => {
    const d = await dryRunLaunch({ ...opts(SLURM), slurmCommandPrefix: ['ssh', 'login'] });
    assert.equal(d.launcher, 'slurm');
    assert.deepEqual(d.spawn, ['ssh', 'login', 'sbatch', '--parsable']);
    assert.match(d.script ?? '', /^#SBATCH --partition=debug$/m);
    assert.equal(d.env.LIFTOFF_RUN_DIR, d.runDir);
    assert.equal(
      d.script,
      previewSbatch(opts(SLURM), path.basename(d.runDir)).script,
      'the script a submission of that run id would send',
    );
    assert.ok(!existsSync(path.join(ws, '.liftoff')));
  });

  it('the built-in trainer on Slurm is told the reader’s language too (LIFTOFF_LOCALE in the job script)', () => {
    const builtin = 'metadata: {name: tiny}\nrun: {trainer: builtin, launcher: slurm}\n';
    const zh = previewSbatch({ ...opts(builtin), locale: 'zh-cn' }).script;
    assert.match(zh, /LIFTOFF_LOCALE=.?zh-cn/);
    assert.doesNotMatch(previewSbatch(opts(builtin)).script, /LIFTOFF_LOCALE/);
  });

  it('refuses what a launch would refuse, with the same error', async () => {
    await assert.rejects(
      dryRunLaunch(opts(SLURM.replace('partition: debug', 'partition: "debug\\n#SBATCH --wrap=id"'))),
      (e: unknown) => e instanceof LaunchError && /run\.slurm\.partition .* contains a line break/.test(e.message),
    );
    assert.ok(!existsSync(path.join(ws, '.liftoff')));
  });
});
