import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  aggregateGroup,
  groupByOptions,
  groupEnvelope,
  groupLabel,
  groupRuns,
  type GroupMember,
} from '../../../../core/src/metrics/groups';

const member = (x: number[], y: number[]): GroupMember => ({ x, y, length: x.length });
const arr = (a: ArrayLike<number>) => Array.from(a);
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

describe('run groups: one line with a band per group', () => {
  it('groups 6 runs by a config value (or its alias), the experiment or a tag', () => {
    const runs = [0, 1, 2, 3, 4, 5].map((i) => ({
      key: `r${i}`,
      experiment: i < 3 ? 'a' : 'b',
      tags: i % 2 ? ['baseline'] : [],
      config: { 'training.seed': i, 'optimizer.learning_rate': i < 3 ? 0.01 : 0.001 },
    }));
    const byLr = groupRuns(runs, 'optimizer.learning_rate');
    assert.deepEqual([...byLr.keys()], ['optimizer.learning_rate = 0.01', 'optimizer.learning_rate = 0.001']);
    assert.deepEqual(
      byLr.get('optimizer.learning_rate = 0.01')!.map((r) => r.key),
      ['r0', 'r1', 'r2'],
    );
    assert.equal(groupRuns(runs, 'lr').size, 2, 'the alias finds learning_rate');
    assert.equal(groupRuns(runs, 'training.seed').size, 6);
    assert.deepEqual([...groupRuns(runs, 'experiment').keys()], ['a', 'b']);
    assert.deepEqual([...groupRuns(runs, 'tag:baseline').keys()], ['not baseline', 'baseline']);
    assert.equal(groupLabel(runs[0]!, 'missing.key'), '(none)');
  });

  it('mean with min–max, ± std and ± standard error bands at shared steps', () => {
    const m = [member([0, 1, 2], [1, 2, 3]), member([0, 1, 2], [3, 4, 5]), member([0, 1, 2], [2, 3, 7])];
    const mm = aggregateGroup(m, 'mean', 'minmax');
    assert.deepEqual(arr(mm.x), [0, 1, 2]);
    assert.deepEqual(arr(mm.center), [2, 3, 5]);
    assert.deepEqual(arr(mm.lo), [1, 2, 3]);
    assert.deepEqual(arr(mm.hi), [3, 4, 7]);
    assert.deepEqual(arr(mm.count), [3, 3, 3]);
    const sd = aggregateGroup(m, 'mean', 'std');
    close(sd.hi[2]! - sd.center[2]!, 2, 'sample std of 3,5,7');
    const se = aggregateGroup(m, 'mean', 'stderr');
    close(se.hi[2]! - se.center[2]!, 2 / Math.sqrt(3), 'standard error');
    assert.deepEqual(arr(aggregateGroup(m, 'median', 'none').center), [2, 3, 5]);
    assert.deepEqual(arr(aggregateGroup([member([0], [1]), member([0], [9])], 'median', 'none').center), [5]);
  });

  it('aligns members that logged at different steps (interpolated) and stops counting one that ended early', () => {
    const g = aggregateGroup([member([0, 10, 20], [0, 10, 20]), member([5, 15], [100, 100])], 'mean', 'minmax');
    assert.deepEqual(arr(g.x), [0, 5, 10, 15, 20]);
    assert.deepEqual(arr(g.count), [1, 2, 2, 2, 1]);
    assert.deepEqual(arr(g.center), [0, 52.5, 55, 57.5, 20]);
  });

  it('skips NaN points; an empty group gives an empty line', () => {
    const g = aggregateGroup([member([0, 1, 2], [1, NaN, 3])], 'mean', 'std');
    assert.deepEqual(arr(g.x), [0, 1, 2]);
    assert.deepEqual(arr(g.center), [1, 2, 3], 'the NaN point is interpolated over');
    assert.equal(aggregateGroup([], 'mean', 'minmax').x.length, 0);
  });

  it('property: min ≤ center ≤ max at every x; identical members give a zero-width band', () => {
    const series = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 50 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })),
      {
        minLength: 1,
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(
        fc.array(series, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('mean' as const, 'median' as const),
        (ss, c) => {
          const members = ss.map((pts) => {
            const sorted = [...pts].sort((a, b) => a[0] - b[0]);
            return member(
              sorted.map((p) => p[0]),
              sorted.map((p) => p[1]),
            );
          });
          const g = aggregateGroup(members, c, 'minmax');
          for (let i = 0; i < g.x.length; i++) {
            assert.ok(g.count[i]! >= 1);
            assert.ok(g.lo[i]! <= g.center[i]! + 1e-9 && g.center[i]! <= g.hi[i]! + 1e-9, `at ${g.x[i]}`);
          }
          const same = aggregateGroup([members[0]!, members[0]!, members[0]!], 'mean', 'std');
          for (let i = 0; i < same.x.length; i++) close(same.hi[i]!, same.lo[i]!, 'zero width');
        },
      ),
    );
  });
});

describe('metrics groups: what a chart draws of a group line', () => {
  const line = (x: number[], center: number[], lo: number[], hi: number[]) => ({
    x: Float64Array.from(x),
    center: Float64Array.from(center),
    lo: Float64Array.from(lo),
    hi: Float64Array.from(hi),
    count: new Uint32Array(x.length).fill(1),
  });

  it('keeps the center line’s extremes and a band that contains the true band of the range (any line, any range)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true })),
          {
            minLength: 1,
            maxLength: 400,
          },
        ),
        fc.integer({ min: 0, max: 399 }),
        fc.integer({ min: 0, max: 399 }),
        fc.integer({ min: 1, max: 64 }),
        (pts, a, b, columns) => {
          const x = pts.map((_, i) => i);
          const center = pts.map((p) => p[0]);
          const l = line(
            x,
            center,
            pts.map((p) => p[0] - p[1]),
            pts.map((p) => p[0] + p[1]),
          );
          const xMin = Math.min(a, b);
          const xMax = Math.max(a, b);
          const e = groupEnvelope(l, xMin, xMax, columns);
          const inside = x.filter((v) => v >= xMin && v <= xMax);
          if (inside.length === 0) return;
          const trueMin = Math.min(...inside.map((i) => center[i]!));
          const trueMax = Math.max(...inside.map((i) => center[i]!));
          const drawn = [...e.y.subarray(0, e.length)].filter((_, i) => e.x[i]! >= xMin && e.x[i]! <= xMax);
          assert.equal(Math.min(...drawn), trueMin);
          assert.equal(Math.max(...drawn), trueMax);
          const bandLo = Math.min(...inside.map((i) => l.lo[i]!));
          const bandHi = Math.max(...inside.map((i) => l.hi[i]!));
          assert.ok(
            Math.min(...e.bandLo.subarray(0, e.bandLength)) <= bandLo &&
              Math.max(...e.bandHi.subarray(0, e.bandLength)) >= bandHi,
          );
          assert.ok(e.length <= 4 * columns + 2, 'about as many points as pixel columns');
          for (let i = 1; i < e.length; i++) assert.ok(e.x[i]! >= e.x[i - 1]!, 'in x order');
        },
      ),
    );
  });

  it('runs the line to the plot’s edges with the nearest point beyond each, and skips points without members', () => {
    const e = groupEnvelope(
      line([0, 1, 2, 3, 4], [1, NaN, 3, 4, 5], [0, NaN, 2, 3, 4], [2, NaN, 4, 5, 6]),
      1.5,
      3.5,
      10,
    );
    assert.deepEqual([...e.x.subarray(0, e.length)], [0, 2, 3, 4]);
    assert.deepEqual([...e.y.subarray(0, e.length)], [1, 3, 4, 5]);
    assert.equal(groupEnvelope(line([], [], [], []), 0, 1, 10).length, 0);
  });

  it('aligns on the union of the members’ x values, ascending members merged or any order sorted', () => {
    const xs = fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(xs, fc.boolean()), { minLength: 1, maxLength: 6 }), (specs) => {
        const members = specs.map(([x, ascending]) => {
          const xv = ascending ? [...x].sort((a, b) => a - b) : x;
          return { x: xv, y: xv.map((v) => v * 2), length: xv.length };
        });
        const want = [...new Set(specs.flatMap(([x]) => x))].sort((a, b) => a - b);
        assert.deepEqual([...aggregateGroup(members, 'mean', 'minmax').x], want);
      }),
    );
  });

  it('offers experiment, then config keys whose values differ, then tags, then the rest', () => {
    const runs = [
      { key: 'a', experiment: 'e', tags: ['baseline'], config: { 'training.seed': 1, lr: 0.1 } },
      { key: 'b', experiment: 'e', tags: [], config: { 'training.seed': 2, lr: 0.1 } },
    ];
    assert.deepEqual(groupByOptions(runs), ['experiment', 'training.seed', 'tag:baseline', 'lr']);
    assert.deepEqual(groupByOptions([]), ['experiment']);
  });
});
