/**
 * UI tier: in the installed VSIX, select 5 rows of the credit example's CSV (trained first with the CLI), run
 * "Liftoff: Run Inference on Selection" from the palette, read the results table in the webview (labels equal the
 * trainer's), insert the predictions as a column and undo it in one step, then open the model in the ONNX inspector.
 * Screenshots go to test-results/.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { trainerConfigFromExperiment } from '../../core/src/trainer/config';
import { runBuiltinTrainer } from '../../core/src/trainer/run';
import { predict } from '../../core/src/trainer/trained-model';
import { launchBrowser } from '../support/browser';
import { CodeServer } from '../support/code-server';
import { REPO_ROOT, findVsix } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { openFile, runCommand, openWorkbench } from '../support/workbench';
import { makeTestWorkspace } from '../support/workspace';

const RESULTS = path.join(REPO_ROOT, 'test-results');

/** The text of the active editor's rendered lines, top to bottom. */
async function editorLines(page: Page): Promise<string[]> {
  // A string, evaluated in the page: the test project has no DOM types.
  return page.evaluate(`(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines') ?? document.querySelector('.monaco-editor .view-lines');
    const lines = Array.from(editor ? editor.querySelectorAll('.view-line') : []);
    return lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '));
  })()`);
}

describe('Inference in the installed extension (code-server + Chromium)', function () {
  this.timeout(300_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let ws: string;
  let expected: string[];
  const webview = (): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    ws = makeTestWorkspace();
    const experiment = path.join(ws, 'credit-risk', 'credit-risk.experiment.yaml');
    execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'liftoff.js'), 'train', experiment, '--workspace', ws],
      { stdio: 'pipe', timeout: 120_000 },
    );
    // The trainer's own predictions for data rows 1–5 (same seed → same weights as the run).
    const own = await runBuiltinTrainer(
      trainerConfigFromExperiment(parse(readFileSync(experiment, 'utf8')), path.dirname(experiment)),
    );
    const lines = readFileSync(path.join(ws, 'credit-risk', 'data', 'applications.csv'), 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const rows = lines
      .slice(1, 6)
      .map((l) => own.model.featureOrder.map((f) => Number(l.split(',')[header.indexOf(f)])));
    const p = predict(own.model, rows);
    expected = rows.map((_, i) => own.model.labels![p[2 * i + 1]! > p[2 * i]! ? 1 : 0]!);
    cs = await CodeServer.start({ vsix: [findVsix()] });
    ({ context, page } = await launchBrowser());
    await openWorkbench(page, cs.url, ws);
  });
  after(async () => {
    await context?.close();
    await cs?.stop();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await page.screenshot({
        path: path.join(RESULTS, `inference-failed-${this.currentTest.title.slice(0, 24).replace(/\W+/g, '-')}.png`),
      });
  });

  it("select 5 CSV rows → Run Inference on Selection → the table shows the trainer's labels with probabilities", async () => {
    await openFile(page, 'applications.csv');
    // Select lines 2–6 as a user would, and make sure the editor really holds the selection (keys pressed while the
    // Go to Line box is still closing can land nowhere): the status bar says "(N selected)".
    const selected = page.locator('.statusbar-item', { hasText: /\(\d+ selected\)/ }).first();
    await waitFor(
      async () => {
        await page.locator('.editor-group-container.active .monaco-editor').first().click();
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor({ timeout: 5_000 });
        await page.keyboard.type('2');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget input').waitFor({ state: 'hidden', timeout: 5_000 });
        for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown');
        return selected.isVisible();
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'five selected CSV rows' },
    );
    await runCommand(page, 'Liftoff: Run Inference on Selection', { keepSelection: true });
    const rows = webview().locator('table.results tbody tr');
    await waitFor(async () => (await rows.count()) === 5, {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: 'the results table with 5 rows',
    });
    const labels = await webview().locator('table.results tbody td.prediction .label').allInnerTexts();
    assert.deepEqual(labels, expected);
    const probs = await webview().locator('table.results tbody td.prob .prob-text').allInnerTexts();
    for (const p of probs) assert.match(p, /^\d+(\.\d)?%$/);
    assert.deepEqual(await webview().locator('table.results tbody td.line').allInnerTexts(), ['2', '3', '4', '5', '6']);
    const facts = await webview().locator('.facts').innerText();
    assert.match(facts, /EXECUTION PROVIDER\s+CPU/i);
    assert.match(facts, /rows\/s/);
    assert.match(facts, /folded into the model/);
    await page.keyboard.press('Control+1');
    await page.screenshot({ path: path.join(RESULTS, 'inference-panel.png') });
    await webview().locator('#raw').click();
    const raw = webview().locator('.raw-output', { hasText: 'probabilities · float32 [5, 2]' });
    await raw.waitFor({ timeout: 20_000 });
    assert.equal((await raw.locator('pre').innerText()).split('\n').length, 5);
    await webview().locator('#raw').click();
  });

  it('"Insert as Column" appends the labels to the selected rows; one Undo removes them all', async () => {
    const before = await editorLines(page);
    await webview().locator('#insert').click();
    await webview().locator('#status.visible', { hasText: 'Inserted 5 predictions' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+1');
    await waitFor(async () => (await editorLines(page))[1]?.endsWith(`,${expected[0]}`) === true, {
      timeoutMs: 20_000,
      what: 'the inserted column in the editor',
    });
    const after = await editorLines(page);
    for (let i = 0; i < 5; i++) assert.equal(after[i + 1], `${before[i + 1]},${expected[i]}`);
    assert.equal(after[0], before[0], 'the header (outside the selection) is unchanged');
    assert.equal(after[6], before[6], 'the row after the selection is unchanged');
    await page.screenshot({ path: path.join(RESULTS, 'inference-inserted.png') });
    await page.keyboard.press('Control+Z');
    await waitFor(
      async () => JSON.stringify((await editorLines(page)).slice(0, 7)) === JSON.stringify(before.slice(0, 7)),
      { timeoutMs: 20_000, what: 'one undo to restore the rows' },
    );
  });

  it('all 2,000 rows selected → the table fills to its first 500 rows (the first screen painted first), the rest counted', async () => {
    await page.locator('.editor-group-container.active .monaco-editor').first().click();
    await page.keyboard.press('Control+A');
    await page
      .locator('.statusbar-item', { hasText: /\(\d[\d,]* selected\)/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await runCommand(page, 'Liftoff: Run Inference on Selection', { keepSelection: true });
    const root = webview().locator('#root[data-total="2000"]');
    await root.waitFor({ timeout: 90_000 });
    // The rows past the first screen are appended after the first paint; all 500 arrive, in order, none twice.
    await webview().locator('#root[data-complete-at]').waitFor({ timeout: 30_000 });
    const index = await webview().locator('table.results tbody td.index').allInnerTexts();
    assert.deepEqual(
      index,
      Array.from({ length: 500 }, (_, i) => String(i + 1)),
    );
    const labels = await webview().locator('table.results tbody td.prediction .label').allInnerTexts();
    assert.deepEqual(labels.slice(0, 5), expected, 'the same first five predictions as a 5-row selection');
    await webview()
      .getByText(/^Showing the first 500 of 2,?000 rows; Copy and Insert use all of them\.$/)
      .waitFor();
    // Copy takes every row, not only those shown.
    await webview().locator('#copy-csv').click();
    await waitFor(
      async () => /Copied 2,?000 rows as CSV/.test((await webview().locator('#status').textContent()) ?? ''),
      { timeoutMs: 20_000, what: 'the status "Copied 2,000 rows as CSV."' },
    );
  });

  it('the trained model opens in the ONNX inspector: shapes, opset, operators', async () => {
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'model.onnx');
    const inspector = webview();
    await inspector.locator('main[data-loaded="true"]').waitFor({ timeout: 60_000 });
    const text = await inspector.locator('main').innerText();
    assert.match(text, /features\s+float\s+\[N, 7\]/);
    assert.match(text, /probabilities\s+float\s+\[N, 2\]/);
    assert.match(text, /ai\.onnx 17/);
    assert.match(text, /Gemm\s+3/);
    assert.match(text, /Relu\s+2/);
    assert.match(text, /Softmax\s+1/);
    assert.match(text, /feature_order/);
    // The node table: intermediate shapes with the symbolic batch, parameters and MACs; the search narrows it.
    assert.match(text, /Gemm\t[^\n]*\t\[N, 32\]\t256\t224/);
    // The search matches node names, operators and tensor names: the graph's output is made by one node only.
    await inspector.getByLabel('Find a node, operator or tensor').fill('probabilities');
    await inspector.getByText('1 matching node.').waitFor({ timeout: 10_000 });
    assert.equal(await inspector.locator('table.nodes tbody tr').count(), 1);
    assert.match(await inspector.locator('table.nodes tbody tr').innerText(), /Softmax\t[^\n]*\t\[N, 2\]/);
    await page.screenshot({ path: path.join(RESULTS, 'onnx-inspector.png') });
  });
});
