import * as assert from 'node:assert/strict';
import { desiredDelay, PollSchedule, type PollPhase } from '../../../../../core/src/launchers/slurm/poll-schedule';

/** Simulates a job's polls on a fake clock: `phaseAt(t)` is the phase Slurm would report at time t (ms from submit). */
function simulate(phaseAt: (t: number) => PollPhase | 'done', untilMs: number): number[] {
  const schedule = new PollSchedule(0);
  const calls: number[] = [];
  let t = schedule.nextDelay(0);
  while (t <= untilMs) {
    schedule.called(t);
    calls.push(t);
    const phase = phaseAt(t);
    if (phase === 'done') break;
    schedule.enter(phase, t);
    t += schedule.nextDelay(t);
  }
  return calls;
}

function maxInAnyMinute(calls: readonly number[], from = 0, to = Infinity): number {
  const inRange = calls.filter((c) => c >= from && c <= to);
  return Math.max(0, ...inRange.map((start) => inRange.filter((c) => c >= start && c < start + 60_000).length));
}

describe('Slurm polling cadence (fake clock)', () => {
  it('asks within a second of submitting, then backs off while the job pends', () => {
    const calls = simulate(() => 'pending', 15 * 60_000);
    assert.equal(calls[0], 1000);
    assert.deepEqual(calls.slice(0, 5), [1000, 2500, 4750, 8125, 13188]);
    const gaps = calls.slice(1).map((c, i) => c - calls[i]!);
    assert.ok(
      gaps.every((g) => g <= 30_000),
      'never more than 30 s between polls',
    );
    assert.equal(gaps[gaps.length - 1], 30_000, 'a job pending for 15 minutes is asked about every 30 s');
  });

  it('never makes more than 12 calls in any minute of a one-hour job, and slows down as it runs', () => {
    const startsAt = 4000;
    const endsAt = 3_600_000;
    const calls = simulate((t) => (t < startsAt ? 'pending' : t < endsAt ? 'running' : 'done'), endsAt + 60_000);
    assert.ok(maxInAnyMinute(calls) <= 12, `at most 12 calls in any minute (saw ${maxInAnyMinute(calls)})`);
    const perMinute = (from: number) => calls.filter((c) => c >= from && c < from + 60_000).length;
    assert.ok(perMinute(startsAt) >= 6, 'the first running minute is watched closely (a crash at start shows quickly)');
    assert.ok(
      perMinute(50 * 60_000) <= 2,
      `a long-running job is asked about at most twice a minute (saw ${perMinute(50 * 60_000)})`,
    );
    assert.equal(calls[calls.length - 1]! >= endsAt, true, 'polling stops once the job has ended');
  });

  it('polls quickly when the end is near, still within the limit', () => {
    const schedule = new PollSchedule(0);
    let t = 0;
    const calls: number[] = [];
    schedule.enter('running', 0);
    for (let i = 0; i < 11; i++) {
      t += 5000;
      schedule.called(t);
      calls.push(t);
    } // 11 calls in the last 55 s
    schedule.enter('ending', t);
    const next = t + schedule.nextDelay(t);
    assert.equal(next - t, 250, 'the 12th call of the minute may come at once');
    schedule.called(next);
    calls.push(next);
    const after = next + schedule.nextDelay(next);
    assert.equal(
      after,
      calls[calls.length - 12]! + 60_000,
      'the 13th waits until the first call of the window is a minute old',
    );
  });

  it('polls when the time limit runs out, then quickly until Slurm reports the TIMEOUT', () => {
    const s = new PollSchedule(0);
    s.enter('running', 0);
    for (let t = 0; t < 600_000; t += 20_000) s.called(t); // a long run, polled every 20 s
    s.expectEndAt(600_000 + 7000);
    assert.equal(s.nextDelay(600_000), 7000, 'the poll falls on the limit instead of 20 s later');
    assert.equal(s.nextDelay(607_000), 250);
    assert.equal(s.currentPhase, 'ending');
  });

  it('keeps the ending phase once entered', () => {
    const s = new PollSchedule(0);
    s.enter('ending', 0);
    s.enter('pending', 10);
    assert.equal(s.currentPhase, 'ending');
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((a) => desiredDelay('ending', a, 0)),
      [250, 500, 1000, 2000, 4000, 5000],
    );
  });
});
