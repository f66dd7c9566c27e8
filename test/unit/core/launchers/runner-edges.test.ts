/**
 * The local runner at its edges (issue 22, mutation testing of `core/src/launchers/runner.ts`), with real processes:
 * Liftoff's own time limit (and one too long for a timer), the hooks, what the runner writes into stdout.log itself,
 * a log file that already holds bytes or is a link, and a command the recorder's shell cannot run.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRun } from '../../../../core/src/launchers/runner';
import type { LaunchPlan } from '../../../../core/src/launchers/launch-plan';
import type { RunRecord } from '../../../../core/src/runs/run-record';
import { RunStore } from '../../../../core/src/runs/run-store';
import { TIMELINE_FILE } from '../../../../core/src/runs/timeline';
import { waitFor } from '../../../support/wait';

describe('local runner at its edges (real processes)', function () {
  this.timeout(30_000);
  let ws: string;
  let store: RunStore;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-runner-edges-'));
    store = new RunStore(ws);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));
  const create = async () =>
    (await store.create({ experiment: 'exp', launcher: 'local', command: [], cwd: ws, resources: { gpus: 0 } }, ''))
      .dir;
  const plan = (script: string, more: Partial<LaunchPlan> = {}): LaunchPlan => {
    const file = path.join(ws, `job${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(file, script);
    return { argv: [process.execPath, file], cwd: ws, env: {}, gpus: 0, notes: [], ...more };
  };

  it('the time limit stops the whole run: failed, with its reason, and Liftoff’s words at the end of stdout.log', async () => {
    const dir = await create();
    const final = await (
      await startRun(store, dir, plan('console.log("started"); setInterval(() => {}, 1000)', { timeLimitSec: 1 }))
    ).done;
    assert.equal(final.state, 'failed');
    assert.equal(final.reason, 'time limit 00:00:01 reached (resources.time_limit); Liftoff stopped the run');
    assert.equal(final.reasonCode?.code, 'time-limit');
    assert.equal(
      readFileSync(path.join(dir, 'stdout.log'), 'utf8'),
      'started\n\nliftoff: time limit 00:00:01 reached (resources.time_limit): stopping the run\n',
    );
  });

  it('the time limit also stops a job the command left in the background holding its output (the shell exited)', async () => {
    const dir = await create();
    const started = Date.now();
    const run = await startRun(store, dir, {
      argv: ['/bin/sh', '-c', 'sleep 60 & echo left a job behind'],
      cwd: ws,
      env: {},
      gpus: 0,
      notes: [],
      timeLimitSec: 1,
    });
    const final = await run.done;
    assert.equal(final.state, 'failed');
    assert.equal(final.reasonCode?.code, 'time-limit');
    // Not the background job's 60 s: a hang guard, not a speed check (the limit is 1 s, the grace 5 s).
    assert.ok(Date.now() - started < 30_000, 'the background job was stopped');
  });

  it('Stop also stops a background job holding the output after the shell exited', async () => {
    const dir = await create();
    const run = await startRun(store, dir, {
      argv: ['/bin/sh', '-c', 'sleep 60 & echo left a job behind'],
      cwd: ws,
      env: {},
      gpus: 0,
      notes: [],
    });
    // The shell (the run's process) has exited and been reaped; the background job still holds the pipe.
    await waitFor(() => readFileSync(path.join(dir, 'stdout.log'), 'utf8').includes('left a job'), {
      timeoutMs: 20_000,
      intervalMs: 20,
      what: 'the shell to print its line',
    });
    await waitFor(() => !existsSync(`/proc/${run.pid}`), { timeoutMs: 20_000, intervalMs: 20, what: 'the shell gone' });
    await run.stop(1000);
    const final = await run.done;
    assert.equal(final.state, 'cancelled');
  });

  it('a time limit too long for a timer (2^31 ms and more) sets none: the run ends by itself', async () => {
    const dir = await create();
    const final = await (
      await startRun(store, dir, plan('setTimeout(() => {}, 300)', { timeLimitSec: 2 ** 31 / 1000 }))
    ).done;
    assert.equal(final.state, 'succeeded');
    assert.equal(final.exitCode, 0);
  });

  it('hooks: every chunk of output as text (a cut UTF-8 sequence at the end too), and each state written', async () => {
    const dir = await create();
    const output: string[] = [];
    const states: string[] = [];
    const final = await (
      await startRun(
        store,
        dir,
        plan('process.stdout.write("out €\\n"); process.stderr.write(Buffer.from([0x65, 0x72, 0x72, 0xe2, 0x82]))'),
        { onOutput: (t) => output.push(t), onChange: (r: RunRecord) => states.push(r.state) },
      )
    ).done;
    assert.equal(final.state, 'succeeded');
    const text = output.join('');
    assert.ok(text.includes('out €\n'), JSON.stringify(text));
    assert.ok(text.includes('err\ufffd'), JSON.stringify(text));
    assert.deepEqual(states, ['running', 'succeeded']);
  });

  it('exit 126 and 127 (the shell could not run it): the reason is also written into stdout.log', async () => {
    for (const code of [126, 127]) {
      const dir = await create();
      const final = await (await startRun(store, dir, plan(`process.exit(${code})`))).done;
      assert.equal(final.exitCode, code);
      assert.ok(final.reason && /`.*node`/.test(final.reason), final.reason);
      assert.equal(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), `liftoff: ${final.reason}\n`);
    }
    const dir = await create();
    await (
      await startRun(store, dir, plan('process.exit(3)'))
    ).done;
    assert.equal(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), '', 'other codes: nothing added');
  });

  it('a command killed by a signal ends failed with the signal in its reason', async () => {
    const dir = await create();
    const final = await (await startRun(store, dir, plan('process.kill(process.pid, "SIGKILL")'))).done;
    assert.equal(final.state, 'failed');
    assert.equal(final.exitCode, 137);
    assert.match(final.reason ?? '', /137.*9/);
  });

  it('a log that already holds bytes: the timeline counts from its end; a link in its place is not written through', async () => {
    const dir = await create();
    writeFileSync(path.join(dir, 'stdout.log'), 'pre\n');
    const target = path.join(ws, 'elsewhere');
    writeFileSync(target, '');
    unlinkSync(path.join(dir, 'stderr.log'));
    symlinkSync(target, path.join(dir, 'stderr.log'));
    const final = await (await startRun(store, dir, plan('console.log("x"); console.error("e")'))).done;
    assert.equal(final.state, 'succeeded');
    assert.equal(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), 'pre\nx\n');
    assert.equal(readFileSync(target, 'utf8'), '', 'nothing written through the link');
    const records = readFileSync(path.join(dir, TIMELINE_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; stream?: string; end?: number });
    assert.deepEqual(
      records.filter((r) => r.type === 'output').map((r) => `${r.stream}:${r.end}`),
      ['stdout:6', 'stderr:0'],
    );
  });

  it('a command that cannot be started at all: failed, with why, in run.json and stdout.log', async () => {
    const dir = await create();
    // The recorder's shell starts, so "cannot start" is the shell's 127; without the shell (a missing cwd) spawn fails.
    const final = await (await startRun(store, dir, { ...plan(''), cwd: path.join(ws, 'missing') })).done;
    assert.equal(final.state, 'failed');
    assert.equal(final.exitCode, null);
    assert.match(final.reason ?? '', /^the working folder .*missing does not exist or is not a folder/);
    assert.equal(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), `liftoff: ${final.reason}\n`);
  });
});
