/**
 * The metrics webview outside VS Code, for bench/metrics-render: a local HTTP server for dist/webviews/metrics and a
 * page that loads the real bundle after a stub host. The stub defines `acquireVsCodeApi`; when the page says
 * `ready` it generates the case's series (typed arrays, like the host's chunks), notes the time, and posts `init`
 * and the series in messages of at most 512k points (transferred), then appends live points on request.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

export interface BenchCase { readonly name: string; readonly runs: number; readonly steps: number; readonly metrics: readonly string[] }

const STUB = String.raw`
(() => {
  const stub = window.__stub = { t0: 0, live: null, frames: [], lengths: null, spec: null };
  let seed = 42;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const T0 = 1767225600;
  const post = (msg, transfer) => window.postMessage(msg, '*', transfer || []);
  const key = (r) => '20260101-' + String(100000 + r).slice(-6) + '-' + (r.toString(16).padStart(4, '0'));
  function series(r, m, name, from, n) {
    const steps = new Float64Array(n), times = new Float32Array(n), values = new Float32Array(n);
    const loss = /loss/.test(name), base = 0.2 + (r % 7) * 0.03 + m * 0.05;
    for (let k = 0; k < n; k++) {
      const i = from + k;
      steps[k] = i;
      times[k] = i * 0.25;
      const trend = loss ? base + 2 * Math.exp(-i / 3000) : 1 - base * Math.exp(-i / 3000);
      values[k] = trend + (rnd() - 0.5) * 0.08;
    }
    return { run: key(r), name, from, nonFinite: 0, steps, times, values };
  }
  function runInfo(r, live) {
    return { key: key(r), experiment: 'bench', state: live ? 'running' : 'succeeded', startedAt: T0 * 1000, t0: T0,
      meta: { thresholds: [{ metric: 'val_loss', max: 0.5 }], primary: { name: 'val_loss', goal: 'min' } } };
  }
  stub.start = () => {
    const spec = stub.spec;
    const runs = Array.from({ length: spec.runs }, (_, r) => runInfo(r, r === 0));
    const settings = { selected: runs.map((r) => r.key), colors: Object.fromEntries(runs.map((r, i) => [r.key, i])), smoothing: 0.6,
      xAxis: 'step', logScale: false, ignoreOutliers: false, collapsed: [], metricFilter: '', runFilter: '' };
    const messages = [];
    let current = [], points = 0;
    for (let r = 0; r < spec.runs; r++) {
      for (let m = 0; m < spec.metrics.length; m++) {
        current.push(series(r, m, spec.metrics[m], 0, spec.steps));
        points += spec.steps;
        if (points >= 512 * 1024) { messages.push(current); current = []; points = 0; }
      }
    }
    if (current.length) messages.push(current);
    stub.lengths = spec.metrics.map(() => spec.steps);
    stub.t0 = performance.now();
    post({ type: 'init', settings, runs, comparison: { columns: [{ key: 'run', label: 'Run', kind: 'text' }], rows: runs.map((r) => ({ run: r.key, cells: { run: r.key } })) }, notices: [], loading: true });
    messages.forEach((chunks, i) => post({ type: 'series', chunks, loading: i < messages.length - 1 },
      chunks.flatMap((c) => [c.steps.buffer, c.times.buffer, c.values.buffer])));
  };
  /** Appends pointsPerSecond to run 0, in 10 messages a second, and records frame intervals meanwhile. */
  stub.startLive = (pointsPerSecond) => {
    const spec = stub.spec;
    const per = Math.max(1, Math.round(pointsPerSecond / 10 / spec.metrics.length));
    stub.frames = [];
    let last = performance.now();
    const raf = () => { const t = performance.now(); stub.frames.push(t - last); last = t; if (stub.live) requestAnimationFrame(raf); };
    stub.live = setInterval(() => {
      const chunks = spec.metrics.map((name, m) => { const c = series(0, m, name, stub.lengths[m], per); stub.lengths[m] += per; return c; });
      post({ type: 'series', chunks, loading: false }, chunks.flatMap((c) => [c.steps.buffer, c.times.buffer, c.values.buffer]));
    }, 100);
    requestAnimationFrame(raf);
  };
  stub.stopLive = () => { clearInterval(stub.live); stub.live = null; return stub.frames; };
  window.acquireVsCodeApi = () => ({
    postMessage(m) { if (m && m.type === 'ready' && stub.spec) stub.start(); },
    getState() { return undefined; },
    setState() {},
  });
})();
`;

function page(spec: BenchCase): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/main.css"><title>metrics bench</title></head>
<body class="vscode-dark"><div id="app" data-state="loading"></div>
<script>${STUB}</script><script>window.__stub.spec = ${JSON.stringify(spec)};</script>
<script type="module" src="/main.js"></script></body></html>`;
}

/** Serves the bundle folder and `/?case=<json>` pages. */
export async function startStubServer(bundleDir: string): Promise<{ url: (spec: BenchCase) => string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      const spec = JSON.parse(url.searchParams.get('case') ?? '{}') as BenchCase;
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(spec));
      return;
    }
    const file = path.join(bundleDir, path.normalize(url.pathname).replace(/^[/\\]+/, ''));
    if (!file.startsWith(bundleDir)) { res.writeHead(403).end(); return; }
    readFile(file).then((data) => {
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream' }).end(data);
    }, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: (spec) => `http://127.0.0.1:${port}/?case=${encodeURIComponent(JSON.stringify(spec))}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
