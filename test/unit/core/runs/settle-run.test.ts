import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_MARKER } from '../../../../core/src/launchers/exit-recorder';
import { STOP_MARKER } from '../../../../core/src/launchers/final-state';
import { RUN_TOKEN_ENV } from '../../../../core/src/launchers/process-identity';
import { isAlive, processStartTime } from '../../../../core/src/launchers/process-tree';
import { NEVER_STARTED_MS, observedRecord, settleRun, SETTLE_CLAIM } from '../../../../core/src/launchers/settle-run';
import { reattachRuns } from '../../../../core/src/runs/reattach';
import { RunStore } from '../../../../core/src/runs/run-store';
import { waitFor } from '../../../support/wait';

/** A pid that ran once and is gone now (a finished child of ours cannot be reused this fast in practice). */
const DEAD_PID = 4_194_000;

describe('the hand-over of run.json when the runner is gone (settle-run)', () => {
  let ws: string;
  let store: RunStore;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-settle-'));
    store = new RunStore(ws);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const orphan = async (extra: Record<string, unknown> = {}) => {
    const { dir } = await store.create(
      { experiment: 'exp', launcher: 'local', command: ['python', 'train.py'], cwd: ws, resources: { gpus: 0 } },
      '',
    );
    await store.update(dir, {
      state: 'running',
      pid: DEAD_PID,
      pidStartTime: 1,
      runnerPid: DEAD_PID - 1,
      runnerStartTime: 1,
      ...extra,
    });
    return dir;
  };

  for (const [status, state] of [
    ['0', 'succeeded'],
    ['3', 'failed'],
    ['137', 'failed'],
  ] as const) {
    it(`records the command's real exit status ${status} from the exit marker (${state})`, async () => {
      const dir = await orphan();
      writeFileSync(path.join(dir, EXIT_MARKER), `${status}\n`);
      const r = await settleRun(store, dir);
      assert.deepEqual([r?.state, r?.exitCode], [state, Number(status)]);
      assert.match(r?.reason ?? '', /recorded after its runner ended/);
    });
  }

  it('without a marker the end is failed with an unknown exit code, saying why', async () => {
    const r = await settleRun(store, await orphan());
    assert.deepEqual([r?.state, r?.exitCode], ['failed', null]);
    assert.match(r?.reason ?? '', /left no exit status/);
  });

  it('a stop request makes it cancelled', async () => {
    const dir = await orphan();
    writeFileSync(path.join(dir, STOP_MARKER), 'x');
    writeFileSync(path.join(dir, EXIT_MARKER), '143\n');
    assert.equal((await settleRun(store, dir))?.state, 'cancelled');
  });

  it('never writes while the runner lives: it is the one writer', async () => {
    const dir = await orphan({ runnerPid: process.pid, runnerStartTime: processStartTime(process.pid) });
    writeFileSync(path.join(dir, EXIT_MARKER), '0\n');
    const before = statSync(path.join(dir, 'run.json')).mtimeMs;
    assert.equal((await settleRun(store, dir))?.state, 'running');
    assert.equal(statSync(path.join(dir, 'run.json')).mtimeMs, before);
  });

  it('observedRecord shows the settlement without writing (liftoff runs is a reader)', async () => {
    const dir = await orphan();
    writeFileSync(path.join(dir, EXIT_MARKER), '0\n');
    const before = statSync(path.join(dir, 'run.json')).mtimeMs;
    const seen = await observedRecord({ dir, record: (await RunStore.read(dir))! });
    assert.equal(seen.state, 'succeeded');
    assert.equal(statSync(path.join(dir, 'run.json')).mtimeMs, before);
    assert.equal((await RunStore.read(dir))?.state, 'running');
  });

  it('concurrent settlers: one claim, one final state', async () => {
    const dir = await orphan();
    writeFileSync(path.join(dir, EXIT_MARKER), '0\n');
    const results = await Promise.all(Array.from({ length: 8 }, () => settleRun(store, dir)));
    assert.ok(results.every((r) => r?.state === 'succeeded' || r?.state === 'running'));
    assert.equal((await RunStore.read(dir))?.state, 'succeeded');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f === SETTLE_CLAIM),
      [SETTLE_CLAIM],
    );
  });

  it('reattachRuns settles what ended unseen and leaves queued runs being started alone', async () => {
    const done = await orphan();
    writeFileSync(path.join(done, EXIT_MARKER), '0\n');
    const { dir: starting } = await store.create(
      { experiment: 'exp', launcher: 'local', command: [], cwd: ws, resources: { gpus: 0 } },
      '',
    );
    const result = await reattachRuns(store);
    assert.deepEqual(
      result.settled.map((r) => r.record.state),
      ['succeeded'],
    );
    assert.equal((await RunStore.read(starting))?.state, 'queued');
  });

  describe('a queued run whose command was never recorded (its runner or launcher was killed while starting it)', () => {
    const TOKEN = 'ab'.repeat(16);
    const queued = async (extra: Record<string, unknown> = {}) => {
      const { dir } = await store.create(
        { experiment: 'exp', launcher: 'local', command: ['python', 'train.py'], cwd: ws, resources: { gpus: 0 } },
        '',
      );
      if (Object.keys(extra).length) await store.update(dir, extra);
      return dir;
    };
    const deadRunner = { runnerPid: DEAD_PID - 1, runnerStartTime: 1, pidToken: TOKEN };

    it('while its runner lives, the runner is starting it: nothing is written', async () => {
      const dir = await queued({ runnerPid: process.pid, runnerStartTime: processStartTime(process.pid) });
      writeFileSync(path.join(dir, EXIT_MARKER), '0\n');
      assert.equal((await settleRun(store, dir))?.state, 'queued');
    });

    it('the runner died after starting the command: the exit marker gives the real status', async () => {
      const dir = await queued(deadRunner);
      writeFileSync(path.join(dir, EXIT_MARKER), '42\n');
      const r = await settleRun(store, dir);
      assert.deepEqual([r?.state, r?.exitCode], ['failed', 42]);
    });

    it('the runner died after starting the command, which still runs: it is found by its token and left to end', async () => {
      const dir = await queued(deadRunner);
      const command = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
        env: { ...process.env, [RUN_TOKEN_ENV]: TOKEN },
        stdio: 'ignore',
      });
      try {
        await waitFor(() => command.pid !== undefined && processStartTime(command.pid) !== undefined, {
          timeoutMs: 10_000,
          what: 'the command to start',
        });
        assert.equal((await settleRun(store, dir))?.state, 'queued');
        assert.deepEqual((await reattachRuns(store)).settled, []);
      } finally {
        command.kill('SIGKILL');
        await waitFor(() => !isAlive(command.pid!), { timeoutMs: 10_000, what: 'the command to end' });
      }
      writeFileSync(path.join(dir, EXIT_MARKER), '0\n');
      assert.equal((await settleRun(store, dir))?.state, 'succeeded');
    });

    it('the runner died before it started the command: failed, saying nothing ran', async () => {
      const r = await settleRun(store, await queued(deadRunner));
      assert.deepEqual([r?.state, r?.exitCode], ['failed', null]);
      assert.match(r?.reason ?? '', /before it started the command; nothing ran/);
    });

    it('no runner ever took it up: left to its launcher, then failed after NEVER_STARTED_MS', async () => {
      const young = await queued();
      assert.equal((await settleRun(store, young))?.state, 'queued');
      const old = await queued({ createdAt: new Date(Date.now() - NEVER_STARTED_MS - 1000).toISOString() });
      const r = await settleRun(store, old);
      assert.equal(r?.state, 'failed');
      assert.match(r?.reason ?? '', /never started/);
    });

    it("the runner's host saw it end: its exit code, unless the exit marker says the command ran", async () => {
      const r = await settleRun(store, await queued(), { runnerExitCode: 1 });
      assert.deepEqual([r?.state, r?.exitCode], ['failed', 1]);
      const ran = await queued();
      writeFileSync(path.join(ran, EXIT_MARKER), '0\n');
      assert.equal((await settleRun(store, ran, { runnerExitCode: 137 }))?.state, 'succeeded');
    });
  });
});
