/**
 * Crashes: the runner (dist/runner/liftoff-run.js, the process a VS Code task or the CLI hosts) is killed with
 * SIGKILL mid-run, 20 times. The command goes on under its exit recorder; after it ends, re-attaching records its
 * real exit status, and no process of the run is left.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAlive } from '../../core/src/launchers/process-tree';
import { stopLocalRun } from '../../core/src/launchers/stop-run';
import { reattachRuns } from '../../core/src/runs/reattach';
import { RunStore } from '../../core/src/runs/run-store';
import { go, JOB } from '../support/crash-job';
import { REPO_ROOT } from '../support/fixtures';
import { waitFor } from '../support/wait';

const RUNNER = path.join(REPO_ROOT, 'dist', 'runner', 'liftoff-run.js');
const CRASHES = 20;

describe(`runner killed with SIGKILL mid-run (${CRASHES}×, real processes)`, function () {
  this.timeout(300_000);
  let ws: string;
  let store: RunStore;
  before(function () {
    if (!existsSync(RUNNER)) throw new Error(`${RUNNER} is missing: run \`npm run build\` first`);
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-crash-'));
    store = new RunStore(ws);
    writeFileSync(path.join(ws, 'job.js'), JOB);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  /** Starts a run under a real runner process, waits until the command runs, then kills the runner with SIGKILL. */
  async function startAndKillRunner(): Promise<{ dir: string; pid: number; jobPid: number }> {
    const { dir } = await store.create(
      { experiment: 'crash', launcher: 'local', command: [], cwd: ws, resources: { gpus: 0 } },
      '',
    );
    writeFileSync(
      path.join(dir, 'launch.json'),
      JSON.stringify({ argv: [process.execPath, path.join(ws, 'job.js')], cwd: ws, env: {}, gpus: 0, notes: [] }),
    );
    const runner = spawn(process.execPath, [RUNNER, dir], { stdio: 'ignore' });
    const exited = new Promise((r) => runner.once('exit', r));
    await waitFor(() => /job pid \d+/.test(readFileSync(path.join(dir, 'stdout.log'), 'utf8')), {
      timeoutMs: 20_000,
      what: 'the job to start',
    });
    const record = (await RunStore.read(dir))!;
    assert.equal(record.state, 'running');
    assert.equal(record.runnerPid, runner.pid);
    runner.kill('SIGKILL');
    await exited;
    const jobPid = Number(/job pid (\d+)/.exec(readFileSync(path.join(dir, 'stdout.log'), 'utf8'))![1]);
    assert.ok(isAlive(jobPid), 'the command outlives its runner');
    return { dir, pid: record.pid!, jobPid };
  }

  it(`${CRASHES}/${CRASHES} final states equal the command's real exit status after re-attach; no process left`, async () => {
    const codes = [0, 1, 3, 42, 137];
    const seen: string[] = [];
    for (let i = 0; i < CRASHES; i++) {
      const code = codes[i % codes.length]!;
      const { dir, pid, jobPid } = await startAndKillRunner();
      assert.equal(
        (await reattachRuns(store)).alive.some((r) => r.dir === dir),
        true,
        'still running while its command runs',
      );
      go(dir, code);
      await waitFor(() => !isAlive(pid) && !isAlive(jobPid), {
        timeoutMs: 20_000,
        what: 'the command and its recorder to end',
      });
      await reattachRuns(store);
      const final = (await RunStore.read(dir))!;
      seen.push(`${code}→${final.state}/${final.exitCode}`);
      assert.deepEqual(
        [final.state, final.exitCode],
        [code === 0 ? 'succeeded' : 'failed', code],
        `crash ${i + 1}: ${final.reason}`,
      );
    }
    assert.equal(seen.length, CRASHES, seen.join(' '));
  });

  it('a run whose runner was killed can still be stopped (proven identity) and ends cancelled', async () => {
    const { dir, pid, jobPid } = await startAndKillRunner();
    const outcome = await stopLocalRun(store, dir, 2000);
    assert.equal(outcome.stopped, true);
    assert.equal((await RunStore.read(dir))?.state, 'cancelled');
    assert.ok(!isAlive(pid) && !isAlive(jobPid), 'no process of the run is left');
  });
});
