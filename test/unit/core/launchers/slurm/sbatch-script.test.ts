import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { renderSbatch, type SbatchContext } from '../../../../../core/src/launchers/slurm/sbatch-script';

const RUN = '/ws/.liftoff/runs/bert/20261122-101010-abcd';
const ctx: SbatchContext = {
  workspace: '/ws',
  experimentPath: '/ws/exp/bert.experiment.yaml',
  runDir: RUN,
  runId: '20261122-101010-abcd',
  experimentName: 'bert',
  configPath: `${RUN}/config.yaml`,
  metricsFile: `${RUN}/metrics.jsonl`,
  stdoutFile: `${RUN}/stdout.log`,
  stderrFile: `${RUN}/stderr.log`,
  builtinTrainer: '/ext/dist/trainer/builtin.js',
  nodePath: '/usr/bin/node',
};

function render(yaml: string) {
  return renderSbatch(parse(yaml), ctx);
}

const BASE = `
metadata: {name: bert}
resources: {accelerator: gpu, gpus: 4, gpu_type: a100, nodes: 2, cpus: 32, memory_gb: 128, time_limit: "1-12:00:00"}
run:
  trainer: command
  command: [python, -u, train.py, --config, "\${config}", --note, "it's fine"]
  distributed: torchrun
  launcher: slurm
  env: {WANDB_MODE: offline}
  slurm: {partition: gpu, account: ml-team, qos: high, constraint: "a100&ib", extra_args: ["--exclusive", "--mail-type=END"]}
`;

describe('sbatch script rendering', () => {
  it('turns resources and run.slurm into #SBATCH lines, output into the run folder', () => {
    const { script, nodes, gpus } = render(BASE);
    const lines = script.split('\n').filter((l) => l.startsWith('#SBATCH'));
    assert.deepEqual(lines, [
      '#SBATCH --job-name=liftoff-bert',
      '#SBATCH --chdir=/ws/exp',
      `#SBATCH --output=${RUN}/stdout.log`,
      `#SBATCH --error=${RUN}/stderr.log`,
      '#SBATCH --open-mode=append',
      '#SBATCH --nodes=2',
      '#SBATCH --ntasks-per-node=1',
      '#SBATCH --cpus-per-task=32',
      '#SBATCH --mem=131072M',
      '#SBATCH --gres=gpu:a100:4',
      '#SBATCH --time=1-12:00:00',
      '#SBATCH --partition=gpu',
      '#SBATCH --account=ml-team',
      '#SBATCH --qos=high',
      '#SBATCH --constraint=a100&ib',
      '#SBATCH --exclusive',
      '#SBATCH --mail-type=END',
    ]);
    assert.equal(nodes, 2);
    assert.equal(gpus, 4);
    assert.ok(script.startsWith('#!/bin/bash\n'));
  });

  it('exports the same LIFTOFF_* environment as a local run, quoted', () => {
    const { script } = render(BASE);
    assert.match(script, new RegExp(`^export LIFTOFF_RUN_DIR=${RUN}$`, 'm'));
    assert.match(script, new RegExp(`^export LIFTOFF_METRICS_FILE=${RUN}/metrics.jsonl$`, 'm'));
    assert.match(script, new RegExp(`^export LIFTOFF_CONFIG=${RUN}/config.yaml$`, 'm'));
    assert.match(script, /^export LIFTOFF_EXPERIMENT_DIR=\/ws\/exp$/m);
    assert.match(script, /^export WANDB_MODE=offline$/m);
    assert.doesNotMatch(script, /CUDA_VISIBLE_DEVICES/, 'Slurm binds the GPUs itself');
  });

  it('runs one torchrun per node with a c10d rendezvous on the first node of SLURM_JOB_NODELIST', () => {
    const { script, argv } = render(BASE);
    assert.match(script, /^MASTER_NODE=\$\(scontrol show hostnames "\$SLURM_JOB_NODELIST" \| head -n 1\)$/m);
    assert.match(script, /^export MASTER_PORT="\$\{MASTER_PORT:-29500\}"$/m);
    assert.match(
      script,
      new RegExp(
        '^srun --kill-on-bad-exit=1 torchrun --nnodes="\\$SLURM_JOB_NUM_NODES" --nproc_per_node=4 --rdzv_id="\\$SLURM_JOB_ID" ' +
          '--rdzv_backend=c10d --rdzv_endpoint="\\$MASTER_ADDR:\\$MASTER_PORT" train.py --config ' +
          `${RUN}/config.yaml --note 'it'\\\\''s fine'$`,
        'm',
      ),
    );
    assert.deepEqual(argv.slice(0, 4), ['torchrun', '--nnodes=2', '--nproc_per_node=4', '--rdzv_backend=c10d']);
  });

  it('records the exit code in the run folder and exits with it', () => {
    const { script } = render(BASE);
    assert.match(
      script,
      /\nstatus=\$\?\necho "\$status" > \/ws\/\.liftoff\/runs\/bert\/20261122-101010-abcd\/job-exit-code\nexit "\$status"\n$/,
    );
  });

  it('runs the built-in trainer with the same Node and arguments as locally', () => {
    const { script, argv } = render(
      'metadata: {name: bert}\nresources: {cpus: 2, memory_gb: 2}\nrun: {trainer: builtin, launcher: slurm}\n',
    );
    assert.deepEqual(argv, [
      '/usr/bin/node',
      '/ext/dist/trainer/builtin.js',
      '--config',
      `${RUN}/config.yaml`,
      '--run-dir',
      RUN,
    ]);
    assert.match(script, /^export ELECTRON_RUN_AS_NODE=1$/m);
    assert.match(
      script,
      new RegExp(
        `^srun --kill-on-bad-exit=1 /usr/bin/node /ext/dist/trainer/builtin.js --config ${RUN}/config.yaml --run-dir ${RUN}$`,
        'm',
      ),
    );
    assert.doesNotMatch(
      script,
      /--gres|--partition|--time/,
      'no GPU, partition or time limit asked: the cluster defaults apply',
    );
  });

  it('wraps one node with several GPUs in torchrun --standalone, like the local launcher', () => {
    const { script } = render(
      'metadata: {name: bert}\nresources: {gpus: 2}\nrun: {trainer: command, command: [python, train.py], distributed: torchrun, launcher: slurm}\n',
    );
    assert.match(script, /^#SBATCH --gres=gpu:2$/m);
    assert.match(script, /^srun --kill-on-bad-exit=1 torchrun --standalone --nproc_per_node=2 train.py$/m);
  });

  it('quotes #SBATCH values with spaces for sbatch, and shell words for bash', () => {
    const spaced = {
      ...ctx,
      runDir: '/my ws/run',
      stdoutFile: '/my ws/run/stdout.log',
      stderrFile: '/my ws/run/stderr.log',
      configPath: '/my ws/run/config.yaml',
    };
    const { script } = renderSbatch(
      parse('metadata: {name: bert}\nrun: {trainer: builtin, launcher: slurm}\n'),
      spaced,
    );
    assert.match(script, /^#SBATCH --output="\/my ws\/run\/stdout.log"$/m);
    assert.match(script, /^#SBATCH --error="\/my ws\/run\/stderr.log"$/m, 'stderr has its own file');
    assert.match(script, /^export LIFTOFF_RUN_DIR='\/my ws\/run'$/m);
  });
});
