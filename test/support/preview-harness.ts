/**
 * The real plan-preview webview bundle outside VS Code: a local HTTP server serves the same page the host builds
 * (strict CSP with a nonce, main.js + main.css from dist/webviews/plan-preview) plus a stub `acquireVsCodeApi`
 * that records what the webview posts. Used by the bench and by tests that need the webview without a workbench.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { EXPORT_THEME_CSS } from '../../core/src/plan/render/css';
import { REPO_ROOT } from './fixtures';
import { waitFor } from './wait';

/** The browser globals the page functions below use (the test project has no DOM lib). */
interface PageGlobals {
  __posted?: Array<{ type: string }>;
  dispatchEvent(event: unknown): boolean;
  requestAnimationFrame(cb: () => void): number;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  performance: { now(): number };
}

export interface PreviewHarness {
  readonly url: string;
  close(): Promise<void>;
}

function page(origin: string): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = `default-src 'none'; img-src ${origin} data:; style-src ${origin}; script-src 'nonce-${nonce}'; font-src ${origin}`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${origin}/theme.css"><link rel="stylesheet" href="${origin}/main.css"><title>Plan preview (harness)</title></head>
<body><main id="root"><p class="loading">Loading the plan preview…</p></main>
<script nonce="${nonce}">
  window.__posted = [];
  let state;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
</script>
<script type="module" nonce="${nonce}" src="${origin}/main.js"></script></body></html>`;
}

/** `panel`: the webview bundle under dist/webviews (the plan preview, or the plan compare panel `plan-diff`). */
export async function startPreviewHarness(panel = 'plan-preview'): Promise<PreviewHarness> {
  const bundle = path.join(REPO_ROOT, 'dist', 'webviews', panel);
  const server: Server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const name = (req.url ?? '/').split('?')[0];
    if (name === '/' || name === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(origin));
      return;
    }
    const file = name === '/main.js' ? 'main.js' : name === '/main.css' ? 'main.css' : undefined;
    // VS Code defines the --vscode-* theme variables in a webview; here the export's light/dark set stands in.
    if (name === '/theme.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end(EXPORT_THEME_CSS);
      return;
    }
    if (name === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    readFile(path.join(bundle, file)).then(
      (body) => res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Opens the harness page and waits for the webview's `ready` handshake. */
export async function openPreview(pageHandle: Page, harness: PreviewHarness): Promise<void> {
  await pageHandle.goto(harness.url);
  await waitFor(
    () =>
      pageHandle.evaluate(() =>
        ((globalThis as unknown as PageGlobals).__posted ?? []).some((m) => m.type === 'ready'),
      ),
    { timeoutMs: 10_000, what: 'the webview to post ready' },
  );
}

/**
 * Posts a host message (as JSON text, parsed in the page like a structured clone would be) and resolves with the
 * milliseconds until the update is painted: message handled, DOM patched, then two animation frames.
 */
export async function postAndPaint(pageHandle: Page, json: string): Promise<number> {
  return pageHandle.evaluate(async (text) => {
    const g = globalThis as unknown as PageGlobals;
    const t0 = g.performance.now();
    g.dispatchEvent(new g.MessageEvent('message', { data: JSON.parse(text) as unknown }));
    await new Promise<void>((resolve) => g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve())));
    return g.performance.now() - t0;
  }, json);
}
