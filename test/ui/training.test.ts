/**
 * UI tier: train the tabular example from the command palette in the installed VSIX, watch the Runs view, reload the
 * window, and find the run still listed with its metrics.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT, findVsix } from '../support/fixtures';
import { makeTestWorkspace } from '../support/workspace';
import { openFile, runCommand, trainFromPalette, openWorkbench, waitForWorkbench } from '../support/workbench';

const RESULTS = path.join(REPO_ROOT, 'test-results');

describe('Training in the installed extension (code-server + Chromium)', function () {
  this.timeout(240_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let workspace: string;

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    cs = await CodeServer.start({ vsix: [findVsix()] });
    ({ context, page } = await launchBrowser());
    workspace = makeTestWorkspace();
    await openWorkbench(page, cs.url, workspace);
  });
  // A failing test leaves a picture of what the user would have seen.
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

  const runsRow = () =>
    page.locator('.pane:has(.pane-header:has-text("Runs")) .monaco-list-row', { hasText: /\d{8}-\d{6}-/ });

  it('"Liftoff: Train Experiment" runs the example; the Runs view shows it succeeded with val_auc', async () => {
    await openFile(page, 'credit-risk.experiment.yaml');
    await trainFromPalette(page, 'credit-risk.experiment.yaml', () =>
      existsSync(path.join(workspace, '.liftoff', 'runs', 'credit-risk-mlp')),
    );
    await runCommand(page, 'View: Show Liftoff');
    await runsRow().filter({ hasText: 'succeeded' }).first().waitFor({ timeout: 90_000 });
    const text = await runsRow().first().innerText();
    assert.match(text, /succeeded · \d+s · [\d.]+ CPU-h · val_auc 0\.\d+/);
    await page.screenshot({ path: path.join(RESULTS, 'runs-view.png') });
  });

  it('after "Developer: Reload Window" the run is still listed with its metrics', async () => {
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page);
    await runCommand(page, 'View: Show Liftoff');
    await runsRow()
      .filter({ hasText: /succeeded · \d+s · [\d.]+ CPU-h · val_auc 0\.\d+/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(RESULTS, 'runs-view-after-reload.png') });
  });
});
