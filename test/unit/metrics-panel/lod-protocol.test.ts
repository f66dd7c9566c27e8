/**
 * The level-of-detail channel end to end, host and page, no DOM and no VS Code: the page's `LodClient`
 * (webviews/metrics/lod-client.ts) posts its views through the host's validation into `LodViews`
 * (client/src/panels/metrics/lod-views.ts), whose answers reach the page through the webview's parser, in order, as
 * postMessage delivers them. A live run's new points go as a partial answer carrying that run only; the page keeps
 * the other runs' layers; an answer for another view, or a partial one onto another answer, is never taken.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { SeriesStore } from '../../../core/src/metrics';
import { parseHostMessage, parseWebviewMessage } from '../../../client/src/panels/metrics/contract';
import type { HostMessage, WebviewMessage } from '../../../client/src/panels/metrics/contract';
import { LodViews, type EnvelopeMessage } from '../../../client/src/panels/metrics/lod-views';
import type { LodClient as PageLodClient, ViewWanted } from '../../../webviews/metrics/lod-client';

/**
 * The page's module as the webviews project builds it (an ES module, out/webviews/metrics/lod-client.js: the code
 * the bundle holds), imported as such; it has no imports of its own at run time.
 */
let LodClient: typeof PageLodClient;
before(async () => {
  const file = path.join(__dirname, '..', '..', '..', 'webviews', 'metrics', 'lod-client.js');
  const code = readFileSync(file, 'utf8');
  assert.doesNotMatch(code, /^import /m, 'the page module has imports: load it another way');
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
    LodClient: typeof PageLodClient;
  };
  LodClient = mod.LodClient;
});

interface Wire {
  store: SeriesStore;
  host: LodViews;
  page: PageLodClient;
  shown: string[];
  /** Host → page messages not yet delivered, in order (already through structuredClone, as postMessage does). */
  toPage: unknown[];
  /** Page → host messages not yet delivered. */
  toHost: unknown[];
  /** Every envelope the host posted. */
  posted: EnvelopeMessage[];
  /** Charts the page was told to redraw. */
  redrawn: string[];
}

function wire(shown: string[]): Wire {
  const store = new SeriesStore();
  const w: Wire = {
    store,
    shown,
    toPage: [],
    toHost: [],
    posted: [],
    redrawn: [],
    host: undefined as never,
    page: undefined as never,
  };
  w.host = new LodViews(
    store,
    {
      post: (m) => {
        w.posted.push(m);
        w.toPage.push(structuredClone(m));
      },
      selected: () => w.shown,
    },
    1,
  );
  w.page = new LodClient(
    (m: WebviewMessage) => w.toHost.push(structuredClone(m)),
    (chart) => w.redrawn.push(chart),
    0,
  );
  return w;
}

/** Delivers the page's views to the host (validated as panel.ts does) and answers them at once. */
function toHost(w: Wire): void {
  for (const raw of w.toHost.splice(0)) {
    const m = parseWebviewMessage(raw);
    assert.ok(m && m.type === 'view', `the host rejects ${JSON.stringify(raw)}`);
    w.host.request(m);
  }
  w.host.flushPending();
}

/** Delivers the host's messages to the page (validated as main.ts does); returns what `receive` said of each. */
function toPage(w: Wire, count = Infinity): boolean[] {
  const out: boolean[] = [];
  for (const raw of w.toPage.splice(0, count)) {
    const m = parseHostMessage(raw) as HostMessage | undefined;
    assert.ok(m && m.type === 'envelope', 'the page rejects the envelope');
    out.push(w.page.receive(m));
  }
  return out;
}

function append(w: Wire, run: string, name: string, steps: number[], values: number[]): void {
  w.store.append([{ run, name, steps, values }]);
  w.store.commit();
}

const ramp = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
const VIEW: ViewWanted = { columns: 200, xMin: 0, xMax: 4000, smoothing: 0.6 };

/** The page's layers of a chart as plain numbers, by run, name and layer. */
function heldOf(w: Wire, chart: string): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  for (const [run, layers] of w.page.held(chart) ?? new Map())
    for (const [key, d] of layers) out[`${run}/${key.replace('\u0000', '/')}`] = [[...d.x], [...d.y]];
  return out;
}

/** What the page should hold for a view: the host's full answer for it, as layers. */
function truthOf(w: Wire, chart: string, seq: number, v: ViewWanted): Record<string, number[][]> {
  w.host.sync();
  const out: Record<string, number[][]> = {};
  for (const s of w.host.envelopeOf({ chart, seq, ...v }).series)
    out[`${s.run}/${s.name}/${s.layer}`] = [[...s.x], [...s.y]];
  return out;
}

describe('metrics panel: level-of-detail updates, host and page together', () => {
  it('a live point goes as a partial answer with the live run only; the page keeps the other runs’ layers', () => {
    const w = wire(['a', 'b', 'live']);
    for (const run of ['a', 'b'])
      append(
        w,
        run,
        'loss',
        ramp(3000, (i) => i),
        ramp(3000, (i) => Math.sin(i / 50)),
      );
    append(w, 'live', 'loss', [0, 1, 2], [1, 0.9, 0.8]);
    assert.equal(w.page.get('loss', 'a', 'loss', 'raw', VIEW), undefined, 'not answered yet: asked for');
    toHost(w);
    assert.deepEqual(toPage(w), [true]);
    const a = w.page.get('loss', 'a', 'loss', 'raw', VIEW);
    const bSmooth = w.page.get('loss', 'b', 'loss', 'smooth', VIEW);
    assert.ok(a && bSmooth);

    append(w, 'live', 'loss', [3, 4], [0.7, 42]);
    w.host.changed();
    const partial = w.posted.at(-1)!;
    assert.deepEqual(partial.runs, ['live'], 'only the run that changed');
    assert.deepEqual(new Set(partial.series.map((s) => s.run)), new Set(['live']));
    assert.equal(partial.gen, w.posted[0]!.gen, 'onto the full answer it updates');
    assert.equal(partial.seq, w.posted[0]!.seq);
    assert.deepEqual(toPage(w), [true]);
    assert.equal(w.page.counts.partial, 1);
    assert.equal(w.page.get('loss', 'a', 'loss', 'raw', VIEW), a, 'the other runs’ layers kept as they were');
    assert.equal(w.page.get('loss', 'b', 'loss', 'smooth', VIEW), bSmooth);
    const live = w.page.get('loss', 'live', 'loss', 'raw', VIEW)!;
    assert.equal(Math.max(...live.y.subarray(0, live.length)), 42, 'the new spike drawn');
    assert.deepEqual(heldOf(w, 'loss'), truthOf(w, 'loss', partial.seq, VIEW), 'what a full answer would hold');
    assert.deepEqual(w.redrawn, ['loss', 'loss']);
  });

  it('a run’s layers are replaced by a partial answer, not merged; charts not viewed are not answered', () => {
    const w = wire(['a', 'live']);
    append(
      w,
      'a',
      'loss',
      ramp(100, (i) => i),
      ramp(100, (i) => i),
    );
    append(w, 'live', 'loss', [0, 1], [1, 2]);
    w.page.get('loss', 'a', 'loss', 'raw', VIEW);
    toHost(w);
    toPage(w);
    append(w, 'live', 'acc', [0], [1]); // another chart, not viewed
    w.host.changed();
    assert.equal(w.posted.length, 1, 'the loss chart did not change');
    append(w, 'live', 'val_loss', [0, 1], [3, 4]); // the same chart
    w.host.changed();
    toPage(w);
    assert.ok(w.page.get('loss', 'live', 'val_loss', 'raw', VIEW));
    // The live run's series are cleared and rewritten (a restarted run) with one of them only: its layers are
    // replaced, not merged.
    w.store.deleteRun('live');
    append(w, 'live', 'loss', [0], [7]);
    w.host.changed();
    assert.deepEqual(w.posted.at(-1)!.runs, ['live']);
    toPage(w);
    assert.equal(w.page.get('loss', 'live', 'val_loss', 'raw', VIEW), undefined, 'the series gone is not drawn');
    assert.deepEqual(heldOf(w, 'loss'), truthOf(w, 'loss', w.posted[0]!.seq, VIEW));
  });

  it('a view changed, or the runs shown changed, since the last full answer: the chart is answered in full', () => {
    const w = wire(['a', 'live']);
    append(
      w,
      'a',
      'loss',
      ramp(500, (i) => i),
      ramp(500, (i) => i % 9),
    );
    append(w, 'live', 'loss', [0], [1]);
    w.page.get('loss', 'a', 'loss', 'raw', VIEW);
    toHost(w);
    toPage(w);
    w.shown.push('b');
    append(w, 'b', 'loss', [0, 1], [3, 4]);
    append(w, 'live', 'loss', [1], [2]);
    w.host.changed();
    const full = w.posted.at(-1)!;
    assert.equal(full.runs, undefined, 'in full');
    assert.ok(full.gen > w.posted[0]!.gen, 'a new generation');
    assert.deepEqual(new Set(full.series.map((s) => s.run)), new Set(['a', 'b', 'live']));
    assert.deepEqual(toPage(w), [true]);
    // The page zooms: until the host has its new view, it answers the old one; the page drops those answers.
    const zoomed = { ...VIEW, xMin: 100, xMax: 300 };
    assert.equal(w.page.get('loss', 'a', 'loss', 'raw', zoomed), undefined);
    append(w, 'live', 'loss', [2], [3]);
    w.host.changed(); // the host has not seen the zoom yet: a partial answer for the old view
    assert.deepEqual(w.posted.at(-1)!.runs, ['live']);
    assert.deepEqual(toPage(w), [false], 'an answer for the old view is stale');
    toHost(w);
    assert.equal(w.posted.at(-1)!.runs, undefined, 'the new view answered in full');
    assert.deepEqual(toPage(w), [true]);
    assert.deepEqual(heldOf(w, 'loss'), truthOf(w, 'loss', w.posted.at(-1)!.seq, zoomed));
  });

  it('the page takes no partial answer onto another answer, nor an answer for a range it did not ask under that seq', () => {
    const w = wire(['a', 'live']);
    append(
      w,
      'a',
      'loss',
      ramp(500, (i) => i),
      ramp(500, (i) => i % 9),
    );
    append(w, 'live', 'loss', [0], [1]);
    w.page.get('loss', 'a', 'loss', 'raw', VIEW);
    toHost(w);
    toPage(w);
    const full = w.posted[0]!;
    const before = heldOf(w, 'loss');
    const live = (y: number) => ({
      run: 'live',
      name: 'loss',
      layer: 'raw' as const,
      x: new Float64Array([0]),
      y: new Float64Array([y]),
    });
    // Another generation under the same seq (a partial answer onto a full one the page never took).
    assert.equal(w.page.receive({ ...full, gen: full.gen + 1, runs: ['live'], series: [live(99)] }), false);
    assert.equal(w.page.held('loss'), undefined, 'the answer is dropped, not mixed');
    assert.deepEqual(w.redrawn.slice(-1), ['loss'], 'redrawn from the page’s own points meanwhile');
    // ... and the view asked for again, in full.
    assert.equal(w.page.get('loss', 'a', 'loss', 'raw', VIEW), undefined);
    toHost(w);
    assert.equal(w.posted.at(-1)!.runs, undefined);
    toPage(w);
    assert.deepEqual(heldOf(w, 'loss'), before);
    const again = w.posted.at(-1)!;
    // The same seq with another range or smoothing: not the view asked for.
    for (const other of [{ xMax: 4001 }, { columns: 201 }, { smoothing: 0 }]) {
      assert.equal(w.page.receive({ ...again, ...other }), false, JSON.stringify(other));
      assert.equal(w.page.receive({ ...again, ...other, runs: ['live'], series: [live(99)] }), false);
    }
    // An older seq, full or partial, or one never asked for.
    assert.equal(w.page.receive({ ...again, seq: again.seq - 1 }), false);
    assert.equal(w.page.receive({ ...again, seq: again.seq + 1 }), false);
    assert.equal(w.page.receive({ ...again, seq: full.seq, gen: full.gen, runs: ['live'], series: [live(99)] }), false);
    assert.deepEqual(heldOf(w, 'loss'), before, 'nothing of them taken');
    assert.equal(w.page.receive({ ...again, runs: ['live'], series: [live(5)] }), true, 'the right one is taken');
    assert.deepEqual(heldOf(w, 'loss')['live/loss/raw'], [[0], [5]]);
  });

  it('random zooms, live points, runs shown and deliveries: the page ends holding the full answer of its view', () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('zoom' as const), a: fc.nat(3000), w: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ kind: fc.constant('smooth' as const), s: fc.constantFrom(0, 0.6) }),
      fc.record({ kind: fc.constant('live' as const), n: fc.integer({ min: 1, max: 40 }), spike: fc.boolean() }),
      fc.record({ kind: fc.constant('show' as const), run: fc.constantFrom('a', 'b', 'c') }),
      fc.record({ kind: fc.constant('toHost' as const) }),
      fc.record({ kind: fc.constant('toPage' as const), n: fc.integer({ min: 1, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        const w = wire(['a', 'b', 'live']);
        for (const run of ['a', 'b', 'c'])
          append(
            w,
            run,
            'loss',
            ramp(3000, (i) => i),
            ramp(3000, (i) => Math.cos(i / 30) + run.charCodeAt(0)),
          );
        let next = 0;
        const grow = (n: number, spike: boolean) => {
          const steps = ramp(n, (i) => next + i);
          append(
            w,
            'live',
            'loss',
            steps,
            steps.map((s, i) => (spike && i === n - 1 ? 1e6 : Math.sin(s))),
          );
          next += n;
        };
        grow(5, false);
        let view: ViewWanted = { ...VIEW };
        const ask = () => w.page.get('loss', 'a', 'loss', 'raw', view);
        ask();
        for (const act of actions) {
          if (act.kind === 'zoom') view = { ...view, xMin: act.a, xMax: act.a + act.w };
          else if (act.kind === 'smooth') view = { ...view, smoothing: act.s };
          else if (act.kind === 'live') {
            grow(act.n, act.spike);
            w.host.changed();
          } else if (act.kind === 'show') {
            const i = w.shown.indexOf(act.run);
            if (i >= 0) w.shown.splice(i, 1);
            else w.shown.push(act.run);
            grow(1, false); // the panel's run list changed with new points on their way
            w.host.changed();
          } else if (act.kind === 'toHost') toHost(w);
          else toPage(w, act.n);
          ask();
          // Whatever the page holds came from one full answer and the partial answers onto it: same seq and view.
          for (const m of w.posted) if (m.runs) assert.ok(w.posted.some((f) => !f.runs && f.gen === m.gen));
        }
        // Everything delivered (and what that asks for in turn): the page's layers are the host's full answer now.
        for (let i = 0; i < 4; i++) {
          toPage(w);
          ask();
          toHost(w);
          toPage(w);
          ask();
        }
        assert.deepEqual(heldOf(w, 'loss'), truthOf(w, 'loss', 0, view));
      }),
      { numRuns: 150 },
    );
  });
});
