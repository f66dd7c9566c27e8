/**
 * A finished run is drawn from its cache (core/src/metrics/run-cache.ts), not held as a full series (issue 14 item 1):
 * reopening a run whose metric files are unchanged reads none of them and puts nothing in the series store; the
 * comparison table's values from the cache equal those computed from the series; envelopes from the cache keep every
 * planted spike; a damaged, truncated or hostile cache is never trusted (ignored and rebuilt, or dropped when a chunk
 * read later fails its checksum); a run whose points a store limit cut never gets a cache.
 */
import * as assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  ChunkCache,
  HandlePool,
  LodIndex,
  LodPyramid,
  RUN_CACHE_FILE,
  RunCache,
  SeriesStore,
  crc32c,
  createRunFeed,
  lodEnvelope,
  metricsCsv,
  openRunFeed,
  writeMetricsCsv,
  runCacheFile,
  summarizeMetric,
  writeRunCache,
  type RunFeed,
} from '../../../core/src/metrics';
import type { ListedRun, RunRecord } from '../../../core/src/runs';
import { succeededSweepRecord } from '../../support/metrics';
import { compareRuns, type ComparedRun } from '../../../client/src/panels/metrics/comparison';
import { storeNotices } from '../../../client/src/panels/metrics/host-notices';
import { LodViews, type EnvelopeMessage } from '../../../client/src/panels/metrics/lod-views';
import { MetricsTransport } from '../../../client/src/panels/metrics/transport';
import type { HostMessage, SeriesChunk } from '../../../client/src/panels/metrics/contract';
import { RunFeeds } from '../../../client/src/panels/metrics/run-feeds';

const T0 = Date.UTC(2026, 11, 6) / 1000;

const recordOf = (id: string): RunRecord => succeededSweepRecord(id, T0);

/** A finished run on disk: `steps` lines of loss (with a spike and a NaN) and acc; its files' times fixed. */
function writeRun(root: string, id: string, steps: number): ListedRun {
  const dir = path.join(root, id);
  mkdirSync(dir, { recursive: true });
  const rec = recordOf(id);
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(rec));
  const lines: string[] = [];
  for (let i = 0; i < steps; i++) {
    const loss = i === 777 ? 'NaN' : String(i === 4321 ? 50 : 1 / (1 + i / 100) + Math.sin(i) / 50);
    lines.push(`{"step": ${i}, "time": ${T0 + i}, "loss": ${loss}, "acc": ${(i % 97) / 97}}`);
  }
  writeFileSync(path.join(dir, 'metrics.jsonl'), `${lines.join('\n')}\n`);
  utimesSync(path.join(dir, 'metrics.jsonl'), 1_700_000_000, 1_700_000_000);
  return { dir, record: rec } as ListedRun;
}

interface Panel {
  store: SeriesStore;
  lod: LodViews;
  feeds: RunFeeds;
  served: string[];
  sent: EnvelopeMessage[];
  failed: string[];
}

/** The panel's wiring (panel.ts) without VS Code: cache opened first, a run read is cached and leaves the store. */
function panel(selected: string[], limits?: { maxBytes: number }, cached?: (run: string) => void): Panel {
  const store = new SeriesStore(limits);
  const p: Panel = { store, served: [], sent: [], failed: [], lod: undefined as never, feeds: undefined as never };
  p.lod = new LodViews(
    store,
    { post: (m) => p.sent.push(m), selected: () => selected, cacheFailed: (r) => p.failed.push(r) },
    1,
  );
  p.feeds = new RunFeeds(store, {
    wanted: () => true,
    settled: () => undefined,
    opening: async (key: string, feed: RunFeed) => {
      const hit = p.lod.load(key, feed.dir, await feed.cacheKey()).length > 0;
      if (hit) p.served.push(key);
      if (hit) cached?.(key);
      return hit;
    },
    done: async (key: string, feed: RunFeed) => {
      if (!p.lod.release(key, feed.dir, await feed.cacheKey())) return;
      store.deleteRun(key);
      cached?.(key);
    },
  });
  return p;
}

/** The comparison table's rows as view-model.ts builds them: a cached run's metrics from its cache. */
function rowsOf(p: Panel, runs: string[]): ComparedRun[] {
  return runs.map((key) => ({
    key,
    experiment: 'sweep',
    state: 'succeeded',
    config: {},
    metrics: p.lod.cachedMetrics(key) ?? new Map(p.store.names(key).map((n) => [n, p.store.series(key, n)!] as const)),
    primary: { name: 'loss', goal: 'min' as const },
  }));
}

describe('metrics panel: finished runs drawn from their cache, not held as series', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'run-cache-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reopening a finished run with unchanged files reads none of them and holds no series', async () => {
    const a = writeRun(root, 'a', 6000);
    const runs = new Map([['a', a]]);
    const first = panel(['a']);
    await first.feeds.sync(['a'], runs);
    assert.deepEqual(first.served, [], 'no cache yet: the files are read');
    assert.deepEqual(first.store.names('a'), [], 'read, cached, and its points left the store');
    assert.ok(first.lod.isCached('a'));
    const previews = first.lod.cachedChunks('a', T0)!;
    const table = compareRuns(rowsOf(first, ['a']), { smoothing: 0.6 });

    // Same size, same time, other bytes: a read of the file would find only unreadable lines.
    const file = path.join(a.dir, 'metrics.jsonl');
    const size = statSync(file).size;
    writeFileSync(file, 'x'.repeat(size - 1) + '\n');
    utimesSync(file, 1_700_000_000, 1_700_000_000);

    const again = panel(['a']);
    await again.feeds.sync(['a'], runs);
    assert.deepEqual(again.served, ['a'], 'drawn from its cache');
    assert.deepEqual(again.store.names('a'), [], 'no series in the store');
    assert.equal(again.store.memoryBytes(), 0);
    assert.deepEqual(
      [...again.feeds.values()].flatMap((f) => f.problems()),
      [],
      'the metrics file was not read',
    );
    assert.deepEqual(again.lod.cachedChunks('a', T0), previews, 'the same previews');
    assert.deepEqual(compareRuns(rowsOf(again, ['a']), { smoothing: 0.6 }), table, 'the same table');
    again.lod.request({ chart: 'loss', seq: 1, columns: 400, xMin: 4000, xMax: 4500, smoothing: 0.6 });
    again.lod.flushPending();
    const raw = again.sent[0]!.series.find((s) => s.layer === 'raw')!;
    assert.equal(Math.max(...raw.y), 50, 'the spike, from the cache');
    assert.ok(
      again.sent[0]!.series.some((s) => s.layer === 'smooth'),
      'the smoothed layer, from the cache',
    );
  });

  it('the page gets a cached run’s series from its cache: at ready, and when a run is drawn from it later', async () => {
    const a = writeRun(root, 'a', 6000);
    const b = writeRun(root, 'b', 3000);
    const runs = new Map([
      ['a', a],
      ['b', b],
    ]);
    await panel(['a']).feeds.sync(['a'], runs); // a has a cache, b not yet
    const posted: HostMessage[] = [];
    const chunks = (): SeriesChunk[] => posted.flatMap((m) => (m.type === 'series' ? m.chunks : []));
    // The page keeps each series' last chunk from 0 (a preview replaces what it had): the latest per name.
    const sorted = (run: string): string[] => {
      const last = new Map<string, SeriesChunk>();
      for (const c of chunks()) if (c.run === run) last.set(c.name, c);
      return [...last.values()].map((c) => `${c.name}:${c.total}:${c.steps.at(-1)}`).sort();
    };
    const held: { transport?: MetricsTransport } = {};
    // The panel's hooks (panel.ts): a run drawn from its cache, served or just written, is sent again from it.
    const p = panel(['a', 'b'], undefined, (run) => held.transport?.resend(run));
    const transport = new MetricsTransport(
      { postMessage: async (m) => (posted.push(m as HostMessage), true) },
      p.store,
      {
        visible: () => true,
        selected: () => ['a', 'b'],
        loading: () => false,
        t0: () => T0,
        flushed: () => undefined,
        preview: {
          begin: () => p.lod.sync(),
          chunk: (run, name, t0) => p.lod.preview(run, name, t0),
          cached: (run, t0) => p.lod.cachedChunks(run, t0),
        },
      },
    );
    held.transport = transport;
    transport.sendFullState(() => ({ type: 'status', text: 'init' })); // the page is ready before any run is open
    await p.feeds.sync(['a', 'b'], runs);
    const done = () => [...sorted('a'), ...sorted('b')].filter((c) => !c.includes('undefined')).length === 4;
    while (!done()) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(sorted('a'), ['acc:6000:5999', 'loss:6000:5999'], 'a, served from its cache');
    assert.deepEqual(sorted('b'), ['acc:3000:2999', 'loss:3000:2999'], 'b, read then cached');
    // A page that reloads gets both from their caches at ready.
    posted.length = 0;
    transport.sendFullState(() => ({ type: 'status', text: 'init' }));
    assert.deepEqual(sorted('a'), ['acc:6000:5999', 'loss:6000:5999']);
    assert.deepEqual(sorted('b'), ['acc:3000:2999', 'loss:3000:2999']);
    transport.dispose();
  });

  it('a live run’s new points re-answer its chart with the live run only (same view); a full answer reuses the cached runs’ envelopes', async () => {
    const a = writeRun(root, 'a', 6000);
    const shown = ['a', 'live'];
    const p = panel(shown);
    await p.feeds.sync(['a'], new Map([['a', a]]));
    p.store.append([{ run: 'live', name: 'loss', steps: [0, 1], values: [1, 2] }]);
    p.lod.request({ chart: 'loss', seq: 1, columns: 300, xMin: 0, xMax: 6000, smoothing: 0.6 });
    p.lod.flushPending();
    p.store.append([{ run: 'live', name: 'loss', steps: [2], values: [99] }]);
    p.lod.changed();
    const [first, second] = p.sent;
    const of = (m: EnvelopeMessage | undefined, run: string) => m?.series.filter((s) => s.run === run) ?? [];
    assert.equal(first!.runs, undefined, 'the first answer is full');
    assert.deepEqual(second!.runs, ['live'], 'a partial answer: the live run only');
    assert.equal(second!.gen, first!.gen, 'onto the full answer it updates');
    assert.equal(of(second, 'a').length, 0, 'the cached run is not sent again');
    assert.equal(Math.max(...of(second, 'live').find((s) => s.layer === 'raw')!.y), 99, 'the live point is in');
    // The chart answered in full again at the same view (here: a run more shown) reuses the cached run's envelopes.
    shown.push('b');
    p.store.append([{ run: 'live', name: 'loss', steps: [3], values: [5] }]);
    p.lod.changed();
    const third = p.sent[2]!;
    assert.equal(third.runs, undefined, 'the runs shown changed: in full');
    assert.ok(third.gen > first!.gen);
    assert.equal(of(third, 'a').length, 2, 'raw and smoothed of the cached run');
    assert.ok(
      of(third, 'a').every((s, i) => s.x === of(first, 'a')[i]!.x),
      'the same arrays: reused',
    );
    p.sent.splice(2);
    // Another view, or the cache opened again, is computed afresh.
    p.lod.request({ chart: 'loss', seq: 2, columns: 301, xMin: 0, xMax: 6000, smoothing: 0.6 });
    p.lod.flushPending();
    assert.ok(of(p.sent[2], 'a')[0]!.x !== of(first, 'a')[0]!.x);
    assert.equal(Math.max(...of(p.sent[2], 'a')[0]!.y), 50, 'the spike');
  });

  it('export re-reads a cached run’s files: every point, raw and smoothed, as from the series', async () => {
    const a = writeRun(root, 'a', 5000);
    const runs = new Map([['a', a]]);
    const p = panel(['a']);
    await p.feeds.sync(['a'], runs);
    assert.ok(p.lod.isCached('a') && p.store.names('a').length === 0);
    const reference = new SeriesStore();
    (await openRunFeed(reference, a.dir, a.record, { tail: false, key: 'a' })).close();
    const file = path.join(root, 'out.csv');
    const summary = await writeMetricsCsv(
      file,
      async (run) => {
        const scratch = new SeriesStore();
        (await openRunFeed(scratch, runs.get(run)!.dir, runs.get(run)!.record, { tail: false, key: run })).close();
        return scratch;
      },
      ['a'],
      { smoothing: 0.6 },
    );
    assert.equal(summary.rows, 10_000);
    assert.equal(readFileSync(file, 'utf8'), metricsCsv(reference, ['a'], { smoothing: 0.6 }));
  });

  it('the comparison table from the cache equals the one computed from the series', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), {
          minLength: 1,
          maxLength: 6000,
        }),
        fc.constantFrom(0, 0.3, 0.6, 0.9, 0.99),
        async (values, smoothing) => {
          const dir = mkdtempSync(path.join(root, 'p-'));
          const p = panel(['r']);
          const steps = values.map((_, i) => i * 2);
          p.store.append([{ run: 'r', name: 'loss', steps, values }]);
          p.store.append([{ run: 'r', name: 'acc', steps, values: values.map((v) => -v) }]);
          const fromSeries = compareRuns(rowsOf(p, ['r']), { smoothing });
          assert.ok(p.lod.release('r', dir, 'k'));
          p.store.deleteRun('r');
          const fromCache = compareRuns(rowsOf(p, ['r']), { smoothing });
          // The default weight's smoothed last is stored: equal to the bit. Another weight is computed from the
          // cached points' tail (the older ones weigh less than 1e-18): equal to rounding.
          if (smoothing === 0 || smoothing === 0.6) assert.deepEqual(fromCache, fromSeries);
          else {
            const cells = (t: typeof fromSeries) => t.rows[0]!.cells;
            const scale = Math.max(1, ...values.filter((v) => v === v).map(Math.abs));
            for (const [k, v] of Object.entries(cells(fromSeries))) {
              const c = cells(fromCache)[k];
              if (typeof v === 'number' && typeof c === 'number')
                assert.ok(Math.abs(c - v) <= 1e-9 * scale, `${k}: ${c} vs ${v}`);
              else assert.equal(c, v, k);
            }
          }
          const cache = p.lod.index.cacheOf('r')!;
          for (const atStep of [-1, 0, 7, steps.length, 2 * steps.length])
            assert.deepEqual(
              cache.summarize('loss', { goal: 'min', atStep }).atStep,
              summarizeMetric(steps, values, values.length, { atStep }).atStep,
            );
          p.lod.dispose();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('envelopes from the cache hold the true min and max of any range (planted spikes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30_000 }),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { maxLength: 8 }),
        fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 2000 })),
        (n, spikes, [a, b, columns]) => {
          const dir = mkdtempSync(path.join(root, 'e-'));
          const p = panel(['r']);
          const steps = Array.from({ length: n }, (_, i) => i);
          const values = steps.map((i) => Math.sin(i / 50));
          for (const [at, v] of spikes) values[at % n] = v;
          p.store.append([{ run: 'r', name: 'loss', steps, values }]);
          assert.ok(p.lod.release('r', dir, 'k'));
          p.store.deleteRun('r');
          const xMin = Math.min(a % n, b % n);
          const xMax = Math.max(a % n, b % n);
          const msg = p.lod.envelopeOf({ chart: 'loss', seq: 1, columns, xMin, xMax, smoothing: 0 });
          const s = msg.series[0]!;
          const inside = (x: ArrayLike<number>, y: ArrayLike<number>) =>
            Array.from(y).filter((_, i) => (x[i] as number) >= xMin && (x[i] as number) <= xMax);
          const truth = values.slice(xMin, xMax + 1);
          const drawn = inside(s.x, s.y);
          assert.equal(Math.min(...drawn), Math.min(...truth));
          assert.equal(Math.max(...drawn), Math.max(...truth));
          p.lod.dispose();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a damaged, truncated or hostile cache is never used; reopening reads the files and writes a sound one', async () => {
    const a = writeRun(root, 'a', 5000);
    const runs = new Map([['a', a]]);
    await panel(['a']).feeds.sync(['a'], runs);
    const file = runCacheFile(a.dir);
    const good = readFileSync(file);
    const headerBytes = good.readUInt32LE(8);
    const header = JSON.parse(good.subarray(16, 16 + headerBytes).toString('utf8')) as Record<string, unknown>;
    const withHeader = (h: unknown): Buffer => {
      const json = Buffer.from(JSON.stringify(h));
      const prefix = Buffer.alloc(16);
      good.copy(prefix, 0, 0, 8);
      prefix.writeUInt32LE(json.length, 8);
      prefix.writeUInt32LE(crc32c(json) >>> 0, 12);
      const start = Math.ceil((16 + json.length) / 8) * 8;
      const dataStart = Math.ceil((16 + headerBytes) / 8) * 8;
      return Buffer.concat([prefix, json, Buffer.alloc(start - 16 - json.length), good.subarray(dataStart)]);
    };
    const series = header.series as Array<Record<string, unknown>>;
    const dataBytes = header.dataBytes as number;
    const raw0 = series[0]!.raw as number[];
    const hostile: Array<[string, Buffer]> = [
      ['a flipped header byte', Buffer.from(good).fill(0x7b, 40, 41)],
      ['cut short', good.subarray(0, good.length - 8)],
      ['cut inside the header', good.subarray(0, 20)],
      ['another format', Buffer.from(good).fill(9, 4, 5)],
      ['not a cache', Buffer.from('{"hello": "world"}')],
      [
        'a level list of the wrong length',
        withHeader({ ...header, series: [{ ...series[0], raw: [0, 1e12, 8] }, ...series.slice(1)] }),
      ],
      [
        'a level running past the data',
        withHeader({
          ...header,
          series: [{ ...series[0], raw: [dataBytes - 8, ...raw0.slice(1)] }, ...series.slice(1)],
        }),
      ],
      [
        'a level at an odd offset',
        withHeader({
          ...header,
          series: [{ ...series[0], raw: [(raw0[0] as number) + 4, ...raw0.slice(1)] }, ...series.slice(1)],
        }),
      ],
      [
        'a preview running past the data',
        withHeader({
          ...header,
          series: [{ ...series[0], preview: { at: dataBytes - 8, count: 2 } }, ...series.slice(1)],
        }),
      ],
      [
        'a preview longer than its series',
        withHeader({ ...header, series: [{ ...series[0], preview: { at: 0, count: 1e9 } }, ...series.slice(1)] }),
      ],
      [
        'a summary that is not a number',
        withHeader({ ...header, series: [{ ...series[0], summary: { last: 'x' } }, ...series.slice(1)] }),
      ],
      ['two series of one name', withHeader({ ...header, series: [series[0], series[0]] })],
      ['chunk checksums missing', withHeader({ ...header, chunkCrcs: [] })],
    ];
    for (const [what, bytes] of hostile) {
      writeFileSync(file, bytes);
      const p = panel(['a']);
      assert.equal(typeof RunCache.open(a.dir, [...(await cacheKeys(p, runs))][0]!), 'string', `${what}: opened`);
      await p.feeds.sync(['a'], runs);
      assert.deepEqual(p.served, [], `${what}: drawn from the cache`);
      assert.ok(p.lod.isCached('a'), `${what}: the files were read and cached again`);
      assert.deepEqual(readFileSync(file), good, `${what}: rebuilt as it was`);
    }
  });

  it('a chunk that fails its checksum when read later drops the cache (removed, the panel told), never throws', async () => {
    const a = writeRun(root, 'a', 20_000);
    const runs = new Map([['a', a]]);
    await panel(['a']).feeds.sync(['a'], runs);
    const file = runCacheFile(a.dir);
    const bytes = readFileSync(file);
    // The last chunk: the smoothed points (level 0) of the last series, 'loss'.
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] as number) ^ 0xff;
    writeFileSync(file, bytes);
    const p = panel(['a']);
    await p.feeds.sync(['a'], runs);
    assert.deepEqual(p.served, ['a'], 'the header is sound: opened');
    // A zoom far enough in to read the raw points of the damaged chunk.
    p.lod.request({ chart: 'loss', seq: 1, columns: 100, xMin: 19_950, xMax: 19_999, smoothing: 0.6 });
    p.lod.flushPending();
    assert.deepEqual(p.failed, ['a']);
    assert.ok(!p.lod.isCached('a'));
    assert.throws(() => statSync(file), /ENOENT/, 'the damaged cache is removed');
    assert.deepEqual(p.sent[0]?.series, [], 'nothing drawn from it');
  });

  it('a cache’s file stays open between queries, within the pool’s bound, and is closed when its run is not shown', async () => {
    const runs = new Map(['a', 'b', 'c'].map((id) => [id, writeRun(root, id, 5000)] as const));
    const writer = panel(['a', 'b', 'c']);
    await writer.feeds.sync(['a', 'b', 'c'], runs);
    writer.lod.dispose();
    assert.deepEqual(openCaches(root), []);
    const p = panel(['a', 'b', 'c']);
    await p.feeds.sync(['a', 'b', 'c'], runs);
    assert.deepEqual(
      [...p.served].sort(),
      ['a', 'b', 'c'],
      'each run served from its cache (in whatever order the reads end)',
    );
    const view = { chart: 'loss', seq: 1, columns: 300, xMin: 0, xMax: 5000, smoothing: 0 };
    p.lod.request(view);
    p.lod.flushPending();
    assert.deepEqual(openCaches(root), ['a', 'b', 'c'], 'one descriptor a run, kept after the answer');
    p.lod.request({ ...view, seq: 2, xMin: 100, xMax: 200 });
    p.lod.flushPending();
    assert.deepEqual(openCaches(root), ['a', 'b', 'c'], 'a zoom opens none again');
    p.lod.keepRuns(new Set(['b']));
    assert.deepEqual(openCaches(root), ['b'], 'runs no longer shown: closed');
    p.lod.dispose();
    assert.deepEqual(openCaches(root), [], 'the panel closed: all closed');
    // A pool of two: a third cache read closes the least recently used descriptor, and reads on as before.
    const keys = await cacheKeys(p, runs);
    const pool = new HandlePool(2);
    const caches = [...runs.values()].map((r, i) => RunCache.open(r.dir, keys[i]!, undefined, pool) as RunCache);
    assert.ok(caches.every((c) => typeof c !== 'string'));
    for (const c of caches) c.preview('loss');
    assert.equal(pool.size, 2);
    assert.deepEqual(openCaches(root), ['b', 'c']);
    assert.equal(caches[0]!.source('loss', 'raw')!.read(0, 0, 100).length, 200, 'opened again (points not read yet)');
    assert.deepEqual(openCaches(root), ['a', 'c']);
    for (const c of caches) c.close();
    assert.deepEqual(openCaches(root), []);
  });

  it('a cache file replaced while its descriptor was closed is not read as the one opened (stamp checked)', async () => {
    const runs = new Map(['a', 'b'].map((id) => [id, writeRun(root, id, 5000)] as const));
    const p = panel(['a', 'b']);
    await p.feeds.sync(['a', 'b'], runs);
    const keys = await cacheKeys(p, runs);
    const pool = new HandlePool(1);
    const a = RunCache.open(runs.get('a')!.dir, keys[0]!, new ChunkCache(), pool) as RunCache;
    const b = RunCache.open(runs.get('b')!.dir, keys[1]!, new ChunkCache(), pool) as RunCache;
    assert.equal(pool.size, 1, 'a’s descriptor closed');
    // Another file at a's path (b's cache: a sound cache, other data), then a read of a.
    const file = runCacheFile(runs.get('a')!.dir);
    writeFileSync(`${file}.new`, readFileSync(runCacheFile(runs.get('b')!.dir)));
    renameSync(`${file}.new`, file);
    assert.throws(() => a.preview('loss'), /changed on disk/);
    // The same bytes rewritten in place with another time: not the file the header was read from either.
    assert.ok(b.preview('loss'));
    b.close();
    const bFile = runCacheFile(runs.get('b')!.dir);
    const b2 = RunCache.open(runs.get('b')!.dir, keys[1]!, new ChunkCache(), pool) as RunCache;
    a.close();
    const other = RunCache.open(runs.get('a')!.dir, keys[1]!, new ChunkCache(), pool) as RunCache; // evicts b2
    assert.ok(typeof other !== 'string');
    utimesSync(bFile, new Date(), new Date(Date.now() + 5000));
    assert.throws(() => b2.preview('loss'), /changed on disk/);
    for (const c of [b2, other]) c.close();
    // Through the panel: the cache is dropped and the run's files read again.
    p.lod.request({ chart: 'loss', seq: 1, columns: 300, xMin: 0, xMax: 5000, smoothing: 0 });
    p.lod.flushPending();
    assert.equal(p.sent.at(-1)!.series.length, 2, 'both runs drawn (the panel’s own descriptors were open)');
    p.lod.dispose();
  });

  it('a run’s previews are read together, then served from the chunk cache without reading the file', async () => {
    const runs = new Map([['a', writeRun(root, 'a', 6000)]]);
    const p = panel(['a']);
    await p.feeds.sync(['a'], runs);
    p.lod.dispose();
    const [key] = await cacheKeys(p, runs);
    const dir = runs.get('a')!.dir;
    const pool = new HandlePool(4);
    const chunks = new ChunkCache();
    const c = RunCache.open(dir, key!, chunks, pool) as RunCache;
    c.readPreviews();
    assert.ok(chunks.bytes > 0);
    // Its descriptor closed and another file put at its path: any read from the file now fails.
    pool.release(c);
    const file = runCacheFile(dir);
    writeFileSync(`${file}.new`, readFileSync(file));
    renameSync(`${file}.new`, file);
    assert.deepEqual(c.names(), ['acc', 'loss']);
    for (const name of c.names()) assert.ok(c.preview(name)!.steps.length > 2, `${name}: from the chunk cache`);
    assert.throws(() => c.source('loss', 'raw')!.read(0, 0, 10), /changed on disk/, 'a read of the file fails');
    c.close();
  });

  it('a run’s previews read in one call equal each series’ own read, the coarse levels read with them; a damaged chunk is refused', async () => {
    const runs = new Map([['a', writeRun(root, 'a', 6000)]]);
    const p = panel(['a']);
    await p.feeds.sync(['a'], runs);
    p.lod.dispose();
    const [key] = await cacheKeys(p, runs);
    const dir = runs.get('a')!.dir;
    const chunks = new ChunkCache();
    const pool = new HandlePool(4);
    const c = RunCache.open(dir, key!, chunks, pool) as RunCache;
    const together = c.previews();
    assert.deepEqual([...together.keys()].sort(), c.names());
    for (const name of c.names()) {
      const alone = c.preview(name)!;
      const one = together.get(name)!;
      assert.ok(alone.steps.length > 2, name);
      assert.deepEqual([...one.steps], [...alone.steps], `${name}: steps`);
      assert.deepEqual([...one.times], [...alone.times], `${name}: times`);
      assert.deepEqual([...one.values], [...alone.values], `${name}: values`);
    }
    // The coarse levels came in the same read, into the chunk cache: read with the file gone from under it.
    assert.ok(chunks.bytes > 0 && chunks.bytes < 64 * 1024, `coarse chunks kept: ${chunks.bytes} bytes`);
    const file = runCacheFile(dir);
    const kept = readFileSync(file);
    pool.release(c);
    writeFileSync(`${file}.new`, kept);
    renameSync(`${file}.new`, file);
    const coarse = c.source('loss', 'raw')!;
    assert.equal(coarse.read(2, 0, 100).length, 24 * 10, 'level 2 of loss from the chunk cache');
    assert.equal(coarse.read(coarse.levels, 0, 1).length, 10, 'the top level too');
    assert.throws(() => coarse.read(0, 0, 10), /changed on disk/, 'the raw points were not read ahead');
    c.close();
    // The panel's chunks for the page are those of the previews, one per series.
    const reopened = panel(['a']);
    await reopened.feeds.sync(['a'], runs);
    const sent = reopened.lod.cachedChunks('a', T0)!;
    assert.deepEqual(
      sent.map((s) => s.name),
      ['acc', 'loss'],
    );
    reopened.lod.dispose();
    // One flipped byte in the first chunk of the data (where the previews lie): refused as damaged.
    const bytes = readFileSync(file);
    const dataStart = Math.ceil((16 + bytes.readUInt32LE(8)) / 8) * 8;
    bytes[dataStart + 20] = (bytes[dataStart + 20] as number) ^ 0xff;
    writeFileSync(file, bytes);
    const bad = RunCache.open(dir, key!, new ChunkCache(), new HandlePool(4)) as RunCache;
    assert.ok(typeof bad !== 'string', String(bad));
    assert.throws(() => bad.previews(), /checksum of chunk 0/);
    bad.close();
  });

  it('a cache written with other chunk sizes answers the same; a chunk size not a power of two is refused', () => {
    const n = 30_000;
    const steps = Float64Array.from({ length: n }, (_, i) => i);
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 300) + (i === 12_345 ? 99 : 0));
    const raw = new LodPyramid();
    raw.appendMany(steps, values);
    raw.settle();
    const series = [{ name: 'loss', length: n, nonFinite: 0, steps, times: steps, values, raw, smooth: raw }];
    const answers = [4096, 8192, 65536, 1 << 20].map((chunk) => {
      const dir = path.join(root, `c${chunk}`);
      writeRunCache(dir, 'k', series, 0.6, 16, chunk);
      const c = RunCache.open(dir, 'k', new ChunkCache(), new HandlePool(4)) as RunCache;
      assert.ok(typeof c !== 'string', String(c));
      const src = c.source('loss', 'raw')!;
      const out = [0, 5000, 12_300].map((a) => {
        const e = lodEnvelope(src, { xMin: a, xMax: a + 400, columns: 100 });
        return [...e.y.subarray(0, e.length)];
      });
      c.close();
      return out;
    });
    for (const a of answers.slice(1)) assert.deepEqual(a, answers[0]);
    assert.equal(Math.max(...answers[0]![2]!), 99 + Math.sin(12_345 / 300));
    assert.throws(() => writeRunCache(path.join(root, 'bad'), 'k', series, 0.6, 16, 3000), /chunk size/);
  });

  it('a run whose points a store limit cut never gets a cache (one claiming the whole file), and is named', async () => {
    const a = writeRun(root, 'a', 20_000);
    const runs = new Map([['a', a]]);
    const p = panel(['a'], { maxBytes: 200_000 });
    await p.feeds.sync(['a'], runs);
    assert.ok(!p.store.isComplete('a'));
    assert.ok(!p.lod.isCached('a'));
    assert.throws(() => statSync(runCacheFile(a.dir)), /ENOENT/, 'no cache written');
    assert.ok(p.store.names('a').length > 0, 'what was kept stays in the store');
    // The per-series cache (LodIndex.save) refuses too.
    const index = new LodIndex(p.store);
    index.update();
    assert.deepEqual(index.save('a', a.dir, 'k'), []);
    const notes = storeNotices(p.store).map((n) => n.text);
    assert.ok(
      notes.some((t) => t.includes('Not drawn in full') && t.includes('a')),
      notes.join('\n'),
    );
  });
});

/** The runs (under `root`) whose cache file this process has open, from /proc/self/fd. */
function openCaches(root: string): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    let target = '';
    try {
      target = readlinkSync(path.join('/proc/self/fd', fd));
    } catch {
      continue; // closed meanwhile (the listing's own descriptor)
    }
    if (target.startsWith(root) && target.endsWith(RUN_CACHE_FILE))
      out.push(path.relative(root, target).split(path.sep)[0]!);
  }
  return out.sort();
}

async function cacheKeys(p: Panel, runs: Map<string, ListedRun>): Promise<string[]> {
  const out: string[] = [];
  for (const r of runs.values()) out.push(await (await createRunFeed(p.store, r, r.record.id)).cacheKey());
  return out;
}
