/**
 * The real metrics webview bundle (dist/webviews/metrics) outside VS Code: a local HTTP server serves the page the
 * host builds — the same strict CSP with a nonce — plus VS Code-like theme variables and a stub host. The stub
 * defines `acquireVsCodeApi`, records what the page posts and any CSP violation, and either
 *  - generates a bench case when the page says `ready` (`?case=<json>`: runs × steps × metrics as typed arrays, then
 *    `init` and the series in messages of at most 512k points, transferred; `startLive`/`stopLive` append points), or
 *  - lets a test post host messages itself (`__stub.post`, plain arrays in chunks become typed arrays).
 * Used by bench/metrics-render and the metrics webview UI tests (helpers at the end post and read messages).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './fixtures';
import { waitFor } from './wait';

export interface BenchCase {
  readonly name: string;
  readonly runs: number;
  readonly steps: number;
  readonly metrics: readonly string[];
  /** Group the runs by this config key (each run has `bench.group` = its index mod 10, `training.seed` = its index). */
  readonly groupBy?: string;
}

const BUNDLE = path.join(REPO_ROOT, 'dist', 'webviews', 'metrics');

/** A few of VS Code's Dark Modern / Light Modern variables, enough for the page to look as it does in the editor. */
const THEMES = {
  dark: {
    '--vscode-font-family': 'system-ui, "Segoe UI", Ubuntu, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-sideBar-background': '#181818',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-editorWidget-border': '#454545',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-button-background': '#0078d4',
    '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8',
    '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-textBlockQuote-background': '#2b2b2b',
  },
  light: {
    '--vscode-font-family': 'system-ui, "Segoe UI", Ubuntu, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-sideBar-background': '#f8f8f8',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-purple': '#652d90',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-button-background': '#005fb8',
    '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b',
    '--vscode-list-hoverBackground': '#f2f2f2',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-textBlockQuote-background': '#f2f2f2',
  },
};

const STUB = String.raw`
(() => {
  const stub = window.__stub = { t0: 0, live: null, frames: [], lengths: null, spec: null, posted: [], csp: [] };
  window.__posted = stub.posted;
  document.addEventListener('securitypolicyviolation', (e) => stub.csp.push(e.violatedDirective + ' ' + e.blockedURI));
  let seed = 42;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const T0 = 1767225600;
  const send = (msg, transfer) => window.postMessage(msg, '*', transfer || []);
  const buffers = (chunks) => chunks.flatMap((c) => [c.steps.buffer, c.times.buffer, c.values.buffer]);
  const key = (r) => '20260101-' + String(100000 + r).slice(-6) + '-' + (r.toString(16).padStart(4, '0'));
  /** A test's host message: plain arrays in chunks become the typed arrays the host sends. */
  stub.post = (msg) => {
    if (msg.type === 'series') {
      msg.chunks = msg.chunks.map((c) => ({ ...c, steps: Float64Array.from(c.steps), values: Float32Array.from(c.values),
        times: c.times ? Float32Array.from(c.times) : new Float32Array(c.values.length).fill(NaN) }));
      send(msg, buffers(msg.chunks));
    } else send(msg);
  };
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
      meta: { thresholds: [{ metric: 'val_loss', max: 0.5 }], primary: { name: 'val_loss', goal: 'min' } },
      config: { 'bench.group': r % 10, 'training.seed': r } };
  }
  stub.start = () => {
    const spec = stub.spec;
    const runs = Array.from({ length: spec.runs }, (_, r) => runInfo(r, r === 0));
    const settings = { selected: runs.map((r) => r.key), colors: Object.fromEntries(runs.map((r, i) => [r.key, i])), smoothing: 0.6,
      xAxis: 'step', logScale: false, ignoreOutliers: false, collapsed: [], metricFilter: '', runFilter: '',
      groupBy: spec.groupBy || '' };
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
    send({ type: 'init', settings, runs, comparison: { columns: [{ key: 'run', label: 'Run', kind: 'text' }], rows: runs.map((r) => ({ run: r.key, cells: { run: r.key } })) }, notices: [], loading: true });
    messages.forEach((chunks, i) => send({ type: 'series', chunks, loading: i < messages.length - 1 }, buffers(chunks)));
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
      send({ type: 'series', chunks, loading: false }, buffers(chunks));
    }, 100);
    requestAnimationFrame(raf);
  };
  stub.stopLive = () => { clearInterval(stub.live); stub.live = null; return stub.frames; };
  window.acquireVsCodeApi = () => ({
    postMessage(m) { stub.posted.push(m); if (m && m.type === 'ready' && stub.spec) stub.start(); },
    getState() { return undefined; },
    setState() {},
  });
})();
`;

function page(origin: string, spec: BenchCase | undefined, theme: 'dark' | 'light'): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = `default-src 'none'; img-src ${origin} data:; style-src ${origin}; script-src 'nonce-${nonce}'; font-src ${origin}`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${origin}/theme-${theme}.css"><link rel="stylesheet" href="${origin}/main.css"><title>Metrics (harness)</title></head>
<body class="vscode-${theme}"><div id="app" data-state="loading"><p class="loading">Loading metrics…</p></div>
<script nonce="${nonce}">${STUB}</script>
<script nonce="${nonce}">window.__stub.spec = ${JSON.stringify(spec ?? null)};</script>
<script type="module" nonce="${nonce}" src="${origin}/main.js"></script></body></html>`;
}

export interface MetricsWebview {
  /** A page with a bench case (generated when the page says ready), or for a test to drive. */
  url(spec?: BenchCase, theme?: 'dark' | 'light'): string;
  close(): Promise<void>;
}

export async function startMetricsWebview(): Promise<MetricsWebview> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      const spec = url.searchParams.get('case');
      const theme = url.searchParams.get('theme') === 'light' ? 'light' : 'dark';
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(page(origin, spec ? (JSON.parse(spec) as BenchCase) : undefined, theme));
      return;
    }
    const themeCss = /^\/theme-(dark|light)\.css$/.exec(url.pathname);
    if (themeCss) {
      const vars = THEMES[themeCss[1] as 'dark' | 'light'];
      res.writeHead(200, { 'content-type': 'text/css' }).end(
        `:root { ${Object.entries(vars)
          .map(([k, v]) => `${k}: ${v};`)
          .join(' ')} }`,
      );
      return;
    }
    const file = path.join(BUNDLE, path.normalize(url.pathname).replace(/^[/\\]+/, ''));
    if (!file.startsWith(BUNDLE)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (data) => {
        res
          .writeHead(200, {
            'content-type': file.endsWith('.js')
              ? 'text/javascript'
              : file.endsWith('.css')
                ? 'text/css'
                : 'application/octet-stream',
          })
          .end(data);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (spec, theme = 'dark') =>
      `${origin}/?theme=${theme}${spec ? `&case=${encodeURIComponent(JSON.stringify(spec))}` : ''}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What the stub host exposes on the page. */
interface StubGlobals {
  __stub: { post(m: unknown): void; csp: string[] };
  __posted: Array<{ type: string; [k: string]: unknown }>;
}

/** Posts a host message to the page (as the extension would). */
export function postToPanel(page: Page, msg: unknown): Promise<void> {
  return page.evaluate((m) => (globalThis as unknown as StubGlobals).__stub.post(m), msg);
}

/** Every message the page has posted to the host so far. */
export function postedByPanel(page: Page): Promise<StubGlobals['__posted']> {
  return page.evaluate(() => (globalThis as unknown as StubGlobals).__posted); // (runs in the page: no closures)
}

/** The CSP violations the page has reported. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as StubGlobals).__stub.csp);
}

/** Waits until the page has said `ready` (its script ran and listens for messages). */
export async function waitForPanelReady(page: Page): Promise<void> {
  await waitFor(async () => (await postedByPanel(page)).some((m) => m.type === 'ready'), {
    timeoutMs: 30_000,
    what: 'the page to say ready',
  });
}
