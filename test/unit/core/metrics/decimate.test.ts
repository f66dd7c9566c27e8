import * as assert from 'node:assert/strict';
import {
  decimateMinMax,
  extendDecimation,
  isAscending,
  lowerBound,
  maxDecimatedPoints,
} from '../../../../core/src/metrics/decimate';

function ramp(n: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i;
    y[i] = Math.sin(i / 1000) + (i % 7) * 0.01;
  }
  return { x, y };
}

describe('min/max decimation per pixel column', () => {
  it('keeps a one-point spike among a million points, and the global minimum', () => {
    const { x, y } = ramp(1_000_000);
    y[654_321] = 50;
    y[123_456] = -50;
    const d = decimateMinMax(x, y, { xMin: 0, xMax: 999_999, columns: 400 });
    const ys = Array.from(d.y.subarray(0, d.length));
    assert.ok(ys.includes(50), 'the spike survives');
    assert.ok(ys.includes(-50), 'the dip survives');
    const i = ys.indexOf(50);
    assert.equal(d.x[i], 654_321, 'at its own x');
  });

  it('writes at most 4 points per column however many points come in', () => {
    for (const n of [10, 1_000, 100_000, 2_000_000]) {
      const { x, y } = ramp(n);
      for (const columns of [1, 50, 800]) {
        const d = decimateMinMax(x, y, { xMin: 0, xMax: n - 1, columns });
        assert.ok(d.length <= maxDecimatedPoints(columns), `${n} points into ${columns} columns gave ${d.length}`);
        assert.ok(d.length <= n, 'never more than the input');
      }
    }
  });

  it('returns few points unchanged and keeps x order', () => {
    const x = [0, 1, 2, 3];
    const y = [4, 3, 2, 1];
    const d = decimateMinMax(x, y, { xMin: 0, xMax: 3, columns: 100 });
    assert.deepEqual(Array.from(d.x.subarray(0, d.length)), x);
    assert.deepEqual(Array.from(d.y.subarray(0, d.length)), y);
  });

  it('skips NaN and ±Infinity (and values ≤ 0 on a log scale)', () => {
    const x = [0, 1, 2, 3, 4];
    const y = [1, NaN, Infinity, -Infinity, 0];
    assert.deepEqual(Array.from(decimateMinMax(x, y, { xMin: 0, xMax: 4, columns: 10 }).y.subarray(0, 2)), [1, 0]);
    const log = decimateMinMax(x, y, { xMin: 0, xMax: 4, columns: 10, positiveOnly: true });
    assert.deepEqual(Array.from(log.y.subarray(0, log.length)), [1]);
  });

  it('keeps the nearest point outside each edge of a zoomed range, and adds an x offset', () => {
    const { x, y } = ramp(1000);
    const d = decimateMinMax(x, y, { xMin: 100, xMax: 200, columns: 1000, from: 0, to: 1000 });
    assert.equal(d.x[0], 99);
    assert.equal(d.x[d.length - 1], 201);
    assert.equal(d.length, 103);
    const shifted = decimateMinMax(x, y, { xMin: 1100, xMax: 1200, columns: 1000, xOffset: 1000 });
    assert.equal(shifted.x[1], 1100);
  });

  it('costs one pass over the range: it reads each point a bounded number of times, 10 k points or 200 k', () => {
    // Counted, not timed: a wall-clock ratio swung from 2× to 280× for 20× the points on this shared 2-core machine.
    for (const n of [10_000, 200_000]) {
      const { x, y } = ramp(n);
      const reads = { n: 0 };
      const counted = (a: Float64Array): ArrayLike<number> =>
        new Proxy(a, {
          get(t, k) {
            if (typeof k === 'string' && /^\d+$/.test(k)) reads.n++;
            return Reflect.get(t, k) as unknown;
          },
        });
      decimateMinMax(counted(x), counted(y), { xMin: 0, xMax: n, columns: 500 });
      assert.ok(reads.n <= 4 * n + 10 * 500, `${reads.n} reads for ${n} points: more than one pass`);
    }
  });

  it('lowerBound and isAscending', () => {
    const a = [1, 2, 2, 5, 9];
    assert.equal(lowerBound(a, 2), 1);
    assert.equal(lowerBound(a, 3), 3);
    assert.equal(lowerBound(a, 10), 5);
    assert.equal(isAscending(a), true);
    assert.equal(isAscending([1, NaN, 2]), true);
    assert.equal(isAscending([1, 3, 2]), false);
  });

  it('extends a decimation with appended points to exactly what decimating everything gives', () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const n = 20_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      t += rnd() * 3;
      x[i] = t;
      y[i] = i % 97 === 0 ? NaN : Math.sin(i / 50) + rnd();
    }
    for (const range of [
      { xMin: 0, xMax: t * 1.2 },
      { xMin: t * 0.3, xMax: t * 0.6 },
      { xMin: 10, xMax: t * 0.99 },
    ]) {
      const o = { ...range, columns: 333, xOffset: 5 };
      let had = 1000;
      let out = decimateMinMax(x, y, { ...o, from: 0, to: had });
      for (const step of [1, 7, 250, 3000, 1, 15_742]) {
        const length = Math.min(n, had + step);
        out = extendDecimation(out, x, y, had, length, o);
        had = length;
        const whole = decimateMinMax(x, y, { ...o, from: 0, to: length });
        assert.deepEqual(
          Array.from(out.x.subarray(0, out.length)),
          Array.from(whole.x.subarray(0, whole.length)),
          `x after ${length} points`,
        );
        assert.deepEqual(
          Array.from(out.y.subarray(0, out.length)),
          Array.from(whole.y.subarray(0, whole.length)),
          `y after ${length} points`,
        );
      }
    }
  });
});
