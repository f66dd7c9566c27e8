/**
 * UI tier: the first hour of a new user. code-server starts with `npm start`'s settings (scripts/start-settings.json)
 * on a copy of examples/, Workspace Trust otherwise on: the folder opens trusted, with the walkthrough shown; its
 * buttons run their commands; and `Liftoff: New Experiment…` makes an experiment that validates clean.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { cliIn } from '../support/cli';
import { REPO_ROOT, findVsix } from '../support/fixtures';
import { makeTestWorkspace } from '../support/workspace';
import { runCommand, openWorkbench } from '../support/workbench';
import { waitFor } from '../support/wait';

const RESULTS = path.join(REPO_ROOT, 'test-results');

describe('The first hour (code-server + Chromium, npm start settings)', function () {
  this.timeout(300_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let ws: string;

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    const startSettings = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'scripts', 'start-settings.json'), 'utf8'),
    ) as Record<string, unknown>;
    delete startSettings.$comment;
    // Workspace Trust on, as in a fresh VS Code: the start settings must be what makes the folder trusted.
    cs = await CodeServer.start({ vsix: [findVsix()], workspaceTrust: true, settings: startSettings });
    ({ context, page } = await launchBrowser('dark'));
    ws = makeTestWorkspace();
    await openWorkbench(page, cs.url, ws);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page
        .screenshot({
          path: path.join(RESULTS, `failed-${this.currentTest.title.replace(/[^\w]+/g, '-').slice(0, 60)}.png`),
        })
        .catch(() => undefined);
    }
  });

  after(async () => {
    await context?.close();
    await cs?.stop();
  });

  it('opens with the Liftoff walkthrough and no Restricted Mode', async () => {
    await page.getByText('Get started with Liftoff').first().waitFor({ timeout: 90_000 });
    await page.getByText('Open an experiment and fix a mistake').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(RESULTS, 'first-hour-walkthrough.png') });
    assert.equal(await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count(), 0);
    assert.equal(await page.getByText('Restricted Mode is intended for safe code browsing').count(), 0);
  });

  it("the first step's button opens the example experiment", async () => {
    await page.getByText('Open an experiment and fix a mistake').first().click();
    await page.getByRole('button', { name: 'Open the Example Experiment' }).first().click();
    await page
      .locator('.tabs-container .tab.active', { hasText: 'credit-risk.experiment.yaml' })
      .first()
      .waitFor({ timeout: 60_000 });
  });

  /** Back to the walkthrough's tab, expand step `id` (its title), press its button `button`. */
  async function pressStepButton(id: string, button: string): Promise<void> {
    await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first().click();
    const title = page.locator(`h3[x-step-title-for$="#liftoff.firstSteps#${id}"]`).first();
    await title.scrollIntoViewIfNeeded();
    // The collapsed steps are not "enabled" for Playwright (VS Code marks them aria-disabled), but a click opens them.
    await title.click({ force: true });
    await page.getByRole('button', { name: button }).first().click();
  }

  it("the plan step's button opens the example plan's preview", async () => {
    await pressStepButton('plan', 'Open the Plan Preview');
    const preview = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    await preview.getByText('LungScan AI seed plan').first().waitFor({ timeout: 90_000 });
    await page.screenshot({ path: path.join(RESULTS, 'first-hour-plan-preview.png') });
  });

  it("the Slurm step's button previews the sbatch script of the Slurm example", async () => {
    await pressStepButton('slurm', 'Preview an sbatch Script');
    await page.locator('.monaco-editor .view-lines', { hasText: '#SBATCH' }).first().waitFor({ timeout: 60_000 });
  });

  it('New Experiment… from a template writes an experiment that validates clean', async () => {
    await runCommand(page, 'Liftoff: New Experiment');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Demand forecasting' }).first().waitFor();
    await page.keyboard.type('Demand forecasting');
    await page.keyboard.press('Enter');
    // The name box, prefilled with the template's id (selected): type over it.
    await waitFor(async () => (await input.inputValue()) === 'demand-forecasting', {
      timeoutMs: 30_000,
      intervalMs: 200,
      what: 'the name box',
    });
    await page.keyboard.type('first-forecast');
    await page.keyboard.press('Enter');
    await page
      .locator('.tabs-container .tab.active', { hasText: 'first-forecast.experiment.yaml' })
      .first()
      .waitFor({ timeout: 60_000 });
    const main = path.join(ws, 'first-forecast', 'first-forecast.experiment.yaml');
    assert.ok(existsSync(main));
    assert.ok(existsSync(path.join(ws, 'first-forecast', 'data', 'daily_sales.csv')));
    await page.screenshot({ path: path.join(RESULTS, 'first-hour-new-experiment.png') });
    const r = await cliIn(ws)('validate', 'first-forecast');
    assert.equal(r.code, 0, r.out + r.err);
  });
});
