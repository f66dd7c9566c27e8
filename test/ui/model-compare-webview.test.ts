/**
 * UI tier, without a workbench: the real Compare Models webview bundle (dist/webviews/model-compare) in headless
 * Chromium behind a stub host, served with the host's strict CSP and nonce. It gets the view model of two versions
 * of a real model (core's diffModels, as the panel computes it) and must show what differs in captioned tables,
 * ignore malformed messages, work from the keyboard (Copy as JSON), and pass axe. Screenshot:
 * test-results/model-compare.png. Needs `npm run build` (the bundle) and /usr/bin/chromium.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { compareViewModel } from '../../client/src/panels/model-compare/view-model';
import { EXPORT_THEME_CSS } from '../../core/src/plan/render/css';
import { checkA11y } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';
import { waitFor } from '../support/wait';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'webviews', 'model-compare');

interface Globals {
  __posted: Array<{ type: string }>;
  __violations: string[];
  dispatchEvent(e: unknown): boolean;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  document: { activeElement: { textContent: string | null } | null };
}

function html(origin: string): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = `default-src 'none'; img-src ${origin} data:; style-src ${origin}; script-src 'nonce-${nonce}'; font-src ${origin}`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${origin}/theme.css"><link rel="stylesheet" href="${origin}/main.css"><title>Compare Models (harness)</title></head>
<body><main id="root" aria-live="polite"><p class="loading">Comparing the models…</p></main>
<script nonce="${nonce}">
  window.__posted = []; window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });
</script>
<script type="module" nonce="${nonce}" src="${origin}/main.js"></script></body></html>`;
}

describe('Compare Models webview (real bundle, headless Chromium)', function () {
  this.timeout(120_000);
  let server: Server;
  let url: string;
  let context: BrowserContext;
  let page: Page;
  const post = (data: unknown) =>
    page.evaluate((json) => {
      const g = globalThis as unknown as Globals;
      g.dispatchEvent(new g.MessageEvent('message', { data: JSON.parse(json) as unknown }));
    }, JSON.stringify(data));
  const posted = () => page.evaluate(() => (globalThis as unknown as Globals).__posted.map((m) => m.type));

  before(async () => {
    server = createServer((req, res) => {
      const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
      const name = (req.url ?? '/').split('?')[0];
      if (name === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html(origin));
      if (name === '/theme.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(EXPORT_THEME_CSS);
      const file = name === '/main.js' || name === '/main.css' ? name.slice(1) : undefined;
      if (!file) return void res.writeHead(404).end();
      readFile(path.join(BUNDLE, file)).then(
        (body) =>
          res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(body),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    ({ context, page } = await launchBrowser('dark'));
  });
  after(async () => {
    await context?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('shows what differs between two versions of a model, ignores junk, copies from the keyboard, passes axe', async () => {
    await page.goto(url);
    await waitFor(async () => (await posted()).includes('ready'), { timeoutMs: 15_000, what: 'ready' });
    const gpu = path.join(FIXTURES, 'gpu');
    const vm = await compareViewModel(
      path.join(gpu, 'external-data', 'model.onnx'),
      path.join(gpu, 'runs', 'gpu-bf16', 'model.onnx'),
    );
    await post({ type: 'diff', model: { ...vm, diff: { ...vm.diff, operators: 'not a list' } } });
    await post({ type: 'nonsense' });
    assert.match(await page.locator('#root').innerText(), /Comparing the models…/, 'malformed messages are ignored');
    await post({ type: 'diff', model: vm });
    await waitFor(async () => (await page.locator('h1').count()) > 0, { timeoutMs: 10_000, what: 'the comparison' });
    const text = await page.locator('#root').innerText();
    assert.match(text, /The models differ/);
    assert.match(text, /ai\.onnx 17\s+ai\.onnx 18\s+changed/);
    assert.match(text, /Parameters\s+37,764\s+37,764\s+=/);
    assert.equal(
      await page.locator('table caption').count(),
      await page.locator('table').count(),
      'every table has a caption',
    );
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as Globals).document.activeElement?.textContent),
      'Copy as JSON',
    );
    await page.keyboard.press('Enter');
    await waitFor(async () => (await posted()).includes('copy'), { timeoutMs: 5_000, what: 'copy posted' });
    assert.deepEqual(
      await page.evaluate(() => (globalThis as unknown as Globals).__violations),
      [],
      'no CSP violation',
    );
    // Fails on critical/serious findings and on any other not accepted in docs/accessibility.md.
    await checkA11y(page, 'Compare Models');
    mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'model-compare.png'), fullPage: true });
  });
});
