/**
 * `npm run bench -- metrics-scale [runs=1000] [steps=10000] [keep]`: the metrics panel's host side over 1,000 finished
 * runs on disk (issue 14, Scale), with the real host code and no VS Code: a workspace of `runs` run folders
 * (.liftoff/runs/sweep/<id>/: run.json, config.yaml, metrics.jsonl of `steps` lines × 10 metrics) is generated once,
 * then the panel's open path runs in a fresh Node process per pass, as panel.ts wires it:
 *   the run listing (core/src/runs/run-listing.ts) → every run selected → one run feed per run (RunFeeds: config
 *   snapshot read, metrics file read into the series store, .lod cache opened or pyramids built and written next to
 *   the run: the panel's `opening`/`done` hooks) → the runs' infos and the comparison table (the `init` message) →
 *   each long series' preview (what the transport sends) → one `view` per chart at 800 columns answered with its
 *   envelope (LodViews). "Every visible chart ready" is the last envelope posted: every chart (10) counts as visible.
 * Finished runs without a cache are read and cached in worker threads as panel.ts does (core/src/metrics/
 * run-cache-workers.ts; METRICS_SCALE_WORKERS=<n> sets how many, 0: every run read in the panel's thread).
 * Passes: cold (no .lod cache: pyramids built and written) and warm (the caches from the cold pass). Each prints its
 * CPU time (user + system, all threads: the machine is shared, wall time is not the work) and load average, its
 * breakdown, peak RSS (getrusage) and RSS after a GC, the points the store refused (its memory cap), zoom latency
 * (a random window of 1–5 % of the steps on a chart of all runs: envelope of every run from the .lod files, p95 of 30)
 * and a live run's latency (a running run appended to every 50 ms while all runs are shown: the time from the line
 * written to the viewed chart's envelope holding its step, through the tailer, the store and the panel's 100 ms
 * envelope schedule; p95 of 40), then the listing's reads on a second refresh.
 * Targets (issue 14): every visible chart ready < 1.5 s warm ("after the summaries are cached"), < 10 s cold; host RSS
 * < 600 MB; zoom repainted at full fidelity < 100 ms; a live run's points < 500 ms p95 with 1,000 runs shown.
 * The webview's share (painting; heap < 150 MB) is bench/metrics-render.ts's. The last line is one JSON object.
 * The files (~2.3 GB for the default; the run caches ~4.3 GB more) are removed at the end unless `keep` is given;
 * a kept set under the same name in the temp folder is reused.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { comparisonOf, runInfoOf } from '../client/src/panels/metrics/view-model';
import { LodViews, PREVIEW_MIN_POINTS, type EnvelopeMessage } from '../client/src/panels/metrics/lod-views';
import { RunFeeds } from '../client/src/panels/metrics/run-feeds';
import { LOD_DIR } from '../core/src/metrics/lod-index';
import { SHARED_CHUNKS } from '../core/src/metrics/run-cache';
import { RunCacheWorkers, defaultCacheWorkers } from '../core/src/metrics/run-cache-workers';
import { SeriesStore } from '../core/src/metrics/series-store';
import { FS_LISTING_IO, RunListing, RunStore, type ListedRun, type RunRecord } from '../core/src/runs';

const METRICS = ['loss', 'accuracy', 'grad_norm', 'lr', 'throughput', 'perplexity', 'f1', 'entropy', 'kl', 'reward'];
const COLUMNS = 800;
const T0 = 1767225600;
const TARGETS = { warmS: 1.5, coldS: 10, rssMB: 600, zoomMs: 100, liveMs: 500 };

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mark = (ok: boolean) => (ok ? 'met' : 'MISS');
const pct = (a: number[], p: number): number => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

function recordOf(i: number, state: RunRecord['state'], cwd: string): RunRecord {
  const t = new Date((T0 + i * 60) * 1000).toISOString();
  return {
    id: `20260101-000000-${i.toString(16).padStart(16, '0')}`,
    experiment: 'sweep',
    state,
    launcher: 'local',
    createdAt: t,
    startedAt: t,
    ...(state !== 'running' && { endedAt: new Date((T0 + i * 60 + 3600) * 1000).toISOString() }),
    command: ['python', 'train.py'],
    cwd,
    resources: { gpus: 1 },
    files: {
      config: 'config.yaml',
      stdout: 'stdout.log',
      stderr: 'stderr.log',
      metrics: 'metrics.jsonl',
      artifacts: 'artifacts',
    },
  };
}

function runDir(ws: string, id: string): string {
  return path.join(ws, '.liftoff', 'runs', 'sweep', id);
}

/** Numbers as Python prints them, from a table (generating 100 M points stays cheap). */
const TABLE = (() => {
  let seed = 12345;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  return Array.from({ length: 4096 }, () => String(Math.round(rnd() * 2e6) / 1e6));
})();

function line(i: number, r: number): string {
  let s = `{"step": ${i}, "time": ${T0 + r * 60 + i * 0.25}`;
  for (let m = 0; m < METRICS.length; m++) s += `, "${METRICS[m]}": ${TABLE[(i * 7 + m * 131 + r * 17) & 4095]}`;
  return `${s}}\n`;
}

function writeRun(ws: string, r: number, steps: number, state: RunRecord['state']): string {
  const rec = recordOf(r, state, ws);
  const dir = runDir(ws, rec.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(rec, null, 2));
  writeFileSync(
    path.join(dir, 'config.yaml'),
    `apiVersion: liftoff/v1\nkind: Experiment\ntraining:\n  lr: ${(r % 7) * 1e-4}\n  seed: ${r}\nevaluation:\n  primaryMetric: loss\n`,
  );
  for (const f of ['stdout.log', 'stderr.log']) writeFileSync(path.join(dir, f), '');
  const fd = openSync(path.join(dir, 'metrics.jsonl'), 'w');
  try {
    const block: string[] = [];
    for (let i = 0; i < steps; i++) {
      block.push(line(i, r));
      if (block.length === 2000 || i === steps - 1) {
        writeSync(fd, block.join(''));
        block.length = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
  return dir;
}

interface PassResult {
  pass: 'cold' | 'warm';
  runs: number;
  listS: number;
  feedsS: number;
  /** CPU time of this process (user + system, all threads) during the feeds, and from the start to ready. */
  feedsCpuS: number;
  readyCpuS: number;
  /** Worker threads that read and cached runs (0: all in the panel's thread). */
  workers: number;
  /** The 1-minute load average when the pass began (the machine is shared). */
  load: number;
  infosAndComparisonS: number;
  previewsS: number;
  previews: number;
  envelopesS: number;
  readyS: number;
  envelopePoints: number;
  shownPerChart: number;
  peakRssMB: number;
  peakRssWholePassMB: number;
  rssAfterGcMB: number;
  storeMB: number;
  skippedPoints: number;
  totalPoints: number;
  lodMemoryMB: number;
  fileBackedRuns: number;
  zoomP95Ms: number;
  zoomMedianMs: number;
  liveP95Ms: number;
  liveMedianMs: number;
  liveSamples: number;
  liveMissing: number;
  relistReads: number;
  relistS: number;
}

/** One panel open in this (fresh) process; the figures as one JSON line. */
async function openPass(ws: string, pass: 'cold' | 'warm', steps: number): Promise<void> {
  let reads = 0;
  const load0 = os.loadavg()[0] as number;
  const c0 = process.cpuUsage();
  const cpuS = (): number => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  const t0 = performance.now();
  const listing = new RunListing({
    ...FS_LISTING_IO,
    readRecord: (d) => (reads++, FS_LISTING_IO.readRecord(d)),
    readIdentity: (d) => (reads++, FS_LISTING_IO.readIdentity(d)),
  });
  const stores = [new RunStore(ws)];
  const listed = await listing.list(stores);
  const runs = new Map<string, ListedRun>(listed.map((r) => [r.record.id, r]));
  const selected = [...runs.keys()];
  const tList = performance.now();
  const cList = cpuS();

  const store = new SeriesStore();
  // What was posted, per message: its chart and points (the messages themselves go to the page, not kept here).
  const posted: Array<{ chart: string; series: number; points: number }> = [];
  let onPost: ((m: EnvelopeMessage) => void) | undefined;
  const lod = new LodViews(store, {
    post: (m) => {
      posted.push({ chart: m.chart, series: m.series.length, points: m.series.reduce((k, s) => k + s.x.length, 0) });
      onPost?.(m);
    },
    selected: () => selected,
  });
  // panel.ts: finished runs without a cache are read and cached in worker threads (METRICS_SCALE_WORKERS=0: none,
  // every run read in this thread as before).
  const workerCount = Number(process.env.METRICS_SCALE_WORKERS ?? defaultCacheWorkers());
  const workers = workerCount > 0 ? new RunCacheWorkers({ size: workerCount }) : undefined;
  const feeds = new RunFeeds(store, {
    wanted: () => true,
    settled: () => undefined,
    cacheElsewhere: async (key, feed) => {
      const r = await workers?.cache({ dir: feed.dir, record: feed.run.record, key, sources: feed.sources });
      if (!r?.written) return false;
      feed.adopt(r);
      return lod.load(key, feed.dir, r.cacheKey).length > 0;
    },
    // panel.ts: a run with a current cache is drawn from it (its files not read); a run read is cached and its
    // points leave the store.
    opening: async (key, feed) => lod.load(key, feed.dir, await feed.cacheKey()).length > 0,
    done: async (key, feed) => {
      if (lod.release(key, feed.dir, await feed.cacheKey())) store.deleteRun(key);
    },
  });
  await feeds.sync(selected, runs);
  const tFeeds = performance.now();
  const cFeeds = cpuS();
  progress(pass, `feeds ${((tFeeds - tList) / 1000).toFixed(1)} s`);

  const infos = [...runs.values()].map((r) => runInfoOf(r, feeds.configs.get(r.record.id), r.identity));
  const table = comparisonOf(selected, runs, feeds.configs, store, Date.now(), 0.6, undefined, undefined, (run) =>
    lod.cachedMetrics(run),
  );
  if (infos.length !== selected.length || table.rows.length !== selected.length) throw new Error('runs missing');
  const tInfos = performance.now();

  lod.sync();
  let previews = 0;
  for (const run of selected) {
    const cached = lod.cachedChunks(run, 0);
    if (cached) {
      previews += cached.length;
      continue;
    }
    for (const name of store.names(run)) {
      const s = store.series(run, name);
      if (s && s.length > PREVIEW_MIN_POINTS && lod.preview(run, name, 0)) previews++;
    }
  }
  const tPreviews = performance.now();

  let seq = 1;
  for (const chart of METRICS)
    lod.request({ chart, seq: seq++, columns: COLUMNS, xMin: 0, xMax: steps - 1, smoothing: 0 });
  lod.flushPending();
  const tReady = performance.now();
  const cReady = cpuS();
  progress(pass, `every chart ready at ${((tReady - t0) / 1000).toFixed(1)} s`);
  const envelopePoints = posted.reduce((n, m) => n + m.points, 0);
  // Runs drawn on each chart: fewer than selected when the store refused a run's points (its memory cap).
  const shownPerChart = Math.min(...METRICS.map((c) => posted.find((m) => m.chart === c)?.series ?? 0));
  const peakRssMB = process.resourceUsage().maxRSS / 1024;

  // Zoom: a random window of a chart, every run's envelope from its pyramid (the .lod files once released).
  const zoom: number[] = [];
  let seed = 7;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  for (let i = 0; i < 30; i++) {
    const width = Math.max(10, Math.floor(steps * (0.01 + 0.04 * rnd())));
    const xMin = Math.floor(rnd() * (steps - width));
    const chart = METRICS[i % METRICS.length] as string;
    const t = performance.now();
    lod.envelopeOf({ chart, seq: seq++, columns: COLUMNS, xMin, xMax: xMin + width, smoothing: 0 });
    zoom.push(performance.now() - t);
  }

  progress(pass, `zoom done`);
  // Live: a running run, shown with all the others, appended to every 50 ms; its chart is viewed.
  const live = recordOf(selected.length + 1, 'running', ws);
  const liveDir = runDir(ws, live.id);
  rmSync(liveDir, { recursive: true, force: true });
  mkdirSync(liveDir, { recursive: true });
  writeFileSync(path.join(liveDir, 'run.json'), JSON.stringify(live, null, 2));
  writeFileSync(path.join(liveDir, 'config.yaml'), 'apiVersion: liftoff/v1\nkind: Experiment\n');
  writeFileSync(path.join(liveDir, 'metrics.jsonl'), line(0, 0));
  const relisted = await listing.list(stores);
  const liveRuns = new Map<string, ListedRun>(relisted.map((r) => [r.record.id, r]));
  selected.push(live.id);
  let lodTimer: NodeJS.Timeout | undefined;
  const unsubscribe = store.onChange(() => {
    // panel.ts: new points → the viewed charts' envelopes again, at most every 100 ms (scheduleLod).
    lodTimer ??= setTimeout(() => {
      lodTimer = undefined;
      lod.changed();
    }, 100);
  });
  await feeds.sync(selected, liveRuns);
  const liveChart = 'loss';
  lod.request({ chart: liveChart, seq: seq++, columns: COLUMNS, xMin: 0, xMax: steps, smoothing: 0 });
  lod.flushPending();
  const lat: number[] = [];
  let liveMissing = 0;
  for (let i = 1; i <= 40; i++) {
    const t = performance.now();
    const seen = new Promise<void>((resolve) => {
      onPost = (m) => {
        const s = m.series.find((x) => x.run === live.id);
        if (m.chart === liveChart && s && s.x[s.x.length - 1] === i) resolve();
      };
    });
    appendFileSync(path.join(liveDir, 'metrics.jsonl'), line(i, 0));
    // Never seen within 5 s (the store refused the live run's points): counted as 5 s and as missing.
    if (await Promise.race([seen.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]))
      lat.push(performance.now() - t);
    else {
      liveMissing++;
      lat.push(5000);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  onPost = undefined;
  unsubscribe();
  clearTimeout(lodTimer);
  feeds.close();
  workers?.close();
  rmSync(liveDir, { recursive: true, force: true });

  // A second refresh of the run list: nothing changed (the live run is gone again), nothing read but what did.
  progress(pass, `live done`);
  const before = reads;
  const tr = performance.now();
  await listing.list(stores);
  const relistS = (performance.now() - tr) / 1000;

  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let total = 0;
  for (const run of runs.keys())
    for (const n of lod.names(run))
      total += lod.index.cacheOf(run)?.info(n)?.length ?? store.series(run, n)?.length ?? 0;
  const skipped = store.skippedPoints().reduce((n, s) => n + s.count, 0);
  const result: PassResult = {
    pass,
    runs: runs.size,
    listS: (tList - t0) / 1000,
    feedsS: (tFeeds - tList) / 1000,
    feedsCpuS: cFeeds - cList,
    readyCpuS: cReady,
    workers: workerCount,
    load: load0,
    infosAndComparisonS: (tInfos - tFeeds) / 1000,
    previewsS: (tPreviews - tInfos) / 1000,
    previews,
    envelopesS: (tReady - tPreviews) / 1000,
    readyS: (tReady - t0) / 1000,
    envelopePoints,
    shownPerChart,
    peakRssMB,
    peakRssWholePassMB: process.resourceUsage().maxRSS / 1024,
    rssAfterGcMB: process.memoryUsage().rss / 1e6,
    storeMB: store.memoryBytes() / 1e6,
    skippedPoints: skipped,
    totalPoints: total + skipped,
    lodMemoryMB: (lod.memoryBytes() + lod.envelopeBytes + SHARED_CHUNKS.bytes) / 1e6,
    fileBackedRuns: [...runs.keys()].filter((k) => lod.index.isFileBacked(k)).length,
    zoomP95Ms: pct(zoom, 0.95),
    zoomMedianMs: pct(zoom, 0.5),
    liveP95Ms: pct(lat, 0.95),
    liveMedianMs: pct(lat, 0.5),
    liveSamples: lat.length,
    liveMissing,
    relistReads: reads - before,
    relistS,
  };
  console.log(JSON.stringify(result));
}

/** A phase of a pass done (stderr, with the RSS so far): what a slow pass is doing. */
function progress(pass: string, what: string): void {
  process.stderr.write(`[${pass}] ${what}; peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB\n`);
}

function generate(ws: string, runs: number, steps: number): number {
  const done = path.join(ws, '.complete');
  if (existsSync(done)) return 0;
  rmSync(ws, { recursive: true, force: true });
  const t = performance.now();
  for (let r = 0; r < runs; r++) writeRun(ws, r, steps, 'succeeded');
  writeFileSync(done, '');
  return (performance.now() - t) / 1000;
}

function clearCaches(ws: string, runs: number): void {
  for (let r = 0; r < runs; r++)
    rmSync(path.join(runDir(ws, recordOf(r, 'succeeded', ws).id), LOD_DIR), { recursive: true, force: true });
}

function runPass(ws: string, pass: 'cold' | 'warm', steps: number): PassResult {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, 'open', ws, pass, String(steps)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${pass} pass failed (${child.status}; its output is above)`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as PassResult;
}

function df(dir: string): number {
  const out = spawnSync('df', ['-Pk', dir], { encoding: 'utf8' }).stdout.trim().split('\n').pop() ?? '';
  return Number(out.split(/\s+/)[3]) * 1024;
}

async function main(): Promise<void> {
  if (process.argv[2] === 'open') {
    await openPass(process.argv[3] as string, process.argv[4] as 'cold' | 'warm', Number(process.argv[5]));
    return;
  }
  const args = process.argv.slice(2).filter((a) => a !== 'keep');
  const keep = process.argv.includes('keep');
  const runs = Number(args[0] ?? 1000);
  const steps = Number(args[1] ?? 10_000);
  const ws = path.join(os.tmpdir(), `liftoff-bench-scale-${runs}x${METRICS.length}x${steps}`);
  mkdirSync(ws, { recursive: true });
  // ~23 bytes of JSON lines + ~45 bytes of run cache per point (raw and smoothed pyramids): both must fit.
  const need = runs * METRICS.length * steps * 70;
  const free = df(ws);
  const reused = existsSync(path.join(ws, '.complete'));
  if (!reused && free < need * 1.2)
    throw new Error(
      `${fmt(free / 1e9, 1)} GB free under ${os.tmpdir()}, ~${fmt(need / 1e9, 1)} GB needed: pass fewer runs (npm run bench -- metrics-scale <runs>)`,
    );
  const genS = generate(ws, runs, steps);
  console.log(
    `${fmt(runs)} runs × ${METRICS.length} metrics × ${fmt(steps)} steps = ${fmt(runs * METRICS.length * steps)} points on disk (${reused ? 'reused' : `generated in ${genS.toFixed(1)} s`}, ${ws}); load: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  try {
    clearCaches(ws, runs);
    const cold = runPass(ws, 'cold', steps);
    const warm = runPass(ws, 'warm', steps);
    console.log(
      '\n| pass | list runs | feeds (read + pyramids; CPU) | infos + comparison | previews | envelopes | every chart ready (CPU; runs drawn per chart) | peak RSS at ready / whole pass | RSS after GC | store (refused points) | zoom p50 / p95 | live p50 / p95 | re-list: reads, time |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const p of [cold, warm])
      console.log(
        `| ${p.pass} (load ${p.load.toFixed(1)}; ${p.workers} workers) | ${p.listS.toFixed(2)} s | ${p.feedsS.toFixed(2)} s (CPU ${p.feedsCpuS.toFixed(2)} s) | ${p.infosAndComparisonS.toFixed(2)} s | ${p.previewsS.toFixed(2)} s (${fmt(p.previews)}) | ${(p.envelopesS * 1000).toFixed(0)} ms (${fmt(p.envelopePoints)} points) | **${p.readyS.toFixed(2)} s** (CPU ${p.readyCpuS.toFixed(2)} s; ${fmt(p.shownPerChart)}) | ${fmt(p.peakRssMB)} / ${fmt(p.peakRssWholePassMB)} MB | ${fmt(p.rssAfterGcMB)} MB | ${fmt(p.storeMB)} MB (${fmt(p.skippedPoints)} of ${fmt(p.totalPoints)}) | ${p.zoomMedianMs.toFixed(1)} / ${p.zoomP95Ms.toFixed(1)} ms | ${p.liveMedianMs.toFixed(0)} / ${p.liveP95Ms.toFixed(0)} ms${p.liveMissing ? ` (${p.liveMissing} of ${p.liveSamples} never shown)` : ''} | ${p.relistReads}, ${(p.relistS * 1000).toFixed(0)} ms |`,
      );
    const scale =
      runs === 1000 && steps === 10_000
        ? ''
        : ` (measured at ${fmt(runs)} runs × ${fmt(steps)} steps, not the issue's 1,000 × 10,000)`;
    const peak = Math.max(cold.peakRssWholePassMB, warm.peakRssWholePassMB);
    const zoom = Math.max(cold.zoomP95Ms, warm.zoomP95Ms);
    const live = Math.max(cold.liveP95Ms, warm.liveP95Ms);
    const complete = [cold, warm].every((p) => p.skippedPoints === 0 && p.shownPerChart === p.runs);
    const met = {
      warm: warm.readyS < TARGETS.warmS && complete,
      cold: cold.readyS < TARGETS.coldS && complete,
      rss: peak < TARGETS.rssMB,
      zoom: zoom < TARGETS.zoomMs,
      live: live < TARGETS.liveMs,
    };
    console.log(`\ntargets (issue 14)${scale}:`);
    console.log(
      `- every visible chart's envelope ready, cached: ${warm.readyS.toFixed(2)} s (< ${TARGETS.warmS} s) — ${mark(met.warm)}`,
    );
    console.log(
      `- the same, cold (no .lod cache): ${cold.readyS.toFixed(2)} s (< ${TARGETS.coldS} s) — ${mark(met.cold)}`,
    );
    if (!complete)
      console.log(
        `  (and incomplete — MISS: each chart drew ${fmt(cold.shownPerChart)} (cold) / ${fmt(warm.shownPerChart)} (warm) of ${fmt(runs)} runs; the series store refused ${fmt(cold.skippedPoints)} / ${fmt(warm.skippedPoints)} points at its memory cap)`,
      );
    console.log(
      `- extension host RSS, peak of both passes: ${fmt(peak)} MB (< ${TARGETS.rssMB} MB) — ${mark(met.rss)}`,
    );
    console.log(
      `- zoom, every run's envelope of a window, p95: ${zoom.toFixed(1)} ms (< ${TARGETS.zoomMs} ms, host share) — ${mark(met.zoom)}`,
    );
    console.log(
      `- live run's new point to its envelope with all runs shown, p95: ${live.toFixed(0)} ms (< ${TARGETS.liveMs} ms) — ${mark(met.live)}`,
    );
    console.log(
      JSON.stringify({
        bench: 'metrics-scale',
        runs,
        metrics: METRICS.length,
        steps,
        points: runs * METRICS.length * steps,
        loadavg: os.loadavg(),
        cold,
        warm,
        targets: TARGETS,
        met,
      }),
    );
  } finally {
    if (!keep) rmSync(ws, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
