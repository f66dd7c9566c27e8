import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregateGroup, groupLabel, groupRuns, type GroupMember } from '../../../../core/src/metrics/groups';

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
