/**
 * The launch plan at its edges (issue 22, mutation testing of `core/src/launchers/launch-plan.ts`): the GPU count an
 * experiment asks for and which GPUs it gets, each environment variable and who wins, the time limit, which runs are
 * wrapped in torchrun and how, the interpreter and working folder, and every refusal with the field it names.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  KNOWN_VARIABLES,
  LaunchError,
  chooseGpus,
  planLaunch,
  requestedGpus,
  type LaunchContext,
} from '../../../../core/src/launchers/launch-plan';

const ctx: LaunchContext = {
  workspace: '/ws',
  experimentPath: '/ws/exp/a.experiment.yaml',
  runDir: '/ws/.liftoff/runs/a/1',
  configPath: '/ws/.liftoff/runs/a/1/config.yaml',
  metricsFile: '/ws/.liftoff/runs/a/1/metrics.jsonl',
  builtinTrainer: '/ext/dist/trainer/builtin.js',
  nodePath: '/usr/bin/node',
  gpus: [],
};
const gpus = (n: number) => Array.from({ length: n }, (_, index) => ({ index, memoryUsedMiB: 0 }));
const cmd = (run: object, resources?: object) => ({
  ...(resources && { resources }),
  run: { command: ['python', 't.py'], ...run },
});
const refuses = (experiment: unknown, message: RegExp, c: LaunchContext = ctx) =>
  assert.throws(
    () => planLaunch(experiment, c),
    (e: unknown) => e instanceof LaunchError && message.test(e.message),
    String(message),
  );

describe('launch plan at its edges (launch-plan.ts)', () => {
  it('the GPU count: a number from 0 (rounded down), else 1 for accelerator gpu, else 0', () => {
    const cases: Array<[unknown, number]> = [
      [{ resources: { gpus: 0, accelerator: 'gpu' } }, 0],
      [{ resources: { gpus: 2.9 } }, 2],
      [{ resources: { gpus: -1, accelerator: 'gpu' } }, 1],
      [{ resources: { gpus: -1 } }, 0],
      [{ resources: { gpus: '2', accelerator: 'gpu' } }, 1],
      [{ resources: { accelerator: 'gpu' } }, 1],
      [{ resources: { accelerator: 'cpu' } }, 0],
      [{ resources: [{ gpus: 3 }] }, 0],
      [[{ resources: { gpus: 3 } }], 0],
      [null, 0],
      ['gpus: 3', 0],
    ];
    for (const [experiment, n] of cases) assert.equal(requestedGpus(experiment), n, JSON.stringify(experiment));
  });

  it('the least busy GPUs: least memory used, then least utilised, then the lower index; unknown figures count as 0', () => {
    const g = [
      { index: 3, memoryUsedMiB: 10, utilizationPct: 50 },
      { index: 5, memoryUsedMiB: 10, utilizationPct: 20 },
      { index: 4, memoryUsedMiB: 10, utilizationPct: 20 },
      { index: 1, utilizationPct: 99 },
      { index: 2, memoryUsedMiB: 5 },
      { index: 0, memoryUsedMiB: 900 },
    ];
    assert.deepEqual(chooseGpus(g, 1), [1]);
    assert.deepEqual(chooseGpus(g, 2), [1, 2]);
    assert.deepEqual(chooseGpus(g, 3), [1, 2, 4], 'less utilised, then the lower index');
    assert.deepEqual(chooseGpus(g, 4), [1, 2, 4, 5]);
    assert.deepEqual(chooseGpus(g, 5), [1, 2, 3, 4, 5]);
    assert.deepEqual(chooseGpus(g, 0), []);
    assert.deepEqual(chooseGpus(g, 10), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(chooseGpus([{ index: 7 }, { index: 6 }], 1), [6]);
    // The least busy first, listed in index order.
    const byIndex = [
      { index: 2, memoryUsedMiB: 100 },
      { index: 0, memoryUsedMiB: 50 },
      { index: 1, memoryUsedMiB: 0 },
    ];
    assert.deepEqual(chooseGpus(byIndex, 2), [0, 1]);
    assert.deepEqual(chooseGpus(byIndex, 1), [1]);
  });

  it('property: the chosen GPUs are `count` of them, ascending, and none unchosen is less busy than a chosen one', () => {
    const gpu = fc.record(
      { memoryUsedMiB: fc.integer({ min: 0, max: 3 }), utilizationPct: fc.integer({ min: 0, max: 3 }) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(gpu, { maxLength: 8 }), fc.nat(9), (gs, count) => {
        const list = gs.map((g, index) => ({ index, ...g }));
        const chosen = chooseGpus(list, count);
        assert.equal(chosen.length, Math.min(count, list.length));
        assert.deepEqual(
          [...chosen].sort((a, b) => a - b),
          chosen,
        );
        const key = (i: number) => [list[i]!.memoryUsedMiB ?? 0, list[i]!.utilizationPct ?? 0, i];
        const less = (x: number[], y: number[]) =>
          x[0]! < y[0]! || (x[0] === y[0] && (x[1]! < y[1]! || (x[1] === y[1] && x[2]! < y[2]!)));
        for (const c of chosen)
          for (const u of list.map((g) => g.index).filter((i) => !chosen.includes(i)))
            assert.ok(!less(key(u), key(c)), `${u} is less busy than ${c}`);
      }),
    );
  });

  it('fewer GPUs than asked: a note in the singular or plural with the machine’s count, and ${gpus} is what it got', () => {
    const one = planLaunch(cmd({ command: ['python', '${gpus}'] }, { gpus: 1 }), ctx);
    assert.deepEqual(one.notes, ['The experiment asks for 1 GPU; this machine has 0.']);
    assert.deepEqual(one.argv, ['python', '1'], 'with none, the number asked for');
    const three = planLaunch(cmd({ command: ['python', '${gpus}'] }, { gpus: 3 }), { ...ctx, gpus: gpus(2) });
    assert.deepEqual(three.notes, ['The experiment asks for 3 GPUs; this machine has 2.']);
    assert.deepEqual(three.argv, ['python', '2']);
    assert.equal(three.env.CUDA_VISIBLE_DEVICES, '0,1');
    assert.equal(three.cudaVisibleDevices, '0,1');
    assert.equal(three.gpus, 3);
    const enough = planLaunch(cmd({ command: ['python', '${gpus}'] }, { gpus: 2 }), { ...ctx, gpus: gpus(2) });
    assert.deepEqual(enough.notes, []);
    const none = planLaunch(cmd({ command: ['python', '${gpus}'] }), { ...ctx, gpus: gpus(2) });
    assert.deepEqual(none.notes, []);
    assert.deepEqual(none.argv, ['python', '0']);
    assert.equal(none.env.CUDA_VISIBLE_DEVICES, undefined);
    assert.equal(none.cudaVisibleDevices, undefined);
  });

  it('every variable expands, several in one word; an empty or unknown name is refused, listing them all', () => {
    const plan = planLaunch(
      cmd({
        command: ['python', '${workspace}:${run_dir}|${metrics_file}', '${config}${gpus}', '$config', '{config}'],
      }),
      ctx,
    );
    assert.deepEqual(plan.argv, [
      'python',
      `/ws:${ctx.runDir}|${ctx.metricsFile}`,
      `${ctx.configPath}0`,
      '$config',
      '{config}',
    ]);
    const all = KNOWN_VARIABLES.map((v) => `\${${v}}`).join(', ');
    assert.equal(all, '${config}, ${run_dir}, ${metrics_file}, ${workspace}, ${gpus}');
    assert.throws(
      () => planLaunch(cmd({ command: ['python', 'x${}y'] }), ctx),
      (e: unknown) =>
        e instanceof LaunchError && e.message === `Unknown variable \${} in run.command: use one of ${all}.`,
    );
    refuses(cmd({ env: { A: '${nope}' } }), /^Unknown variable \$\{nope\}/);
    // The phrase travels with the error, so that the message can be shown in the user's language.
    const err = (() => {
      try {
        planLaunch(cmd({ command: ['python', '${nope}'] }), ctx);
      } catch (e) {
        return e as LaunchError;
      }
      return undefined;
    })();
    assert.deepEqual(err?.phrase, {
      text: 'Unknown variable {0} in run.command: use one of {1}.',
      args: ['${nope}', all],
    });
    refuses(cmd({ working_dir: '${nope}' }), /^Unknown variable \$\{nope\}/);
  });

  it('the environment: Liftoff’s variables, run.env (strings and numbers, expanded) over them, a retry’s over both', () => {
    const plan = planLaunch(
      cmd({
        env: { LIFTOFF_RUN_DIR: 'mine', N: 3, B: true, O: { a: 1 }, L: [1], U: null, P: '${run_dir}/x' },
      }),
      { ...ctx, gpus: gpus(1), extraEnv: { LIFTOFF_ATTEMPT: '2', P: 'retry' } },
    );
    assert.deepEqual(
      { ...plan.env },
      {
        LIFTOFF_RUN_DIR: 'mine',
        LIFTOFF_METRICS_FILE: ctx.metricsFile,
        LIFTOFF_CONFIG: ctx.configPath,
        PYTHONUNBUFFERED: '1',
        LIFTOFF_EXPERIMENT_DIR: '/ws/exp',
        N: '3',
        P: 'retry',
        LIFTOFF_ATTEMPT: '2',
      },
    );
    const gpu = planLaunch(cmd({ env: { CUDA_VISIBLE_DEVICES: '7' } }, { gpus: 1 }), { ...ctx, gpus: gpus(2) });
    assert.equal(gpu.env.CUDA_VISIBLE_DEVICES, '0', 'the chosen GPU, not the one written');
    const kept = planLaunch(cmd({ env: { CUDA_VISIBLE_DEVICES: '7' } }), { ...ctx, gpus: gpus(2) });
    assert.equal(kept.env.CUDA_VISIBLE_DEVICES, '7', 'no GPU asked for: the written one stays');
    assert.equal(planLaunch(cmd({ env: ['A=1'] }), ctx).env.PYTHONUNBUFFERED, '1');
  });

  it('the time limit in seconds, for the built-in trainer and a command; none when absent or unreadable', () => {
    assert.equal(planLaunch(cmd({}, { time_limit: '01:30:00' }), ctx).timeLimitSec, 5400);
    assert.equal(planLaunch(cmd({}, { time_limit: 2 }), ctx).timeLimitSec, 120);
    assert.equal(planLaunch({ resources: { time_limit: '00:00:05' } }, ctx).timeLimitSec, 5);
    for (const time_limit of [undefined, 'soon', 0, '00:00:00']) {
      const plan = planLaunch(cmd({}, { time_limit }), ctx);
      assert.equal('timeLimitSec' in plan, false, String(time_limit));
    }
  });

  it('the built-in trainer: without run.trainer and run.command, or when asked for; its folder, no GPUs', () => {
    for (const experiment of [{}, { run: {} }, { run: { trainer: 'builtin', command: ['python', 't.py'] } }]) {
      const plan = planLaunch(experiment, { ...ctx, gpus: gpus(2) });
      assert.equal(plan.argv[0], '/usr/bin/node', JSON.stringify(experiment));
      assert.equal(plan.cwd, '/ws/exp');
      assert.equal(plan.gpus, 0);
      assert.equal(plan.env.ELECTRON_RUN_AS_NODE, '1');
      assert.equal(plan.env.PYTHONUNBUFFERED, '1');
    }
    assert.equal(
      planLaunch({ run: { command: ['python', 't.py'] } }, ctx).argv[0],
      'python',
      'a command alone runs it',
    );
    assert.equal(planLaunch(cmd({}), ctx).env.ELECTRON_RUN_AS_NODE, undefined);
  });

  it('run.command must be a non-empty list of strings and numbers; numbers become words', () => {
    for (const command of ['python t.py', [], ['python', true], ['python', null], ['python', ['a']], { 0: 'python' }])
      refuses({ run: { trainer: 'command', command } }, /^run\.command must be a non-empty list of arguments/);
    refuses({ run: { trainer: 'command' } }, /^run\.command must be a non-empty list/);
    assert.deepEqual(planLaunch(cmd({ command: ['python', 't.py', '--lr', 0.001, 3] }), ctx).argv, [
      'python',
      't.py',
      '--lr',
      '0.001',
      '3',
    ]);
  });

  it('run.python replaces exactly `python` or `python3`, resolved against the experiment’s folder', () => {
    const first = (command: string[], python: unknown = '../.venv/bin/python') =>
      planLaunch(cmd({ command, python }), ctx).argv[0];
    assert.equal(first(['python', 't.py']), '/ws/.venv/bin/python');
    assert.equal(first(['python3', 't.py']), '/ws/.venv/bin/python');
    assert.equal(first(['python3', 't.py'], '/opt/py/bin/python3'), '/opt/py/bin/python3');
    for (const other of ['python3.11', 'mypython', 'python2', 'pythonx', '/usr/bin/python'])
      assert.equal(first([other, 't.py']), other);
    assert.equal(first(['python', 't.py'], 3), 'python', 'a python that is not a string is ignored');
  });

  it('torchrun: only for more than one GPU on one node when asked; `python [-u]` dropped, other programs kept', () => {
    const tr = (command: string[], resources: object, c: LaunchContext = ctx) =>
      planLaunch(cmd({ command, distributed: 'torchrun' }, resources), c).argv;
    assert.deepEqual(tr(['python', '-u', 't.py', '-u'], { gpus: 2 }), [
      'torchrun',
      '--standalone',
      '--nproc_per_node=2',
      't.py',
      '-u',
    ]);
    assert.deepEqual(tr(['/usr/bin/python3', 't.py', '--x'], { gpus: 4 }), [
      'torchrun',
      '--standalone',
      '--nproc_per_node=4',
      't.py',
      '--x',
    ]);
    assert.deepEqual(tr(['accelerate', '-u', 't.py'], { gpus: 2 }), [
      'torchrun',
      '--standalone',
      '--nproc_per_node=2',
      'accelerate',
      '-u',
      't.py',
    ]);
    assert.deepEqual(tr(['python', 't.py'], { gpus: 2, nodes: 1 }).slice(0, 3), [
      'torchrun',
      '--standalone',
      '--nproc_per_node=2',
    ]);
    assert.deepEqual(tr(['python', 't.py'], { gpus: 2, nodes: '2' })[0], 'torchrun', 'nodes not a number: one node');
    assert.deepEqual(tr(['python', 't.py'], { gpus: 1 }), ['python', 't.py']);
    assert.deepEqual(tr(['python', 't.py'], { gpus: 2, nodes: 2 }), ['python', 't.py']);
    assert.deepEqual(planLaunch(cmd({ distributed: 'none' }, { gpus: 2 }), ctx).argv, ['python', 't.py']);
  });

  it('run.working_dir: expanded and resolved against the experiment’s folder; absent or not a string, that folder', () => {
    assert.equal(planLaunch(cmd({ working_dir: 'src' }), ctx).cwd, '/ws/exp/src');
    assert.equal(planLaunch(cmd({ working_dir: '${workspace}/data' }), ctx).cwd, '/ws/data');
    assert.equal(planLaunch(cmd({ working_dir: 3 }), ctx).cwd, '/ws/exp');
    assert.equal(planLaunch(cmd({}), ctx).cwd, '/ws/exp');
  });

  it('refuses a NUL in any word, the folder or a value, naming the field; an invalid variable name, quoted and cut', () => {
    refuses(cmd({ command: ['python', 'a\0b'] }), /^run\.command contains a NUL character; remove it\.$/);
    refuses(cmd({ working_dir: 'a\0b' }), /^run\.working_dir contains a NUL character/);
    refuses(cmd({ env: { GOOD_1: 'a\0b' } }), /^run\.env\.GOOD_1 contains a NUL character/);
    refuses({ run: {} }, /^run\.command contains a NUL/, { ...ctx, nodePath: '/usr/bin/no\0de' });
    for (const name of ['1A', 'A-B', 'A B', '', 'É', 'A\nB'])
      refuses(cmd({ env: { [name]: 'x' } }), /is not a valid environment variable name/);
    const long = `${'x'.repeat(70)}-`;
    refuses(
      cmd({ env: { [long]: 'x' } }),
      new RegExp(
        `^run\\.env: "${'x'.repeat(60)}" is not a valid environment variable name \\(letters, digits and _, not starting with a digit\\); rename it\\.$`,
      ),
    );
    for (const name of ['_', 'a', 'A_1', 'z9', '_X'])
      assert.equal(planLaunch(cmd({ env: { [name]: 'x' } }), ctx).env[name], 'x', name);
  });
});
