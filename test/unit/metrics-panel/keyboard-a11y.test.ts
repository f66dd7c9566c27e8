/**
 * The metrics panel's keyboard zoom and its throttle on live announcements: pure functions of their inputs
 * (core/src/metrics/keyboard-zoom.ts, announce-throttle.ts). The page that uses them: test/ui/metrics-a11y.test.ts.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnnounceThrottle } from '../../../core/src/metrics/announce-throttle';
import { keyboardZoom } from '../../../core/src/metrics/keyboard-zoom';

const KEYS = ['+', '=', '-', 'ArrowLeft', 'ArrowRight', '0', 'Home', 'Escape', 'a', 'Enter'];

describe('metrics panel: keyboard zoom', () => {
  it('zooms in around the centre, out back to every point, pans, and resets', () => {
    const all: [number, number] = [0, 100];
    const zin = keyboardZoom('+', undefined, all);
    assert.deepEqual(zin, { kind: 'zoom', range: [25, 75] });
    assert.deepEqual(keyboardZoom('ArrowRight', [25, 75], all), { kind: 'zoom', range: [37.5, 87.5] });
    assert.deepEqual(
      keyboardZoom('ArrowRight', [50, 100], all),
      { kind: 'zoom', range: [50, 100] },
      'stops at the last point',
    );
    assert.deepEqual(
      keyboardZoom('ArrowLeft', [0, 50], all),
      { kind: 'zoom', range: [0, 50] },
      'stops at the first point',
    );
    assert.deepEqual(keyboardZoom('-', [25, 75], all), { kind: 'reset' }, 'zooming out to the whole range is a reset');
    assert.deepEqual(keyboardZoom('0', [25, 75], all), { kind: 'reset' });
    assert.deepEqual(keyboardZoom('-', undefined, all), { kind: 'none' }, 'nothing to zoom out of');
    assert.deepEqual(
      keyboardZoom('ArrowLeft', undefined, all),
      { kind: 'none' },
      'arrows do not pan an unzoomed chart (the page scrolls)',
    );
    assert.deepEqual(keyboardZoom('a', [25, 75], all), { kind: 'none' });
    assert.deepEqual(keyboardZoom('+', undefined, [5, 5]), { kind: 'none' }, 'a single point has nothing to zoom');
  });

  it('never leaves the data’s extent, never inverts, never shrinks below a millionth of it (any key sequence)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
        fc.array(fc.constantFrom(...KEYS), { maxLength: 60 }),
        (lo, width, keys) => {
          const all: [number, number] = [lo, lo + width];
          let zoom: [number, number] | undefined;
          for (const key of keys) {
            const a = keyboardZoom(key, zoom, all);
            if (a.kind === 'reset') zoom = undefined;
            if (a.kind === 'zoom') zoom = a.range;
            if (!zoom) continue;
            const [x0, x1] = zoom;
            const eps = width * 1e-9;
            assert.ok(x0 >= all[0] - eps && x1 <= all[1] + eps, `[${x0}, ${x1}] inside [${all[0]}, ${all[1]}]`);
            assert.ok(x1 - x0 >= width * 1e-6 * (1 - 1e-9) && x1 - x0 < width, `width ${x1 - x0} of ${width}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('metrics panel: live announcements', () => {
  it('says a run at most once per interval, the newest text once the interval is over', () => {
    const t = new AnnounceThrottle(5_000);
    assert.equal(t.offer('a', 'step 1', 0), 'step 1');
    assert.equal(t.offer('a', 'step 2', 1_000), undefined);
    assert.equal(t.offer('a', 'step 3', 2_000), undefined);
    assert.deepEqual(t.due(4_999), { texts: [], nextAt: 5_000 });
    assert.deepEqual(t.due(5_000), { texts: ['step 3'], nextAt: undefined });
    assert.equal(
      t.offer('a', 'step 4', 6_000),
      undefined,
      'the pending text was said at 5 s: the next waits until 10 s',
    );
    assert.equal(t.offer('b', 'other run', 6_000), 'other run', 'each run has its own interval');
    t.forget('a');
    assert.deepEqual(t.due(20_000).texts, [], 'a forgotten run is not said');
  });

  it('never says one run twice within the interval (any offers and polls)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3_000 }), fc.boolean()), {
          maxLength: 200,
        }),
        (events) => {
          const t = new AnnounceThrottle(5_000);
          const said = new Map<string, number[]>();
          let now = 0;
          for (const [run, dt, poll] of events) {
            now += dt;
            if (poll) {
              for (const text of t.due(now).texts)
                said.set(text.split(':')[0]!, [...(said.get(text.split(':')[0]!) ?? []), now]);
            } else if (t.offer(run, `${run}: at ${now}`, now)) said.set(run, [...(said.get(run) ?? []), now]);
          }
          for (const [run, times] of said)
            times
              .slice(1)
              .forEach((at, i) => assert.ok(at - times[i]! >= 5_000, `${run} said at ${times[i]} and ${at}`));
        },
      ),
      { numRuns: 300 },
    );
  });
});
