/**
 * UI tier: the metrics panel in a real code-server + Chromium with the installed VSIX, driven like a user would:
 * train the tabular example, "Liftoff: Show Metrics", read the loss chart's point count, move the smoothing slider,
 * switch to log scale, export CSV through the save dialog and compare it row for row with the run's metrics.jsonl,
 * screenshots in dark and light themes; then a live run (a fake trainer writing a line every 100 ms through the real
 * launcher) opened from the code lens: half of its points on screen within 8 of the trainer's lines (800 ms at its pace),
 * everything written while the panel was hidden shown when it is back.
 * Screenshots go to test-results/metrics-*.png.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { FIXTURES, REPO_ROOT, findVsix } from '../support/fixtures';
import { makeTestWorkspace } from '../support/workspace';
import { openFile, reloadWindow, runCommand, switchTheme, trainFromPalette, openWorkbench } from '../support/workbench';
import { waitFor } from '../support/wait';
import { liveLag, MEDIAN_LINES_BEHIND, quantile } from '../support/live-lag';

const RESULTS = path.join(REPO_ROOT, 'test-results');

interface Line {
  step: number;
  epoch?: number;
  time?: number;
  [metric: string]: number | undefined;
}

function runDirs(workspace: string, experiment: string): string[] {
  const root = path.join(workspace, '.liftoff', 'runs', experiment);
  return existsSync(root)
    ? readdirSync(root)
        .sort()
        .map((id) => path.join(root, id))
    : [];
}

/** The few browser globals the live test uses inside the panel (the tests compile without the DOM library). */
interface PanelWindow {
  __seen: Array<[number, number]>;
  document: { body: unknown; querySelector(selector: string): { dataset: Record<string, string | undefined> } | null };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, unknown>): void };
}

const q = quantile;

function readLines(file: string): Line[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Line);
}

describe('Metrics panel in code-server + Chromium', function () {
  this.timeout(600_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let workspace: string;
  /** The panel's document inside VS Code's webview iframes. */
  const panel = (): FrameLocator => page.frameLocator('iframe.webview').frameLocator('#active-frame');
  const lossChart = () => panel().locator('.chart[data-chart="loss"]');
  const runsRow = () =>
    page.locator('.pane:has(.pane-header:has-text("Runs")) .monaco-list-row', { hasText: /\d{8}-\d{6}-/ });

  async function screenshot(name: string): Promise<void> {
    await page
      .locator('.quick-input-widget')
      .waitFor({ state: 'hidden', timeout: 10_000 })
      .catch(() => undefined); // not part of the picture
    await page.screenshot({ path: path.join(RESULTS, `metrics-${name}.png`) });
  }

  /** More room for the panel in screenshots: no terminal panel, no secondary side bar. */
  async function roomForThePanel(): Promise<void> {
    if (await page.locator('.monaco-workbench .part.panel').isVisible()) await runCommand(page, 'View: Hide Panel');
    if (await page.locator('.monaco-workbench .part.auxiliarybar').isVisible())
      await runCommand(page, 'View: Hide Secondary Side Bar');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    workspace = makeTestWorkspace();
    cpSync(path.join(FIXTURES, 'metrics-live'), path.join(workspace, 'live'), { recursive: true });
    cs = await CodeServer.start({
      vsix: [findVsix()],
      settings: { 'workbench.colorTheme': 'Dark Modern', 'editor.minimap.enabled': false },
    });
    ({ context, page } = await launchBrowser('dark'));
    await openWorkbench(page, cs.url, workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`).catch(
        () => undefined,
      );
  });

  after(async () => {
    await context?.close();
    await cs?.stop();
  });

  it('trains the tabular example and shows its loss chart with the run’s point count', async () => {
    await openFile(page, 'credit-risk.experiment.yaml');
    await trainFromPalette(page, 'credit-risk.experiment.yaml', () => runDirs(workspace, 'credit-risk-mlp').length > 0);
    await runCommand(page, 'View: Show Liftoff');
    await runsRow().filter({ hasText: 'succeeded' }).first().waitFor({ timeout: 240_000 });

    await runCommand(page, 'Liftoff: Show Metrics');
    // The palette asks which runs (the newest is ticked): accept.
    await page
      .locator('.quick-input-widget .quick-input-title', { hasText: 'Show metrics of runs' })
      .waitFor({ timeout: 30_000 });
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
    assert.equal(
      await lossChart().getAttribute('data-points'),
      String(2 * trainLoss),
      'train_loss and val_loss in one chart',
    );
    // The primary metric's chart marks its best value and the auc threshold from evaluation.thresholds.
    const auc = panel().locator('.chart[data-chart="auc"]');
    await auc.scrollIntoViewIfNeeded();
    await waitFor(
      async () => (await auc.getAttribute('data-best')) !== null && (await auc.getAttribute('data-best')) !== '',
      { timeoutMs: 30_000, what: 'the best-value marker' },
    );
    const best = Math.max(...lines.map((l) => l.val_auc ?? -Infinity));
    assert.ok(Math.abs(Number(await auc.getAttribute('data-best')) - best) < 1e-6, 'best val_auc marked');
    assert.equal(await auc.getAttribute('data-thresholds'), 'auc>=0.75');
    await panel().locator('.compare-table tbody tr').first().waitFor({ timeout: 30_000 });
    await roomForThePanel();
    await lossChart().scrollIntoViewIfNeeded();
    await screenshot('dark');
  });

  it('moves the smoothing slider and the smoothed series changes; switches to log scale', async () => {
    await lossChart().scrollIntoViewIfNeeded(); // charts off screen are redrawn when they come back
    const before = await lossChart().getAttribute('data-last-smoothed');
    assert.ok(before, 'the chart exposes its last smoothed value');
    await panel().locator('#smoothing').fill('0.95');
    await waitFor(async () => (await lossChart().getAttribute('data-smoothing')) === '0.95', {
      timeoutMs: 20_000,
      what: 'the chart redrawn with smoothing 0.95',
    });
    const after = await lossChart().getAttribute('data-last-smoothed');
    assert.notEqual(after, before, `smoothed value moved from ${before}`);

    await panel().locator('#log-scale').click();
    await waitFor(async () => (await lossChart().getAttribute('data-log')) === 'true', {
      timeoutMs: 20_000,
      what: 'the loss chart on a log scale',
    });
  });

  it('exports CSV through the save dialog, row for row the run’s metrics.jsonl', async () => {
    const [dir] = runDirs(workspace, 'credit-risk-mlp');
    const lines = readLines(path.join(dir!, 'metrics.jsonl'));
    const target = path.join(workspace, `exported-${Date.now()}.csv`);
    // Linear again (the reload test below checks that this setting was kept).
    await panel().locator('#log-scale').click();
    await waitFor(async () => (await lossChart().getAttribute('data-log')) === 'false', {
      timeoutMs: 20_000,
      what: 'linear scale again',
    });
    await panel().locator('#export-csv').click();
    // code-server's save dialog is a quick input holding a path: replace it with ours.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 30_000 });
    await waitFor(async () => (await input.inputValue()).endsWith('.csv'), {
      timeoutMs: 20_000,
      what: 'the save dialog’s default path',
    });
    await input.fill(target);
    await page.keyboard.press('Enter');
    await waitFor(() => existsSync(target) && readFileSync(target, 'utf8').split('\n').length > lines.length, {
      timeoutMs: 30_000,
      what: `the CSV at ${target}`,
    });

    const rows = readFileSync(target, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    // Smoothing is on (0.95): the raw values and the smoothed ones, side by side, at full resolution.
    assert.deepEqual(rows[0], ['run', 'metric', 'step', 'epoch', 'wall_time', 'value', 'smoothed']);
    const metrics = [...new Set(lines.flatMap((l) => Object.keys(l)))]
      .filter((k) => !['step', 'epoch', 'time'].includes(k))
      .sort();
    const expected = metrics.flatMap((m) =>
      lines
        .filter((l) => l[m] !== undefined)
        .map((l) => [path.basename(dir!), m, String(l.step), String(l.epoch), l.time, String(l[m])] as const),
    );
    assert.equal(rows.length - 1, expected.length, 'one row per value in the file');
    rows.slice(1).forEach((row, i) => {
      const [run, metric, step, epoch, time, value] = expected[i]!;
      assert.deepEqual([row[0], row[1], row[2], row[3], row[5]], [run, metric, step, epoch, value], `row ${i + 1}`);
      assert.ok(Math.abs(Number(row[4]) - Number(time)) < 1e-3, `row ${i + 1} wall time`);
    });
    // The first smoothed value of each metric is its raw value (debiased: no pull toward 0).
    const firsts = rows.slice(1).filter((r, i, all) => i === 0 || all[i - 1]![1] !== r[1]);
    for (const r of firsts)
      if (Number.isFinite(Number(r[5]))) assert.equal(Number(r[6]), Number(r[5]), `${r[1]} smoothed`);
  });

  it('comes back after a window reload with its runs and settings (serializer, workspace state), in the light theme', async () => {
    await switchTheme(page, 'Light Modern');
    await reloadWindow(page);
    await page.locator('.monaco-workbench.vs').waitFor({ timeout: 60_000 });
    await panel().locator('body.vscode-light').waitFor({ timeout: 90_000 });
    await lossChart().waitFor({ timeout: 90_000 });
    await lossChart().scrollIntoViewIfNeeded();
    await waitFor(async () => (await lossChart().getAttribute('data-smoothing')) === '0.95', {
      timeoutMs: 30_000,
      what: 'the restored smoothing',
    });
    assert.equal(await panel().locator('#smoothing').inputValue(), '0.95');
    assert.equal(await lossChart().getAttribute('data-log'), 'false', 'log scale off, as left');
    assert.equal(await panel().locator('.run-row.selected').count(), 1);
    await roomForThePanel();
    await screenshot('light');
  });

  it('shows a live run’s points as they are written (fake trainer through the launcher), and catches up after being hidden', async () => {
    await openFile(page, 'live-metrics.experiment.yaml');
    await trainFromPalette(page, 'live-metrics.experiment.yaml', () => runDirs(workspace, 'live-metrics').length > 0);
    const dir = runDirs(workspace, 'live-metrics')[0]!;
    // "Show metrics" code lens above run: adds the experiment's latest run to the panel and brings the panel back.
    await roomForThePanel(); // the run's terminal opened over the editor
    const runLine = readFileSync(path.join(workspace, 'live', 'live-metrics.experiment.yaml'), 'utf8')
      .split('\n')
      .findIndex((l) => l.startsWith('run:'));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
    await page.keyboard.type(String(runLine + 1));
    await page.keyboard.press('Enter');
    const lens = page.locator('.codelens-decoration a:visible', { hasText: 'Show metrics' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    const live = panel().locator('.chart[data-chart="live_score"]');
    await live.waitFor({ timeout: 60_000 });
    await live.scrollIntoViewIfNeeded();
    // Record, inside the panel, when each step first appears in the live chart's DOM.
    await panel()
      .locator('body')
      .evaluate(() => {
        const g = globalThis as unknown as PanelWindow;
        const seen: Array<[number, number]> = (g.__seen = []);
        new g.MutationObserver(() => {
          const step = Number(g.document.querySelector('.chart[data-chart="live_score"]')?.dataset.lastStep);
          if (Number.isFinite(step) && (seen.length === 0 || step > seen[seen.length - 1]![0]))
            seen.push([step, Date.now()]);
        }).observe(g.document.body, { subtree: true, attributes: true, attributeFilter: ['data-last-step'] });
      });
    const total = 500; // lines the fixture's fake trainer writes, one every 100 ms (test/fixtures/metrics-live)
    const fileLines = () => readLines(path.join(dir, 'metrics.jsonl')).length;
    // Watch live for 50 steps from the first one on screen, then hide the panel (its page is torn down) while the run
    // writes on. Relative, not a fixed step: on a loaded machine the panel opens late (CI, 2026-12-05 at load ~15: the
    // trainer had ended by the time the panel was hidden after a fixed step 140 of 250, so no line came while hidden).
    const firstOnScreen = Number(await live.getAttribute('data-last-step'));
    await waitFor(async () => Number(await live.getAttribute('data-last-step')) >= firstOnScreen + 50, {
      timeoutMs: 60_000,
      what: `step ${firstOnScreen + 50} on screen`,
    });
    const seen = await panel()
      .locator('body')
      .evaluate(() => (globalThis as unknown as PanelWindow).__seen);
    const watched = liveLag(seen, readLines(path.join(dir, 'metrics.jsonl')));
    console.log(
      `      live latency over ${watched.latencies.length} points: p50 ${q(watched.latencies, 0.5)} ms, p95 ${q(watched.latencies, 0.95)} ms, max ${q(watched.latencies, 1)} ms; lines behind p50 ${q(watched.behind, 0.5)}, p95 ${q(watched.behind, 0.95)}, max ${q(watched.behind, 1)}; ${seen.length} screen updates`,
    );
    // Hiding may take 10 s (the wait for the page to go, below) and 20 lines must come after it: 15 s of trainer left.
    assert.ok(
      fileLines() <= total - 150,
      `the trainer has 150 lines to go when the panel is hidden (it wrote ${fileLines()} of ${total}: the panel opened late)`,
    );
    await page.locator('.tabs-container .tab', { hasText: 'live-metrics.experiment.yaml' }).click();
    // (VS Code tears a hidden panel's page down; whether or not it has yet, the panel must show everything when back.)
    await panel()
      .locator('body')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    const hiddenAt = fileLines();
    await waitFor(() => fileLines() >= Math.min(hiddenAt + 20, total), {
      timeoutMs: 30_000,
      what: '20 more lines written while the panel is hidden',
    });
    assert.ok(fileLines() >= hiddenAt + 20, `20 more lines were written while hidden (${hiddenAt} → ${fileLines()})`);
    // …and show it again: it catches up with everything written meanwhile.
    await page.locator('.tabs-container .tab', { hasText: 'Liftoff Metrics' }).click();
    const meanwhile = fileLines();
    await live.scrollIntoViewIfNeeded();
    await waitFor(
      async () =>
        Number(await live.locator('.legend-item[data-series="live_score"]').getAttribute('data-points')) >= meanwhile,
      { timeoutMs: 30_000, what: `the shown panel to catch up to ${meanwhile} points` },
    );
    await waitFor(() => fileLines() >= total, { timeoutMs: 120_000, what: `the fake trainer to write ${total} lines` });
    await waitFor(async () => (await live.getAttribute('data-last-step')) === String(total), {
      timeoutMs: 20_000,
      what: 'the last point on screen',
    });
    await live.scrollIntoViewIfNeeded();
    await screenshot('live');

    assert.ok(watched.latencies.length >= 30, `${watched.latencies.length} live points measured`);
    // The margin (bench/README.md, "Live latency in the UI test"; test/unit/metrics-panel/live-lag.test.ts): lateness
    // is counted in the trainer's own lines (one every 100 ms; it slows down with the machine), and the MEDIAN is
    // asserted. By design a point is on screen within 2 lines (fs.watch or the 50 ms poll, the transport's 100 ms
    // coalescing, one frame). A slow machine stalls the host or the page, and every point written during a stall is
    // late by up to its length: stalls fill the tail. Measured here, 5 runs at load 9–17: median 0–4 lines behind, p95
    // 0–12 (the former p95 ≤ 5 failed 2 of the 5). The bound, 8, is 2× the worst median; what a user notices — a chart
    // that stops updating, redraws only every few seconds or only when shown again — puts the median at 10 or more
    // (one that stops for good never shows the 50th watched step, and the wait above fails).
    assert.ok(
      q(watched.behind, 0.5) <= MEDIAN_LINES_BEHIND,
      `half of the points were on screen within ${MEDIAN_LINES_BEHIND} lines of being written (p50 ${q(watched.behind, 0.5)} lines behind)`,
    );
  });

  it('says so when a shown run is deleted, and keeps the other run’s charts', async () => {
    const dir = runDirs(workspace, 'live-metrics')[0];
    assert.ok(dir, 'the live run of the test above is there to delete (that test failed if not)');
    rmSync(dir, { recursive: true, force: true });
    await panel().locator('.notice[data-notice="deleted"]').waitFor({ timeout: 60_000 });
    assert.match(
      await panel().locator('.notice[data-notice="deleted"]').innerText(),
      new RegExp(`Run ${path.basename(dir)} was deleted while shown`),
    );
    await waitFor(async () => (await panel().locator('.chart[data-chart="live_score"]').count()) === 0, {
      timeoutMs: 30_000,
      what: 'the deleted run’s chart to go',
    });
    await lossChart().waitFor();
    assert.equal(await panel().locator('.run-row').count(), 1);
  });
});
