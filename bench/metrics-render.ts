/**
 * `npm run bench -- metrics-render [liveSeconds=5]`: the metrics panel's real webview bundle (dist/webviews/metrics)
 * in headless Chromium with a stub host (test/support/metrics-webview.ts: the host's page and CSP, generated data), for
 *   1 run × 1k steps × 4 metrics, 10 runs × 100k steps × 2 metrics, 100 runs × 10k steps × 10 metrics, and the
 *   last drawn as 10 groups (Group by: one mean line with a min–max band per group):
 * - first paint: from the stub posting `init` (data already generated) to every chart on screen drawn with all data;
 * - frame work while 1,000 points/s arrive (10 messages a second to a running run): the page's own work per
 *   animation frame (p50/p95/max) and the browser's frame intervals (p95);
 * - heap after a garbage collection: JS heap plus ArrayBuffer backing stores (the series), via CDP.
 * Targets: first paint < 1 s at 10 × 100k and < 2 s at 100 × 10k × 10; frames < 16 ms while live; heap < 300 MB at
 * the largest. Prints a table; the last line is one JSON object.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../test/support/browser';
import { startMetricsWebview, type BenchCase } from '../test/support/metrics-webview';

const CASES: BenchCase[] = [
  { name: '1 run × 1k', runs: 1, steps: 1_000, metrics: ['train_loss', 'val_loss', 'val_accuracy', 'lr'] },
  { name: '10 runs × 100k', runs: 10, steps: 100_000, metrics: ['train_loss', 'val_loss'] },
  {
    name: '100 runs × 10k × 10',
    runs: 100,
    steps: 10_000,
    metrics: [
      'train_loss',
      'val_loss',
      'train_accuracy',
      'val_accuracy',
      'lr',
      'grad_norm',
      'val_f1',
      'throughput',
      'gpu_util',
      'gpu_mem_gb',
    ],
  },
];
// The same 100 runs drawn as 10 groups (mean with a min–max band, of the smoothed values): the aggregation's cost.
CASES.push({ ...CASES[2]!, name: '100 × 10k × 10, grouped', groupBy: 'bench.group' });
const TARGETS: Record<string, number | undefined> = {
  '10 runs × 100k': 1000,
  '100 runs × 10k × 10': 2000,
  '100 × 10k × 10, grouped': 2000,
};

interface Result {
  case: string;
  points: number;
  charts: number;
  firstPaintMs: number;
  firstPaintTargetMs?: number;
  frameP50: number;
  frameP95: number;
  frameMax: number;
  intervalP95: number;
  liveFrames: number;
  jsHeapMB: number;
  arrayBuffersMB: number;
  heapMB: number;
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]! : NaN;
};

async function main(): Promise<void> {
  const liveSeconds = Number(process.argv[2] ?? 5);
  const server = await startMetricsWebview();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'],
  });
  const results: Result[] = [];
  try {
    for (const c of CASES) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[${c.name}] page error: ${e.message}`));
      await page.goto(server.url(c));
      await page.waitForSelector('#app[data-state="ready"]', { timeout: 120_000 });
      // Page expressions as strings: this project's bench compiles without the DOM library.
      const first = await page.evaluate<{ t0: number; at: number; charts: number }>(
        '({ t0: window.__stub.t0, at: window.__liftoffMetrics.firstPaintAt, charts: document.querySelectorAll(".chart").length })',
      );
      const framesBefore = await page.evaluate<number>('window.__liftoffMetrics.frames.length');
      await page.evaluate('window.__stub.startLive(1000)');
      await page.waitForTimeout(liveSeconds * 1000); // a measurement window, not a wait for state
      const intervals = await page.evaluate<number[]>('window.__stub.stopLive()');
      const work = await page.evaluate<number[]>(`window.__liftoffMetrics.frames.slice(${framesBefore})`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
      const jsHeapMB = heap.usedSize / 1e6;
      const arrayBuffersMB = (heap.backingStorageSize ?? 0) / 1e6;
      results.push({
        case: c.name,
        points: c.runs * c.steps * c.metrics.length,
        charts: first.charts,
        firstPaintMs: first.at - first.t0,
        firstPaintTargetMs: TARGETS[c.name],
        frameP50: pct(work, 0.5),
        frameP95: pct(work, 0.95),
        frameMax: Math.max(...work),
        intervalP95: pct(intervals.slice(2), 0.95),
        liveFrames: work.length,
        jsHeapMB,
        arrayBuffersMB,
        heapMB: jsHeapMB + arrayBuffersMB,
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const f = (n: number, d = 0) => n.toFixed(d).padStart(8);
  console.log(
    `\nmetrics-render: the webview bundle in headless Chromium ${CHROMIUM} (software rendering), 1400×900, smoothing 0.6`,
  );
  console.log(
    `${'case'.padEnd(22)}${'points'.padStart(12)}${'charts'.padStart(8)}  first paint (target)   frame work p50/p95/max ms  interval p95  heap MB (JS + buffers)`,
  );
  for (const r of results) {
    console.log(
      `${r.case.padEnd(22)}${r.points.toLocaleString('en-US').padStart(12)}${String(r.charts).padStart(8)}  ${f(r.firstPaintMs)} ms ${r.firstPaintTargetMs ? `(< ${r.firstPaintTargetMs})` : '        '}   ${f(r.frameP50, 1)}${f(r.frameP95, 1)}${f(r.frameMax, 1)}   ${f(r.intervalP95, 1)} ms  ${f(r.heapMB)} (${r.jsHeapMB.toFixed(0)} + ${r.arrayBuffersMB.toFixed(0)})`,
    );
  }
  const largest = results.find((r) => r.case === '100 runs × 10k × 10')!;
  const ok =
    results.every(
      (r) => (r.firstPaintTargetMs === undefined || r.firstPaintMs < r.firstPaintTargetMs) && r.frameP95 < 16,
    ) && largest.heapMB < 300;
  console.log(
    `targets: first paint < 1 s (10 × 100k) and < 2 s (100 × 10k × 10, grouped or not); frame work p95 < 16 ms while live; heap < 300 MB at the largest — ${ok ? 'met' : 'MISS'}`,
  );
  console.log(JSON.stringify({ bench: 'metrics-render', liveSeconds, pointsPerSecond: 1000, results, targetsMet: ok }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
