import * as assert from 'node:assert/strict';
import { emaSmooth, emaStart } from '../../../../core/src/metrics/smooth';
import { niceRange, yRange } from '../../../../core/src/metrics/y-range';

describe('EMA smoothing (TensorBoard, debiased)', () => {
  it('weight 0 is the raw series; the first smoothed point is the first value', () => {
    const v = [3, 1, 4, 1, 5];
    const out = new Float64Array(5);
    emaSmooth(v, 0, out);
    assert.deepEqual(Array.from(out), v);
    emaSmooth(v, 0.9, out);
    assert.equal(out[0], 3);
  });

  it('matches the formula last·w + (1−w)·v divided by 1 − wⁿ', () => {
    const v = [1, 2, 3, 4];
    const w = 0.6;
    const out = new Float64Array(4);
    emaSmooth(v, w, out);
    let last = 0;
    v.forEach((x, i) => {
      last = last * w + (1 - w) * x;
      assert.ok(Math.abs((out[i] as number) - last / (1 - w ** (i + 1))) < 1e-12);
    });
  });

  it('a constant series stays constant at any weight', () => {
    const out = new Float64Array(100);
    emaSmooth(new Array(100).fill(0.7), 0.99, out);
    for (const x of out) assert.ok(Math.abs(x - 0.7) < 1e-12);
  });

  it('gives NaN for non-finite values and carries on from the finite ones', () => {
    const out = new Float64Array(4);
    emaSmooth([1, NaN, Infinity, 1], 0.5, out);
    assert.equal(out[0], 1);
    assert.ok(Number.isNaN(out[1]) && Number.isNaN(out[2]));
    assert.equal(out[3], 1);
  });

  it('extends incrementally to the same result as smoothing all at once', () => {
    const v = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 10);
    const all = new Float64Array(50);
    emaSmooth(v, 0.8, all);
    const parts = new Float64Array(50);
    let st = emaStart();
    for (const [a, b] of [
      [0, 7],
      [7, 30],
      [30, 50],
    ] as const)
      st = emaSmooth(v, 0.8, parts, a, b, st);
    assert.deepEqual(Array.from(parts), Array.from(all));
  });

  it('clamps the weight to 0–0.99', () => {
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    emaSmooth([1, 5, 9], 7, a);
    emaSmooth([1, 5, 9], 0.99, b);
    assert.deepEqual(Array.from(a), Array.from(b));
  });
});

describe('y range', () => {
  const part = (y: number[]) => ({ y, length: y.length });
  it('pads the finite values and ignores NaN', () => {
    assert.deepEqual(yRange([part([0, NaN, 10])], { pad: 0 }), [0, 10]);
    assert.equal(yRange([part([NaN])]), undefined);
  });
  it('ignoring outliers keeps a huge first loss from flattening the curve', () => {
    const y = [1000, ...Array.from({ length: 99 }, (_, i) => 1 - i / 100)];
    const [, hi] = yRange([part(y)], { ignoreOutliers: true, pad: 0 })!;
    assert.ok(hi < 2, `upper bound ${hi}`);
    assert.ok(yRange([part(y)], { pad: 0 })![1] === 1000);
  });
  it('log scale skips values ≤ 0; nice ranges round outward', () => {
    const [lo] = yRange([part([-1, 0, 0.01, 1])], { log: true, pad: 0 })!;
    assert.ok(Math.abs(lo - 0.01) < 1e-12);
    assert.deepEqual(niceRange(0.123, 0.987), [0.1, 1]);
    assert.deepEqual(
      niceRange(0.4123, 0.4987).map((v) => Number(v.toFixed(3))),
      [0.41, 0.5],
    );
    assert.deepEqual(niceRange(0.013, 9.2, true), [0.01, 10]);
    assert.deepEqual(niceRange(0.31, 0.72, true), [0.2, 1]);
  });
});
