/**
 * UI tier, without a workbench: the real metrics webview bundle in headless Chromium under the host's CSP, driven
 * through a stub host (test/support/metrics-webview.ts): the four x axes, drag-to-zoom and reset, the crosshair
 * tooltip with every run's value, the early-stopping marker, a sortable comparison table, collapsible groups, and
 * what the page asks the host for (CSV export, a chart's PNG, settings, each chart's level-of-detail envelope).
 */
import * as assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type ComparisonTable, type RunInfo } from '../../client/src/panels/metrics/contract';
import { launchBrowser } from '../support/browser';
import {
  cspViolations,
  postedByPanel,
  postToPanel,
  startMetricsWebview,
  waitForPanelReady,
  type MetricsWebview,
} from '../support/metrics-webview';
import { waitFor } from '../support/wait';

const A = '20260101-100000-000a';
const B = '20260101-100100-000b';
const T0 = 1767225600;

function run(key: string, lastEpoch: number): RunInfo {
  return {
    key,
    experiment: 'features',
    state: 'succeeded',
    startedAt: T0 * 1000,
    endedAt: (T0 + 60) * 1000,
    t0: T0,
    meta: {
      thresholds: [],
      primary: { name: 'val_acc', goal: 'max' },
      earlyStopping: { monitor: 'val_loss', mode: 'min', patience: 2 },
      epochs: lastEpoch === 6 ? 10 : 6,
    },
    config: { 'training.seed': key === A ? 1 : 2, 'optimizer.learning_rate': 0.001 },
    tags: key === A ? ['baseline'] : [],
  };
}

/** `epochs` epochs of ten steps each (a run planned for more stopped early, see run()). */
function series(key: string, epochs: number, offset: number) {
  const steps = Array.from({ length: epochs * 10 }, (_, i) => i + 1);
  const times = steps.map((s) => s * 2); // two seconds a step, from the run's start
  const epochSteps = Array.from({ length: epochs }, (_, e) => (e + 1) * 10);
  return [
    { run: key, name: 'train_loss', from: 0, nonFinite: 0, steps, times, values: steps.map((s) => 1 / s + offset) },
    { run: key, name: 'val_loss', from: 0, nonFinite: 0, steps, times, values: steps.map((s) => 1.2 / s + offset) },
    {
      run: key,
      name: 'val_acc',
      from: 0,
      nonFinite: 0,
      steps,
      times,
      values: steps.map((s) => 1 - 1 / (s + 1) - offset),
    },
    {
      run: key,
      name: 'epoch',
      from: 0,
      nonFinite: 0,
      steps: epochSteps,
      times: epochSteps.map((s) => s * 2),
      values: epochSteps.map((s) => s / 10),
    },
  ];
}

const comparison: ComparisonTable = {
  columns: [
    { key: 'run', label: 'Run', kind: 'text' },
    { key: 'final:val_acc', label: 'val_acc (final)', kind: 'number', goal: 'max' },
  ],
  rows: [
    { run: A, cells: { run: A, 'final:val_acc': 0.8 } },
    { run: B, cells: { run: B, 'final:val_acc': 0.9 } },
  ],
};

describe('Metrics webview features (headless Chromium, strict CSP)', function () {
  this.timeout(300_000);
  let harness: MetricsWebview;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const post = (msg: unknown) => postToPanel(page, msg);
  const posted = () => postedByPanel(page);
  const loss = () => page.locator('.chart[data-chart="loss"]');

  before(async () => {
    harness = await startMetricsWebview();
    ({ context, page } = await launchBrowser('light'));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(harness.url(undefined, 'light'));
    await waitForPanelReady(page);
    await post({
      type: 'init',
      settings: { ...DEFAULT_SETTINGS, selected: [A, B], colors: { [A]: 0, [B]: 1 }, smoothing: 0 },
      runs: [run(A, 6), run(B, 4)],
      comparison,
      notices: [],
      loading: true,
    });
    await post({ type: 'series', loading: false, chunks: [...series(A, 6, 0), ...series(B, 4, 0.05)] });
    await page.locator('#app[data-state="ready"]').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await context?.close();
    await harness?.close();
  });

  it('draws by step, epoch, relative time and wall time', async () => {
    assert.equal(await loss().getAttribute('data-points'), '200');
    for (const axis of ['epoch', 'relative', 'wall', 'step']) {
      const before = await loss().getAttribute('data-rendered-at');
      await page.evaluate((a) => {
        const sel = (
          globalThis as unknown as {
            document: { querySelector(s: string): { value: string; dispatchEvent(e: unknown): void } };
          }
        ).document.querySelector('#x-axis');
        sel.value = a;
        sel.dispatchEvent(new (globalThis as unknown as { Event: new (t: string) => unknown }).Event('change'));
      }, axis);
      await waitFor(
        async () =>
          (await loss().getAttribute('data-x-axis')) === axis &&
          (await loss().getAttribute('data-rendered-at')) !== before,
        { timeoutMs: 30_000, what: `the ${axis} axis` },
      );
    }
    const last = (await posted()).filter((m) => m.type === 'settings').pop() as
      { settings: { xAxis: string } } | undefined;
    assert.equal(last?.settings.xAxis, 'step', 'the host hears of it');
  });

  it('marks where early stopping ended a run', async () => {
    // A ran 6 of its 10 planned epochs, B 4 of 6: both stopped early.
    await waitFor(async () => (await loss().getAttribute('data-early-stop')) === '6,4', {
      timeoutMs: 30_000,
      what: 'the early-stop markers',
    });
    assert.match(await loss().locator('.chart-caption').innerText(), /early stop at epoch 6/);
  });

  it('zooms by dragging across a chart, keeps the zoom, and resets on double-click', async () => {
    const over = loss().locator('.u-over');
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await waitFor(async () => (await loss().getAttribute('data-zoomed')) === 'true', {
      timeoutMs: 30_000,
      what: 'zoomed',
    });
    assert.ok(await loss().locator('.chart-btn', { hasText: 'Reset zoom' }).isVisible());
    // New points arrive: the chart redraws and the zoom stays.
    const drawn = await loss().getAttribute('data-rendered-at');
    await post({
      type: 'series',
      loading: false,
      chunks: [
        { run: B, name: 'val_loss', from: 40, nonFinite: 0, steps: [41, 42], times: [82, 84], values: [0.1, 0.09] },
      ],
    });
    await waitFor(
      async () =>
        (await loss().getAttribute('data-points')) === '202' &&
        (await loss().getAttribute('data-rendered-at')) !== drawn,
      { timeoutMs: 30_000, what: 'the appended points' },
    );
    assert.equal(await loss().getAttribute('data-zoomed'), 'true');
    await over.dblclick();
    await waitFor(async () => (await loss().getAttribute('data-zoomed')) === 'false', {
      timeoutMs: 30_000,
      what: 'zoom reset',
    });
  });

  it('asks the host for each chart’s envelope and draws the answer; an answer older than its latest view is dropped', async () => {
    type View = { type: string; chart: string; seq: number; columns: number; xMin: number; xMax: number };
    const views = async () =>
      (await posted()).filter((m) => m.type === 'view' && m.chart === 'loss') as unknown as View[];
    await waitFor(async () => (await views()).length > 0, { timeoutMs: 30_000, what: 'a view of the loss chart' });
    const v = (await views()).reduce((a, b) => (b.seq > a.seq ? b : a));
    assert.ok(v.columns > 100 && v.xMin <= 1 && v.xMax >= 60, JSON.stringify(v));
    const lod = () =>
      page.evaluate<{ accepted: number; partial: number; stale: number; drawn: number }>(
        '({ ...window.__liftoffMetrics.lod })',
      );
    const before = await lod();
    const drawn = await loss().getAttribute('data-rendered-at');
    // The host's answer (as lod-views.ts builds it): two points a series here, enough to see it drawn.
    const answer = (seq: number) =>
      `window.postMessage({ type: 'envelope', chart: 'loss', seq: ${seq}, columns: ${v.columns}, xMin: ${v.xMin}, xMax: ${v.xMax}, smoothing: 0, gen: 7,
        series: ['${A}', '${B}'].flatMap((run) => ['train_loss', 'val_loss'].map((name) =>
          ({ run, name, layer: 'raw', x: new Float64Array([1, 60]), y: new Float64Array([1, 0.02]) }))) }, '*')`;
    await page.evaluate(answer(v.seq));
    await waitFor(
      async () =>
        (await lod()).accepted === before.accepted + 1 && (await loss().getAttribute('data-rendered-at')) !== drawn,
      { timeoutMs: 30_000, what: 'the envelope drawn' },
    );
    assert.ok(
      (await lod()).drawn >= before.drawn + 4,
      `the four lines drawn from the envelope: ${JSON.stringify([before, await lod(), await views()])}`,
    );
    await page.evaluate(answer(v.seq - 1));
    await waitFor(async () => (await lod()).stale === before.stale + 1, {
      timeoutMs: 30_000,
      what: 'the stale answer',
    });
    assert.equal((await lod()).accepted, before.accepted + 1);
    // A live point: a partial answer with one run only, onto the answer of the same generation; the other run's
    // lines are kept (all four still drawn from the host's points).
    const drawnBefore = (await lod()).drawn;
    const rendered = await loss().getAttribute('data-rendered-at');
    const partial = (gen: number) =>
      `window.postMessage({ type: 'envelope', chart: 'loss', seq: ${v.seq}, columns: ${v.columns}, xMin: ${v.xMin}, xMax: ${v.xMax}, smoothing: 0, gen: ${gen},
        runs: ['${B}'], series: ['train_loss', 'val_loss'].map((name) =>
          ({ run: '${B}', name, layer: 'raw', x: new Float64Array([1, 30, 60]), y: new Float64Array([1, 0.5, 0.02]) })) }, '*')`;
    await page.evaluate(partial(7));
    await waitFor(
      async () =>
        (await lod()).partial === before.partial + 1 && (await loss().getAttribute('data-rendered-at')) !== rendered,
      { timeoutMs: 30_000, what: 'the partial answer drawn' },
    );
    assert.ok((await lod()).drawn >= drawnBefore + 4, `the four lines still drawn: ${JSON.stringify(await lod())}`);
    // One onto another generation is dropped (and the view asked for again), never mixed in.
    const asked = (await views()).length;
    await page.evaluate(partial(8));
    await waitFor(async () => (await lod()).stale === before.stale + 2, { timeoutMs: 30_000, what: 'dropped' });
    await waitFor(async () => (await views()).length > asked, { timeoutMs: 30_000, what: 'the view asked again' });
    assert.equal((await lod()).partial, before.partial + 1);
  });

  it('shows every line’s value at the cursor in a tooltip', async () => {
    const box = (await loss().locator('.u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
    const tip = loss().locator('.chart-tooltip');
    await tip.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await tip.locator('.tip-head').innerText(), /^step \d+$/);
    assert.equal(await tip.locator('.tip-row').count(), 4, 'two runs × train and val');
    await page.mouse.move(0, 0);
  });

  it('sorts the comparison table by a column, both ways', async () => {
    const order = async () =>
      await page
        .locator('.compare-table tbody tr')
        .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { run: string } }).dataset.run));
    assert.deepEqual(await order(), [A, B]);
    await page.locator('.compare-table .sort[data-sort="final:val_acc"]').click();
    assert.deepEqual(await order(), [B, A], 'numbers sort high to low first');
    await page.locator('.compare-table .sort[data-sort="final:val_acc"]').click();
    assert.deepEqual(await order(), [A, B]);
  });

  it('pins a baseline run: the other rows show their differences from it, better or worse by the goal', async () => {
    const cell = (run: string) => page.locator(`.compare-table tbody tr[data-run="${run}"] td`).nth(1);
    await page.locator(`.compare-table .pin[data-pin="${B}"]`).click();
    await waitFor(async () => (await cell(A).locator('.delta').count()) === 1, {
      timeoutMs: 20_000,
      what: 'a delta under run A’s value',
    });
    assert.equal(await cell(A).locator('.delta').innerText(), '−0.1 (−11 %)');
    assert.ok(await cell(A).locator('.delta.worse').isVisible(), 'lower val_acc is worse');
    assert.equal(await cell(B).locator('.delta').count(), 0, 'the baseline itself shows none');
    assert.equal(await page.locator(`.compare-table .pin[data-pin="${B}"]`).getAttribute('aria-pressed'), 'true');
    await waitFor(
      async () =>
        (await posted()).some(
          (m) => m.type === 'settings' && (m as unknown as { settings: { baseline: string } }).settings.baseline === B,
        ),
      { timeoutMs: 20_000, what: 'the baseline saved with the panel settings' },
    );
    await page.locator(`.compare-table .pin[data-pin="${B}"]`).click();
    await waitFor(async () => (await cell(A).locator('.delta').count()) === 0, { timeoutMs: 20_000, what: 'unpinned' });
  });

  it('collapses a group and remembers it in the settings', async () => {
    await page.locator('vscode-collapsible[data-group="accuracy"] .collapsible-header').click();
    await waitFor(
      async () => {
        const last = (await posted()).filter((m) => m.type === 'settings').pop() as
          { settings: { collapsed: string[] } } | undefined;
        return last?.settings.collapsed.includes('accuracy') === true;
      },
      { timeoutMs: 30_000, what: 'the collapsed group in the settings' },
    );
  });

  it('filters the run list by an expression over config, tags and summary metrics, and names a bad one', async () => {
    const input = page.locator('.runs-filter input');
    const listed = async () =>
      await page
        .locator('.run-list li.run-row')
        .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { run: string } }).dataset.run));
    const error = page.locator('#runs-filter-error');
    await input.fill('best(val_acc) > 0.95 && lr < 1e-2');
    await waitFor(async () => (await listed()).join() === A, { timeoutMs: 20_000, what: 'only run A listed' });
    await input.fill('"baseline" in tags || seed == 2');
    await waitFor(async () => (await listed()).length === 2, { timeoutMs: 20_000, what: 'both runs listed' });
    await input.fill('seed == 2 &&');
    await waitFor(async () => (await error.isVisible()) && /at character 13/.test(await error.innerText()), {
      timeoutMs: 20_000,
      what: 'the error with its place',
    });
    assert.equal((await listed()).length, 2, 'a bad expression leaves the list unfiltered');
    await input.fill('seed == 2');
    await waitFor(async () => (await listed()).join() === B && !(await error.isVisible()), {
      timeoutMs: 20_000,
      what: 'only run B, no error',
    });
    await waitFor(
      async () =>
        (await posted()).some(
          (m) =>
            m.type === 'settings' &&
            (m as unknown as { settings: { runFilter: string } }).settings.runFilter === 'seed == 2',
        ),
      { timeoutMs: 20_000, what: 'the filter saved with the panel settings' },
    );
    await input.fill('');
  });

  it('asks the host to export CSV and to save a chart as PNG', async () => {
    await page.locator('#export-csv').click();
    await page.locator('.chart[data-chart="loss"] .chart-btn', { hasText: 'PNG' }).click();
    await waitFor(async () => (await posted()).some((m) => m.type === 'savePng'), {
      timeoutMs: 30_000,
      what: 'savePng',
    });
    const msgs = await posted();
    assert.ok(msgs.some((m) => m.type === 'exportCsv'));
    const png = msgs.find((m) => m.type === 'savePng') as unknown as { chart: string; dataUrl: string };
    assert.equal(png.chart, 'loss');
    assert.match(png.dataUrl, /^data:image\/png;base64,[A-Za-z0-9+/]{1000,}/);
    assert.deepEqual(errors, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
