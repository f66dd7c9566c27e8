/**
 * UI tier, without a workbench: the real metrics webview bundle in headless Chromium under the host's CSP, fed by
 * the stub host (test/support/metrics-webview.ts), checked for accessibility: axe in dark and light with two runs,
 * charts as labelled images with a data table, zoom from the keyboard, a live run's progress said politely and at
 * most once per run every few seconds, and text that follows VS Code's font size. The same panel in the real
 * workbench, driven by the keyboard only, is test/ui/panels-a11y.test.ts.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type RunInfo } from '../../client/src/panels/metrics/contract';
import { ANNOUNCE_INTERVAL_MS } from '../../core/src/metrics/announce-throttle';
import { checkA11y } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT } from '../support/fixtures';
import {
  cspViolations,
  postToPanel,
  startMetricsWebview,
  waitForPanelReady,
  type MetricsWebview,
} from '../support/metrics-webview';
import { waitFor } from '../support/wait';

const RESULTS = path.join(REPO_ROOT, 'test-results');
const A = '20260101-100000-000a';
const B = '20260101-100100-000b';
const T0 = 1767225600;

function run(key: string, state: RunInfo['state']): RunInfo {
  return {
    key,
    experiment: 'a11y',
    state,
    startedAt: T0 * 1000,
    t0: T0,
    meta: { thresholds: [], primary: { name: 'val_loss', goal: 'min' } },
  };
}

function chunks(key: string, from: number, to: number) {
  const steps = Array.from({ length: to - from }, (_, i) => from + i + 1);
  return ['train_loss', 'val_loss', 'val_acc'].map((name) => ({
    run: key,
    name,
    from,
    nonFinite: 0,
    steps,
    times: steps.map((s) => s * 0.5),
    values: steps.map((s) => (name === 'val_acc' ? 1 - 1 / (s + 1) : 2 / s + (name === 'val_loss' ? 0.1 : 0))),
  }));
}

interface PageGlobals {
  document: {
    activeElement: { closest(s: string): unknown; id?: string; tagName: string } | null;
    documentElement: { style: { setProperty(k: string, v: string): void; removeProperty(k: string): void } };
  };
  getComputedStyle(e: unknown): { fontSize: string; outlineStyle: string };
}

describe('Metrics webview: accessibility (axe, keyboard, screen reader, font size) in headless Chromium', function () {
  this.timeout(300_000);
  let harness: MetricsWebview;

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    harness = await startMetricsWebview();
  });
  after(async () => {
    await harness?.close();
  });

  for (const theme of ['dark', 'light'] as const) {
    describe(`in the ${theme} theme`, () => {
      let context: BrowserContext;
      let page: Page;
      const loss = () => page.locator('.chart[data-chart="loss"]');
      const post = (msg: unknown) => postToPanel(page, msg);

      before(async () => {
        ({ context, page } = await launchBrowser(theme));
        await page.goto(harness.url(undefined, theme));
        await waitForPanelReady(page);
        await post({
          type: 'init',
          settings: { ...DEFAULT_SETTINGS, selected: [A], colors: { [A]: 0 }, smoothing: 0.5 },
          runs: [run(A, 'succeeded'), run(B, 'running')],
          comparison: { columns: [{ key: 'run', label: 'Run', kind: 'text' }], rows: [{ run: A, cells: { run: A } }] },
          notices: [],
          loading: true,
        });
        await post({ type: 'series', loading: false, chunks: chunks(A, 0, 300) });
        await page.locator('#app[data-state="ready"]').waitFor({ timeout: 30_000 });
      });
      after(async () => {
        await context?.close();
      });

      it('has no critical or serious axe violation with a run and its charts, and none unlisted', async () => {
        await loss().locator('.chart-plot[role="img"]').waitFor();
        await checkA11y(page, `the metrics panel (${theme})`);
      });

      it('labels each chart with a summary and shows its data as a table', async () => {
        const plot = loss().locator('.chart-plot');
        await waitFor(async () => /600 points/.test((await plot.getAttribute('aria-label')) ?? ''), {
          timeoutMs: 30_000,
          what: 'the summary with the point count',
        });
        const label = (await plot.getAttribute('aria-label')) ?? '';
        assert.match(
          label,
          /^Chart of loss: 2 lines, 600 points, steps 1 to 300; y from [-\d.e]+ to [\d.e]+\. train_loss last [\d.]+; val_loss last [\d.]+/,
          label,
        );
        await loss().locator('.chart-data > summary').click();
        const table = loss().locator('.chart-data table');
        await table.waitFor();
        assert.match(
          await table.locator('caption').innerText(),
          /at most 100 evenly spaced points a line.*Export CSV has every point/,
        );
        const rows = await table.locator('tbody tr').count();
        assert.ok(rows > 100 && rows <= 202, `${rows} rows: about 100 for each of the two lines`);
        const last = await table.locator('tbody tr').last().locator('td').allInnerTexts();
        assert.deepEqual(last.slice(1, 3), ['val_loss', '300'], 'the last point of each line is in the table');
        await checkA11y(page, `the metrics panel with a data table open (${theme})`);
        await loss().locator('.chart-data > summary').click();
      });

      it('zooms, pans and resets a chart from the keyboard', async () => {
        const plot = loss().locator('.chart-plot');
        await plot.focus();
        await page.keyboard.press('+');
        await waitFor(async () => (await loss().getAttribute('data-zoomed')) === 'true', {
          timeoutMs: 10_000,
          what: 'zoomed in by +',
        });
        const zoomed = await loss().getAttribute('data-x-range');
        await page.keyboard.press('ArrowRight');
        await waitFor(async () => (await loss().getAttribute('data-x-range')) !== zoomed, {
          timeoutMs: 10_000,
          what: 'panned by →',
        });
        assert.match((await plot.getAttribute('aria-label')) ?? '', /zoomed in/);
        await page.screenshot({ path: path.join(RESULTS, `a11y-metrics-zoom-focus-${theme}.png`) });
        await page.keyboard.press('0');
        await waitFor(async () => (await loss().getAttribute('data-zoomed')) === 'false', {
          timeoutMs: 10_000,
          what: 'reset by 0',
        });
      });

      it('keeps the legend’s entries in place through a zoom and back (a screen reader on one stays on it)', async () => {
        const first = loss().locator('.legend-item').first();
        await first.evaluate((e) => ((e as unknown as { __kept?: boolean }).__kept = true));
        const plot = loss().locator('.chart-plot');
        await plot.focus();
        await page.keyboard.press('+');
        await waitFor(async () => (await loss().getAttribute('data-zoomed')) === 'true', {
          timeoutMs: 10_000,
          what: 'zoomed in by +',
        });
        await page.keyboard.press('0');
        await waitFor(async () => (await loss().getAttribute('data-zoomed')) === 'false', {
          timeoutMs: 10_000,
          what: 'reset by 0',
        });
        assert.equal(
          await first.evaluate((e) => e.isConnected && (e as unknown as { __kept?: boolean }).__kept === true),
          true,
          'the legend entry is the same element after the zoom (it was not rebuilt)',
        );
      });

      it('says a live run’s progress politely, at most once per run every few seconds', async () => {
        const live = page.locator('.live-announcer');
        assert.equal(await live.getAttribute('aria-live'), 'polite');
        assert.equal(await live.textContent(), '', 'the first load is not announced');
        // Select the running run, load its first points, then stream a point every 100 ms.
        await page.locator(`input.run-check[data-run="${B}"]`).click();
        await post({ type: 'series', loading: false, chunks: chunks(B, 0, 10) });
        const started = Date.now();
        let step = 10;
        while (Date.now() - started < ANNOUNCE_INTERVAL_MS + 1_500) {
          await post({ type: 'series', loading: false, chunks: chunks(B, step, step + 1) });
          step++;
          const shown = step;
          await waitFor(async () => Number(await loss().getAttribute('data-last-step')) >= shown, {
            timeoutMs: 10_000,
            what: `step ${shown} drawn`,
          });
        }
        await waitFor(async () => Number(await live.getAttribute('data-count')) >= 2, {
          timeoutMs: 10_000,
          what: 'a second announcement after the interval',
        });
        const count = Number(await live.getAttribute('data-count'));
        assert.ok(
          count <= 3,
          `${count} announcements for ${step - 10} updates in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        assert.match((await live.textContent()) ?? '', /^Run 10:01:00 000b \(a11y\): step \d+, val_loss [\d.]+/);
        await page.locator(`input.run-check[data-run="${B}"]`).click();
      });

      it('follows VS Code’s font size: twice the base size doubles the panel’s small text', async () => {
        // An element the page replaced between finding and reading it has no computed style (NaN): read again.
        const size = async (sel: string) => {
          let px = NaN;
          await waitFor(
            async () => {
              px = await page
                .locator(sel)
                .first()
                .evaluate((e) =>
                  e.isConnected ? parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(e).fontSize) : NaN,
                );
              return Number.isFinite(px);
            },
            { timeoutMs: 10_000, what: `${sel}'s font size` },
          );
          return px;
        };
        const selectors = ['.pane-title', '.chart-title', '.legend-item', '.runs-count'];
        const before = await Promise.all(selectors.map(size));
        await page.evaluate(() =>
          (globalThis as unknown as PageGlobals).document.documentElement.style.setProperty(
            '--vscode-font-size',
            '26px',
          ),
        );
        try {
          const after = await Promise.all(selectors.map(size));
          selectors.forEach((sel, i) =>
            assert.ok(Math.abs(after[i]! / before[i]! - 2) < 0.1, `${sel}: ${before[i]}px → ${after[i]}px`),
          );
          await page.screenshot({ path: path.join(RESULTS, `a11y-metrics-200pct-${theme}.png`) });
        } finally {
          await page.evaluate(() =>
            (globalThis as unknown as PageGlobals).document.documentElement.style.removeProperty('--vscode-font-size'),
          );
        }
        assert.deepEqual(await cspViolations(page), []);
      });
    });
  }
});
