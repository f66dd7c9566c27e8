/**
 * When the Slurm job tracker asks Slurm (issue 22, survivors of `core/src/launchers/slurm/job-tracker.ts`): which
 * phase of the poll schedule each answer puts it in, and what the user sees of it — how soon a run shows as running,
 * ended by its time limit, completed after COMPLETING or the exit marker, or requeued — on a fake cluster and the
 * tracker's own fake clock (no sleeps). The cadence itself (poll-schedule.ts): pending 1 s × 1.5ⁿ (at most 10 s in
 * the first two minutes), running 5 s (first 30 s), ending 250 ms, 500 ms, 1 s, 2 s, 4 s, then 5 s; a running job's
 * time limit brings a poll when it runs out.
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

const START = 1_700_000_000_000;

/** `seconds` as Slurm prints a duration (HH:MM:SS). */
function hms(seconds: number): string {
  const s = Math.floor(seconds);
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
}

describe('Slurm job tracker: when it asks Slurm, and what the user sees of it (fake cluster, fake clock)', () => {
  let ws: string;
  let store: RunStore;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-tracker-cadence-'));
    store = new RunStore(ws);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  /**
   * A run whose job answers `scontrol show job` with `fields(t)` (t: ms since tracking started); `asked` holds the
   * times of the calls and `states` the run's state after each.
   */
  async function follow(
    fields: (t: number) => string,
    o: {
      state?: 'queued' | 'running';
      firstPollMs?: number;
      markerCheckMs?: number;
      /** Awaited before Slurm answers (a call in flight). */
      gate?: () => Promise<void>;
    } = {},
  ) {
    const { dir } = await store.create(
      { experiment: 'exp', launcher: 'slurm', command: [], cwd: ws, resources: { gpus: 0 } },
      '',
    );
    await store.update(dir, { jobId: '42', state: o.state ?? 'queued' });
    const clock = new FakeClock(START);
    const asked: number[] = [];
    const runner: SlurmRunner = async (argv) => {
      if (argv[0] === 'scancel') return { code: 0, stdout: '', stderr: '' };
      if (argv[0] !== 'scontrol') return { code: 1, stdout: '', stderr: 'not available' };
      const t = clock.now() - START;
      asked.push(t);
      await o.gate?.();
      return {
        code: 0,
        stdout: `JobId=42 JobName=x ${fields(t)} NodeList=node1 StdOut=${path.join(dir, 'stdout.log')}\n`,
        stderr: '',
      };
    };
    const tracker = await SlurmJobTracker.track({
      runner,
      store,
      dir,
      clock,
      tailFiles: false,
      ...(o.firstPollMs !== undefined ? { firstPollMs: o.firstPollMs } : {}),
      ...(o.markerCheckMs !== undefined ? { markerCheckMs: o.markerCheckMs } : {}),
    });
    /** Moves the clock to `t` ms after the start. */
    const until = (t: number) => clock.advance(START + t - clock.now());
    return { dir, clock, asked, tracker, until };
  }

  it('a poll that fails in an unexpected way (the runner rejects) is kept as the last error; polling goes on', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let calls = 0;
      const { asked, tracker, until } = await follow(() => 'JobState=RUNNING Reason=None ExitCode=0:0', {
        gate: async () => {
          if (calls++ === 0) throw new Error('the ssh prefix crashed');
        },
      });
      await until(1000);
      assert.equal(tracker.lastError, 'the ssh prefix crashed');
      assert.equal(tracker.current.state, 'queued', 'nothing applied from a failed poll');
      await until(2500);
      assert.deepEqual(asked, [1000, 2500], 'asked again on the schedule');
      assert.equal(tracker.current.state, 'running');
      assert.equal(tracker.lastError, undefined);
      // A rejection left unhandled is reported on a later turn of the event loop.
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(unhandled, []);
      tracker.dispose();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a queued job: asked at 1 s, then 1.5 times later each time, at most every 10 s in its first two minutes', async () => {
    const { asked, tracker, until } = await follow(() => 'JobState=PENDING Reason=Priority ExitCode=0:0');
    await until(60_000);
    assert.deepEqual(asked, [1000, 2500, 4750, 8125, 13188, 20782, 30782, 40782, 50782]);
    assert.equal(tracker.current.state, 'queued');
    tracker.dispose();
  });

  it('once Slurm says RUNNING the cadence starts over at 5 s: the run shows running at that poll', async () => {
    const { asked, tracker, until } = await follow((t) =>
      t < 3000 ? 'JobState=PENDING Reason=Resources ExitCode=0:0' : 'JobState=RUNNING Reason=None ExitCode=0:0',
    );
    await until(4749);
    assert.equal(tracker.current.state, 'queued');
    await until(4750);
    assert.equal(tracker.current.state, 'running');
    await until(30_000);
    assert.deepEqual(asked, [1000, 2500, 4750, 9750, 14750, 19750, 24750, 29750]);
    tracker.dispose();
  });

  it('a job requeued by Slurm (RUNNING, then PENDING again) is asked on the pending cadence again, from 1 s', async () => {
    const { asked, tracker, until } = await follow(
      (t) =>
        t < 6000 || t >= 12_000
          ? 'JobState=RUNNING Reason=None ExitCode=0:0'
          : 'JobState=PENDING Reason=BeginTime ExitCode=0:0',
      { state: 'running', firstPollMs: 0 },
    );
    await until(10_000);
    assert.equal(tracker.current.state, 'queued', 'requeued');
    await until(25_000);
    assert.deepEqual(asked, [0, 5000, 10_000, 11_000, 12_500, 17_500, 22_500]);
    assert.equal(tracker.current.state, 'running');
    tracker.dispose();
  });

  it('COMPLETING brings quick polls (250 ms, 500 ms, 1 s…): the end is seen within a second, not at the next 5 s poll', async () => {
    const { asked, tracker, until } = await follow(
      (t) =>
        t < 5000
          ? 'JobState=RUNNING Reason=None ExitCode=0:0'
          : t < 6000
            ? 'JobState=COMPLETING Reason=None ExitCode=0:0'
            : 'JobState=COMPLETED Reason=None ExitCode=0:0',
      { state: 'running', firstPollMs: 0 },
    );
    await until(6750);
    assert.equal(tracker.current.state, 'succeeded');
    assert.deepEqual(asked, [0, 5000, 5250, 5750, 6750]);
    await tracker.done;
  });

  it('a running job’s time limit (TimeLimit − RunTime): a poll when it runs out, then quick ones — TIMEOUT seen at once', async () => {
    // Started 588 s before tracking, limit 600 s: the limit runs out 12 s in; Slurm says TIMEOUT 100 ms later.
    const { asked, tracker, until } = await follow(
      (t) =>
        `JobState=${t < 12_100 ? 'RUNNING Reason=None' : 'TIMEOUT Reason=TimeLimit'} ExitCode=0:0 RunTime=${hms(588 + t / 1000)} TimeLimit=00:10:00`,
      { state: 'running', firstPollMs: 0 },
    );
    await until(12_250);
    assert.deepEqual(asked, [0, 5000, 10_000, 12_000, 12_250]);
    const final = await tracker.done;
    assert.equal(final.state, 'failed');
    assert.equal(
      final.reason,
      'TIMEOUT (time limit 00:10:00): the job reached its time limit; raise resources.time_limit',
    );
  });

  it('a job without a time limit (UNLIMITED) or a queued one with a limit: the plain cadence', async () => {
    const unlimited = await follow(
      () => 'JobState=RUNNING Reason=None ExitCode=0:0 RunTime=00:00:05 TimeLimit=UNLIMITED',
      {
        state: 'running',
        firstPollMs: 0,
      },
    );
    await unlimited.until(20_000);
    assert.deepEqual(unlimited.asked, [0, 5000, 10_000, 15_000, 20_000]);
    unlimited.tracker.dispose();
    // A limit without a RunTime (a field Slurm did not print): nothing to count down from.
    const noRunTime = await follow(() => 'JobState=RUNNING Reason=None ExitCode=0:0 TimeLimit=00:00:01', {
      state: 'running',
      firstPollMs: 0,
    });
    await noRunTime.until(10_000);
    assert.deepEqual(noRunTime.asked, [0, 5000, 10_000]);
    noRunTime.tracker.dispose();
    // A queued job reports its limit and RunTime 0: no end is expected from it (it may start much later).
    const queued = await follow(
      (t) =>
        t < 2000
          ? 'JobState=PENDING Reason=Priority ExitCode=0:0 RunTime=00:00:00 TimeLimit=00:00:03'
          : `JobState=RUNNING Reason=None ExitCode=0:0 RunTime=${hms((t - 2000) / 1000)} TimeLimit=00:01:00`,
      { firstPollMs: 0 },
    );
    await queued.until(12_000);
    assert.deepEqual(queued.asked, [0, 1500, 3750, 8750]);
    queued.tracker.dispose();
  });

  it('the exit marker is looked for every 250 ms by default: the end is asked about at once, then quickly while Slurm lags', async () => {
    let markerAt = Infinity;
    const { dir, asked, tracker, until } = await follow(
      (t) => `JobState=${t < markerAt + 2000 ? 'RUNNING' : 'COMPLETED'} Reason=None ExitCode=0:0`,
      { state: 'running', firstPollMs: 0 },
    );
    await until(7000);
    writeFileSync(path.join(dir, JOB_EXIT_MARKER), '0\n');
    markerAt = 7000;
    await until(7250);
    assert.deepEqual(asked, [0, 5000, 7250], 'asked at the first marker check after it appeared');
    await until(12_000);
    // Slurm still says RUNNING until 9 s: 250 ms bursts grow (500 ms, 1 s, 2 s), one call each, not one per check.
    assert.deepEqual(asked, [0, 5000, 7250, 7750, 8750, 10_750]);
    assert.equal((await tracker.done).state, 'succeeded');
  });

  it('no timer is left once the run has ended or the tracker is disposed', async () => {
    const ended = await follow((t) => `JobState=${t < 5000 ? 'RUNNING' : 'COMPLETED'} Reason=None ExitCode=0:0`, {
      state: 'running',
      firstPollMs: 100,
    });
    // Polls at 0.1 s and 5.1 s: the marker check (every 250 ms) is pending when the end comes.
    await ended.until(5100);
    assert.equal((await ended.tracker.done).state, 'succeeded');
    assert.deepEqual(ended.asked, [100, 5100]);
    assert.equal(ended.clock.pending, 0);
    const disposed = await follow(() => 'JobState=RUNNING Reason=None ExitCode=0:0', { state: 'running' });
    await disposed.until(1000);
    assert.ok(disposed.clock.pending > 0);
    disposed.tracker.dispose();
    assert.equal(disposed.clock.pending, 0);
  });
  it('a run already running when tracking starts: asked on the running cadence from the start (5 s; 10 s after 30 s)', async () => {
    const { dir, asked, tracker, until } = await follow(() => 'JobState=RUNNING Reason=None ExitCode=0:0', {
      state: 'running',
    });
    assert.equal(tracker.dir, dir);
    await until(50_000);
    assert.deepEqual(asked, [5000, 10_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000]);
    tracker.dispose();
  });

  it('after cancel() the end is asked about at once and then quickly while Slurm still says RUNNING', async () => {
    let cancelledAt = Infinity;
    const { asked, tracker, until } = await follow(
      (t) => `JobState=${t < cancelledAt + 1800 ? 'RUNNING' : 'CANCELLED'} Reason=None ExitCode=0:15`,
      { state: 'running', firstPollMs: 0 },
    );
    await until(3000);
    cancelledAt = 3000;
    await tracker.cancel();
    await until(10_000);
    const final = await tracker.done;
    assert.deepEqual([final.state, final.reason], ['cancelled', 'stopped by the user (scancel)']);
    // 0: first poll; 3000: the ownership check and the poll cancel() asks for; then 500 ms, 1 s, 2 s apart.
    assert.deepEqual(asked, [0, 3000, 3000, 3500, 4500, 6500]);
  });

  it('a job cancelled outside Liftoff (an administrator’s scancel) keeps Slurm’s word, not "stopped by the user"', async () => {
    const { tracker, until } = await follow(
      (t) => `JobState=${t < 5000 ? 'RUNNING' : 'CANCELLED'} Reason=None ExitCode=0:15`,
      { state: 'running', firstPollMs: 0 },
    );
    await until(5000);
    const final = await tracker.done;
    assert.deepEqual([final.state, final.reason, final.exitCode], ['cancelled', 'CANCELLED', null]);
  });

  it('dispose while Slurm is being asked: its answer is dropped, run.json stays as it was', async () => {
    let entered!: () => void;
    const inFlight = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const answer = new Promise<void>((r) => (release = r));
    const { dir, tracker, until } = await follow(() => 'JobState=COMPLETED Reason=None ExitCode=0:0', {
      state: 'running',
      firstPollMs: 0,
      gate: () => {
        entered();
        return answer;
      },
    });
    const moving = until(0);
    await inFlight;
    tracker.dispose();
    assert.equal((await tracker.done).state, 'running');
    release();
    await moving;
    assert.equal((await RunStore.read(dir))?.state, 'running', 'the answer after dispose was written');
  });
});
