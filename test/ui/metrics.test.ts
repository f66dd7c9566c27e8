/**
 * UI tier: the metrics panel in a real code-server + Chromium with the installed VSIX, driven like a user would:
 * train the tabular example, "Liftoff: Show Metrics", read the loss chart's point count, move the smoothing slider,
 * switch to log scale, export CSV through the save dialog and compare it row for row with the run's metrics.jsonl,
 * screenshots in dark and light themes; then a live run (a fake trainer writing a line every 100 ms through the real
 * launcher) opened from the code lens, each point on screen within 500 ms of being written.
 * Screenshots go to test-results/metrics-*.png.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';
import { makeTestWorkspace } from '../support/workspace';
import { openFile, runCommand, waitForWorkbench } from '../support/workbench';
import { waitFor } from '../support/wait';

const RESULTS = path.join(REPO_ROOT, 'test-results');

function findVsix(): string {
  const vsix = readdirSync(REPO_ROOT).filter((f) => /^liftoff-linux-x64-.*\.vsix$/.test(f)).sort().pop();
  assert.ok(vsix, 'a linux-x64 VSIX exists: run `npm run package` first');
  return path.join(REPO_ROOT, vsix);
}

interface Line { step: number; epoch?: number; time?: number; [metric: string]: number | undefined }

function runDirs(workspace: string, experiment: string): string[] {
  const root = path.join(workspace, '.liftoff', 'runs', experiment);
  return existsSync(root) ? readdirSync(root).sort().map((id) => path.join(root, id)) : [];
}

function readLines(file: string): Line[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Line);
}

describe('Metrics panel in code-server + Chromium', function () {
  this.timeout(300_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let workspace: string;
  /** The panel's document inside VS Code's webview iframes. */
  const panel = (): FrameLocator => page.frameLocator('iframe.webview').frameLocator('#active-frame');
  const lossChart = () => panel().locator('.chart[data-chart="loss"]');
  const runsRow = () => page.locator('.pane:has(.pane-header:has-text("Runs")) .monaco-list-row', { hasText: /\d{8}-\d{6}-/ });

  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(RESULTS, `metrics-${name}.png`) });
  }

  async function switchTheme(name: string, kind: string): Promise<void> {
    const file = path.join(cs.userDataDir, 'User', 'settings.json');
    const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...settings, 'workbench.colorTheme': name }, null, 2));
    await panel().locator(`body.${kind}`).waitFor({ timeout: 60_000 });
  }

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    workspace = makeTestWorkspace();
    cpSync(path.join(FIXTURES, 'metrics-live'), path.join(workspace, 'live'), { recursive: true });
    cs = await CodeServer.start({ vsix: [findVsix()], settings: { 'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false } });
    ({ context, page } = await launchBrowser('dark'));
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`);
    await waitForWorkbench(page);
  });

  after(async () => {
    await context?.close();
    await cs?.stop();
  });

  it('trains the tabular example and shows its loss chart with the run’s point count', async () => {
    await openFile(page, 'credit-risk.experiment.yaml');
    await runCommand(page, 'Liftoff: Train Experiment');
    await runCommand(page, 'View: Show Liftoff');
    await runsRow().filter({ hasText: 'succeeded' }).first().waitFor({ timeout: 120_000 });

    await runCommand(page, 'Liftoff: Show Metrics');
    // The palette asks which runs (the newest is ticked): accept.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Show metrics of runs' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');

    const [dir] = runDirs(workspace, 'credit-risk-mlp');
    assert.ok(dir, 'the run folder exists');
    const lines = readLines(path.join(dir, 'metrics.jsonl'));
    const trainLoss = lines.filter((l) => typeof l.train_loss === 'number').length;
    assert.ok(trainLoss >= 5, `the run wrote ${trainLoss} epochs`);
    await lossChart().waitFor({ timeout: 60_000 });
    const item = lossChart().locator('.legend-item[data-series="train_loss"]');
    await item.waitFor({ timeout: 30_000 });
    assert.match(await item.innerText(), new RegExp(`\\b${trainLoss} points\\b`));
    assert.equal(await lossChart().getAttribute('data-points'), String(2 * trainLoss), 'train_loss and val_loss in one chart');
    // The primary metric's chart marks its best value and the auc threshold from evaluation.thresholds.
    const auc = panel().locator('.chart[data-chart="auc"]');
    await waitFor(async () => (await auc.getAttribute('data-best')) !== null && (await auc.getAttribute('data-best')) !== '', { timeoutMs: 30_000, what: 'the best-value marker' });
    const best = Math.max(...lines.map((l) => l.val_auc ?? -Infinity));
    assert.ok(Math.abs(Number(await auc.getAttribute('data-best')) - best) < 1e-6, 'best val_auc marked');
    assert.equal(await auc.getAttribute('data-thresholds'), 'auc>=0.75');
    await panel().locator('.compare-table tbody tr').first().waitFor({ timeout: 30_000 });
    await screenshot('dark');
  });

  it('moves the smoothing slider and the smoothed series changes; switches to log scale', async () => {
    const before = await lossChart().getAttribute('data-last-smoothed');
    assert.ok(before, 'the chart exposes its last smoothed value');
    await panel().locator('#smoothing').fill('0.95');
    await waitFor(async () => (await lossChart().getAttribute('data-smoothing')) === '0.95', { timeoutMs: 20_000, what: 'the chart redrawn with smoothing 0.95' });
    const after = await lossChart().getAttribute('data-last-smoothed');
    assert.notEqual(after, before, `smoothed value moved from ${before}`);

    await panel().locator('#log-scale').click();
    await waitFor(async () => (await lossChart().getAttribute('data-log')) === 'true', { timeoutMs: 20_000, what: 'the loss chart on a log scale' });
  });

  it('exports CSV through the save dialog, row for row the run’s metrics.jsonl', async () => {
    const [dir] = runDirs(workspace, 'credit-risk-mlp');
    const lines = readLines(path.join(dir!, 'metrics.jsonl'));
    const target = path.join(workspace, `exported-${Date.now()}.csv`);
    await panel().locator('#export-csv').click();
    // code-server's save dialog is a quick input holding a path: replace it with ours.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 30_000 });
    await waitFor(async () => (await input.inputValue()).endsWith('.csv'), { timeoutMs: 20_000, what: 'the save dialog’s default path' });
    await input.fill(target);
    await page.keyboard.press('Enter');
    await waitFor(() => existsSync(target) && readFileSync(target, 'utf8').split('\n').length > lines.length, { timeoutMs: 30_000, what: `the CSV at ${target}` });

    const rows = readFileSync(target, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
    assert.deepEqual(rows[0], ['run', 'metric', 'step', 'epoch', 'wall_time', 'value']);
    const metrics = [...new Set(lines.flatMap((l) => Object.keys(l)))].filter((k) => !['step', 'epoch', 'time'].includes(k)).sort();
    const expected = metrics.flatMap((m) => lines.filter((l) => l[m] !== undefined).map((l) => [path.basename(dir!), m, String(l.step), String(l.epoch), l.time, String(l[m])] as const));
    assert.equal(rows.length - 1, expected.length, 'one row per value in the file');
    rows.slice(1).forEach((row, i) => {
      const [run, metric, step, epoch, time, value] = expected[i]!;
      assert.deepEqual([row[0], row[1], row[2], row[3], row[5]], [run, metric, step, epoch, value], `row ${i + 1}`);
      assert.ok(Math.abs(Number(row[4]) - Number(time)) < 1e-3, `row ${i + 1} wall time`);
    });
  });

  it('looks right in the light theme too', async () => {
    await switchTheme('Default Light Modern', 'vscode-light');
    await waitFor(async () => (await lossChart().getAttribute('data-rendered-at')) !== null, { timeoutMs: 20_000, what: 'the chart redrawn' });
    await panel().locator('#log-scale').click();
    await waitFor(async () => (await lossChart().getAttribute('data-log')) === 'false', { timeoutMs: 20_000, what: 'linear scale again' });
    await screenshot('light');
    await switchTheme('Default Dark Modern', 'vscode-dark');
  });

  it('shows a live run’s points within 500 ms of their being written (fake trainer through the launcher)', async () => {
    await openFile(page, 'live-metrics.experiment.yaml');
    // Record, inside the panel, when each step first appears in the live chart's DOM.
    // (A string: this project's tests compile without the DOM library.)
    await panel().locator('body').evaluate(`() => {
      const seen = window.__seen = [];
      new MutationObserver(() => {
        const chart = document.querySelector('.chart[data-chart="live_score"]');
        const step = Number(chart && chart.dataset.lastStep);
        if (Number.isFinite(step) && (seen.length === 0 || step > seen[seen.length - 1][0])) seen.push([step, Date.now()]);
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-last-step'], childList: true });
    }`);
    await runCommand(page, 'Liftoff: Train Experiment');
    await waitFor(() => runDirs(workspace, 'live-metrics').length > 0, { timeoutMs: 60_000, what: 'the live run to start' });
    // "Show metrics" code lens above run: adds the experiment's latest run to the open panel.
    await page.keyboard.press('Escape');
    await page.locator('.tabs-container .tab', { hasText: 'live-metrics.experiment.yaml' }).click();
    const lens = page.locator('.codelens-decoration a', { hasText: 'Show metrics' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    await panel().locator('.chart[data-chart="live_score"]').waitFor({ timeout: 60_000 });
    const dir = runDirs(workspace, 'live-metrics')[0]!;
    await waitFor(() => readLines(path.join(dir, 'metrics.jsonl')).length >= 150, { timeoutMs: 60_000, what: 'the fake trainer to write 150 lines' });
    await waitFor(async () => (await panel().locator('.chart[data-chart="live_score"]').getAttribute('data-last-step')) === '150', { timeoutMs: 20_000, what: 'the last point on screen' });
    await screenshot('live');

    const seen = await panel().locator('body').evaluate('() => window.__seen') as Array<[number, number]>;
    const written = new Map(readLines(path.join(dir, 'metrics.jsonl')).map((l) => [l.step, (l.time ?? NaN) * 1000]));
    // Points written before the panel showed the run are not live updates: measure from the first one it showed.
    const firstShown = seen[0]![0];
    const latencies: number[] = [];
    for (let step = firstShown + 1; step <= 150; step++) {
      const shownAt = seen.find(([s]) => s >= step)?.[1];
      assert.ok(shownAt, `step ${step} appeared`);
      latencies.push(shownAt - written.get(step)!);
    }
    assert.ok(latencies.length >= 30, `${latencies.length} live points measured`);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`      live latency over ${latencies.length} points: p50 ${sorted[Math.floor(sorted.length / 2)]} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]} ms, max ${sorted[sorted.length - 1]} ms`);
    assert.ok(sorted[sorted.length - 1]! <= 500, `every point within 500 ms (max ${sorted[sorted.length - 1]} ms)`);
  });
});
