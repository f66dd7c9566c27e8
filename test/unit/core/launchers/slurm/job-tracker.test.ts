import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SlurmResult, SlurmRunner } from '../../../../../core/src/launchers/slurm/command-runner';
import { SlurmJobTracker } from '../../../../../core/src/launchers/slurm/job-tracker';
import { reattachSlurmRuns } from '../../../../../core/src/launchers/slurm/reattach';
import { JOB_EXIT_MARKER, JOB_SCRIPT } from '../../../../../core/src/launchers/slurm/sbatch-script';
import { SlurmSubmitError, submitSlurmRun } from '../../../../../core/src/launchers/slurm/submit';
import { RunStore } from '../../../../../core/src/runs/run-store';
import { FakeClock } from '../../../../support/fake-clock';

const EXPERIMENT =
  'metadata: {name: tiny}\nresources: {cpus: 1}\nrun: {trainer: command, command: [python, train.py], launcher: slurm, slurm: {partition: debug}}\n';

/** A fake cluster: `scontrol show job` answers with `state()`; every call is recorded. */
function fakeSlurm(state: () => string | 'gone', opts: { sbatch?: SlurmResult } = {}) {
  const calls: string[] = [];
  const runner: SlurmRunner = async (argv, call) => {
    calls.push(argv.join(' '));
    if (argv[0] === 'sbatch')
      return (
        opts.sbatch ?? { code: 0, stdout: `42${call?.input?.includes('#SBATCH') ? '' : 'no script!'}\n`, stderr: '' }
      );
    if (argv[0] === 'scancel') return { code: 0, stdout: '', stderr: '' };
    if (argv[0] === 'scontrol' && argv[1] === 'show' && argv[2] === 'job') {
      const s = state();
      return s === 'gone'
        ? { code: 1, stdout: '', stderr: 'slurm_load_jobs error: Invalid job id specified\n' }
        : { code: 0, stdout: `JobId=42 JobName=x ${s} NodeList=node1 TimeLimit=00:10:00\n`, stderr: '' };
    }
    return { code: 1, stdout: '', stderr: 'not available' };
  };
  return { runner, calls };
}

const workspaces: string[] = [];

async function submitted(runner: SlurmRunner) {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-slurm-unit-'));
  workspaces.push(ws);
  const experimentPath = path.join(ws, 'tiny.experiment.yaml');
  writeFileSync(experimentPath, EXPERIMENT);
  return submitSlurmRun({
    workspace: ws,
    experimentPath,
    experimentText: EXPERIMENT,
    builtinTrainer: '/x/builtin.js',
    nodePath: '/usr/bin/node',
    runner,
  });
}

describe('Slurm submit and job tracking (fake cluster, fake clock)', () => {
  after(() => {
    for (const ws of workspaces) rmSync(ws, { recursive: true, force: true });
  });
  it('submits with sbatch --parsable (script on stdin), keeps job.sbatch and records the job id', async () => {
    const { runner, calls } = fakeSlurm(() => 'JobState=PENDING Reason=Priority ExitCode=0:0');
    const run = await submitted(runner);
    assert.deepEqual(calls, ['sbatch --parsable']);
    const record = await RunStore.read(run.dir);
    assert.deepEqual([record?.launcher, record?.jobId, record?.state], ['slurm', '42', 'queued']);
    assert.match(readFileSync(path.join(run.dir, JOB_SCRIPT), 'utf8'), /^#SBATCH --partition=debug$/m);
  });

  it("shows sbatch's refusal verbatim with a hint, and marks the run failed", async () => {
    const { runner } = fakeSlurm(() => 'gone', {
      sbatch: {
        code: 1,
        stdout: '',
        stderr:
          'sbatch: error: invalid partition specified: debug\nsbatch: error: Batch job submission failed: Invalid partition name specified\n',
      },
    });
    const err = await submitted(runner).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof SlurmSubmitError);
    assert.match(
      err.sbatchMessage,
      /^sbatch: error: invalid partition specified: debug\nsbatch: error: Batch job submission failed/,
    );
    assert.match(err.hint, /run\.slurm\.partition.*EXP-025/);
    const record = await RunStore.read(err.runDir);
    assert.equal(record?.state, 'failed');
    assert.match(record?.reason ?? '', /invalid partition specified: debug/);
  });

  it('follows PENDING → RUNNING → COMPLETED, writing each change with its reason, then stops polling', async () => {
    let state = 'JobState=PENDING Reason=Resources ExitCode=0:0';
    const { runner, calls } = fakeSlurm(() => state);
    const run = await submitted(runner);
    const clock = new FakeClock();
    const seen: string[] = [];
    const tracker = await SlurmJobTracker.track({
      runner,
      store: run.store,
      dir: run.dir,
      clock,
      tailFiles: false,
      markerCheckMs: 5000,
      onChange: (r) => seen.push(`${r.state}: ${r.reason}`),
    });
    await clock.advance(1000);
    assert.deepEqual(seen, ['queued: PENDING (Resources)']);
    state = 'JobState=RUNNING Reason=None ExitCode=0:0';
    await clock.advance(1500);
    assert.deepEqual(seen.slice(1), ['running: RUNNING on node1']);
    const before = calls.length;
    await clock.advance(60_000);
    const perMinute = calls.length - before;
    assert.ok(perMinute >= 5 && perMinute <= 12, `polls during a minute of running: ${perMinute}`);
    state = 'JobState=COMPLETED Reason=None ExitCode=0:0';
    await clock.advance(20_000);
    const final = await tracker.done;
    assert.deepEqual([final.state, final.reason, final.exitCode], ['succeeded', 'COMPLETED (exit code 0)', 0]);
    assert.ok(final.endedAt);
    const after = calls.length;
    await clock.advance(10 * 60_000);
    assert.equal(calls.length, after, 'no Slurm call once the run has ended');
    assert.equal(clock.pending, 0, 'no timer left');
  });

  it('learns of the end from the exit marker without waiting for the next slow poll', async () => {
    let state = 'JobState=RUNNING Reason=None ExitCode=0:0';
    const { runner } = fakeSlurm(() => state);
    const clock = new FakeClock();
    const polledAt: number[] = [];
    const timed: SlurmRunner = (argv, o) => {
      if (argv[0] === 'scontrol') polledAt.push(clock.now());
      return runner(argv, o);
    };
    const run = await submitted(runner);
    await run.store.update(run.dir, { state: 'running' });
    const tracker = await SlurmJobTracker.track({
      runner: timed,
      store: run.store,
      dir: run.dir,
      clock,
      tailFiles: false,
      firstPollMs: 0,
      markerCheckMs: 2000,
    });
    await clock.advance(330_000); // running for 5.5 minutes: polls are 20 s apart now
    const last = polledAt[polledAt.length - 1]!;
    assert.equal(last - polledAt[polledAt.length - 2]!, 20_000);
    state = 'JobState=FAILED Reason=NonZeroExitCode ExitCode=3:0';
    writeFileSync(path.join(run.dir, JOB_EXIT_MARKER), '3\n');
    await clock.advance(last + 19_000 - clock.now()); // stop short of the next regular poll
    assert.equal(tracker.current.state, 'failed', 'the marker brought the end before the regular poll');
    const final = await tracker.done;
    assert.deepEqual([final.state, final.reason, final.exitCode], ['failed', 'FAILED (exit code 3)', 3]);
  });

  it('cancel() runs scancel and the run ends cancelled, "stopped by the user"', async () => {
    let state = 'JobState=RUNNING Reason=None ExitCode=0:0';
    const { runner, calls } = fakeSlurm(() => state);
    const run = await submitted(runner);
    const clock = new FakeClock();
    const tracker = await SlurmJobTracker.track({ runner, store: run.store, dir: run.dir, clock, tailFiles: false });
    await clock.advance(1000);
    await tracker.cancel();
    assert.ok(calls.includes('scancel 42'));
    state = 'JobState=CANCELLED Reason=None ExitCode=0:15';
    await clock.advance(1000);
    const final = await tracker.done;
    assert.deepEqual([final.state, final.reason], ['cancelled', 'stopped by the user (scancel)']);
  });

  it('keeps the state and retries when Slurm cannot be asked', async () => {
    let down = true;
    const { runner } = fakeSlurm(() => 'JobState=RUNNING Reason=None ExitCode=0:0');
    const flaky: SlurmRunner = async (argv, o) =>
      down && argv[0] === 'scontrol'
        ? { code: 1, stdout: '', stderr: 'slurm_load_jobs error: Unable to contact slurm controller (connect failure)' }
        : runner(argv, o);
    const run = await submitted(runner);
    const clock = new FakeClock();
    const tracker = await SlurmJobTracker.track({
      runner: flaky,
      store: run.store,
      dir: run.dir,
      clock,
      tailFiles: false,
    });
    await clock.advance(3000);
    assert.match(tracker.lastError ?? '', /Unable to contact slurm controller/);
    assert.equal((await RunStore.read(run.dir))?.state, 'queued');
    down = false;
    await clock.advance(5000);
    assert.equal((await RunStore.read(run.dir))?.state, 'running');
    tracker.dispose();
  });

  it('never passes a run.json "job id" that is not one to a Slurm command', async () => {
    const { runner, calls } = fakeSlurm(() => 'gone');
    const run = await submitted(runner);
    await run.store.update(run.dir, { jobId: '1; rm -rf ~', state: 'running' });
    await assert.rejects(
      SlurmJobTracker.track({ runner, store: run.store, dir: run.dir, tailFiles: false }),
      /is not a Slurm job id/,
    );
    assert.deepEqual(await reattachSlurmRuns(run.store, { runner, tailFiles: false }), []);
    assert.deepEqual(calls, ['sbatch --parsable']);
  });

  it('re-attaches by job id after a reload; a job gone from Slurm ends by its exit marker', async () => {
    const { runner } = fakeSlurm(() => 'gone');
    const run = await submitted(runner);
    await run.store.update(run.dir, { state: 'running' });
    writeFileSync(path.join(run.dir, JOB_EXIT_MARKER), '0\n');
    const clock = new FakeClock();
    const trackers = await reattachSlurmRuns(run.store, { runner, clock, tailFiles: false });
    assert.equal(trackers.length, 1);
    await clock.advance(10);
    const final = await trackers[0]!.done;
    assert.deepEqual([final.state, final.exitCode], ['succeeded', 0]);
    assert.ok(existsSync(path.join(run.dir, 'run.json')));
  });
});
