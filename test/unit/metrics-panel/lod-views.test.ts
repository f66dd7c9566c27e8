/**
 * The metrics panel's level-of-detail channel at the protocol level (host side, no DOM, no VS Code): a `view` message
 * as the webview posts it goes through the contract's validation into `LodViews`, and the `envelope` it answers —
 * checked by the webview's own parser — is what the page draws. For random series with planted one-point spikes and
 * random zoom ranges, the drawn points' min and max within the range are the true ones, raw and smoothed (the smoothed
 * truth is the debiased EMA over every point, not over a sample).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { SeriesStore, emaSmooth } from '../../../core/src/metrics';
import { parseHostMessage, parseWebviewMessage, type ChartView } from '../../../client/src/panels/metrics/contract';
import {
  FULL_WIDTH_RUNS,
  LodViews,
  MIN_RUN_COLUMNS,
  PREVIEW_COLUMNS,
  PREVIEW_MIN_POINTS,
  runColumns,
  type EnvelopeMessage,
} from '../../../client/src/panels/metrics/lod-views';

interface Harness {
  store: SeriesStore;
  views: LodViews;
  sent: EnvelopeMessage[];
  selected: string[];
}

function harness(selected = ['r1']): Harness {
  const store = new SeriesStore();
  const sent: EnvelopeMessage[] = [];
  const h: Harness = { store, sent, selected, views: undefined as unknown as LodViews };
  h.views = new LodViews(store, { post: (m) => sent.push(m), selected: () => h.selected }, 5);
  return h;
}

/** The view as the webview posts it, through the host's validation (fails the test if rejected). */
function viewMessage(v: ChartView): ChartView {
  const msg = parseWebviewMessage({ type: 'view', ...v });
  assert.ok(msg && msg.type === 'view', `rejected view ${JSON.stringify(v)}`);
  return msg;
}

/** The envelope as the webview receives it (its parser must accept it). */
function received(m: EnvelopeMessage | undefined): EnvelopeMessage {
  const parsed = parseHostMessage(structuredClone(m));
  assert.ok(parsed && parsed.type === 'envelope', 'the webview rejects the envelope');
  return parsed;
}

function fill(store: SeriesStore, run: string, name: string, steps: number[], values: number[]): void {
  store.append([{ run, name, steps, values }]);
  store.commit();
}

/** min/max of y over points with x in [a, b]. */
function extent(x: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const xv = x[i] as number;
    const yv = y[i] as number;
    if (xv < a || xv > b || !Number.isFinite(yv)) continue;
    lo = Math.min(lo, yv);
    hi = Math.max(hi, yv);
  }
  return [lo, hi];
}

const series = fc
  .record({
    n: fc.integer({ min: 1, max: 9000 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    spikes: fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
      {
        maxLength: 6,
      },
    ),
    gaps: fc.boolean(),
  })
  .map(({ n, seed, spikes, gaps }) => {
    let s = seed;
    const rnd = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const steps: number[] = [];
    const values: number[] = [];
    let step = 0;
    for (let i = 0; i < n; i++) {
      step += gaps ? 1 + Math.floor(rnd() * 5) : 1;
      steps.push(step);
      values.push(Math.sin(i / 50) + (rnd() - 0.5) * 0.1);
    }
    for (const [at, v] of spikes) values[Math.min(n - 1, Math.floor(at * n))] = v; // one-point spikes
    return { steps, values };
  });

const zoom = fc.record({
  a: fc.double({ min: 0, max: 1, noNaN: true }),
  b: fc.double({ min: 0, max: 1, noNaN: true }),
  columns: fc.integer({ min: 1, max: 2000 }),
  smoothing: fc.constantFrom(0, 0.6, 0.95),
});

describe('metrics panel: level-of-detail envelopes at the protocol level', () => {
  it('for random series with planted spikes and random zooms, the envelope holds the true min and max of the range', () => {
    fc.assert(
      fc.property(series, series, zoom, (s1, s2, z) => {
        const h = harness(['r1', 'r2']);
        fill(h.store, 'r1', 'train/loss', s1.steps, s1.values);
        fill(h.store, 'r2', 'train/loss', s2.steps, s2.values);
        fill(h.store, 'r2', 'val_acc', [1, 2], [0.1, 0.2]); // another chart: not in this one's envelope
        const last = Math.max(s1.steps.at(-1)!, s2.steps.at(-1)!);
        const xMin = Math.floor(Math.min(z.a, z.b) * last);
        const xMax = Math.max(xMin, Math.ceil(Math.max(z.a, z.b) * last));
        h.views.request(viewMessage({ chart: 'loss', seq: 1, columns: z.columns, xMin, xMax, smoothing: z.smoothing }));
        h.views.flushPending();
        const env = received(h.sent.at(-1));
        assert.equal(env.seq, 1);
        assert.deepEqual(
          env.series.map((e) => `${e.run}/${e.name}/${e.layer}`),
          z.smoothing > 0
            ? ['r1/train/loss/raw', 'r1/train/loss/smooth', 'r2/train/loss/raw', 'r2/train/loss/smooth']
            : ['r1/train/loss/raw', 'r2/train/loss/raw'],
        );
        for (const [run, s] of [
          ['r1', s1],
          ['r2', s2],
        ] as const) {
          const smooth = new Float64Array(s.values.length);
          emaSmooth(s.values, z.smoothing, smooth);
          for (const e of env.series.filter((x) => x.run === run)) {
            const truth = extent(s.steps, e.layer === 'raw' ? s.values : smooth, xMin, xMax);
            const drawn = extent(e.x, e.y, xMin, xMax);
            assert.deepEqual(drawn, truth, `${run} ${e.layer} [${xMin}, ${xMax}] at ${z.columns} columns`);
            // What its pixels need: about 2 points a column (plus one beyond each edge).
            assert.ok(e.x.length <= 2 * z.columns + 2, `${e.x.length} points for ${z.columns} columns`);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('many runs on a chart: each run’s envelope has fewer columns, and still the true min and max of any range', () => {
    assert.equal(runColumns(800, FULL_WIDTH_RUNS), 800, 'a few runs: the full width');
    assert.equal(runColumns(800, 200), 128);
    assert.equal(runColumns(800, 1000), MIN_RUN_COLUMNS, 'never under the floor');
    assert.equal(runColumns(40, 1000), 40, 'never over the chart’s width');
    const n = 300;
    const h = harness(Array.from({ length: n }, (_, r) => `r${r}`));
    const truth: Array<{ steps: number[]; values: number[] }> = [];
    for (let r = 0; r < n; r++) {
      let seed = r + 1;
      const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
      const steps = Array.from({ length: 3000 }, (_, i) => i);
      const values = steps.map(() => rnd());
      values[Math.floor(rnd() * 3000)] = 50 + r; // one planted spike a run, up and down
      values[Math.floor(rnd() * 3000)] = -50 - r;
      truth.push({ steps, values });
      h.store.append([{ run: `r${r}`, name: 'loss', steps, values }]);
    }
    h.store.commit();
    const columns = runColumns(800, n);
    assert.equal(columns, 85);
    let seq = 0;
    for (const [xMin, xMax] of [
      [0, 2999],
      [0, 10_000],
      [1234, 1300],
      [2000, 2999],
    ] as const) {
      h.views.request(viewMessage({ chart: 'loss', seq: ++seq, columns: 800, xMin, xMax, smoothing: 0 }));
      h.views.flushPending();
      const env = received(h.sent.at(-1));
      assert.equal(env.series.length, n, 'every run drawn');
      for (const e of env.series) {
        const t = truth[Number(e.run.slice(1))]!;
        assert.deepEqual(
          extent(e.x, e.y, xMin, xMax),
          extent(t.steps, t.values, xMin, xMax),
          `${e.run} [${xMin}, ${xMax}]`,
        );
        assert.ok(e.x.length <= 2 * columns + 2, `${e.x.length} points at ${columns} columns a run`);
      }
    }
  });

  it('a stream of views for one chart: only the latest is answered (debounced, latest wins)', async () => {
    const h = harness();
    fill(
      h.store,
      'r1',
      'loss',
      Array.from({ length: 1000 }, (_, i) => i),
      Array.from({ length: 1000 }, (_, i) => i % 7),
    );
    for (let seq = 1; seq <= 20; seq++)
      h.views.request(viewMessage({ chart: 'loss', seq, columns: 100, xMin: seq, xMax: 500 + seq, smoothing: 0 }));
    // A view that arrives late with an older seq does not replace the newer one.
    h.views.request(viewMessage({ chart: 'loss', seq: 3, columns: 100, xMin: 0, xMax: 999, smoothing: 0 }));
    await new Promise<void>((resolve) => {
      const check = () => (h.sent.length ? resolve() : setTimeout(check, 5));
      check();
    });
    assert.equal(h.sent.length, 1);
    assert.equal(h.sent[0]!.seq, 20);
    assert.equal(h.sent[0]!.xMin, 20);
  });

  it('live points: the viewed chart gets the envelope of its range again, with the new spike in it', () => {
    const h = harness();
    const steps = Array.from({ length: 5000 }, (_, i) => i);
    fill(
      h.store,
      'r1',
      'loss',
      steps,
      steps.map((i) => Math.cos(i / 100)),
    );
    h.views.request(viewMessage({ chart: 'loss', seq: 4, columns: 300, xMin: 0, xMax: 10_000, smoothing: 0.6 }));
    h.views.flushPending();
    assert.equal(h.sent.length, 1);
    fill(h.store, 'r1', 'loss', [5000, 5001, 5002], [0.5, 42, 0.5]);
    fill(h.store, 'r1', 'grad_norm', [1], [1]); // another chart: its view (none) is not answered
    h.views.changed();
    assert.equal(h.sent.length, 2);
    const env = received(h.sent[1]);
    assert.equal(env.seq, 4, 'the same view, answered again');
    const raw = env.series.find((e) => e.layer === 'raw')!;
    assert.equal(extent(raw.x, raw.y, 0, 10_000)[1], 42);
    const smooth = env.series.find((e) => e.layer === 'smooth')!;
    const all = new Float64Array(5003);
    emaSmooth([...steps.map((i) => Math.cos(i / 100)), 0.5, 42, 0.5], 0.6, all);
    assert.deepEqual(
      extent(smooth.x, smooth.y, 4990, 10_000),
      extent([...steps, 5000, 5001, 5002], all, 4990, 10_000),
      'the smoothed layer extended over the new points, as computed over every point',
    );
  });

  it('a finished run released to file-backed pyramids answers the same envelopes from its .lod cache', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lod-views-'));
    try {
      const h = harness();
      const steps = Array.from({ length: 20_000 }, (_, i) => i);
      const values = steps.map((i) => Math.sin(i / 300) + (i === 12_345 ? -9 : 0));
      fill(h.store, 'r1', 'loss', steps, values);
      const view = viewMessage({ chart: 'loss', seq: 1, columns: 640, xMin: 10_000, xMax: 15_000, smoothing: 0 });
      h.views.request(view);
      h.views.flushPending();
      const before = received(h.sent[0]);
      const held = h.views.memoryBytes();
      h.views.release('r1', dir, 'key-1');
      assert.ok(readdirSync(path.join(dir, '.lod')).length === 1, 'one cache file next to the run');
      assert.ok(h.views.index.isFileBacked('r1'));
      assert.ok(h.views.memoryBytes() < held / 10, `${h.views.memoryBytes()} bytes still held of ${held}`);
      h.views.request({ ...view, seq: 2 });
      h.views.flushPending();
      const after = received(h.sent[1]);
      assert.deepEqual([...after.series[0]!.y], [...before.series[0]!.y]);
      assert.equal(Math.min(...after.series[0]!.y), Math.min(...values.slice(10_000, 15_001)), 'the spike is drawn');
      // The run shown again by a fresh panel: its pyramids come from the cache built from the same files (key).
      const again = harness();
      assert.deepEqual(again.views.load('r1', dir, 'key-2'), [], 'a cache built from other files is not used');
      assert.deepEqual(again.views.load('r1', dir, 'key-1'), ['loss']);
      assert.ok(again.views.index.isFileBacked('r1'));
      fill(again.store, 'r1', 'loss', steps, values); // the feed still reads the points (export, tooltips)
      again.views.request({ ...view, seq: 1 });
      again.views.flushPending();
      assert.ok(again.views.index.isFileBacked('r1'), 'not rebuilt in memory from the points read');
      assert.equal(again.views.memoryBytes(), 0);
      assert.deepEqual([...received(again.sent[0]).series[0]!.y], [...before.series[0]!.y]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a finished run’s long series goes as a preview: few points, its first, last, lowest and highest among them', () => {
    fc.assert(
      fc.property(series, (s) => {
        const h = harness();
        fill(h.store, 'r1', 'loss', s.steps, s.values);
        h.views.sync();
        const p = h.views.preview('r1', 'loss', 0);
        if (s.steps.length <= PREVIEW_MIN_POINTS) {
          assert.equal(p, undefined, 'a short series goes point by point');
          return;
        }
        const msg = parseHostMessage({ type: 'series', loading: false, chunks: [p] });
        assert.ok(msg && msg.type === 'series', 'the page accepts the preview');
        const c = msg.chunks[0]!;
        assert.equal(c.total, s.steps.length);
        assert.ok(c.values.length <= 2 * PREVIEW_COLUMNS + 2, `${c.values.length} points`);
        assert.equal(c.steps[0], s.steps[0]);
        assert.equal(c.steps.at(-1), s.steps.at(-1));
        const f32 = Float32Array.from(s.values);
        assert.deepEqual(extent(c.steps, c.values, -Infinity, Infinity), extent(s.steps, f32, -Infinity, Infinity));
      }),
      { numRuns: 60 },
    );
  });

  it('the host rejects malformed views', () => {
    const ok = { type: 'view', chart: 'loss', seq: 1, columns: 100, xMin: 0, xMax: 10, smoothing: 0 };
    assert.ok(parseWebviewMessage(ok));
    for (const bad of [
      { chart: '' },
      { chart: 'x'.repeat(2000) },
      { seq: -1 },
      { seq: 1.5 },
      { columns: 0 },
      { columns: 1e9 },
      { xMin: NaN },
      { xMax: Infinity },
      { xMin: 11 },
      { smoothing: 1 },
      { smoothing: '0.5' },
    ])
      assert.equal(parseWebviewMessage({ ...ok, ...bad }), undefined, JSON.stringify(bad));
    const env = {
      ...ok,
      type: 'envelope',
      gen: 3,
      series: [{ run: 'r', name: 'loss', layer: 'raw', x: new Float64Array(2), y: new Float64Array(2) }],
    };
    assert.ok(parseHostMessage(env));
    assert.equal(parseHostMessage({ ...env, series: [{ ...env.series[0], y: new Float64Array(1) }] }), undefined);
    assert.equal(parseHostMessage({ ...env, series: [{ ...env.series[0], layer: 'other' }] }), undefined);
    // The generation is required; a partial answer names every run it replaces, each once.
    assert.equal(parseHostMessage({ ...env, gen: undefined }), undefined);
    for (const gen of [-1, 1.5, '3', NaN]) assert.equal(parseHostMessage({ ...env, gen }), undefined, String(gen));
    assert.equal(parseHostMessage({ ...env, runs: ['r'] })?.type, 'envelope');
    assert.equal(parseHostMessage({ ...env, runs: [] }), undefined, 'a series of a run not named');
    assert.equal(parseHostMessage({ ...env, runs: ['other'] }), undefined, 'a series of a run not named');
    assert.equal(parseHostMessage({ ...env, runs: ['r', 'r'] }), undefined, 'a run named twice');
    assert.equal(parseHostMessage({ ...env, runs: ['r', ''] }), undefined);
    assert.equal(parseHostMessage({ ...env, runs: 'r' }), undefined);
    assert.deepEqual(
      (parseHostMessage({ ...env, runs: ['r', 'gone'] }) as EnvelopeMessage | undefined)?.runs,
      ['r', 'gone'],
      'a run named without series: its layers are removed',
    );
  });
});
