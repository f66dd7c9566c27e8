/**
 * The sbatch renderer at its edges: the script run for real (srun stubbed) in a run folder whose name holds spaces
 * and quotes, resource values at their limits, and the messages for values it must refuse.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LaunchError } from '../../../../../core/src/launchers/launch-plan';
import { renderSbatch, type SbatchContext } from '../../../../../core/src/launchers/slurm/sbatch-script';
import {
  commentText,
  directiveValue,
  envName,
  extraArg,
  scriptWord,
  slurmName,
} from '../../../../../core/src/launchers/slurm/script-values';

function context(workspace: string, runDir: string): SbatchContext {
  return {
    workspace,
    experimentPath: path.join(workspace, 'exp', 'bert.experiment.yaml'),
    runDir,
    runId: '20261205-101010-abcd',
    experimentName: 'bert',
    configPath: path.join(runDir, 'config.yaml'),
    metricsFile: path.join(runDir, 'metrics.jsonl'),
    stdoutFile: path.join(runDir, 'stdout.log'),
    stderrFile: path.join(runDir, 'stderr.log'),
    builtinTrainer: '/ext/dist/trainer/builtin.js',
    nodePath: '/usr/bin/node',
  };
}

const ctx = context('/ws', '/ws/.liftoff/runs/bert/r1');
const sbatchLines = (script: string) => script.split('\n').filter((l) => l.startsWith('#SBATCH'));
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof LaunchError, String(e));
    return e.message;
  }
  assert.fail('expected a LaunchError');
};

describe('sbatch script rendering (edges)', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-sbatch-edges-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('run for real in a folder named with spaces and quotes: the command sees its run folder, the exit code lands in it', () => {
    // Double quotes are refused in #SBATCH paths (sbatch's own quoting); spaces and single quotes must work.
    const workspace = path.join(tmp, `my ws it's`);
    const runDir = path.join(workspace, '.liftoff', 'runs', 'bert', `r 1 'a' (b)`);
    mkdirSync(path.join(workspace, 'exp'), { recursive: true });
    mkdirSync(runDir, { recursive: true });
    const bin = path.join(tmp, 'bin');
    mkdirSync(bin, { recursive: true });
    // srun stub: drop srun's own options, run the task once.
    writeFileSync(path.join(bin, 'srun'), '#!/bin/bash\nwhile [[ "$1" == --* ]]; do shift; done\nexec "$@"\n');
    chmodSync(path.join(bin, 'srun'), 0o755);
    const experiment = {
      metadata: { name: 'bert' },
      run: {
        trainer: 'command',
        command: ['sh', '-c', 'printf %s "$LIFTOFF_RUN_DIR" > "$1/seen"; exit 3', 'sh', '${run_dir}'],
        launcher: 'slurm',
        env: { NOTE: `it's "quoted" $HOME` },
      },
    };
    const { script } = renderSbatch(experiment, context(workspace, runDir));
    const file = path.join(runDir, 'job.sbatch');
    writeFileSync(file, script);
    assert.equal(spawnSync('bash', ['-n', file]).status, 0, 'bash -n accepts the script');
    const r = spawnSync('bash', [file], {
      cwd: path.join(workspace, 'exp'),
      env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` },
      encoding: 'utf8',
    });
    assert.equal(r.status, 3, `the job exits with the command's code (stderr: ${r.stderr})`);
    assert.equal(r.stderr, '', 'every line of the script runs cleanly');
    assert.equal(readFileSync(path.join(runDir, 'job-exit-code'), 'utf8'), '3\n');
    assert.equal(readFileSync(path.join(runDir, 'seen'), 'utf8'), runDir);
    assert.match(script, /^export NOTE='it'\\''s "quoted" \$HOME'$/m, 'a value is exported literally');
    // sbatch reads #SBATCH values itself: a space is grouped with double quotes, which it unescapes.
    const output = sbatchLines(script).find((l) => l.startsWith('#SBATCH --output='));
    assert.equal(output, `#SBATCH --output="${runDir}/stdout.log"`);
    assert.match(
      refusal(() => renderSbatch(experiment, context(path.join(tmp, 'a "b"'), runDir))),
      /^The working folder ".*a \\"b\\"\/exp" contains `"`, .*: move the workspace \(or the experiment\) to a folder/,
    );
  });

  it('resources at their limits: memory rounded up to a MiB, cpus floored, no line for zero or nothing', () => {
    const lines = (resources: Record<string, unknown>, slurm: Record<string, unknown> = {}) =>
      sbatchLines(
        renderSbatch(
          { metadata: { name: 'bert' }, resources, run: { trainer: 'builtin', launcher: 'slurm', slurm } },
          ctx,
        ).script,
      ).slice(7);
    assert.deepEqual(lines({ memory_gb: 0.5, cpus: 2.7 }), ['#SBATCH --cpus-per-task=2', '#SBATCH --mem=512M']);
    assert.deepEqual(lines({ memory_gb: 1.0001 }), ['#SBATCH --mem=1025M']);
    assert.deepEqual(lines({ memory_gb: 0, cpus: 0.5 }), []);
    assert.deepEqual(lines({ memory_gb: -1, cpus: -4 }), []);
    assert.deepEqual(lines({ memory_gb: '8', cpus: '4' }), [], 'only numbers count');
    assert.deepEqual(lines({ cpus: 1 }), ['#SBATCH --cpus-per-task=1']);
    assert.deepEqual(lines({ time_limit: '  ' }, { partition: ' ', account: '', qos: '  ', constraint: ' ' }), []);
    assert.deepEqual(lines({ time_limit: ' 2:00:00 ' }, { partition: ' a,b ', constraint: 'x|y' }), [
      '#SBATCH --time=2:00:00',
      '#SBATCH --partition=a,b',
      '#SBATCH --constraint=x|y',
    ]);
    assert.deepEqual(lines({}, { extra_args: ['--exclusive', '', '  ', 3, ' -N1 '] }), [
      '#SBATCH --exclusive',
      '#SBATCH -N1',
    ]);
    assert.deepEqual(lines({}, { extra_args: '--exclusive' }), [], 'extra_args must be a list');
  });

  it('nodes and GPUs: a job name Slurm accepts, one node unless more are asked, torchrun per node', () => {
    const render = (name: string, resources: Record<string, unknown>, command: string[]) =>
      renderSbatch(
        {
          metadata: { name },
          resources,
          run: { trainer: 'command', command, distributed: 'torchrun', launcher: 'slurm' },
        },
        { ...ctx, experimentName: name },
      );
    const one = render('my exp/v2 ü', { nodes: 0, gpus: 1, gpu_type: '' }, ['python3.11', '-u', 'train.py']);
    assert.equal(one.nodes, 1);
    assert.deepEqual(sbatchLines(one.script).slice(0, 1), ['#SBATCH --job-name=liftoff-my-exp-v2-']);
    assert.ok(sbatchLines(one.script).includes('#SBATCH --nodes=1'));
    assert.ok(sbatchLines(one.script).includes('#SBATCH --gres=gpu:1'), 'an empty GPU type is left out');
    const two = render('x', { nodes: 2.9, accelerator: 'cpu' }, ['/usr/bin/python3.11', '-u', 'train.py', '-u']);
    assert.equal(two.nodes, 2);
    assert.equal(two.gpus, 0);
    assert.ok(!sbatchLines(two.script).some((l) => l.includes('--gres')));
    assert.match(two.script, /--nproc_per_node=1 --rdzv_id="\$SLURM_JOB_ID" .* train\.py -u$/m, 'python -u dropped');
    assert.deepEqual(two.argv, [
      'torchrun',
      '--nnodes=2',
      '--nproc_per_node=1',
      '--rdzv_backend=c10d',
      'train.py',
      '-u',
    ]);
    const plain = render('x', { nodes: 2, gpus: 8 }, ['python', 'train.py']);
    assert.deepEqual(plain.argv.slice(2), ['--nproc_per_node=8', '--rdzv_backend=c10d', 'train.py']);
    const notPython = render('x', { nodes: 2 }, ['./train.sh', '-u']);
    assert.deepEqual(notPython.argv.slice(4), ['./train.sh', '-u'], 'another program keeps its own -u');
    const single = render('x', { nodes: 1, gpus: 1 }, ['python', 'train.py']);
    assert.doesNotMatch(single.script, /MASTER_ADDR|--rdzv/, 'one node: no rendezvous');
    assert.deepEqual(single.argv, ['python', 'train.py']);
  });

  it('several nodes without torchrun: srun runs the command once per node, no rendezvous', () => {
    const r = renderSbatch(
      {
        metadata: { name: 'x' },
        resources: { nodes: 2 },
        run: {
          trainer: 'command',
          command: ['pythonista', 'train.py'],
          launcher: 'slurm',
          env: { CUDA_VISIBLE_DEVICES: '0' },
        },
      },
      ctx,
    );
    assert.match(r.script, /^srun --kill-on-bad-exit=1 pythonista train\.py$/m);
    assert.deepEqual(r.argv, ['pythonista', 'train.py']);
    assert.doesNotMatch(r.script, /MASTER_|torchrun|CUDA_VISIBLE_DEVICES/, 'Slurm binds the GPUs, even over run.env');
    const t = renderSbatch(
      {
        metadata: { name: 'x' },
        resources: { nodes: 2, gpu_type: 7, gpus: 1 },
        run: { trainer: 'command', command: ['pythonista', 'train.py'], distributed: 'torchrun', launcher: 'slurm' },
      },
      ctx,
    );
    assert.match(t.script, /--rdzv_endpoint="\$MASTER_ADDR:\$MASTER_PORT" pythonista train\.py$/m, 'not a python');
    assert.match(t.script, /^MASTER_ADDR=\$\(scontrol show node "\$MASTER_NODE" -o \| sed -n 's\/\.\* NodeAddr=/m);
    assert.match(t.script, /^export MASTER_ADDR="\$\{MASTER_ADDR:-\$MASTER_NODE\}"$/m);
    assert.match(t.script, /\n\n# torchrun rendezvous on the first node/);
    assert.ok(sbatchLines(t.script).includes('#SBATCH --gres=gpu:1'), 'a GPU type that is not text is left out');
  });

  it('a refused value through the renderer names its field', () => {
    const field = (resources: Record<string, unknown>, run: Record<string, unknown>, c: SbatchContext = ctx) =>
      refusal(() =>
        renderSbatch({ metadata: { name: 'x' }, resources, run: { trainer: 'builtin', launcher: 'slurm', ...run } }, c),
      ).split(' ')[0];
    assert.equal(field({ time_limit: '1#2' }, {}), 'resources.time_limit');
    assert.equal(field({ gpus: 1, gpu_type: 'a 100' }, {}), 'resources.gpu_type');
    assert.equal(field({}, { slurm: { constraint: ' a$b ' } }), 'run.slurm.constraint');
    assert.equal(field({}, { slurm: { account: 'a,b' } }), 'run.slurm.account', 'only a partition may be a list');
    assert.equal(field({}, { slurm: { qos: 'a b' } }), 'run.slurm.qos');
    assert.equal(field({}, { slurm: { extra_args: ['--exclusive', 'x'] } }), 'run.slurm.extra_args[1]');
    assert.equal(field({}, { env: { X: 'a\nb' } }), 'run.env.X');
    assert.equal(field({}, { env: { 'A-B': 'x' } }), 'run.env:');
    assert.equal(field({}, { trainer: 'command', command: ['python', 'a\nb'] }), 'run.command');
    assert.equal(field({}, {}, { ...ctx, runId: 'r\n1' }), 'The');
    assert.match(
      refusal(() => renderSbatch({ run: { launcher: 'slurm' } }, { ...ctx, stdoutFile: '/a"b/stdout.log' })),
      /^The run folder /,
    );
    assert.match(
      refusal(() => commentText('f', 'a\nb')),
      /: remove it\.$/,
    );
    assert.deepEqual(
      sbatchLines(renderSbatch({ run: { slurm: { constraint: ' a100 ' } } }, ctx).script).filter((l) =>
        l.includes('constraint'),
      ),
      ['#SBATCH --constraint=a100'],
    );
    assert.equal(slurmName('f', 'a,bc', true), 'a,bc');
  });

  it('the comment names the experiment relative to the workspace, else by its full path', () => {
    const first = (c: SbatchContext) =>
      renderSbatch({ metadata: { name: 'bert' }, run: { trainer: 'builtin', launcher: 'slurm' } }, c).script.split(
        '\n',
      )[1];
    assert.equal(first(ctx), '# Liftoff run 20261205-101010-abcd of bert (exp/bert.experiment.yaml).');
    assert.equal(
      first({ ...ctx, experimentPath: '/ws' }),
      '# Liftoff run 20261205-101010-abcd of bert (/ws).',
      'the experiment path is the workspace itself',
    );
  });

  it('refuses what would change the script, naming the field, the character and the fix', () => {
    assert.equal(
      refusal(() => scriptWord('run.env.X', 'a\nb')),
      'run.env.X "a\\nb" contains a line break, which would change the shape of the sbatch script Liftoff generates: remove it.',
    );
    assert.match(
      refusal(() => scriptWord('f', 'a\rb')),
      /contains a carriage return/,
    );
    assert.match(
      refusal(() => scriptWord('f', 'a\0b')),
      /contains a NUL character/,
    );
    assert.match(
      refusal(() => scriptWord('f', 'a\u0001b')),
      /contains the control character U\+0001,/,
    );
    assert.match(
      refusal(() => commentText('f', 'a\u007fb')),
      /contains the control character U\+007f,/,
    );
    assert.match(
      refusal(() => commentText('metadata.name', 'x\ny')),
      /^metadata\.name "x\\ny" contains a line break/,
    );
    const long = `${'a'.repeat(70)}\n`;
    assert.match(
      refusal(() => scriptWord('f', long)),
      new RegExp(`^f "${'a'.repeat(57)}\\.\\.\\." contains`),
    );
    assert.match(
      refusal(() => scriptWord('f', `${'a'.repeat(59)}\n`)),
      /^f "a{59}\\n" contains/,
      '60 characters shown whole',
    );
    assert.match(
      refusal(() => directiveValue('f', 'a#b')),
      /contains `#`, .*: remove it\.$/,
    );
    for (const ch of ['"', '\\', '$', '`', '\t'])
      assert.ok(refusal(() => directiveValue('f', `a${ch}b`, 'move it.')).endsWith(': move it.'), ch);
    assert.match(
      refusal(() => envName('run.env', '1X')),
      /^run\.env: "1X" is not a valid environment variable name \(letters, digits and _, not starting with a digit\); rename it\.$/,
    );
    assert.equal(envName('f', '_a1'), '_a1');
    assert.match(
      refusal(() => envName('f', 'A-B')),
      /not a valid environment variable name/,
    );
    assert.match(
      refusal(() => envName('f', 'AB ')),
      /not a valid environment variable name/,
    );
    assert.equal(slurmName('f', 'gpu-a.1+x_y'), 'gpu-a.1+x_y');
    assert.equal(slurmName('f', 'a,b', true), 'a,b');
    assert.match(
      refusal(() => slurmName('f', 'a,b')),
      /contains `,`.*letters, digits, \., _, \+, -\.$/,
    );
    assert.match(
      refusal(() => slurmName('f', 'a,,b', true)),
      /contains `a`.*, commas between names\.$/,
    );
    assert.match(
      refusal(() => slurmName('f', 'a b', true)),
      /contains ` `/,
    );
    assert.match(
      refusal(() => slurmName('f', '')),
      /^f "" contains/,
    );
    assert.equal(extraArg('f', ' --mail-type=END '), '--mail-type=END');
    assert.equal(extraArg('f', '-N1'), '-N1');
    assert.match(
      refusal(() => extraArg('run.slurm.extra_args[0]', 'exclusive')),
      /^run\.slurm\.extra_args\[0\] "exclusive" is not an sbatch option: each entry must start with - or --, e\.g\. "--exclusive"\.$/,
    );
    assert.match(
      refusal(() => extraArg('f', '-1')),
      /is not an sbatch option/,
    );
    assert.match(
      refusal(() => extraArg('f', "--comment='x'")),
      /contains `'`.*remove it, or set the option through resources/,
    );
  });
});
