/**
 * UI tier, without a workbench: the metrics explorer's controls in the real webview bundle in headless Chromium under
 * the host's CSP, driven through the stub host (test/support/metrics-webview.ts) as a user would: six runs of one
 * config with six seeds grouped by their learning rate → one line with a band, whose members the legend lists; the
 * same runs by seed → six lines; a filter expression typed with completion of names, a bad one named inline; and the
 * comparison table's cost column, as the host's own code (client/src/panels/metrics/view-model.ts) computes it.
 * Screenshots go to test-results/metrics-explorer-*.png.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { compareRuns, type ComparedRun } from '../../client/src/panels/metrics/comparison';
import { DEFAULT_SETTINGS, type RunInfo } from '../../client/src/panels/metrics/contract';
import { runCostOf } from '../../client/src/panels/metrics/view-model';
import { DEFAULT_FILES, type RunHandle } from '../../core/src/runs';
import { checkA11y } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT } from '../support/fixtures';
import {
  cspViolations,
  postedByPanel,
  postToPanel,
  startMetricsWebview,
  waitForPanelReady,
  type MetricsWebview,
} from '../support/metrics-webview';
import { waitFor } from '../support/wait';

const RESULTS = path.join(REPO_ROOT, 'test-results');
const T0 = 1767225600;
const SEEDS = [1, 2, 3, 4, 5, 6];
const key = (seed: number) => `20260101-10000${seed}-000${seed}`;
const STEPS = Array.from({ length: 200 }, (_, i) => i + 1);
/** Each seed's loss: the same curve, shifted by its seed (so the group's min–max band is 0.25 wide). */
const loss = (seed: number) => STEPS.map((s) => 2 / Math.sqrt(s) + 0.05 * seed);

function info(seed: number): RunInfo {
  return {
    key: key(seed),
    experiment: 'seeds',
    state: 'succeeded',
    startedAt: T0 * 1000,
    endedAt: (T0 + 3600) * 1000,
    t0: T0,
    meta: { thresholds: [], primary: { name: 'val_loss', goal: 'min' } },
    config: { 'training.seed': seed, 'optimizer.learning_rate': 0.001, 'training.epochs': 20 },
    tags: seed <= 3 ? ['first-half'] : [],
  };
}

function handle(seed: number): RunHandle {
  return {
    dir: `/w/.liftoff/runs/seeds/${key(seed)}`,
    record: {
      id: key(seed),
      experiment: 'seeds',
      state: 'succeeded',
      launcher: 'local',
      createdAt: new Date(T0 * 1000).toISOString(),
      startedAt: new Date(T0 * 1000).toISOString(),
      endedAt: new Date((T0 + 3600 * seed) * 1000).toISOString(),
      command: ['python', 'train.py'],
      cwd: '/w',
      resources: { gpus: 1 },
      files: DEFAULT_FILES,
    },
  };
}

describe('Metrics explorer: groups with bands, filter expressions, cost (headless Chromium, strict CSP)', function () {
  this.timeout(300_000);
  let harness: MetricsWebview;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const chart = () => page.locator('.chart[data-chart="loss"]');
  const listed = async () =>
    await page
      .locator('.run-list li.run-row')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { run: string } }).dataset.run));

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    harness = await startMetricsWebview();
    ({ context, page } = await launchBrowser('dark'));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(harness.url(undefined, 'dark'));
    await waitForPanelReady(page);
    // The comparison table as the host builds it, with each run's cost from its record (1 GPU for `seed` hours).
    const compared: ComparedRun[] = SEEDS.map((seed) => ({
      key: key(seed),
      experiment: 'seeds',
      state: 'succeeded',
      durationSec: 3600 * seed,
      config: { training: { seed, epochs: 20 }, optimizer: { learning_rate: 0.001 } },
      metrics: new Map([['val_loss', { values: loss(seed), length: STEPS.length, steps: STEPS }]]),
      primary: { name: 'val_loss', goal: 'min' },
      ...runCostOf(handle(seed), [], new Map(), 2, Date.now()),
    }));
    await postToPanel(page, {
      type: 'init',
      settings: {
        ...DEFAULT_SETTINGS,
        selected: SEEDS.map(key),
        colors: Object.fromEntries(SEEDS.map((s, i) => [key(s), i])),
        smoothing: 0,
      },
      runs: SEEDS.map(info),
      comparison: compareRuns(compared),
      notices: [],
      loading: true,
    });
    await postToPanel(page, {
      type: 'series',
      loading: false,
      chunks: SEEDS.map((seed) => ({
        run: key(seed),
        name: 'val_loss',
        from: 0,
        nonFinite: 0,
        steps: STEPS,
        times: STEPS.map((s) => s * 2),
        values: loss(seed),
      })),
    });
    await page.locator('#app[data-state="ready"]').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await context?.close();
    await harness?.close();
  });

  it('groups six seeds of one config into one line with a band, members listed under it', async () => {
    assert.equal(await chart().getAttribute('data-groups'), '', 'not grouped to begin with');
    const options = await page
      .locator('#group-by option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    assert.deepEqual(options.slice(0, 3), ['', 'experiment', 'training.seed'], 'the differing key first');
    assert.ok(await page.locator('#group-center').isDisabled(), 'nothing to aggregate until runs are grouped');
    await page.locator('#group-by').selectOption('optimizer.learning_rate');
    await waitFor(async () => (await chart().getAttribute('data-groups')) === '1', {
      timeoutMs: 30_000,
      what: 'one group line',
    });
    // min–max of the six seeds: 0.05 … 0.30 above the curve.
    const width = Number(await chart().getAttribute('data-band-width'));
    assert.ok(Math.abs(width - 0.25) < 1e-4, `the band spans the seeds (${width})`);
    const group = chart().locator('.legend-group');
    assert.equal(await group.count(), 1);
    assert.equal(await group.getAttribute('data-members'), '6');
    assert.match(
      await group.locator('summary').innerText(),
      /optimizer\.learning_rate = 0\.001[\s\S]*6 runs[\s\S]*mean/,
    );
    assert.match((await chart().locator('.chart-plot').getAttribute('aria-label')) ?? '', /Grouped by optimizer/);
    // The members stay inspectable: the keyboard opens the group's list.
    await group.locator('summary').focus();
    await page.keyboard.press('Enter');
    await waitFor(
      async () =>
        (await group.locator('.group-member').count()) === 6 &&
        (await group.locator('.group-member').first().isVisible()),
      {
        timeoutMs: 10_000,
        what: 'the six members listed',
      },
    );
    // The crosshair tooltip gives the group's line and band at the cursor, then each member's value.
    const over = chart().locator('.u-over');
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    const tip = chart().locator('.chart-tooltip .tip-group');
    await tip.waitFor({ timeout: 10_000 });
    assert.match(await tip.innerText(), /learning_rate = 0\.001[\s\S]*\(6 runs\)[\s\S]*\[.* – .*\]/);
    assert.equal(await chart().locator('.chart-tooltip .tip-row:not(.tip-group)').count(), 6);
    await page.screenshot({ path: path.join(RESULTS, 'metrics-explorer-group-band.png') });
    await page.mouse.move(0, 0);
    await checkA11y(page, 'the metrics panel grouped, a group’s runs listed');

    await page.locator('#group-band').selectOption('std');
    await waitFor(async () => (await chart().getAttribute('data-band')) === 'std', { timeoutMs: 10_000, what: 'std' });
    const std = Number(await chart().getAttribute('data-band-width'));
    // The sample std of 0.05…0.30 is 0.0935: the band is twice that.
    assert.ok(Math.abs(std - 2 * 0.093541) < 1e-4, `± std band (${std})`);
    await waitFor(
      async () =>
        (await postedByPanel(page)).some(
          (m) =>
            m.type === 'settings' &&
            (m as unknown as { settings: { groupBy: string; groupBand: string } }).settings.groupBand === 'std',
        ),
      { timeoutMs: 10_000, what: 'the grouping saved with the panel settings' },
    );

    await page.locator('#group-by').selectOption('training.seed');
    await waitFor(async () => (await chart().getAttribute('data-groups')) === '6', {
      timeoutMs: 10_000,
      what: 'one line per seed',
    });
    assert.equal(Number(await chart().getAttribute('data-band-width')), 0, 'a group of one run has no band');
    await page.locator('#group-by').selectOption('');
    await waitFor(async () => (await chart().getAttribute('data-groups')) === '', {
      timeoutMs: 10_000,
      what: 'ungrouped',
    });
  });

  it('filters the runs by an expression typed with completion, and says what is wrong with a bad one', async () => {
    const input = page.locator('#runs-filter');
    const error = page.locator('#runs-filter-error');
    await input.click();
    await input.pressSequentially('trai');
    const options = page.locator('#runs-filter-completions [role="option"]');
    await waitFor(async () => (await options.count()) > 0, { timeoutMs: 10_000, what: 'completions' });
    assert.deepEqual(await options.allInnerTexts(), ['training.epochs', 'training.seed']);
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await checkA11y(page, 'the run filter with its completions open');
    await page.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'runs-filter-option-1');
    await page.keyboard.press('Enter');
    assert.equal(await input.inputValue(), 'training.seed');
    await input.pressSequentially(' <= 3 && state == "succeeded" && best(');
    await waitFor(async () => (await options.allInnerTexts()).includes('val_loss'), {
      timeoutMs: 10_000,
      what: 'metric names inside best(',
    });
    await page.keyboard.press('Enter');
    await input.pressSequentially(') < 0.27');
    assert.equal(await input.inputValue(), 'training.seed <= 3 && state == "succeeded" && best(val_loss) < 0.27');
    await waitFor(async () => (await listed()).sort().join() === [1, 2].map(key).sort().join(), {
      timeoutMs: 10_000,
      what: 'seeds 1 and 2 listed (3 is ≤ 3 but its best loss is 0.29)',
    });
    await page.screenshot({ path: path.join(RESULTS, 'metrics-explorer-filter.png') });

    await input.fill('training.seed <= 3 &&');
    await waitFor(async () => (await error.isVisible()) && /at character 22/.test(await error.innerText()), {
      timeoutMs: 10_000,
      what: 'the error, where it is',
    });
    assert.equal(await error.getAttribute('aria-live'), 'polite');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal((await listed()).length, 6, 'a bad expression leaves every run listed');
    await input.fill('');
    await waitFor(async () => (await listed()).length === 6 && !(await error.isVisible()), {
      timeoutMs: 10_000,
      what: 'the filter cleared',
    });
  });

  it('shows what each run cost in the comparison table (GPU-hours and price, as the Runs view)', async () => {
    const header = page.locator('.compare-table th', { hasText: 'Cost' });
    await header.waitFor({ timeout: 10_000 });
    const cost = async (seed: number) => {
      const col = await page
        .locator('.compare-table thead th')
        .evaluateAll((ths) =>
          ths.findIndex((t) => (t as unknown as { textContent: string }).textContent.startsWith('Cost')),
        );
      return page
        .locator(`.compare-table tr[data-run="${key(seed)}"] td`)
        .nth(col)
        .innerText();
    };
    assert.equal(await cost(1), '1.00 GPU-h · $2.00');
    assert.equal(await cost(6), '6.00 GPU-h · $12.00');
    await page.locator('.comparison').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS, 'metrics-explorer-cost.png') });
    assert.deepEqual(errors, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
