import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { proveRunProcess } from '../../../../core/src/launchers/process-identity';
import { isAlive, processStartTime } from '../../../../core/src/launchers/process-tree';
import { startRun } from '../../../../core/src/launchers/runner';
import { markRunStopped, stopLocalRun } from '../../../../core/src/launchers/stop-run';
import { EXIT_MARKER } from '../../../../core/src/launchers/exit-recorder';
import { RunStore } from '../../../../core/src/runs/run-store';
import type { LaunchPlan } from '../../../../core/src/launchers/launch-plan';
import { waitFor } from '../../../support/wait';

/** Signals Liftoff sends during `fn` (signal 0, an existence probe, is not a signal). */
async function signalsDuring(fn: () => Promise<unknown>): Promise<Array<[number, string | number | undefined]>> {
  const real = process.kill;
  const sent: Array<[number, string | number | undefined]> = [];
  process.kill = ((pid: number, sig?: string | number) => {
    if (sig !== 0) sent.push([pid, sig]);
    return real.call(process, pid, sig);
  }) as typeof process.kill;
  try {
    await fn();
  } finally {
    process.kill = real;
  }
  return sent;
}

describe('process identity: Liftoff signals only what it started (real processes)', function () {
  this.timeout(30_000);
  let ws: string;
  let store: RunStore;
  const others: ChildProcess[] = [];
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-ident-'));
    store = new RunStore(ws);
  });
  afterEach(() => {
    for (const c of others.splice(0)) c.kill('SIGKILL');
    rmSync(ws, { recursive: true, force: true });
  });

  const plan = (script: string): LaunchPlan => {
    const file = path.join(ws, `job-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(file, script);
    return { argv: [process.execPath, file], cwd: ws, env: {}, gpus: 0, notes: [] };
  };
  const create = () =>
    store.create({ experiment: 'exp', launcher: 'local', command: [], cwd: ws, resources: { gpus: 0 } }, '');
  /** A process of this user that Liftoff did not start for the run: its own group, like a run's, but no token. */
  const stranger = () => {
    const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    others.push(c);
    return c.pid!;
  };

  it('a run started by the runner is proven, and Stop from another session ends it as cancelled', async () => {
    const { dir } = await create();
    const running = await startRun(store, dir, plan('setInterval(() => {}, 1000)'));
    const record = (await RunStore.read(dir))!;
    assert.equal(proveRunProcess(record, dir).ok, true);
    const sent = await signalsDuring(() => stopLocalRun(store, dir, 500));
    assert.ok(
      sent.length > 0 && sent.every(([pid]) => pid === -record.pid!),
      `signals went only to the run's group: ${JSON.stringify(sent)}`,
    );
    const final = await running.done;
    assert.equal(final.state, 'cancelled');
    assert.ok(!isAlive(record.pid!));
  });

  it('a committed run.json naming a live process of the user (own group, right start time) gets no signal; Stop says why', async () => {
    const { dir } = await create();
    const pid = stranger();
    await waitFor(() => processStartTime(pid) !== undefined, { timeoutMs: 5000, what: 'the stranger to start' });
    await store.update(dir, { state: 'running', pid, pidStartTime: processStartTime(pid), pidToken: 'a'.repeat(32) });
    let outcome;
    const sent = await signalsDuring(async () => {
      outcome = await stopLocalRun(store, dir, 100);
    });
    assert.deepEqual(sent, []);
    assert.equal(outcome!.stopped, false);
    assert.match(
      (outcome as unknown as { why: string }).why,
      /does not hold this run's token: Liftoff did not start it/,
    );
    assert.ok(isAlive(pid), 'the stranger still runs');
    const marked = await markRunStopped(store, dir);
    assert.equal(marked?.state, 'cancelled');
    assert.match(marked?.reason ?? '', /nothing was signalled/);
    assert.ok(isAlive(pid), 'marking stopped signals nothing');
  });

  it('never signals pid 1, 0, negatives, its own process or a record without identity', async () => {
    const { dir } = await create();
    const forged = [1, 0, -1, 2 ** 31, process.pid, process.ppid, 1.5];
    const sent = await signalsDuring(async () => {
      for (const pid of forged) {
        const raw = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
        writeFileSync(
          path.join(dir, 'run.json'),
          JSON.stringify({ ...raw, state: 'running', pid, pidStartTime: processStartTime(Math.abs(Math.trunc(pid))) }),
        );
        const outcome = await stopLocalRun(store, dir, 100);
        assert.equal(outcome.stopped === false || (await RunStore.read(dir))?.state !== 'running', true);
      }
    });
    assert.deepEqual(sent, []);
    assert.ok(!isAlive(1), 'pid 1 is never a run (EPERM or not, it is not ours)');
  });

  it('the right token for another run folder is not proof either', async () => {
    const a = await create();
    const b = await create();
    const running = await startRun(store, a.dir, plan('setInterval(() => {}, 1000)'));
    const ra = (await RunStore.read(a.dir))!;
    await store.update(b.dir, { state: 'running', pid: ra.pid, pidStartTime: ra.pidStartTime, pidToken: ra.pidToken });
    const proof = proveRunProcess((await RunStore.read(b.dir))!, b.dir);
    assert.equal(proof.ok, false);
    assert.match((proof as { why: string }).why, /another run folder/);
    await running.stop(200);
    await running.done;
  });

  it("the exit recorder leaves the command's own exit status in the run folder", async () => {
    const { dir } = await create();
    const final = await (await startRun(store, dir, plan('process.exit(7)'))).done;
    assert.deepEqual([final.state, final.exitCode], ['failed', 7]);
    assert.equal(readFileSync(path.join(dir, EXIT_MARKER), 'utf8').trim(), '7');
  });
});
