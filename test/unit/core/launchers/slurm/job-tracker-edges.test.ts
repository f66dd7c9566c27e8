/**
 * The Slurm job tracker at its edges (issue 22, mutation testing of `core/src/launchers/slurm/job-tracker.ts`), on a
 * fake cluster and a fake clock: a job Slurm forgot (with and without an exit marker), a run that has already ended,
 * cancel's refusals and failures, when run.json is written (and `startedAt` only once), dispose, and the call count.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SlurmRunner } from '../../../../../core/src/launchers/slurm/command-runner';
import { SlurmJobTracker } from '../../../../../core/src/launchers/slurm/job-tracker';
import { JOB_EXIT_MARKER } from '../../../../../core/src/launchers/slurm/sbatch-script';
import { RunStore } from '../../../../../core/src/runs/run-store';
import { FakeClock } from '../../../../support/fake-clock';

/** A fake cluster answering `scontrol show job` with `state()` ('gone': not known); every call recorded. */
function cluster(state: () => string, opts: { stdoutOf?: (dir: string) => string; scancel?: number } = {}) {
  const calls: string[] = [];
  let dir = '';
  const runner: SlurmRunner = async (argv) => {
    calls.push(argv.join(' '));
    if (argv[0] === 'scancel')
      return opts.scancel
        ? {
            code: opts.scancel,
            stdout: '',
            stderr: 'scancel: error: Kill job error on job id 42: Access/permission denied',
          }
        : { code: 0, stdout: '', stderr: '' };
    if (argv[0] === 'scontrol') {
      const s = state();
      if (s === 'gone') return { code: 1, stdout: '', stderr: 'slurm_load_jobs error: Invalid job id specified\n' };
      const out = opts.stdoutOf?.(dir) ?? path.join(dir, 'stdout.log');
      return { code: 0, stdout: `JobId=42 JobName=x ${s} NodeList=node1 StdOut=${out}\n`, stderr: '' };
    }
    return { code: 1, stdout: '', stderr: 'not available' };
  };
  return { runner, calls, setDir: (d: string) => (dir = d) };
}

const SUBMITTED = '2000-01-01T00:00:00.000Z';

describe('Slurm job tracker at its edges (fake cluster, fake clock)', () => {
  let ws: string;
  let store: RunStore;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-tracker-edges-'));
    store = new RunStore(ws);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));
  async function job(state: 'queued' | 'running' | 'failed' = 'queued') {
    const { dir } = await store.create(
      { experiment: 'exp', launcher: 'slurm', command: [], cwd: ws, resources: { gpus: 0 } },
      '',
    );
    // The submission's time: the tracker moves it to when the job starts running.
    await store.update(dir, { jobId: '42', state, startedAt: SUBMITTED });
    return dir;
  }
  const track = (c: ReturnType<typeof cluster>, dir: string, clock: FakeClock, more: object = {}) => {
    c.setDir(dir);
    return SlurmJobTracker.track({ runner: c.runner, store, dir, clock, tailFiles: false, firstPollMs: 0, ...more });
  };

  it('a job Slurm no longer knows: its exit marker decides; without one, failed with no exit code', async () => {
    for (const [marker, expected] of [
      ['0\n', ['succeeded', 'exit code 0', 0]],
      ['3\n', ['failed', 'exit code 3', 3]],
      [
        undefined,
        [
          'failed',
          'Slurm no longer knows job 42 and it left no exit code (purged from the controller, no completion log); see stdout.log',
          null,
        ],
      ],
      [
        '1.5\n',
        [
          'failed',
          'Slurm no longer knows job 42 and it left no exit code (purged from the controller, no completion log); see stdout.log',
          null,
        ],
      ],
    ] as const) {
      const dir = await job('running');
      if (marker !== undefined) writeFileSync(path.join(dir, JOB_EXIT_MARKER), marker);
      const clock = new FakeClock();
      const t = await track(
        cluster(() => 'gone'),
        dir,
        clock,
        { markerCheckMs: 60_000 },
      );
      await clock.advance(10);
      const final = await t.done;
      assert.deepEqual([final.state, final.reason, final.exitCode], expected, String(marker));
      assert.equal(final.reasonCode?.code, marker === undefined || marker === '1.5\n' ? 'slurm-vanished' : 'exit-code');
      assert.ok(final.endedAt);
      assert.equal(clock.pending, 0, 'no timer left');
    }
  });

  it('a run that has already ended: done at once, no Slurm call, no timer; cancel and pollNow do nothing', async () => {
    const dir = await job('failed');
    const c = cluster(() => 'JobState=RUNNING');
    const clock = new FakeClock();
    const t = await track(c, dir, clock);
    assert.equal((await t.done).state, 'failed');
    await t.cancel();
    t.pollNow();
    await clock.advance(60_000);
    assert.deepEqual(c.calls, []);
    assert.equal(clock.pending, 0);
    assert.equal(t.calls, 0);
  });

  it('a folder without a run.json is refused like one without a job id', async () => {
    const dir = path.join(ws, 'empty');
    await assert.rejects(
      SlurmJobTracker.track({ runner: cluster(() => 'gone').runner, store, dir, tailFiles: false }),
      /is not a submitted Slurm run/,
    );
  });

  it('the job’s output reaches onOutput at its end when files are tailed (the default), and not when they are not', async () => {
    for (const tailFiles of [undefined, false]) {
      const dir = await job('running');
      writeFileSync(path.join(dir, 'stdout.log'), 'hello from the job\n');
      writeFileSync(path.join(dir, JOB_EXIT_MARKER), '0\n');
      const c = cluster(() => 'gone');
      c.setDir(dir);
      const output: string[] = [];
      const clock = new FakeClock();
      const t = await SlurmJobTracker.track({
        runner: c.runner,
        store,
        dir,
        clock,
        firstPollMs: 0,
        markerCheckMs: 60_000,
        onOutput: (s) => output.push(s),
        ...(tailFiles === false ? { tailFiles } : {}),
      });
      await clock.advance(10);
      assert.equal((await t.done).state, 'succeeded');
      assert.equal(output.join(''), tailFiles === false ? '' : 'hello from the job\n', String(tailFiles));
    }
  });

  it('a run already running when tracking starts keeps its start time', async () => {
    const dir = await job('running');
    const c = cluster(() => 'JobState=RUNNING Reason=None ExitCode=0:0');
    const clock = new FakeClock();
    const t = await track(c, dir, clock);
    await clock.advance(10);
    assert.equal((await RunStore.read(dir))?.reason, 'RUNNING on node1', 'the new reason was written');
    assert.equal((await RunStore.read(dir))?.startedAt, SUBMITTED);
    t.dispose();
  });

  it('a run.json without a job id is refused, naming the folder', async () => {
    const { dir } = await store.create(
      { experiment: 'exp', launcher: 'slurm', command: [], cwd: ws, resources: { gpus: 0 } },
      '',
    );
    await assert.rejects(
      SlurmJobTracker.track({ runner: cluster(() => 'gone').runner, store, dir, tailFiles: false }),
      (e: Error) =>
        e.message ===
        `${dir} is not a submitted Slurm run: its run.json has no job id, or one that is not a Slurm job id`,
    );
  });

  it('cancel: refused for a job that writes elsewhere; scancel’s failure in its own words; each call counted', async () => {
    const dir = await job('running');
    const foreign = cluster(() => 'JobState=RUNNING Reason=None ExitCode=0:0', {
      stdoutOf: () => '/elsewhere/out.log',
    });
    const clock = new FakeClock();
    const t = await track(foreign, dir, clock);
    await assert.rejects(t.cancel(), /writes its output to \/elsewhere\/out\.log, not to this run's folder/);
    assert.ok(!foreign.calls.some((c) => c.startsWith('scancel')));
    assert.equal(t.calls, 1);
    t.dispose();

    const dir2 = await job('running');
    const denied = cluster(() => 'JobState=RUNNING Reason=None ExitCode=0:0', { scancel: 1 });
    const t2 = await track(denied, dir2, new FakeClock());
    await assert.rejects(
      t2.cancel(),
      (e: Error) =>
        e.message.startsWith('Could not cancel Slurm job 42: ') && /Access\/permission denied/.test(e.message),
    );
    assert.equal(t2.calls, 2, 'the ownership check and scancel');
    t2.dispose();
  });

  it('run.json is written on a change only; startedAt once, when the job first runs', async () => {
    let state = 'JobState=PENDING Reason=Priority ExitCode=0:0';
    const c = cluster(() => state);
    const dir = await job('queued');
    const clock = new FakeClock();
    const seen: string[] = [];
    const t = await track(c, dir, clock, {
      onChange: (r: { state: string; reason?: string }) => seen.push(`${r.state}: ${r.reason}`),
    });
    await clock.advance(1);
    await clock.advance(5000);
    assert.deepEqual(seen, ['queued: PENDING (Priority)'], 'the same answer again writes nothing');
    assert.equal((await RunStore.read(dir))?.startedAt, SUBMITTED);
    state = 'JobState=RUNNING Reason=None ExitCode=0:0';
    await clock.advance(5000);
    const started = (await RunStore.read(dir))?.startedAt;
    assert.ok(started && started > SUBMITTED, started);
    state = 'JobState=COMPLETING Reason=None ExitCode=0:0';
    await clock.advance(5000);
    assert.equal((await RunStore.read(dir))?.startedAt, started, 'not moved by a later change');
    assert.ok(t.calls >= 3);
    t.dispose();
  });

  it('dispose: done resolves with the run as it is, and nothing is asked any more', async () => {
    const c = cluster(() => 'JobState=RUNNING Reason=None ExitCode=0:0');
    const dir = await job('running');
    const clock = new FakeClock();
    const t = await track(c, dir, clock);
    await clock.advance(1);
    const n = c.calls.length;
    t.dispose();
    assert.equal((await t.done).state, 'running');
    t.pollNow();
    await clock.advance(600_000);
    assert.equal(c.calls.length, n);
    assert.equal(clock.pending, 0);
  });
});
