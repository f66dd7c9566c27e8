/**
 * UI tier: reviewing a plan in a real code-server + Chromium with the installed VSIX, as a reviewer would. The test
 * workspace is a git repository (the example plan committed): edit the burn, "Compare Plan with…" HEAD, see the
 * runway move and click it to reveal its line; add a review comment, reload the window and find it again (in the
 * editor and beside its section in the preview); write a pessimistic scenario and pick it with the preview's
 * switcher (by keyboard): its runway, the choice kept while typing, the side-by-side table still there.
 * Screenshots go to test-results/plan-review-*.png.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { parseReviewFile, planFigures, reviewPathOf } from '../../core/src/plan';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT, findVsix } from '../support/fixtures';
import { commitWorkspace, makeTestWorkspace } from '../support/workspace';
import { openFile, reloadWindow, runCommand, openWorkbench } from '../support/workbench';
import { waitFor } from '../support/wait';

const RESULTS = path.join(REPO_ROOT, 'test-results');
const PLAN_NAME = 'lung-nodule.plan.yaml';
const COMMENT = 'Two hires in Q1 alone cost more than this burn.';
const SCENARIO = 'scenarios: [{name: pessimistic, changes: {financials.monthly_burn: "¥500k"}}]';

describe('Plan review in code-server + Chromium', function () {
  this.timeout(300_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let workspace: string;
  const planPath = () => path.join(workspace, 'medical-diagnosis', PLAN_NAME);
  const text = readFileSync(path.join(REPO_ROOT, 'examples', 'medical-diagnosis', PLAN_NAME), 'utf8');
  const lines = text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));
  const edited = text.replace('monthly_burn: "¥300k"', 'monthly_burn: "¥400k"');
  const runwayOf = (t: string) => planFigures(parse(t)).find((f) => f.id === 'runway')!.display;
  /** The document of the (one) webview panel open. */
  const webview = (): FrameLocator => page.frameLocator('iframe.webview').frameLocator('#active-frame');

  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(RESULTS, `plan-review-${name}.png`) });
  }

  /** Ctrl+G to a 1-based line and column of the focused editor, retried until the status bar shows that line. */
  async function goTo(line: number, column: number): Promise<void> {
    const selection = page.locator('[id="status.editor.selection"]');
    await waitFor(
      async () => {
        await page.keyboard.press('Control+G');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 10_000 });
        // Go to Line's own input starts with ":" (not a Quick Open still closing).
        if (!(await input.inputValue()).startsWith(':')) {
          await page.keyboard.press('Escape');
          return false;
        }
        await page.keyboard.type(`${line}:${column}`);
        await page.keyboard.press('Enter');
        return waitFor(async () => (await selection.innerText()).startsWith(`Ln ${line}, Col ${column}`), {
          timeoutMs: 3_000,
          what: `the cursor at ${line}:${column}`,
        }).then(
          () => true,
          () => false,
        );
      },
      { timeoutMs: 30_000, intervalMs: 500, what: `Go to Line ${line}:${column}` },
    );
  }

  async function cursorOn(line: number): Promise<void> {
    const selection = page.locator('[id="status.editor.selection"]');
    await waitFor(async () => new RegExp(`Ln ${line},`).test(await selection.innerText()), {
      timeoutMs: 15_000,
      what: `the cursor on line ${line}`,
    });
  }

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    cs = await CodeServer.start({
      vsix: [findVsix()],
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'editor.minimap.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'liftoff.review.author': 'Ada',
      },
    });
    ({ context, page } = await launchBrowser('dark'));
    workspace = commitWorkspace(makeTestWorkspace());
    await openWorkbench(page, cs.url, workspace);
  });

  after(async () => {
    await context?.close();
    await cs?.stop();
  });

  it('edit the burn, compare with HEAD: the runway moves, and a click reveals its line', async () => {
    await openFile(page, PLAN_NAME);
    await page.keyboard.press('Control+B'); // hide the explorer: more room for the editor and the panel
    const burn = lineOf('monthly_burn: "¥300k"');
    await goTo(burn + 1, (lines[burn] ?? '').indexOf('¥3') + 2);
    await page.keyboard.press('Delete');
    await page.keyboard.type('4');
    await page.keyboard.press('Control+S');
    await waitFor(() => readFileSync(planPath(), 'utf8') === edited, { timeoutMs: 15_000, what: 'the edit saved' });

    await runCommand(page, 'Liftoff: Compare Plan with…');
    const head = page.locator('.quick-input-list .monaco-list-row', { hasText: 'HEAD' }).first();
    await head.waitFor({ timeout: 30_000 });
    await head.click();
    const runway = webview().locator('tr[data-figure="runway"]');
    await runway.waitFor({ timeout: 60_000 });
    assert.notEqual(runwayOf(text), runwayOf(edited));
    assert.equal(await runway.locator('td').nth(0).innerText(), runwayOf(text));
    assert.equal(await runway.locator('td').nth(1).innerText(), runwayOf(edited));
    await screenshot('diff');
    await runway.click();
    await cursorOn(lineOf('cash_on_hand:') + 1); // the runway's input: cash on hand over the burn
    await runCommand(page, 'View: Close All Editors');
  });

  it('adds a review comment on the burn, kept in the review file and shown in the editor', async () => {
    await openFile(page, PLAN_NAME);
    const burn = lineOf('monthly_burn:');
    await goTo(burn + 1, 5);
    await runCommand(page, 'Liftoff: Add Review Comment');
    // The command's own input box (not the palette it was picked from) has the focus before anything is typed.
    await page
      .locator('.quick-input-widget', { hasText: `Review comment on line ${burn + 1}` })
      .waitFor({ timeout: 10_000 });
    await page.locator('.quick-input-widget input:focus').waitFor({ timeout: 10_000 });
    await page.keyboard.type(COMMENT);
    await page.keyboard.press('Enter');
    const sidecar = reviewPathOf(planPath());
    await waitFor(() => existsSync(sidecar), { timeoutMs: 15_000, what: 'the review file' });
    const read = parseReviewFile(readFileSync(sidecar, 'utf8'));
    assert.deepEqual(read.problems, []);
    assert.deepEqual(
      read.file.threads.map((t) => [t.path, t.status, t.quote, t.comments.map((c) => [c.author, c.body])]),
      [['financials.monthly_burn', 'open', '¥400k', [['Ada', COMMENT]]]],
    );
    await page.locator('.monaco-editor .review-widget', { hasText: COMMENT }).first().waitFor({ timeout: 30_000 });
    await screenshot('comment');
  });

  it('after a window reload the comment is still there, in the editor and beside its section in the preview', async () => {
    await reloadWindow(page);
    await page.locator('.tabs-container .tab.active', { hasText: PLAN_NAME }).first().waitFor({ timeout: 60_000 });
    await page.locator('.monaco-editor .review-widget', { hasText: COMMENT }).first().waitFor({ timeout: 90_000 });
    await runCommand(page, 'Liftoff: Open Plan Preview to the Side');
    const thread = webview().locator('#sec-financials .review-thread[data-thread-state="open"]');
    await thread.waitFor({ timeout: 60_000 });
    assert.match(await thread.innerText(), new RegExp(`financials\\.monthly_burn[\\s\\S]*Ada[\\s\\S]*${COMMENT}`));
    await thread.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot('preview-thread');
  });

  it("replies, resolves and reopens in the editor's comment widget, each written to the review file", async () => {
    const sidecar = reviewPathOf(planPath());
    const thread = () => parseReviewFile(readFileSync(sidecar, 'utf8')).file.threads[0];
    const widget = page.locator('.monaco-editor .review-widget', { hasText: COMMENT }).first();
    await widget.locator('.comment-form').click();
    await widget.locator('.comment-form textarea, .comment-form .monaco-editor').first().click();
    await page.keyboard.type('Moved one hire to Q3.');
    await page.keyboard.press('Control+Enter'); // the form's first action: our Reply
    await waitFor(() => thread()?.comments.length === 2, { timeoutMs: 20_000, what: 'the reply in the review file' });
    assert.equal(thread()?.comments[1]?.body, 'Moved one hire to Q3.');
    await widget
      .locator('.monaco-editor .review-widget, .review-comment', { hasText: 'Moved one hire' })
      .first()
      .waitFor();
    await widget.locator('.head').hover();
    await widget.locator('.head [aria-label="Resolve"], .head [title="Resolve"]').first().click();
    await waitFor(() => thread()?.status === 'resolved', {
      timeoutMs: 20_000,
      what: 'the thread resolved in the file',
    });
    await screenshot('resolved');
    // A resolved thread collapses: open it again from the gutter's comment glyph, then Reopen.
    const reopen = page
      .locator(
        '.monaco-editor .review-widget .head [aria-label="Reopen"], .monaco-editor .review-widget .head [title="Reopen"]',
      )
      .first();
    if (!(await reopen.isVisible()))
      await page.locator('.comment-range-glyph.comment-thread, .comment-thread').first().click();
    await reopen.click();
    await waitFor(() => thread()?.status === 'open', { timeoutMs: 20_000, what: 'the thread reopened in the file' });
  });

  it('switches to the pessimistic scenario with the switcher: its runway and rules, kept while typing', async () => {
    await page.keyboard.press('Control+1'); // the plan's editor
    await page.keyboard.press('Control+End'); // the empty line after the last one
    await page.keyboard.insertText(SCENARIO); // inserted as is: no auto-closed brackets or quotes
    await page.keyboard.press('Control+S');
    const withScenario = `${edited}${SCENARIO}`;
    const pessimistic = runwayOf(withScenario.replace('monthly_burn: "¥400k"', 'monthly_burn: "¥500k"'));
    assert.notEqual(pessimistic, runwayOf(edited));
    const summaryRunway = webview().locator('.figures.summary [data-figure="runway"] .figure-value');
    const select = webview().getByRole('combobox', { name: 'Show scenario' });
    await select.locator('option', { hasText: 'pessimistic' }).waitFor({ state: 'attached', timeout: 60_000 });
    assert.equal(await select.inputValue(), ''); // the plan as written, until the user picks one
    assert.equal(await summaryRunway.innerText(), runwayOf(edited));

    // By keyboard, as a screen-reader user would: focus the switcher, ↓ picks the next option.
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => (await summaryRunway.innerText()) === pessimistic, {
      timeoutMs: 30_000,
      what: `the preview's runway at the pessimistic ${pessimistic}`,
    });
    assert.equal(await select.inputValue(), 'pessimistic');
    assert.match(await webview().locator('.banner.scenario').innerText(), /pessimistic/);
    await waitFor(async () => /pessimistic/.test(await webview().locator('#announce').innerText()), {
      timeoutMs: 10_000,
      what: 'the switch announced to screen readers',
    });
    assert.ok(
      await select.evaluate((el) => el === el.ownerDocument.activeElement),
      'the switcher keeps the focus after the page redraws',
    );
    // Side by side stays: the plan and its scenario in one table, whatever the switcher shows.
    const row = webview().locator('table[data-table="scenarios"] tr', { hasText: 'pessimistic' });
    assert.equal(await row.locator('td').nth(1).innerText(), pessimistic);
    const planRow = webview().locator('table[data-table="scenarios"] tr', { hasText: 'Plan as written' });
    assert.equal(await planRow.locator('td').nth(1).innerText(), runwayOf(edited));
    // The banner saying which scenario the page shows, its runway below it, then the switcher.
    await webview()
      .locator('.banner.scenario')
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot('scenario');

    // Typing in the plan redraws the preview; the choice stays.
    const rendered = Number(await webview().locator('#root').getAttribute('data-rendered'));
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('# worst case agreed with the board');
    await waitFor(async () => Number(await webview().locator('#root').getAttribute('data-rendered')) > rendered, {
      timeoutMs: 30_000,
      what: 'the preview redrawn after typing',
    });
    assert.equal(await select.inputValue(), 'pessimistic');
    assert.equal(await summaryRunway.innerText(), pessimistic);

    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await row.click();
    await cursorOn(withScenario.split('\n').findIndex((l) => l.startsWith('scenarios:')) + 1);
  });
});
