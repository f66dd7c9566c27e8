/**
 * Finished runs read and cached in worker threads (core/src/metrics/run-cache-workers.ts) give what the panel's own
 * thread gives: on hostile run folders (corrupt, blank, overlong and CRLF lines, nested values, NaN and infinities,
 * metrics that start late, a last line without its line end, steps that go back, an empty metrics file with a CSV
 * log beside it) the cache written by a worker is the same file, byte for byte, as the one the panel writes
 * (RunFeeds → LodViews.release), each feed reports the same problems, and the panel draws the run from it the same.
 * A worker that cannot load or dies hands its jobs back (undefined: the caller reads the run itself).
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { RunCacheWorkers, SeriesStore, createRunFeed, runCacheFile, type RunFeed } from '../../../core/src/metrics';
import type { ListedRun, RunRecord } from '../../../core/src/runs';
import { LodViews } from '../../../client/src/panels/metrics/lod-views';
import { RunFeeds } from '../../../client/src/panels/metrics/run-feeds';
import { succeededSweepRecord, tempDir } from '../../support/metrics';

const T0 = Date.UTC(2026, 11, 7) / 1000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
}

const recordOf = (id: string): RunRecord => succeededSweepRecord(id, T0);

/** A hostile metrics file: every kind of bad line among ~`lines` records. */
function hostile(seed: number, lines: number, ascending: boolean): string {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const k = r();
    if (k < 0.01) out.push('');
    else if (k < 0.02) out.push('{"step": 3, "loss": ');
    else if (k < 0.022) out.push(`{"step": ${i}, "blob": "${'q'.repeat(2000)}"}`);
    else if (k < 0.03) out.push(`{"step": ${i}, "cfg": {"a": [1, "}"]}, "loss": ${r()}}\r`);
    else {
      const step = ascending || i < lines - 50 ? i : i - 100;
      const f = [`"step": ${step}`, `"time": ${T0 + i * 0.5}`];
      for (const name of ['loss', 'acc', i > lines / 3 ? 'val_loss' : 'lr']) {
        const v = r();
        f.push(`"${name}": ${v < 0.02 ? 'NaN' : v < 0.03 ? 'Infinity' : v < 0.035 ? 'null' : String(r() * 10 - 5)}`);
      }
      out.push(`{${f.join(', ')}}`);
    }
  }
  return out.join('\n') + (seed % 2 ? '' : '\n');
}

/** Run folders under `root`: their records and files, every file's times fixed (the cache key names them). */
function writeRuns(root: string): Map<string, ListedRun> {
  const runs = new Map<string, ListedRun>();
  const add = (id: string, files: Record<string, string>, config = `training:\n  seed: ${id.length}\n`) => {
    const dir = path.join(root, id);
    mkdirSync(dir, { recursive: true });
    const rec = recordOf(id);
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(rec));
    writeFileSync(path.join(dir, 'config.yaml'), config);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
      utimesSync(path.join(dir, name), 1_700_000_000, 1_700_000_000);
    }
    runs.set(id, { dir, record: rec } as ListedRun);
  };
  for (let seed = 1; seed <= 4; seed++) add(`r${seed}`, { 'metrics.jsonl': hostile(seed, 3000 + seed * 2500, true) });
  add('back', { 'metrics.jsonl': hostile(9, 6000, false) }); // steps go back: no cache, read by the panel
  add('csv', {
    'metrics.jsonl': '',
    'logs/version_0/metrics.csv': `step,train_loss,"a\nb"\n${Array.from({ length: 9000 }, (_, i) => `${i},${Math.cos(i)},x`).join('\n')}\n`,
  });
  // Both formats listed in the snapshot: the worker reads the files the panel would (the sources passed to it).
  add(
    'both',
    {
      'metrics.jsonl': hostile(11, 5000, true),
      'csv_logs/metrics.csv': `step,f1\n${Array.from({ length: 6000 }, (_, i) => `${i},${(i % 13) / 13}`).join('\n')}\n`,
    },
    'metrics:\n  sources: [jsonl, csv]\n',
  );
  return runs;
}

interface Opened {
  readonly viaWorkers: number;
  readonly problems: Map<string, unknown>;
  readonly lod: LodViews;
}

/** The panel's open path over `runs` (as bench/metrics-scale.ts and panel.ts wire it), with or without workers. */
async function open(runs: Map<string, ListedRun>, workers?: RunCacheWorkers): Promise<Opened> {
  const store = new SeriesStore();
  const selected = [...runs.keys()];
  const lod = new LodViews(store, { post: () => undefined, selected: () => selected });
  let viaWorkers = 0;
  const feeds = new RunFeeds(store, {
    wanted: () => true,
    settled: () => undefined,
    opening: async (key, feed) => lod.load(key, feed.dir, await feed.cacheKey()).length > 0,
    cacheElsewhere: async (key, feed) => {
      const r = await workers?.cache({ dir: feed.dir, record: feed.run.record, key, sources: feed.sources });
      if (!r?.written) return false;
      feed.adopt(r);
      const drawn = lod.load(key, feed.dir, r.cacheKey).length > 0;
      if (drawn) viaWorkers++; // drawn from the worker's cache (not read again here)
      return drawn;
    },
    done: async (key, feed) => {
      if (lod.release(key, feed.dir, await feed.cacheKey())) store.deleteRun(key);
    },
  });
  await feeds.sync(selected, runs);
  const problems = new Map<string, unknown>();
  for (const key of selected) {
    const feed = feeds.get(key) as RunFeed;
    problems.set(
      key,
      feed.problems().map((p) => ({ ...p, file: path.relative(feed.dir, p.file) })),
    );
  }
  feeds.close();
  return { viaWorkers, problems, lod };
}

describe('finished runs cached in worker threads', function () {
  this.timeout(60_000);
  const tmp = tempDir();
  after(() => tmp.remove());

  it('write the same cache files and report the same problems as the panel thread, on hostile runs', async () => {
    const here = path.join(tmp.dir, 'here');
    const there = path.join(tmp.dir, 'there');
    const runsHere = writeRuns(here);
    cpSync(here, there, { recursive: true, preserveTimestamps: true });
    const runsThere = new Map([...runsHere].map(([k, r]) => [k, { ...r, dir: path.join(there, k) } as ListedRun]));
    const a = await open(runsHere);
    const workers = new RunCacheWorkers({ size: 2 });
    const b = await open(runsThere, workers);
    workers.close();
    assert.equal(a.viaWorkers, 0);
    assert.equal(b.viaWorkers, 6, 'every run but the one whose steps go back');
    assert.deepEqual(b.problems, a.problems);
    assert.ok(
      [...a.problems.values()].some((p) => (p as unknown[]).length > 0),
      'the hostile lines were counted',
    );
    for (const id of runsHere.keys()) {
      const fa = runCacheFile(path.join(here, id));
      const fb = runCacheFile(path.join(there, id));
      assert.equal(existsSync(fb), existsSync(fa), id);
      if (existsSync(fa)) assert.ok(readFileSync(fb).equals(readFileSync(fa)), `${id}: the same bytes`);
    }
    assert.ok(!existsSync(runCacheFile(path.join(here, 'back'))));
    // Drawn the same from either cache.
    assert.ok(a.lod.names('both').includes('f1') && a.lod.names('both').includes('loss'), 'both files read');
    for (const id of ['r1', 'csv', 'both']) {
      const names = a.lod.names(id);
      assert.deepEqual(b.lod.names(id), names);
      for (const name of names)
        assert.deepEqual(
          b.lod.cachedMetrics(id)?.get(name)?.summarize({}),
          a.lod.cachedMetrics(id)?.get(name)?.summarize({}),
        );
    }
    a.lod.dispose();
    b.lod.dispose();
  });

  it('hand a job back when no worker module is there, or the worker dies', async () => {
    const runs = writeRuns(path.join(tmp.dir, 'fail'));
    const run = runs.get('r1') as ListedRun;
    const job = { dir: run.dir, record: run.record, key: 'r1' };
    const missing = new RunCacheWorkers({ module: path.join(tmp.dir, 'no-such-worker.js') });
    assert.equal(await missing.cache(job), undefined);
    assert.equal(missing.available, false);
    const dying = tmp.file('dying-worker.js');
    writeFileSync(dying, 'process.exit(3);\n');
    const dies = new RunCacheWorkers({ module: dying, size: 2 });
    assert.deepEqual(await Promise.all([dies.cache(job), dies.cache(job), dies.cache(job)]), [
      undefined,
      undefined,
      undefined,
    ]);
    assert.equal(dies.available, false);
    dies.close();
    // The panel then reads the run itself: the same cache as ever.
    const feed = await createRunFeed(new SeriesStore(), run);
    assert.ok((await feed.cacheKey()).startsWith('metrics.jsonl|jsonl|'));
    assert.ok(!existsSync(runCacheFile(run.dir)));
  });
});
