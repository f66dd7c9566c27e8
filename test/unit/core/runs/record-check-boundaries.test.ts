/**
 * The edges of what run.json may say (record-check.ts): every bound a hostile or merely odd record can sit on, one
 * step inside and one step outside, and what the reader keeps — what a user sees in the Runs view and what Stop,
 * Delete and Re-run act on.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkRecord, isInside, isJobId, isPlainName, isRunPid } from '../../../../core/src/runs/record-check';

const ws = path.join(path.sep, 'home', 'u', 'ws');
const dir = path.join(ws, '.liftoff', 'runs', 'exp', '20260101-000000-00aa');
const read = (extra: Record<string, unknown>) => checkRecord({ state: 'running', ...extra }, dir, ws)!;

describe('run.json checks at their bounds (record-check)', () => {
  it('only an object with a known state is a run', () => {
    for (const data of [null, undefined, 3, 'running', [], ['running'], { state: 'done' }, {}, { state: 'RUNNING' }])
      assert.equal(checkRecord(data, dir, ws), undefined, JSON.stringify(data));
    for (const state of ['queued', 'running', 'succeeded', 'failed', 'cancelled'])
      assert.equal(checkRecord({ state }, dir, ws)?.state, state);
  });

  it('a bare record gets the defaults: id and experiment from the folder, local, no command, no GPUs', () => {
    assert.deepEqual(read({}), {
      id: '20260101-000000-00aa',
      experiment: 'exp',
      state: 'running',
      launcher: 'local',
      createdAt: '',
      startedAt: '',
      command: [],
      cwd: '',
      resources: { gpus: 0 },
      files: {
        config: 'config.yaml',
        stdout: 'stdout.log',
        stderr: 'stderr.log',
        metrics: 'metrics.jsonl',
        artifacts: 'artifacts',
      },
    });
    assert.equal(read({ launcher: 'slurm' }).launcher, 'slurm');
    assert.equal(read({ launcher: 'SLURM' }).launcher, 'local');
    assert.equal(read({ experiment: 'mine', cwd: '/w' }).experiment, 'mine');
    assert.equal(read({ cwd: '/w' }).cwd, '/w');
  });

  it('a run with no start time starts when it was created', () => {
    assert.equal(read({ createdAt: 'C' }).startedAt, 'C');
    assert.equal(read({ createdAt: 'C', startedAt: 'S' }).startedAt, 'S');
    assert.equal(read({ createdAt: 'C', startedAt: 5 }).startedAt, 'C');
  });

  it('text fields are cut at their lengths: experiment 200, times 64, cwd, reason and arguments 4000', () => {
    const long = 'x'.repeat(5000);
    const r = read({
      experiment: long,
      createdAt: long,
      startedAt: long,
      endedAt: long,
      cwd: long,
      reason: long,
      command: [long],
    });
    assert.deepEqual(
      [r.experiment, r.createdAt, r.startedAt, r.endedAt, r.cwd, r.reason, r.command[0]].map((s) => s?.length),
      [200, 64, 64, 64, 4000, 4000, 4000],
    );
    assert.equal(read({ reason: 3, endedAt: 3 }).reason, undefined);
    assert.equal(read({ endedAt: 3 }).endedAt, undefined);
  });

  it('the command keeps its strings, in order, at most 1000 of them', () => {
    assert.deepEqual(read({ command: ['python', 3, null, 'train.py', { a: 1 }, '--x'] }).command, [
      'python',
      'train.py',
      '--x',
    ]);
    const many = Array.from({ length: 1001 }, (_, i) => `a${i}`);
    assert.deepEqual(read({ command: many }).command, many.slice(0, 1000));
    assert.deepEqual(read({ command: 'python train.py' }).command, []);
  });

  it('GPUs: a whole number from 0 to 1024, else 0', () => {
    for (const [gpus, want] of [
      [0, 0],
      [1, 1],
      [1024, 1024],
      [1025, 0],
      [-1, 0],
      [1.5, 0],
      ['2', 0],
    ] as const)
      assert.equal(read({ resources: { gpus } }).resources.gpus, want, String(gpus));
    assert.equal(read({ resources: null }).resources.gpus, 0);
  });

  it('nodes: a whole number from 1 to 100,000; CUDA_VISIBLE_DEVICES: digits and commas only', () => {
    const nodes = (n: unknown) => read({ resources: { gpus: 1, nodes: n } }).resources.nodes;
    assert.deepEqual([1, 100_000, 0, 100_001, 2.5, '2'].map(nodes), [
      1,
      100_000,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const cvd = (v: unknown) => read({ resources: { gpus: 1, cudaVisibleDevices: v } }).resources.cudaVisibleDevices;
    assert.equal(cvd('0,1,3'), '0,1,3');
    assert.equal(cvd(''), '');
    assert.equal(cvd('1'.repeat(200)), '1'.repeat(200));
    assert.equal(cvd('1'.repeat(201)), undefined);
    assert.equal(cvd('0;rm -rf ~'), undefined);
    assert.equal(cvd('x0'), undefined);
    assert.equal(cvd(0), undefined);
  });

  it('exit codes: null or a 32-bit integer', () => {
    const code = (v: unknown) => read({ exitCode: v }).exitCode;
    assert.equal(code(null), null);
    assert.equal(code(0), 0);
    assert.equal(code(2 ** 31 - 1), 2 ** 31 - 1);
    assert.equal(code(-(2 ** 31 - 1)), -(2 ** 31 - 1));
    for (const bad of [2 ** 31, -(2 ** 31), 1.5, '1', undefined]) assert.equal(code(bad), undefined, String(bad));
    assert.ok(!('exitCode' in read({})));
  });

  it('pids are 2 to 4,194,304: never init, a process group or "every process"', () => {
    assert.deepEqual(
      [2, 4_194_304].map((p) => [isRunPid(p), read({ pid: p, runnerPid: p }).pid, read({ runnerPid: p }).runnerPid]),
      [
        [true, 2, 2],
        [true, 4_194_304, 4_194_304],
      ],
    );
    for (const p of [1, 0, -1, 4_194_305, 2.5, '123', NaN]) {
      assert.equal(isRunPid(p), false, String(p));
      const r = read({ pid: p, runnerPid: p });
      assert.deepEqual([r.pid, r.runnerPid], [undefined, undefined], String(p));
    }
  });

  it('start times are safe whole numbers of clock ticks from 0; the token is 32 lowercase hex digits', () => {
    const ticks = (v: unknown) => {
      const r = read({ pidStartTime: v, runnerStartTime: v });
      return [r.pidStartTime, r.runnerStartTime];
    };
    assert.deepEqual(ticks(0), [0, 0]);
    assert.deepEqual(ticks(Number.MAX_SAFE_INTEGER), [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]);
    for (const bad of [-1, 1.5, 2 ** 53, '5']) assert.deepEqual(ticks(bad), [undefined, undefined], String(bad));
    assert.equal(read({ pidToken: 'a'.repeat(32) }).pidToken, 'a'.repeat(32));
    for (const bad of ['a'.repeat(31), 'a'.repeat(33), 'A'.repeat(32), `${'a'.repeat(31)}g`, 5, ['a'.repeat(32)]])
      assert.equal(read({ pidToken: bad }).pidToken, undefined, String(bad));
  });

  it('Slurm job ids: 1–12 digits, optionally _ and 1–9 digits for an array task', () => {
    for (const ok of ['1', '123456789012', '77_1', '77_123456789']) {
      assert.ok(isJobId(ok), ok);
      assert.equal(read({ jobId: ok }).jobId, ok);
    }
    for (const bad of ['', '1234567890123', '77_', '_1', '77_1234567890', '77 ', ' 77', '77;x', '7a', 77])
      assert.equal(read({ jobId: bad }).jobId, undefined, String(bad));
  });

  it('a retry names its first run by a plain name and has attempt 2 to 100; otherwise neither is kept', () => {
    const retry = (retryOf: unknown, attempt: unknown) => {
      const r = read({ retryOf, attempt });
      return [r.retryOf, r.attempt];
    };
    assert.deepEqual(retry('r1', 2), ['r1', 2]);
    assert.deepEqual(retry('r1', 100), ['r1', 100]);
    for (const [of, a] of [
      ['r1', 1],
      ['r1', 101],
      ['r1', 2.5],
      ['r1', '2'],
      ['../r1', 2],
      ['', 2],
      [3, 2],
    ])
      assert.deepEqual(retry(of, a), [undefined, undefined], `${String(of)} ${String(a)}`);
  });

  it('the experiment file: an absolute path inside a known workspace, normalised', () => {
    assert.equal(read({ experimentPath: path.join(ws, 'x', '..', 'e.yaml') }).experimentPath, path.join(ws, 'e.yaml'));
    assert.equal(read({ experimentPath: ws }).experimentPath, ws);
    for (const bad of ['e.yaml', path.join(ws, '..', 'e.yaml'), `${ws}-other/e.yaml`, `${ws}/e\0.yaml`, '', 5])
      assert.equal(read({ experimentPath: bad }).experimentPath, undefined, String(bad));
    const noWorkspace = checkRecord({ state: 'running', experimentPath: path.join(ws, 'e.yaml') }, dir, undefined);
    assert.equal(noWorkspace?.experimentPath, undefined, 'without a known workspace nothing bounds it');
  });

  it('a git commit is 7–64 lowercase hex digits; dirty only when it says true', () => {
    assert.deepEqual(read({ git: { commit: 'abcdef0', dirty: true } }).git, { commit: 'abcdef0', dirty: true });
    assert.deepEqual(read({ git: { commit: 'f'.repeat(64), dirty: 'yes' } }).git, {
      commit: 'f'.repeat(64),
      dirty: false,
    });
    for (const bad of ['abcdef', 'f'.repeat(65), 'ABCDEF0', 'abcdefg', 1234567])
      assert.equal(read({ git: { commit: bad } }).git, undefined, String(bad));
    assert.equal(read({ git: null }).git, undefined);
  });

  it('file names: one segment of 1–255 characters, not . or .., no separator or NUL', () => {
    for (const ok of ['a', 'x'.repeat(255), '..a', 'a.b', '.hidden']) assert.ok(isPlainName(ok), ok);
    for (const bad of ['', 'x'.repeat(256), '.', '..', 'a/b', 'a\\b', 'a\0b', 3, null]) assert.ok(!isPlainName(bad));
    assert.deepEqual(
      read({ files: { config: 'c.yaml', stdout: 'a/b', stderr: '..', metrics: 'm', artifacts: 7 } }).files,
      {
        config: 'c.yaml',
        stdout: 'stdout.log',
        stderr: 'stderr.log',
        metrics: 'm',
        artifacts: 'artifacts',
      },
    );
    assert.equal(read({ files: null }).files.config, 'config.yaml');
  });

  it('isInside: the root itself and what is under it; not a sibling with the same prefix, not its parent', () => {
    assert.ok(isInside(ws, ws));
    assert.ok(isInside(ws, path.join(ws, 'a', 'b')));
    assert.ok(isInside(`${ws}/`, path.join(ws, 'a')));
    assert.ok(!isInside(ws, `${ws}-other`));
    assert.ok(!isInside(ws, path.dirname(ws)));
    assert.ok(!isInside(ws, path.join(ws, '..', 'x')));
  });

  it('property: any object with a known state reads as a record of bounded, well-typed fields', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('queued', 'running', 'succeeded', 'failed', 'cancelled'),
        fc.dictionary(fc.string(), fc.anything()),
        (state, extra) => {
          const r = checkRecord({ ...extra, state }, dir, ws)!;
          assert.equal(r.state, state);
          assert.equal(r.id, path.basename(dir));
          assert.ok(r.experiment.length <= 200 && r.createdAt.length <= 64 && r.startedAt.length <= 64);
          assert.ok(r.command.every((a) => typeof a === 'string' && a.length <= 4000));
          assert.ok(Object.values(r.files).every(isPlainName));
          assert.ok(r.pid === undefined || isRunPid(r.pid));
          assert.ok(r.jobId === undefined || isJobId(r.jobId));
          assert.ok(Number.isInteger(r.resources.gpus) && r.resources.gpus >= 0 && r.resources.gpus <= 1024);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
