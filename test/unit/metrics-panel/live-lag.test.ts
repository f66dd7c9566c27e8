/**
 * The live-latency margin of test/ui/metrics.test.ts, on simulated screens (no VS Code): the median of "lines behind"
 * stays within the bound for the panel as designed even with the stalls of a slow machine, and crosses it for every
 * regression a user would notice. The UI test measures the real panel with the same function.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { liveLag, MEDIAN_LINES_BEHIND, quantile } from '../../support/live-lag';

const EVERY_MS = 100; // the fake trainer's pace (test/fixtures/metrics-live/fake-trainer.js)

interface Screen {
  /** When the panel redraws (ms). */
  readonly redraws: readonly number[];
  /** How old a line must be to be in a redraw: the file → store → message path (ms). */
  readonly pathMs: number;
}

/** The trainer writes `n` lines, one every `every` ms; the screen shows what had reached it at each redraw. */
function simulate(n: number, screen: Screen, every = EVERY_MS) {
  const lines = Array.from({ length: n }, (_, i) => ({ step: i + 1, time: ((i + 1) * every) / 1000 }));
  const seen: Array<[number, number]> = [];
  for (const at of screen.redraws) {
    const last = lines.filter((l) => l.time * 1000 <= at - screen.pathMs).at(-1)?.step ?? 0;
    if (last > (seen.at(-1)?.[0] ?? 0)) seen.push([last, at]);
  }
  return liveLag(seen, lines);
}

/** Redraws every `period` ms from `from` to `to`, none inside the stalls ([start, end) ms), one as each stall ends. */
function redraws(from: number, to: number, period: number, stalls: ReadonlyArray<readonly [number, number]> = []) {
  const times: number[] = [];
  for (let t = from; t <= to; t += period) {
    const stall = stalls.find(([a, b]) => t >= a && t < b);
    if (stall) {
      if (!times.includes(stall[1])) times.push(stall[1]);
    } else times.push(t);
  }
  return times.sort((a, b) => a - b);
}

/** As designed: the 50 ms poll (fs.watch is faster), the transport's 100 ms coalescing, one 16 ms frame. */
const DESIGN = { period: 100, pathMs: 50 + 16 };
const WATCH = { from: 1000, to: 6000 }; // 50 of the trainer's lines, as the UI test watches

describe('the live-latency margin of the metrics UI test (simulated screens)', () => {
  it('the panel as designed is within 2 lines, median and p95', () => {
    const lag = simulate(80, { redraws: redraws(WATCH.from, WATCH.to, DESIGN.period), pathMs: DESIGN.pathMs });
    assert.ok(lag.behind.length >= 45);
    assert.ok(quantile(lag.behind, 0.5) <= 2 && quantile(lag.behind, 0.95) <= 2, JSON.stringify(lag.behind));
  });

  it('a slow machine: one stall of 1–2.4 s anywhere, or several short ones, keep the median within the bound', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: WATCH.from, max: WATCH.to - 500 }), fc.integer({ min: 200, max: 2400 })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 100, max: 250 }),
        (raw, period) => {
          // At most 2.4 s stalled in all over the 5 s watched: less than half of it.
          let budget = 2400;
          const stalls = raw.flatMap(([start, len]) => {
            const l = Math.min(len, budget);
            budget -= l;
            return l > 0 ? [[start, start + l] as const] : [];
          });
          const lag = simulate(90, { redraws: redraws(WATCH.from, WATCH.to, period, stalls), pathMs: DESIGN.pathMs });
          return quantile(lag.behind, 0.5) <= MEDIAN_LINES_BEHIND;
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });

  it('a single 1 s stall already fails the old p95 ≤ 5 lines (why the median is asserted)', () => {
    const stall = [[3000, 4000]] as const;
    const lag = simulate(80, { redraws: redraws(WATCH.from, WATCH.to, DESIGN.period, stall), pathMs: DESIGN.pathMs });
    assert.ok(quantile(lag.behind, 0.95) > 5, `p95 ${quantile(lag.behind, 0.95)}`);
    assert.ok(quantile(lag.behind, 0.5) <= MEDIAN_LINES_BEHIND);
  });

  for (const [regression, screen] of [
    ['a chart that redraws only every 2 s', { redraws: redraws(WATCH.from, WATCH.to, 2000), pathMs: DESIGN.pathMs }],
    ['a feed that lags 1.5 s behind the file', { redraws: redraws(WATCH.from, WATCH.to, 100), pathMs: 1500 }],
    [
      'a feed that stops updating (shows the points only at the end, when shown again)',
      { redraws: [WATCH.from, WATCH.to], pathMs: DESIGN.pathMs },
    ],
    [
      'a feed that stops updating after 1 s and catches up only at the end (in the UI test, the watched step never comes)',
      { redraws: [...redraws(WATCH.from, 2000, 100), WATCH.to], pathMs: DESIGN.pathMs },
    ],
  ] as const) {
    it(`fails the margin: ${regression}`, () => {
      const lag = simulate(80, screen);
      assert.ok(
        quantile(lag.behind, 0.5) > MEDIAN_LINES_BEHIND,
        `median ${quantile(lag.behind, 0.5)} lines behind; ${JSON.stringify(lag.behind)}`,
      );
    });
  }

  it('a sustained 0.5 s lag (measured once at load ~15: median 4 lines) stays within the bound', () => {
    const lag = simulate(80, { redraws: redraws(WATCH.from, WATCH.to, DESIGN.period), pathMs: 500 });
    assert.ok(quantile(lag.behind, 0.5) <= MEDIAN_LINES_BEHIND);
  });

  it('a machine that slows the trainer down as well is measured in its own lines', () => {
    // Lines every 300 ms, the panel as designed: still within 1 line.
    const lag = simulate(40, { redraws: redraws(WATCH.from, 3 * WATCH.to, 100), pathMs: DESIGN.pathMs }, 300);
    assert.ok(quantile(lag.behind, 0.5) <= 1);
  });
});
