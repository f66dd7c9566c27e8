/**
 * Three readers of a run that had no unit tests of their own (issue 22's mutation run found them uncovered):
 * `run.notify` (notify-hook.ts) — when it runs, what it is given and what it reports; the last value of a metric
 * for list views (last-metric.ts); and the commit a run records (git-info.ts). Real processes, real files.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { phrase, say } from '../../../../core/src/l10n';
import { gitInfo } from '../../../../core/src/runs/git-info';
import { lastMetric } from '../../../../core/src/runs/last-metric';
import { notifyHookOf, runNotifyHook } from '../../../../core/src/runs/notify-hook';
import type { RunRecord } from '../../../../core/src/runs/run-record';
import { RunStore } from '../../../../core/src/runs/run-store';

const diag = (cause: string) =>
  ({ cause, title: `T ${cause}`, detail: '', evidence: [], transient: false }) as unknown as Parameters<
    typeof runNotifyHook
  >[1];

describe('run.notify', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-notify-'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const ended = async (command: string[] | undefined, patch: Partial<RunRecord>, on?: string) => {
    const config =
      command === undefined
        ? 'run: {}\n'
        : `run:\n  notify:\n    command: ${JSON.stringify(command)}\n${on ? `    on: ${on}\n` : ''}`;
    const store = new RunStore(ws);
    const { dir } = await store.create(
      { experiment: 'exp', launcher: 'local', command: [], cwd: ws, resources: { gpus: 0 } },
      config,
    );
    return { dir, record: await store.update(dir, patch) };
  };
  const sh = (script: string) => ['sh', '-c', script, 'hook'];

  it('reads run.notify only when its command is a non-empty list of strings; on is all or failure', () => {
    assert.deepEqual(notifyHookOf({ run: { notify: { command: ['a', 'b'], on: 'all' } } }), {
      command: ['a', 'b'],
      on: 'all',
    });
    assert.equal(notifyHookOf({ run: { notify: { command: ['a'] } } })?.on, 'failure');
    assert.equal(notifyHookOf({ run: { notify: { command: ['a'], on: 'ALL' } } })?.on, 'failure');
    for (const bad of [
      undefined,
      null,
      {},
      { run: null },
      { run: 'x' },
      { run: { notify: null } },
      { run: { notify: 'curl x' } },
      { run: { notify: { command: [] } } },
      { run: { notify: { command: 'curl x' } } },
      { run: { notify: { command: ['curl', 3] } } },
    ])
      assert.equal(notifyHookOf(bad), undefined, JSON.stringify(bad));
  });

  it('does not run without a command, before the end, or on success when it is for failures', async () => {
    assert.deepEqual(await runNotifyHook(await ended(undefined, { state: 'failed' }), undefined), {
      ran: false,
      detail: 'no run.notify command',
    });
    for (const state of ['queued', 'running'] as const)
      assert.deepEqual(await runNotifyHook(await ended(['true'], { state }), undefined), {
        ran: false,
        detail: 'the run has not ended',
      });
    assert.deepEqual(await runNotifyHook(await ended(['true'], { state: 'succeeded' }), undefined), {
      ran: false,
      detail: 'run.notify runs on failure; the run succeeded',
    });
    const userStop = await runNotifyHook(await ended(['true'], { state: 'cancelled' }), diag('stopped-by-user'));
    assert.deepEqual(userStop, { ran: false, detail: 'run.notify runs on failure; the run cancelled' });
  });

  it('runs on failures and, with on: all, on success; a cancellation not asked for is a failure', async () => {
    assert.equal((await runNotifyHook(await ended(['true'], { state: 'failed' }), undefined)).ran, true);
    assert.equal((await runNotifyHook(await ended(['true'], { state: 'cancelled' }), diag('oom'))).ran, true);
    assert.equal((await runNotifyHook(await ended(['true'], { state: 'cancelled' }), undefined)).ran, true);
    const ok = await runNotifyHook(await ended(['true'], { state: 'succeeded' }, 'all'), undefined);
    assert.deepEqual(ok, {
      ran: true,
      exitCode: 0,
      detail: 'run.notify.command ran',
      detailPhrase: phrase('run.notify.command ran'),
    });
    assert.equal(say('zh-cn', ok.detailPhrase!), 'run.notify.command 已运行');
  });

  it('expands the known ${…} variables in arguments and sets LIFTOFF_* in the environment; unknown ones stay', async () => {
    const run = await ended(
      [
        ...sh(
          'echo "$1|$2|$3|$4|$5|$6|$LIFTOFF_RUN_ID|$LIFTOFF_EXPERIMENT|$LIFTOFF_RUN_STATE|$LIFTOFF_RUN_CAUSE|$LIFTOFF_RUN_DIR|$LIFTOFF_RUN_MESSAGE"',
        ),
        '${run_id}',
        '${experiment}-${state}',
        '${cause}',
        '${unknown}',
        '${run_dir}',
        '${message}',
      ],
      { state: 'failed', reason: 'exit code 1' },
    );
    const out = await runNotifyHook(run, diag('cuda-oom'));
    const id = run.record.id;
    const message = `Run ${id} of exp failed: T cuda-oom.`;
    const line = `${id}|exp-failed|cuda-oom|\${unknown}|${run.dir}|${message}|${id}|exp|failed|cuda-oom|${run.dir}|${message}`;
    assert.equal(out.detail, `run.notify.command ran: ${line.slice(0, 200)}`, 'the last line, cut at 200 characters');
  });

  it('runs in the experiment file’s folder, else in the run’s working folder', async () => {
    const inCwd = await ended(['pwd'], { state: 'failed' });
    assert.equal((await runNotifyHook(inCwd, undefined)).detail, `run.notify.command ran: ${ws}`);
    mkdirSync(path.join(ws, 'exps'));
    const inExp = await ended(['pwd'], { state: 'failed', experimentPath: path.join(ws, 'exps', 'e.yaml') });
    assert.equal((await runNotifyHook(inExp, undefined)).detail, `run.notify.command ran: ${path.join(ws, 'exps')}`);
  });

  it('reports a failing command with its exit code and the last line of its output, cut at 200 characters', async () => {
    const out = await runNotifyHook(
      await ended(sh(`echo first; printf '%0300d\\n' 7; exit 3`), { state: 'failed' }),
      undefined,
    );
    assert.equal(out.ran, true);
    assert.equal(out.exitCode, 3);
    assert.equal(out.detail, `run.notify.command exited with 3: ${'0'.repeat(200)}`);
    const quiet = await runNotifyHook(await ended(sh('exit 4'), { state: 'failed' }), undefined);
    assert.equal(quiet.detail, 'run.notify.command exited with 4');
    const err = await runNotifyHook(await ended(sh('echo on-stderr >&2; exit 5'), { state: 'failed' }), undefined);
    assert.equal(err.detail, 'run.notify.command exited with 5: on-stderr', 'stderr is output too');
  });

  it('kills a command that outlives its timeout, and says so; a command that cannot start is not run', async () => {
    const slow = await runNotifyHook(await ended(sh('exec sleep 30'), { state: 'failed' }), undefined, 200);
    assert.deepEqual(
      { ...slow, detailPhrase: undefined },
      {
        ran: true,
        exitCode: null,
        detail: 'run.notify.command was killed (SIGKILL; timeout 0.2 s)',
        detailPhrase: undefined,
      },
    );
    assert.equal(say('zh-cn', slow.detailPhrase!), 'run.notify.command 被终止（SIGKILL；超时 0.2 秒）');
    const missing = await runNotifyHook(await ended(['/nonexistent/notify-me'], { state: 'failed' }), undefined);
    assert.equal(missing.ran, false);
    assert.equal(missing.exitCode, null);
    assert.match(missing.detail, /^run\.notify\.command could not start: .*ENOENT/);
  });

  it('refuses an argument with a NUL character after expansion', async () => {
    const run = await ended(['echo', 'x'], { state: 'failed' });
    writeFileSync(path.join(run.dir, 'config.yaml'), 'run:\n  notify:\n    command: ["echo", "a\\0b"]\n');
    assert.deepEqual(await runNotifyHook(run, undefined), {
      ran: false,
      detail: 'run.notify.command contains a NUL character',
    });
  });
});

describe('the last value of a metric (last-metric)', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-last-metric-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  const file = (text: string) => {
    const f = path.join(tmp, 'metrics.jsonl');
    writeFileSync(f, text);
    return f;
  };

  it('the last record that has the metric as a number, skipping later lines without it, broken or not records', async () => {
    const f = file(
      [
        '{"step": 1, "loss": 0.9}',
        '  {"step": 2, "loss": 0.5}  ',
        '{"step": 3, "acc": 1}',
        '{"step": 4, "loss": "nan"}',
        'loss: 0.1',
        '{"step": 5, "loss": 0.0',
        '',
      ].join('\n'),
    );
    assert.equal(await lastMetric(f, 'loss'), 0.5);
    assert.equal(await lastMetric(f, 'acc'), 1);
    assert.equal(await lastMetric(f, 'step'), 4);
    assert.equal(await lastMetric(f, 'missing'), undefined);
    assert.equal(await lastMetric(file(''), 'loss'), undefined);
    assert.equal(await lastMetric(file('{"loss": 0}'), 'loss'), 0, 'a last line without a newline counts');
  });

  it('reads only the tail: a value further back than tailBytes is not found', async () => {
    const last = '{"loss": 1}\n';
    const filler = `{"acc": 2}\n`.repeat(10);
    const f = file(last + filler);
    assert.equal(await lastMetric(f, 'loss', last.length + filler.length), 1);
    assert.equal(await lastMetric(f, 'loss', last.length + filler.length - 1), undefined, 'one byte short');
    assert.equal(await lastMetric(f, 'acc', 11), 2);
  });

  it('a missing file, a folder, a symlink and a FIFO give nothing, at once', async () => {
    const f = file('{"loss": 1}\n');
    symlinkSync(f, path.join(tmp, 'link'));
    mkdirSync(path.join(tmp, 'dir'));
    execFileSync('mkfifo', [path.join(tmp, 'fifo')]);
    for (const name of ['missing', 'dir', 'link', 'fifo'])
      assert.equal(await lastMetric(path.join(tmp, name), 'loss'), undefined, name);
  });
});

describe('the commit a run records (git-info)', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-git-info-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', '-c', 'commit.gpgsign=false', ...args], {
      cwd: tmp,
      encoding: 'utf8',
    }).trim();

  it('HEAD and whether tracked files changed; untracked files do not make it dirty; outside git, nothing', async () => {
    assert.equal(await gitInfo(tmp), undefined);
    git('init', '-q');
    assert.equal(await gitInfo(tmp), undefined, 'no commit yet');
    writeFileSync(path.join(tmp, 'train.py'), 'print(1)\n');
    git('add', 'train.py');
    git('commit', '-q', '-m', 'one');
    const head = git('rev-parse', 'HEAD');
    assert.deepEqual(await gitInfo(tmp), { commit: head, dirty: false });
    writeFileSync(path.join(tmp, 'notes.txt'), 'untracked');
    assert.deepEqual(await gitInfo(tmp), { commit: head, dirty: false });
    writeFileSync(path.join(tmp, 'train.py'), 'print(2)\n');
    assert.deepEqual(await gitInfo(tmp), { commit: head, dirty: true });
    mkdirSync(path.join(tmp, 'sub'));
    assert.deepEqual(await gitInfo(path.join(tmp, 'sub')), { commit: head, dirty: true });
  });
});
