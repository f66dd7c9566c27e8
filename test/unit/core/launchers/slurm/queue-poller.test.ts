/**
 * The Slurm queue section's schedule (core's QueuePoller, the code the Runs view and `npm run bench -- slurm` run) on a
 * fake clock: how often it calls `squeue --me` however often the view asks, that Refresh Runs never spends more than
 * the queue's share (2 calls in any 60 s of the 12 a minute), that a deferred refresh still happens, and that a view
 * that stops asking makes no calls.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { QUEUE_REFRESH_MS, QUEUE_SHARE, QueuePoller, type QueueJob } from '../../../../../core/src/launchers/slurm';
import { FakeClock } from '../../../../support/fake-clock';

const job = (jobId: string): QueueJob => ({ jobId, state: 'RUNNING', name: `job ${jobId}` });

/** A poller whose every call is recorded (time) and answers with one job named after the call's number. */
function setup(options: { onChange?: () => void; fetchUndefined?: boolean; fail?: (n: number) => boolean } = {}) {
  const clock = new FakeClock(0);
  const calls: number[] = [];
  const poller = new QueuePoller({
    clock,
    fetch: () => {
      if (options.fetchUndefined) return undefined;
      calls.push(clock.now());
      const n = calls.length;
      return options.fail?.(n) ? Promise.reject(new Error(`squeue failed (${n})`)) : Promise.resolve([job(String(n))]);
    },
    ...(options.onChange ? { onChange: options.onChange } : {}),
  });
  return { clock, calls, poller };
}

function maxInAnyWindow(calls: readonly number[], windowMs = 60_000): number {
  return Math.max(0, ...calls.map((c) => calls.filter((d) => d >= c && d < c + windowMs).length));
}

describe('Slurm queue section: when it asks Slurm (QueuePoller, fake clock)', () => {
  it('a view refreshing every 2 s for 10 minutes calls squeue every 30 s, 2 a minute, and shows the newest answer', async () => {
    const { clock, calls, poller } = setup();
    const shown: string[] = [];
    for (let t = 0; t < 600_000; t += 2000) {
      shown.push((await poller.jobs()!)[0]!.jobId);
      await clock.advance(2000);
    }
    assert.deepEqual(
      calls,
      Array.from({ length: 20 }, (_, i) => i * QUEUE_REFRESH_MS),
    );
    assert.equal(maxInAnyWindow(calls), 2);
    // 15 refreshes per answer; the 16th shows the next call's jobs.
    assert.deepEqual(shown.slice(0, 16), [...Array<string>(15).fill('1'), '2']);
    assert.equal(shown[shown.length - 1], '20');
  });

  it('Refresh Runs pressed every second never spends more than the share; each deferred refresh happens when allowed', async () => {
    const changes: number[] = [];
    const { clock, calls, poller } = setup({ onChange: () => changes.push(clock.now()) });
    for (let t = 0; t < 300_000; t += 1000) {
      poller.invalidate();
      await poller.jobs();
      await clock.advance(1000);
    }
    assert.equal(maxInAnyWindow(calls, QUEUE_SHARE.windowMs), QUEUE_SHARE.maxCalls);
    assert.deepEqual(calls.slice(0, 4), [0, 1000, 60_000, 61_000]);
    assert.equal(calls.length, 10, 'two calls a minute for five minutes');
  });

  it('a refresh the share does not allow yet is made when it does, and the view is told so', async () => {
    const changes: number[] = [];
    const { clock, calls, poller } = setup({ onChange: () => changes.push(clock.now()) });
    await poller.jobs(); // t = 0
    await clock.advance(5000);
    poller.invalidate(); // a cancel
    assert.equal((await poller.jobs()!)[0]!.jobId, '2', 'the first refresh after a cancel is at once');
    await clock.advance(5000);
    poller.invalidate(); // Refresh Runs again at t = 10 s: the share (2 in 60 s) is spent
    assert.equal((await poller.jobs()!)[0]!.jobId, '2', 'the last answer stays shown meanwhile');
    assert.deepEqual(calls, [0, 5000]);
    await clock.advance(50_000 - 1);
    assert.deepEqual(changes, [], 'not told before the share allows a call');
    await clock.advance(1);
    assert.deepEqual(changes, [60_000], 'told at the moment the share allows the deferred refresh');
    assert.equal((await poller.jobs()!)[0]!.jobId, '3');
    assert.deepEqual(calls, [0, 5000, 60_000]);
  });

  it('tells the view when its answer goes stale, so an idle view stays current; a view that stops asking makes no calls', async () => {
    let asks = true;
    const { clock, calls, poller } = setup({
      onChange: () => {
        if (asks) void poller.jobs();
      },
    });
    await poller.jobs();
    await clock.advance(120_000);
    assert.deepEqual(calls, [0, 30_000, 60_000, 90_000, 120_000]);
    asks = false; // the view was hidden: VS Code asks no more
    await clock.advance(600_000);
    assert.equal(calls.length, 5);
    assert.equal(clock.pending, 0, 'no timer keeps running for a view that does not ask');
  });

  it('asks nothing and sets no timer where the section is not shown (untrusted workspace)', async () => {
    const { clock, poller } = setup({ fetchUndefined: true, onChange: () => assert.fail('no change to tell') });
    assert.equal(poller.jobs(), undefined);
    await clock.advance(120_000);
    assert.equal(poller.jobs(), undefined);
    assert.equal(clock.pending, 0);
  });

  it("a failed squeue is shown with Slurm's words, counts as a call, and is asked again 30 s later, not at every refresh", async () => {
    const { clock, calls, poller } = setup({ fail: (n) => n === 1 });
    await assert.rejects(poller.jobs()!, /squeue failed \(1\)/);
    await clock.advance(10_000);
    await assert.rejects(poller.jobs()!, /squeue failed \(1\)/);
    await clock.advance(20_000);
    assert.equal((await poller.jobs()!)[0]!.jobId, '2');
    assert.deepEqual(calls, [0, 30_000]);
  });

  it('after dispose: no timer, no call', async () => {
    const { clock, calls, poller } = setup({ onChange: () => undefined });
    await poller.jobs();
    assert.equal(clock.pending, 1);
    poller.dispose();
    assert.equal(clock.pending, 0);
    await clock.advance(60_000);
    poller.invalidate();
    await poller.jobs();
    assert.deepEqual(calls, [0]);
  });

  it('after dispose, a view that never asked before gets nothing and leaves no timer', async () => {
    const { clock, calls, poller } = setup({ onChange: () => undefined });
    poller.dispose();
    assert.equal(poller.jobs(), undefined);
    await poller.jobs();
    assert.deepEqual(calls, []);
    assert.equal(clock.pending, 0);
  });

  it('without a listener it sets no timer; after dispose an ask sets none either', async () => {
    const quiet = setup();
    await quiet.poller.jobs();
    assert.equal(quiet.clock.pending, 0, 'nobody to tell');
    const { clock, poller } = setup({ onChange: () => undefined });
    await poller.jobs();
    poller.dispose();
    poller.invalidate();
    await poller.jobs();
    assert.equal(clock.pending, 0, 'a disposed poller arms nothing');
  });

  it('a failed squeue nobody awaits is no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const { poller } = setup({ fail: () => true });
      void poller.jobs(); // the view's item shows the error later; here nobody looks
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', listener);
    }
    assert.deepEqual(unhandled, []);
  });

  it('property: any mix of asks, refreshes and waits keeps the share, answers from at most 30 s ago, and refreshes when allowed', async () => {
    type Step = { kind: 'ask' } | { kind: 'refresh' } | { kind: 'wait'; ms: number };
    const step = fc.oneof(
      fc.constant<Step>({ kind: 'ask' }),
      fc.constant<Step>({ kind: 'refresh' }),
      fc.integer({ min: 1, max: 45_000 }).map((ms): Step => ({ kind: 'wait', ms })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 80 }), async (steps) => {
        const clock = new FakeClock(0);
        const calls: number[] = [];
        const poller = new QueuePoller({
          clock,
          fetch: () => {
            calls.push(clock.now());
            return Promise.resolve([job(String(calls.length))]);
          },
          onChange: () => undefined,
        });
        let refreshedAt: number | undefined;
        for (const s of steps) {
          if (s.kind === 'wait') await clock.advance(s.ms);
          else if (s.kind === 'refresh') {
            poller.invalidate();
            refreshedAt ??= clock.now();
          } else {
            const now = clock.now();
            const inWindow = calls.filter((c) => c > now - QUEUE_SHARE.windowMs).length;
            const before = calls.length;
            const lastBefore = calls[before - 1];
            const jobs = await poller.jobs()!;
            const made = calls.length > before;
            assert.equal(jobs[0]!.jobId, String(calls.length), 'shows the newest answer');
            const shareFree = inWindow < QUEUE_SHARE.maxCalls;
            const due = lastBefore === undefined || refreshedAt !== undefined || now - lastBefore >= QUEUE_REFRESH_MS;
            // A call exactly when the answer is due (none yet, stale, or refreshed) and the share allows one.
            assert.equal(
              made,
              due && (lastBefore === undefined || shareFree),
              `ask at ${now}, calls ${calls.join(', ')}`,
            );
            if (made) refreshedAt = undefined;
          }
        }
        assert.ok(maxInAnyWindow(calls, QUEUE_SHARE.windowMs) <= QUEUE_SHARE.maxCalls, `calls ${calls.join(', ')}`);
        poller.dispose();
      }),
      { numRuns: 300 },
    );
  });
});
