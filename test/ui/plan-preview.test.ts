/**
 * UI tier: the plan preview in a real code-server + Chromium with the installed VSIX, driven like a user would:
 * open the example plan, run "Liftoff: Open Plan Preview to the Side", read the webview, type in the editor and
 * watch the preview and the Problems panel follow, click to reveal, reload the window, switch themes, export.
 * Screenshots go to test-results/plan-preview-*.png.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { runway } from '../../core/src/plan/finance';
import { heatMap, type RiskInput } from '../../core/src/plan/risk';
import { formatMonths } from '../../core/src/plan/render/format';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT, findVsix } from '../support/fixtures';
import { makeTestWorkspace } from '../support/workspace';
import {
  openFile,
  reloadWindow,
  runCommand,
  switchTheme as switchThemeInWorkbench,
  visibleNotifications,
  openWorkbench,
} from '../support/workbench';
import { waitFor } from '../support/wait';

const RESULTS = path.join(REPO_ROOT, 'test-results');
const PLAN_NAME = 'lung-nodule.plan.yaml';

interface PlanJs {
  metadata: { date: unknown };
  financing: { cash_on_hand: unknown; rounds: [] };
  financials: { monthly_burn: unknown };
  risks: RiskInput[];
}

describe('Plan preview in code-server + Chromium', function () {
  this.timeout(240_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let workspace: string;
  const planPath = () => path.join(workspace, 'medical-diagnosis', PLAN_NAME);
  const text = readFileSync(path.join(REPO_ROOT, 'examples', 'medical-diagnosis', PLAN_NAME), 'utf8');
  const plan = parse(text) as PlanJs;
  const coreRunway = runway(plan.financing, plan.financials.monthly_burn, plan.metadata.date);
  /** The preview's document inside VS Code's webview iframe. */
  const preview = (): FrameLocator => page.frameLocator('iframe.webview').frameLocator('#active-frame');

  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(RESULTS, `plan-preview-${name}.png`) });
  }

  /** Screenshots of the top of the preview, the financials and the risks, in the current theme. */
  async function screenshots(theme: string): Promise<void> {
    for (const [where, suffix] of [
      ['.plan-header', ''],
      ['#sec-financials', '-financials'],
      ['#sec-milestones', '-risks'],
    ] as const) {
      await preview()
        .locator(where)
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(`${theme}${suffix}`);
    }
    await preview()
      .locator('.plan-header')
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  async function switchTheme(name: string, kind: string): Promise<void> {
    await switchThemeInWorkbench(page, name);
    await preview().locator(`body.${kind}`).waitFor({ timeout: 30_000 });
    await preview().locator('.plan-section').first().waitFor({ timeout: 30_000 });
  }

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    cs = await CodeServer.start({
      vsix: [findVsix()],
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'editor.minimap.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
    });
    ({ context, page } = await launchBrowser('dark'));
    workspace = makeTestWorkspace();
    await openWorkbench(page, cs.url, workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await screenshot(`failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  after(async () => {
    await context?.close();
    await cs?.stop();
  });

  it('opens beside the plan: numbered sections, the runway core computes, the 5×5 heat map', async () => {
    assert.ok(coreRunway);
    await openFile(page, PLAN_NAME);
    await page.keyboard.press('Control+B'); // hide the explorer: more room for the editor and the preview
    const view = preview();
    // Right after start-up the first run of the command can show nothing (CI, 2026-12-05 and -06: no preview in
    // 60 s, while the same command opened it in other code-server tests of the same run). A user would run it
    // again, and so does this, up to three times; each failed try records what VS Code said, so a real failure
    // (the command refusing, the webview never loading) is named in the error.
    const said: string[] = [];
    for (let attempt = 1; ; attempt++) {
      await openFile(page, PLAN_NAME);
      await runCommand(page, 'Liftoff: Open Plan Preview to the Side');
      const shown = await view
        .locator('.plan-section')
        .first()
        .waitFor({ timeout: 45_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      await screenshot(`no-preview-try-${attempt}`);
      said.push(`try ${attempt}: ${(await visibleNotifications(page)).join(' | ') || 'no notification'}`);
      assert.ok(attempt < 3, `no plan preview after 3 runs of the command: ${said.join('; ')}`);
    }
    if (said.length) console.log(`      the preview opened after ${said.length + 1} runs of the command: ${said}`);
    const titles = await view.locator('.plan-section .section-title').allInnerTexts();
    const numbers = await view.locator('.plan-section .section-num').allInnerTexts();
    assert.deepEqual(titles.slice(0, 3), ['Overview', 'Problem', 'Solution']);
    assert.ok(titles.includes('Risks') && titles.includes('Financials'), titles.join(', '));
    assert.deepEqual(
      numbers,
      titles.map((_, i) => String(i + 1)),
    );
    const runwayText = await view.locator('.summary [data-figure="runway"] .figure-value').innerText();
    assert.equal(runwayText, formatMonths(coreRunway.months));
    const cells = view.locator('[data-chart="heatmap"] .heat-cell');
    assert.equal(await cells.count(), 25);
    const counts = heatMap(plan.risks);
    for (const [l, row] of counts.entries()) {
      for (const [i, count] of row.entries()) {
        assert.equal(
          await view
            .locator(`.heat-cell[data-likelihood="${l + 1}"][data-impact="${i + 1}"]`)
            .getAttribute('data-count'),
          String(count),
        );
      }
    }
    await view.locator('[data-chart="gantt"]').waitFor();
    await screenshots('dark');
  });

  it('follows typing: a use_of_funds share of 45 gives PLAN-004 in the Problems panel and in the preview', async () => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('{category: R&D, pct: 40}'));
    const column = (lines[line] ?? '').indexOf('pct: 40') + 'pct: 40'.length + 1;
    const view = preview();
    await page.keyboard.press('Control+1'); // focus the plan's editor
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
    await page.keyboard.type(`${line + 1}:${column}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('5');

    await view.locator('#sec-financing .diag-badge.error').waitFor({ timeout: 30_000 });
    await waitFor(
      async () => (await view.locator('[data-chart="use-of-funds"] .donut-total').textContent()) === '105 %',
      { timeoutMs: 10_000, what: 'the donut total to read 105 %' },
    );
    assert.match(
      await view.locator('#sec-financing .diagnostics').innerText(),
      /PLAN-004[\s\S]*use_of_funds` adds up to 105 %/,
    );
    assert.match(await view.locator('.title-row .badges').innerText(), /1 error/);

    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.getByText('PLAN-004').first().waitFor({ timeout: 30_000 });
    assert.match(await problems.innerText(), /adds up to 105 %/);
    await screenshot('edited');
  });

  it('reveals the YAML of a clicked risk in the editor', async () => {
    const line = text.split('\n').findIndex((l) => l.includes('id: r-cash'));
    await preview().locator('table[data-table="risks"] tr', { hasText: 'r-cash' }).click();
    const selection = page.locator('[id="status.editor.selection"]');
    await waitFor(async () => new RegExp(`Ln ${line + 1},`).test(await selection.innerText()), {
      timeoutMs: 15_000,
      what: `the cursor on line ${line + 1}`,
    });
  });

  it('comes back after a window reload (serializer)', async () => {
    await reloadWindow(page); // (the explorer stays hidden: no waitForWorkbench)
    await preview().locator('.plan-section').first().waitFor({ timeout: 90_000 });
    assert.equal(
      await preview().locator('.summary [data-figure="runway"] .figure-value').innerText(),
      formatMonths(coreRunway!.months),
    );
  });

  it('is readable in light and high-contrast themes', async () => {
    await switchTheme('Light Modern', 'vscode-light');
    await screenshots('light');
    await switchTheme('Dark High Contrast', 'vscode-high-contrast');
    await screenshots('high-contrast');
    await switchTheme('Dark Modern', 'vscode-dark');
  });

  it('exports a standalone HTML file that opens with no console errors and the same runway', async () => {
    const runwayText = await preview().locator('.summary [data-figure="runway"] .figure-value').innerText();
    await openFile(page, PLAN_NAME);
    await runCommand(page, 'Liftoff: Export Plan');
    const html = planPath().replace(/\.yaml$/, '.html');
    await waitFor(() => existsSync(html) && existsSync(planPath().replace(/\.yaml$/, '.md')), {
      timeoutMs: 30_000,
      what: 'the exported files',
    });
    const exported = await context.newPage();
    const problems: string[] = [];
    exported.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    exported.on('pageerror', (e) => problems.push(String(e)));
    await exported.goto(pathToFileURL(html).toString());
    assert.equal(await exported.locator('.summary [data-figure="runway"] .figure-value').innerText(), runwayText);
    assert.equal(await exported.locator('script').count(), 0);
    assert.equal(await exported.locator('.heat-cell').count(), 25);
    await exported.screenshot({ path: path.join(RESULTS, 'plan-export.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await exported.close();
  });
});
