import * as assert from 'node:assert/strict';
import { SeriesStore, type SeriesDelta } from '../../../../core/src/metrics/series-store';

/** Applies deltas the way the metrics panel does: keep the first `from` points, append the rest. */
function applyDelta(copy: Map<string, number[]>, deltas: readonly SeriesDelta[]): void {
  for (const d of deltas) {
    const key = `${d.run}/${d.name}`;
    const kept = (copy.get(key) ?? []).slice(0, d.from);
    copy.set(key, [...kept, ...d.values]);
  }
}

describe('metrics series store', () => {
  it('keeps each (run, metric) series as Float64Array columns and lists names per run', () => {
    const store = new SeriesStore();
    store.append([
      { run: 'r1', name: 'loss', steps: [1, 2, 3], times: [100, 101, 102], values: [0.9, 0.7, 0.5] },
      { run: 'r1', name: 'acc', steps: [1, 2, 3], values: [0.1, 0.2, 0.3] },
      { run: 'r2', name: 'loss', steps: [1], values: [1.5] },
    ]);
    const s = store.series('r1', 'loss');
    assert.ok(s);
    assert.ok(s.steps instanceof Float64Array && s.times instanceof Float64Array && s.values instanceof Float64Array);
    assert.equal(s.length, 3);
    assert.deepEqual([...s.steps], [1, 2, 3]);
    assert.deepEqual([...s.times], [100, 101, 102]);
    assert.deepEqual([...s.values], [0.9, 0.7, 0.5]);
    assert.ok(Number.isNaN(store.series('r1', 'acc')?.times[0]), 'no times given: NaN');
    assert.deepEqual(store.names('r1'), ['acc', 'loss']);
    assert.deepEqual(store.names('nope'), []);
    assert.deepEqual(store.runs(), ['r1', 'r2']);
    assert.equal(store.series('r1', 'missing'), undefined);
  });

  it('keeps NaN and ±Infinity values but counts them', () => {
    const store = new SeriesStore();
    const s = store.series('r', 'loss', true);
    for (const v of [0.5, NaN, Infinity, -Infinity, 0.25, -0]) s.push(s.length, NaN, v);
    store.commit();
    const view = store.series('r', 'loss');
    assert.equal(view?.length, 6);
    assert.equal(view?.nonFinite, 3);
    assert.deepEqual([...(view?.values ?? [])], [0.5, NaN, Infinity, -Infinity, 0.25, -0]);
  });

  it('grows its columns without losing points and views stay valid after growth', () => {
    const store = new SeriesStore();
    const s = store.series('r', 'x', true);
    s.push(0, 0, 0);
    store.commit();
    const early = store.series('r', 'x');
    for (let i = 1; i < 10_000; i++) s.push(i, i * 2, i * 3);
    store.commit();
    const view = store.series('r', 'x');
    assert.equal(view?.length, 10_000);
    assert.equal(view?.values[9_999], 29_997);
    assert.equal(view?.times[5_000], 10_000);
    assert.deepEqual([...(early?.values ?? [])], [0], 'an old view is unchanged');
    assert.ok(s.capacity >= 10_000 && s.capacity <= 12_500, `growth slack at most a quarter (${s.capacity})`);
    store.trim();
    assert.equal(s.capacity, 10_000);
    assert.equal(store.memoryBytes(), 10_000 * 24);
  });

  it('gives deltas since a version that rebuild every series exactly, and notifies each commit', () => {
    const store = new SeriesStore();
    const heard: number[] = [];
    const off = store.onChange((v) => heard.push(v));
    const copy = new Map<string, number[]>();
    let seen = 0;
    const sync = () => {
      const d = store.sinceVersion(seen);
      applyDelta(copy, d.series);
      seen = d.version;
      return d;
    };
    const loss = store.series('r', 'loss', true);
    const acc = store.series('r', 'acc', true);
    loss.push(1, NaN, 1);
    loss.push(2, NaN, 2);
    assert.equal(store.commit(), 1);
    assert.equal(store.commit(), 1, 'nothing pushed: no new version');
    const d1 = sync();
    assert.deepEqual(
      d1.series.map((s) => [s.name, s.from, s.length]),
      [['loss', 0, 2]],
    );
    acc.push(1, NaN, 0.5);
    store.commit();
    loss.push(3, NaN, 3);
    store.commit();
    const d2 = sync();
    assert.deepEqual(d2.series.map((s) => [s.name, s.from, [...s.values]]).sort(), [
      ['acc', 0, [0.5]],
      ['loss', 2, [3]],
    ]);
    assert.deepEqual(store.sinceVersion(store.version).series, [], 'nothing after the latest version');
    // Many small commits (a live tail): marks are merged, deltas may start earlier but never miss a point.
    for (let i = 4; i <= 500; i++) {
      loss.push(i, NaN, i);
      store.commit();
      if (i % 37 === 0) sync();
    }
    sync();
    assert.deepEqual(
      copy.get('r/loss'),
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    const old = store.sinceVersion(3).series.find((s) => s.name === 'loss');
    assert.ok(old && old.from <= 2, 'a delta from an old version covers everything after it');
    // A cleared series (its file was rewritten) restarts from 0.
    loss.clear();
    loss.push(1, NaN, 42);
    store.commit();
    const d3 = sync();
    assert.deepEqual(
      d3.series.map((s) => [s.name, s.from, [...s.values]]),
      [['loss', 0, [42]]],
    );
    assert.deepEqual(copy.get('r/loss'), [42]);
    assert.equal(heard.length, store.version);
    off();
    loss.push(2, NaN, 1);
    store.commit();
    assert.equal(heard.length, store.version - 1, 'no more calls after unsubscribing');
  });

  it('holds 100 runs × 10 metrics in 24 bytes a point (the bench measures 10k points each)', () => {
    const store = new SeriesStore();
    const steps = Float64Array.from({ length: 1_000 }, (_, i) => i);
    for (let r = 0; r < 100; r++) {
      for (let m = 0; m < 10; m++)
        store.append([{ run: `run-${r}`, name: `m${m}`, steps, times: steps, values: steps }]);
    }
    assert.equal(store.pointCount(), 1_000_000);
    assert.equal(store.memoryBytes(), 1_000_000 * 24, 'one append of 1k points allocates exactly');
    assert.deepEqual([...(store.series('run-99', 'm9')?.values.subarray(998) ?? [])], [998, 999]);
  });
});
