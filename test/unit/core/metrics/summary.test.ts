import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { emaSmooth } from '../../../../core/src/metrics/smooth';
import { deltaFrom, formatDelta, sortRows, summarizeMetric } from '../../../../core/src/metrics/summary';

const steps = (n: number) => Array.from({ length: n }, (_, i) => i * 10);

describe('metric summary columns', () => {
  it('best by goal, last, min, max, value at a step and smoothed last, skipping NaN', () => {
    const v = [0.9, 0.4, NaN, 0.6, 0.5];
    const s = summarizeMetric(steps(5), v, 5, { goal: 'min', smoothing: 0.6, atStep: 25 });
    assert.equal(s.last, 0.5);
    assert.equal(s.lastStep, 40);
    assert.equal(s.best, 0.4);
    assert.equal(s.bestStep, 10);
    assert.equal(s.min, 0.4);
    assert.equal(s.max, 0.9);
    assert.equal(s.atStep, 0.4, 'the last finite value at or before step 25 (step 20 is NaN)');
    const ema = new Float64Array(5);
    emaSmooth(v, 0.6, ema);
    assert.ok(Math.abs((s.smoothedLast as number) - (ema[4] as number)) < 1e-12, 'as the chart smooths');
    assert.equal(summarizeMetric(steps(3), [1, 2, 3], 3, { goal: 'max' }).best, 3);
    assert.deepEqual(summarizeMetric([], [], 0, { goal: 'max', smoothing: 0.5 }), {});
    assert.equal(summarizeMetric(steps(2), [1, 2], 2).best, undefined, 'no goal, no best');
  });

  it('property: min ≤ best, last, smoothed last ≤ max; a constant series summarises to itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.constantFrom('min' as const, 'max' as const),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (v, goal, w) => {
          const s = summarizeMetric(steps(v.length), v, v.length, { goal, smoothing: w });
          const finite = v.filter(Number.isFinite);
          if (finite.length === 0) return assert.deepEqual(s, {});
          assert.equal(s.min, Math.min(...finite));
          assert.equal(s.max, Math.max(...finite));
          assert.equal(s.best, goal === 'min' ? s.min : s.max);
          const eps = 1e-9 * Math.max(1, Math.abs(s.min!), Math.abs(s.max!));
          assert.ok(s.smoothedLast! >= s.min! - eps && s.smoothedLast! <= s.max! + eps, 'an average stays in range');
          const c = finite[0]!;
          const k = summarizeMetric(
            steps(v.length),
            v.map(() => c),
            v.length,
            { goal, smoothing: w },
          );
          assert.ok(Math.abs(k.smoothedLast! - c) <= 1e-9 * Math.max(1, Math.abs(c)), 'constant smooths to itself');
        },
      ),
    );
  });

  it('sorts rows by a column: numbers then text then blanks (blanks last both ways), ties stable', () => {
    const rows = [
      { run: 'a', v: 3 },
      { run: 'b', v: null },
      { run: 'c', v: 1 },
      { run: 'd', v: NaN },
      { run: 'e', v: 3 },
      { run: 'f', v: 'x' },
    ];
    assert.deepEqual(
      sortRows(rows, (r) => r.v, 1).map((r) => r.run),
      ['c', 'a', 'e', 'f', 'b', 'd'],
    );
    assert.deepEqual(
      sortRows(rows, (r) => r.v, -1).map((r) => r.run),
      ['f', 'a', 'e', 'c', 'b', 'd'],
    );
  });

  it('property: sorting is a permutation and orders the numbers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ noNaN: true }))),
        fc.constantFrom(1 as const, -1 as const),
        (vals, dir) => {
          const out = sortRows(vals, (v) => v, dir);
          assert.equal(out.length, vals.length);
          const nums = out.filter((v): v is number => typeof v === 'number');
          for (let i = 1; i < nums.length; i++) assert.ok(dir * (nums[i]! - nums[i - 1]!) >= 0);
          const firstBlank = out.findIndex((v) => v === null);
          if (firstBlank >= 0)
            assert.ok(
              out.slice(firstBlank).every((v) => v === null),
              'blanks last',
            );
        },
      ),
    );
  });

  it('deltas against a pinned baseline say better or worse by the goal', () => {
    assert.deepEqual(deltaFrom(0.5, 0.4, 'min'), { delta: 0.4 - 0.5, relative: (0.4 - 0.5) / 0.5, better: true });
    assert.equal(deltaFrom(0.5, 0.4, 'max')?.better, false);
    assert.equal(deltaFrom(0.5, 0.5, 'max')?.better, undefined);
    assert.equal(deltaFrom(0, 1)?.relative, undefined);
    assert.equal(deltaFrom(undefined, 1), undefined);
    assert.equal(deltaFrom(1, NaN), undefined);
    assert.equal(formatDelta(deltaFrom(0.8, 0.812)!), '+0.012 (+1.5 %)');
    assert.equal(formatDelta(deltaFrom(5, 2)!), '−3 (−60 %)');
  });
});
