import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { JsonlReader } from '../../../../core/src/metrics/jsonl-reader';

describe('series store limits', () => {
  it('keeps at most maxPointsPerSeries points a series and counts the rest as skipped', () => {
    const store = new SeriesStore({ maxPointsPerSeries: 1000 });
    const s = store.series('r', 'loss', true);
    for (let i = 0; i < 2500; i++) s.push(i, NaN, i);
    store.append([{ run: 'r', name: 'loss', steps: [1, 2, 3], values: [1, 2, 3] }]);
    assert.equal(s.length, 1000);
    assert.equal(s.view().values[999], 999, 'the first points are kept, in order');
    assert.deepEqual(store.skippedPoints(), [{ run: 'r', name: 'loss', count: 1503, reason: 'points' }]);
    s.clear();
    assert.deepEqual(store.skippedPoints(), [], 'a reset file starts counting again');
  });

  it('never holds more than maxBytes, whatever is pushed, and says what it skipped', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.integer({ min: 0, max: 30 }),
            n: fc.integer({ min: 1, max: 3000 }),
            batch: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 4_000, max: 200_000 }),
        fc.integer({ min: 1, max: 2500 }),
        (writes, maxBytes, maxPoints) => {
          const store = new SeriesStore({ maxBytes, maxPointsPerSeries: maxPoints });
          let pushed = 0;
          for (const w of writes) {
            const name = `m${w.name}`;
            const steps = Array.from({ length: w.n }, (_, i) => i);
            if (w.batch) store.append([{ run: 'r', name, steps, values: steps }]);
            else {
              const s = store.series('r', name, true);
              for (const i of steps) s.push(i, NaN, i);
              store.commit();
            }
            pushed += w.n;
          }
          assert.ok(store.memoryBytes() <= maxBytes, `${store.memoryBytes()} bytes held with a limit of ${maxBytes}`);
          const skipped = store.skippedPoints().reduce((a, p) => a + p.count, 0);
          assert.equal(store.pointCount() + skipped, pushed, 'every point is stored or counted as skipped');
          for (const name of store.names('r')) assert.ok(store.series('r', name)!.length <= maxPoints);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a file with endless metric names stays within the limit', async () => {
    const store = new SeriesStore({ maxBytes: 256 * 1024 });
    const reader = new JsonlReader(store, 'r', '/nonexistent/metrics.jsonl');
    const lines = Array.from({ length: 20_000 }, (_, i) => `{"step": ${i}, "metric_${i}": 1}\n`).join('');
    reader.consume({ data: Buffer.from(lines), from: 0, end: lines.length, reset: false });
    assert.ok(store.memoryBytes() <= 256 * 1024);
    assert.ok(store.names('r').length < 20_000);
    const skipped = store.skippedPoints();
    assert.ok(skipped.length > 0 && skipped.every((p) => p.reason === 'memory'));
    assert.ok(
      skipped.length + store.refusedSeries + store.names('r').length >= 20_000,
      'every refused series is named or counted',
    );
  });
});
