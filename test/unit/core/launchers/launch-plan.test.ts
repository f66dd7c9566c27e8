import * as assert from 'node:assert/strict';
import { chooseGpus, LaunchError, planLaunch, type LaunchContext } from '../../../../core/src/launchers/launch-plan';

const ctx: LaunchContext = {
  workspace: '/ws',
  experimentPath: '/ws/exp/a.experiment.yaml',
  runDir: '/ws/.liftoff/runs/a/1',
  configPath: '/ws/.liftoff/runs/a/1/config.yaml',
  metricsFile: '/ws/.liftoff/runs/a/1/metrics.jsonl',
  builtinTrainer: '/ext/dist/trainer/builtin.js',
  nodePath: '/usr/bin/node',
  gpus: [
    { index: 0, memoryUsedMiB: 30000, utilizationPct: 90 },
    { index: 1, memoryUsedMiB: 100 },
    { index: 2, memoryUsedMiB: 50 },
    { index: 3, memoryUsedMiB: 200 },
  ],
};

describe('launch plan', () => {
  it('runs the built-in trainer with the same Node, as Node (ELECTRON_RUN_AS_NODE), no shell', () => {
    const plan = planLaunch({ run: { trainer: 'builtin' } }, ctx);
    assert.deepEqual(plan.argv, [
      '/usr/bin/node',
      '/ext/dist/trainer/builtin.js',
      '--config',
      ctx.configPath,
      '--run-dir',
      ctx.runDir,
    ]);
    assert.equal(plan.env.ELECTRON_RUN_AS_NODE, '1');
    assert.equal(plan.env.LIFTOFF_METRICS_FILE, ctx.metricsFile);
  });

  it('resolves variables in run.command and run.env, and sets the run environment', () => {
    const plan = planLaunch(
      {
        run: {
          trainer: 'command',
          command: ['python3', 'train.py', '--config', '${config}', '--out', '${run_dir}'],
          env: { OUT: '${metrics_file}' },
        },
      },
      ctx,
    );
    assert.deepEqual(plan.argv, ['python3', 'train.py', '--config', ctx.configPath, '--out', ctx.runDir]);
    assert.equal(plan.env.OUT, ctx.metricsFile);
    assert.equal(plan.env.LIFTOFF_RUN_DIR, ctx.runDir);
    assert.equal(plan.cwd, '/ws/exp');
  });

  it('chooses the least busy GPUs for CUDA_VISIBLE_DEVICES and wraps torchrun for several GPUs', () => {
    assert.deepEqual(chooseGpus(ctx.gpus, 2), [1, 2]);
    const plan = planLaunch(
      {
        resources: { accelerator: 'gpu', gpus: 2 },
        run: { trainer: 'command', distributed: 'torchrun', command: ['python', '-u', 'train.py', '--lr', '1e-3'] },
      },
      ctx,
    );
    assert.deepEqual(plan.argv, ['torchrun', '--standalone', '--nproc_per_node=2', 'train.py', '--lr', '1e-3']);
    assert.equal(plan.env.CUDA_VISIBLE_DEVICES, '1,2');
  });

  it('notes when fewer GPUs exist than requested', () => {
    const plan = planLaunch(
      { resources: { accelerator: 'gpu', gpus: 2 }, run: { trainer: 'command', command: ['python', 't.py'] } },
      { ...ctx, gpus: [] },
    );
    assert.match(plan.notes.join(), /asks for 2 GPUs; this machine has 0/);
    assert.equal(plan.env.CUDA_VISIBLE_DEVICES, undefined);
  });

  it('refuses an unknown variable and a shell string, with what to do', () => {
    assert.throws(
      () => planLaunch({ run: { trainer: 'command', command: ['python', '${data}'] } }, ctx),
      (e: Error) => e instanceof LaunchError && /Unknown variable \$\{data\}.*\$\{config\}/.test(e.message),
    );
    assert.throws(
      () => planLaunch({ run: { trainer: 'command', command: 'python train.py' } }, ctx),
      /non-empty list of arguments/,
    );
  });

  it("Object's own names are neither variables nor lost as environment keys (__proto__, constructor)", () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      assert.throws(
        () => planLaunch({ run: { trainer: 'command', command: ['python', `\${${name}}`] } }, ctx),
        (e: Error) => e instanceof LaunchError && e.message.startsWith(`Unknown variable \${${name}}`),
        name,
      );
    }
    const env = JSON.parse('{"__proto__": "a", "constructor": "b"}') as Record<string, string>;
    const plan = planLaunch({ run: { trainer: 'command', command: ['python'], env } }, ctx);
    assert.equal(Object.getOwnPropertyDescriptor(plan.env, '__proto__')?.value, 'a');
    assert.equal(Object.getOwnPropertyDescriptor(plan.env, 'constructor')?.value, 'b');
    assert.deepEqual(Object.keys(plan.env).slice(-2), ['__proto__', 'constructor']);
  });
});
