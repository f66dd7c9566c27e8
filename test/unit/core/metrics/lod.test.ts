import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FlatLod,
  LodPyramid,
  levelCount,
  lodEnvelope,
  lodLayout,
  serializeLod,
  type LodSource,
} from '../../../../core/src/metrics/lod';

/** True min and max of the finite values with x in [a, b]. */
function truth(x: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const xv = x[i] as number;
    const v = y[i] as number;
    if (xv < a || xv > b || v - v !== 0) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

function drawn(src: LodSource, a: number, b: number, columns: number): [number, number] | undefined {
  const e = lodEnvelope(src, { xMin: a, xMax: b, columns });
  return truth(e.x.subarray(0, e.length), e.y.subarray(0, e.length), a, b);
}

function build(x: ArrayLike<number>, y: ArrayLike<number>, fanout = 8): LodPyramid {
  const p = new LodPyramid(fanout);
  p.appendMany(x, y);
  return p;
}

/** A noisy series with planted one-point spikes (up and down). */
const seriesArb = fc
  .record({
    n: fc.integer({ min: 1, max: 5000 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    spikes: fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
      {
        maxLength: 6,
      },
    ),
    holes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
    fanout: fc.constantFrom(2, 4, 8, 16),
  })
  .map(({ n, seed, spikes, holes, fanout }) => {
    let s = seed;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let step = 0;
    for (let i = 0; i < n; i++) {
      step += 1 + Math.floor(rnd() * 3);
      x[i] = step;
      y[i] = Math.sin(i / 50) + rnd() * 0.1;
    }
    for (const [at, v] of spikes) y[Math.min(n - 1, Math.floor(at * n))] = v;
    for (const at of holes) y[Math.min(n - 1, Math.floor(at * n))] = NaN;
    return { x, y, fanout };
  });

type Edge = { kind: 'any' | 'spike'; f: number; d: number };
const edgeArb: fc.Arbitrary<Edge> = fc.record({
  kind: fc.constantFrom('any' as const, 'spike' as const),
  f: fc.double({ min: -0.1, max: 1.1, noNaN: true }),
  d: fc.constantFrom(-1, -0.5, 0, 0.5, 1),
});

/** The index of the k-th largest |value| (k from a fraction), i.e. one of the planted spikes when there are any. */
function spikeIndex(y: Float64Array, f: number): number {
  const order = Array.from(y.keys())
    .filter((i) => Number.isFinite(y[i]))
    .sort((i, j) => Math.abs(y[j] as number) - Math.abs(y[i] as number));
  if (order.length === 0) return 0;
  return order[
    Math.min(order.length - 1, Math.floor(Math.max(0, Math.min(1, f)) * Math.min(order.length, 7)))
  ] as number;
}

describe('level-of-detail pyramid (min/max buckets)', () => {
  it('a range that ends right beside a bigger spike: the spike outside is not drawn inside', () => {
    const n = 4096;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, () => 0);
    y[2000] = 5; // inside, at the edge
    y[2001] = 50; // just outside
    y[1000] = -5;
    y[999] = -50; // just outside the left edge
    const p = build(x, y);
    for (const columns of [1, 10, 500, 5000])
      assert.deepEqual(drawn(p, 1000, 2000, columns), [-5, 5], `${columns} columns`);
  });

  it('property: for random series with planted spikes and random zoom ranges, the drawn min and max are the true ones', () => {
    fc.assert(
      fc.property(seriesArb, edgeArb, edgeArb, fc.integer({ min: 1, max: 2000 }), ({ x, y, fanout }, u, v, columns) => {
        const p = build(x, y, fanout);
        // An edge is anywhere, or right at / beside a spike (the hard case: a bigger value just outside).
        const at = (e: Edge): number => {
          if (e.kind === 'any') return e.f * ((x[x.length - 1] as number) + 2) - 1;
          const i = spikeIndex(y, e.f);
          return (x[i] as number) + e.d;
        };
        const a = Math.min(at(u), at(v));
        const b = Math.max(at(u), at(v));
        const want = truth(x, y, a, b);
        const got = drawn(p, a, b, columns);
        assert.deepEqual(got, want);
        // The same from the flat (cache file) form.
        assert.deepEqual(drawn(new FlatLod(serializeLod(p, 'k')), a, b, columns), want);
      }),
      { numRuns: 300 },
    );
  });

  it('sends at most 2 points per pixel column (plus one beyond each edge), however many points the range holds', () => {
    const n = 1_000_000;
    const p = new LodPyramid();
    for (let i = 0; i < n; i++) p.append(i, Math.sin(i / 1000) + (i % 7) * 0.01);
    for (const columns of [100, 800]) {
      const e = lodEnvelope(p, { xMin: 0, xMax: n - 1, columns });
      assert.ok(e.length <= 2 * columns + 2, `${e.length} points for ${columns} columns`);
      assert.ok(e.length >= columns, 'the line is not starved either');
      // A zoom reads a bounded part of the pyramid, not the million points.
      assert.ok(e.reads < 40 * columns, `${e.reads} elements read`);
      assert.ok(e.finestLevel > 0, 'a zoomed-out view is drawn from buckets');
    }
  });

  it('a zoom to a 1,000-step window of a million points gives every point of it (full fidelity)', () => {
    const n = 1_000_000;
    const p = new LodPyramid();
    for (let i = 0; i < n; i++) p.append(i, (i * 7919) % 1000);
    const e = lodEnvelope(p, { xMin: 500_000, xMax: 500_999, columns: 1000 });
    const inside = Array.from(e.x.subarray(0, e.length)).filter((v) => v >= 500_000 && v <= 500_999);
    assert.equal(inside.length, 1000);
    assert.equal(e.finestLevel, 0);
    assert.equal(e.x[0], 499_999, 'the nearest point left of the range');
    assert.equal(e.x[e.length - 1], 501_000, 'the nearest point right of the range');
  });

  it('keeps x order and drops nothing from a short series', () => {
    const x = [0, 1, 2, 3, 4];
    const y = [5, 4, 3, 2, 1];
    const e = lodEnvelope(build(x, y), { xMin: 0, xMax: 4, columns: 300 });
    assert.deepEqual(Array.from(e.x.subarray(0, e.length)), x);
    assert.deepEqual(Array.from(e.y.subarray(0, e.length)), y);
  });

  it('a whole-range view whose short last bucket comes from a coarser level is still in x order', () => {
    // 10,000 points, fanout 16, 128 columns: level 1 is drawn, but the last level-2 bucket (16 points) is narrow
    // enough to be drawn at level 2, before the level-1 buckets are read: the levels' points are merged back.
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 37) + (i === 9_995 ? 50 : 0));
    const e = lodEnvelope(build(x, y, 16), { xMin: 0, xMax: n - 1, columns: 128 });
    const xs = Array.from(e.x.subarray(0, e.length));
    assert.ok(
      xs.every((v, i) => i === 0 || v >= (xs[i - 1] as number)),
      'ascending x',
    );
    assert.ok(xs.includes(9_995), 'the spike in the short last bucket is drawn');
    assert.ok(e.length <= 2 * 128 + 2);
    assert.deepEqual(drawn(build(x, y, 16), 0, n - 1, 128), truth(x, y, 0, n - 1));
  });

  it('one envelope after another, or one drawn while a source reads, gives what it gives alone', () => {
    const n = 3000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i / 11) * (i % 97 === 0 ? 9 : 1));
    const big = build(x, y);
    const small = build([0, 1, 2, 3], [4, 1, 3, 2]);
    const alone = (src: LodSource, a: number, b: number, c: number) => {
      const e = lodEnvelope(src, { xMin: a, xMax: b, columns: c });
      return [Array.from(e.x.subarray(0, e.length)), Array.from(e.y.subarray(0, e.length)), e.reads];
    };
    const want = alone(small, 0, 3, 10);
    alone(big, 0, n - 1, 1000); // many points emitted first: nothing of them is left for the next call
    assert.deepEqual(alone(small, 0, 3, 10), want);
    // A source that draws another envelope in the middle of its reads (the inner call gets space of its own).
    const wantBig = alone(big, 100, 2500, 200);
    let inner: unknown;
    const nested: LodSource = {
      length: big.length,
      fanout: big.fanout,
      levels: big.levels,
      read: (level, from, to) => {
        if (level === 1) inner = alone(small, 0, 3, 10);
        return big.read(level, from, to);
      },
    };
    assert.deepEqual(alone(nested, 100, 2500, 200), wantBig);
    assert.deepEqual(inner, want);
  });

  it('exact even when x is not ascending (a resumed run logs steps again)', () => {
    const x = [0, 1, 2, 3, 4, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
    const y = x.map((_, i) => (i === 6 ? 100 : i));
    const p = build(x, y, 2);
    assert.equal(p.ascending, false);
    assert.deepEqual(drawn(p, 3, 3, 5), [3, 100]);
  });

  it('an empty pyramid draws nothing; all-NaN series draw nothing', () => {
    assert.equal(lodEnvelope(new LodPyramid(), { xMin: 0, xMax: 1, columns: 10 }).length, 0);
    const p = build([1, 2, 3], [NaN, Infinity, NaN]);
    assert.equal(lodEnvelope(p, { xMin: 0, xMax: 4, columns: 10 }).length, 0);
  });

  it('serialises with a fixed layout: levels at known offsets, the key kept, corrupt headers named', () => {
    const p = build(
      Array.from({ length: 100 }, (_, i) => i),
      Array.from({ length: 100 }, (_, i) => i * 2),
      4,
    );
    const buf = serializeLod(p, 'metrics.jsonl:123:456');
    const l = lodLayout(buf);
    assert.ok(typeof l !== 'string');
    assert.equal(l.key, 'metrics.jsonl:123:456');
    assert.equal(l.levels, p.levels);
    assert.equal(l.bytes, buf.byteLength);
    const flat = new FlatLod(buf);
    for (let k = 0; k <= p.levels; k++)
      assert.deepEqual(
        Array.from(flat.read(k, 0, levelCount(100, 4, k))),
        Array.from(p.read(k, 0, levelCount(100, 4, k))),
      );
    assert.equal(lodLayout(new Uint8Array(8)), 'too short for a level-of-detail header');
    assert.equal(lodLayout(new Uint8Array(64)), 'not a level-of-detail file');
    assert.throws(() => new FlatLod(buf.subarray(0, buf.byteLength - 8)), /cut short/);
  });

  it('builds incrementally: appending in parts gives the same pyramid as all at once', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 0, max: 5000 }), ({ x, y, fanout }, cut) => {
        const whole = build(x, y, fanout);
        const parts = new LodPyramid(fanout);
        const c = Math.min(cut, x.length);
        parts.appendMany(x, y, 0, c);
        lodEnvelope(parts, { xMin: 0, xMax: 10, columns: 3 }); // a query between the parts changes nothing
        parts.appendMany(x, y, c);
        assert.deepEqual(Buffer.from(serializeLod(parts)), Buffer.from(serializeLod(whole)));
      }),
      { numRuns: 100 },
    );
  });
});
