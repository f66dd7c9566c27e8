import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRun } from '../../../../core/src/launchers/runner';
import { descendants, isAlive, processStartTime } from '../../../../core/src/launchers/process-tree';
import { RunStore } from '../../../../core/src/runs/run-store';
import type { LaunchPlan } from '../../../../core/src/launchers/launch-plan';
import { waitFor } from '../../../support/wait';

function plan(script: string, dir: string): LaunchPlan {
  const file = path.join(dir, 'job.js');
  writeFileSync(file, script);
  return { argv: [process.execPath, file], cwd: dir, env: {}, gpus: 0, notes: [] };
}

describe('local runner (real processes)', function () {
  this.timeout(20000);
  let ws: string;
  let store: RunStore;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-run-'));
    store = new RunStore(ws);
  });
  const create = () =>
    store.create({ experiment: 'exp', launcher: 'local', command: [], cwd: ws, resources: { gpus: 0 } }, '');

  it('a run that exits 0 succeeds; its output is in stdout.log', async () => {
    const { dir } = await create();
    const run = await startRun(store, dir, plan('console.log("hello from the job")', ws));
    const final = await run.done;
    assert.equal(final.state, 'succeeded');
    assert.equal(final.exitCode, 0);
    assert.match(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), /hello from the job/);
  });

  it('a run that exits 3 fails with exit code 3', async () => {
    const { dir } = await create();
    const final = await (await startRun(store, dir, plan('process.exit(3)', ws))).done;
    assert.equal(final.state, 'failed');
    assert.equal(final.exitCode, 3);
    assert.equal(final.reason, 'exit code 3');
  });

  it('a missing interpreter fails with a clear reason', async () => {
    const { dir } = await create();
    const final = await (
      await startRun(store, dir, { argv: ['no-such-python3'], cwd: ws, env: {}, gpus: 0, notes: [] })
    ).done;
    assert.equal(final.state, 'failed');
    assert.match(final.reason ?? '', /`no-such-python3` was not found/);
  });

  it('records itself and the run token before it starts the command (so a settler knows who was starting it)', async () => {
    const { dir } = await create();
    // A working folder that does not exist: the command never starts, so `running` (with the pid) is never written.
    const final = await (
      await startRun(store, dir, {
        argv: [process.execPath],
        cwd: path.join(ws, 'missing'),
        env: {},
        gpus: 0,
        notes: [],
      })
    ).done;
    assert.equal(final.state, 'failed');
    assert.equal(final.pid, undefined);
    assert.deepEqual([final.runnerPid, final.runnerStartTime], [process.pid, processStartTime(process.pid)]);
    assert.match(final.pidToken ?? '', /^[0-9a-f]{32}$/);
  });

  it('Stop ends the whole process tree (children that ignore SIGTERM too) and the run is cancelled', async () => {
    const { dir } = await create();
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      console.log('child ' + child.pid);
      process.on('SIGTERM', () => {});
      setInterval(() => {}, 1000);`;
    const run = await startRun(store, dir, plan(script, ws));
    await waitFor(() => /child \d+/.test(readFileSync(path.join(dir, 'stdout.log'), 'utf8')), {
      timeoutMs: 5000,
      what: 'the grandchild to start',
    });
    const grandchild = Number(/child (\d+)/.exec(readFileSync(path.join(dir, 'stdout.log'), 'utf8'))![1]);
    assert.ok(run.pid && isAlive(run.pid) && isAlive(grandchild));
    assert.ok(descendants(run.pid).includes(grandchild));
    await run.stop(500);
    const final = await run.done;
    assert.equal(final.state, 'cancelled');
    assert.ok(!isAlive(run.pid), 'the run process is gone');
    await waitFor(() => !isAlive(grandchild), { timeoutMs: 3000, what: 'the grandchild to be gone' });
  });

  it('records the pid and its start time so a later session can re-attach', async () => {
    const { dir } = await create();
    const run = await startRun(store, dir, plan('setTimeout(() => {}, 300)', ws));
    const rec = await RunStore.read(dir);
    assert.equal(rec?.state, 'running');
    assert.equal(rec?.pid, run.pid);
    assert.ok(rec?.pidStartTime && isAlive(rec.pid!, rec.pidStartTime));
    assert.ok(!isAlive(rec!.pid!, rec!.pidStartTime! + 1), 'a different start time means another process');
    await run.done;
  });
});
