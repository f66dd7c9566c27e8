/**
 * UI tier, the proof for failed runs: a run fails from CUDA out of memory (a real script through the local
 * launcher that writes PyTorch's words to stderr and exits 1 while batch_size > 32); the Runs view shows the cause;
 * a click shows the run's timeline with the stderr line between its state changes; "Apply Fix and Re-run" shows the
 * edit of batch_size in the refactor preview before it applies, the edited experiment runs again and succeeds; the
 * edit is undoable. Screenshots of each step in test-results/.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CodeServer, NODE24_DIR } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT, findVsix } from '../support/fixtures';
import { makeTestWorkspace } from '../support/workspace';
import { chooseMenuItem, openFile, runCommand, trainFromPalette, openWorkbench } from '../support/workbench';
import { waitFor } from '../support/wait';

const RESULTS = path.join(REPO_ROOT, 'test-results');

/** Fails like PyTorch does on a GPU that is too small (the words of test/fixtures/failures/cuda-oom.err) while batch_size > 32. */
const OOM_SCRIPT = `const fs = require('node:fs');
const batch = Number(/batch_size:\\s*(\\d+)/.exec(fs.readFileSync(process.env.LIFTOFF_CONFIG, 'utf8'))[1]);
console.log('batch_size ' + batch);
if (batch > 32) {
  console.error('Traceback (most recent call last):');
  console.error('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.19 GiB of which 1.06 GiB is free.');
  process.exit(1);
}
fs.appendFileSync(process.env.LIFTOFF_METRICS_FILE, JSON.stringify({ epoch: 1, step: 1, train_loss: 0.5, val_loss: 0.6 }) + '\\n');
`;

const experiment = (node: string) => `apiVersion: liftoff/v1
kind: Experiment
metadata:
  name: oom-fix
task:
  type: regression
  domain: tabular
data:
  train: train.csv
  format: csv
model:
  architecture: mlp
training:
  mode: from_scratch
  epochs: 10
  batch_size: 64
  optimizer: {type: adam, learning_rate: 0.001}
  loss: mse
resources:
  accelerator: cpu
run:
  trainer: command
  command: ${JSON.stringify([node, 'oom.js'])}
  launcher: local
metrics:
  primary: {name: val_loss, goal: min}
evaluation:
  metrics: [mse]
`;

describe('A failed run explains itself and its fix re-runs it (code-server + Chromium)', function () {
  this.timeout(420_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let workspace: string;
  let file: string;
  const runsDir = () => path.join(workspace, '.liftoff', 'runs', 'oom-fix');
  const runCount = () => (existsSync(runsDir()) ? readdirSync(runsDir()).length : 0);

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    workspace = makeTestWorkspace();
    const dir = path.join(workspace, 'oom');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'oom.js'), OOM_SCRIPT);
    writeFileSync(path.join(dir, 'train.csv'), 'x,y\n1,2\n');
    file = path.join(dir, 'oom-fix.experiment.yaml');
    writeFileSync(file, experiment(path.join(NODE24_DIR, 'bin', 'node')));
    cs = await CodeServer.start({ vsix: [findVsix()] });
    ({ context, page } = await launchBrowser());
    await openWorkbench(page, cs.url, workspace);
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

  const runsRow = () =>
    page.locator('.pane:has(.pane-header:has-text("Runs")) .monaco-list-row', { hasText: /\d{8}-\d{6}-/ });

  it('the run fails from CUDA out of memory and the Runs view says so', async () => {
    await openFile(page, 'oom-fix.experiment.yaml');
    await trainFromPalette(page, 'oom-fix.experiment.yaml', () => runCount() > 0);
    await runCommand(page, 'View: Show Liftoff');
    const failed = runsRow().filter({ hasText: 'failed' }).filter({ hasText: 'CUDA out of memory' }).first();
    await failed.waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(RESULTS, 'run-fix-1-failed.png') });
  });

  it('a click on the run shows its timeline: the stderr line between its state changes', async () => {
    await runsRow().filter({ hasText: 'failed' }).first().click();
    // The active editor's lines; Monaco draws spaces as no-break spaces.
    const editor = page.locator('.editor-group-container.active .editor-instance .view-lines').first();
    const text = async () => (await editor.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    await waitFor(async () => /stderr \| torch\.OutOfMemoryError: CUDA out of memory/.test(await text()), {
      timeoutMs: 60_000,
      what: 'the timeline with the stderr line',
    });
    const lines = (await text()).split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const order = [
      /── queued/,
      /── running/,
      /stdout \| batch_size 64/,
      /stderr \| torch\.OutOfMemoryError/,
      /── failed: exit code 1/,
    ];
    const found = order.map(at);
    assert.ok(
      found.every((i, k) => i >= 0 && (k === 0 || i > found[k - 1]!)),
      `in order: ${found.join(', ')}\n${lines.join('\n')}`,
    );
    await page.screenshot({ path: path.join(RESULTS, 'run-fix-2-timeline.png') });
  });

  it('"Apply Fix and Re-run" shows the batch_size edit before applying it; the new run succeeds; the edit undoes', async () => {
    await runsRow().filter({ hasText: 'failed' }).first().click({ button: 'right' });
    // chooseMenuItem: a click lost while the menu settles is followed by Enter (CI: the menu stayed open, item highlighted).
    await chooseMenuItem(page, 'Apply Fix and Re-run');
    // The refactor preview: the edit is shown, the file unchanged until Apply.
    const apply = page.getByRole('button', { name: 'Apply', exact: true });
    await apply.waitFor({ timeout: 60_000 });
    // VS Code shows an edit that needs confirmation unticked: the user ticks it, then applies.
    await page.locator('.bulk-edit-panel .edit-checkbox').first().click();
    assert.match(readFileSync(file, 'utf8'), /batch_size: 64\n/, 'nothing changes before Apply');
    await page.screenshot({ path: path.join(RESULTS, 'run-fix-3-preview.png') });
    await apply.click();
    await waitFor(() => /batch_size: 32\b/.test(readFileSync(file, 'utf8')), {
      timeoutMs: 60_000,
      what: 'the fix saved in the experiment',
    });
    assert.match(readFileSync(file, 'utf8'), /gradient_accumulation(_steps)?: 2\b/);
    await waitFor(() => runCount() >= 2, { timeoutMs: 120_000, what: 'the re-run to start' });
    await runsRow().filter({ hasText: 'succeeded' }).first().waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(RESULTS, 'run-fix-4-succeeded.png') });
    // A normal edit: Undo in the experiment's editor brings the old batch back.
    // The keystroke can reach the editor before it has focus (CI, 2026-12-06: no undo in 30 s), so
    // focus it and press Ctrl+Z until the old batch shows; an Undo with nothing left to undo changes nothing, and VS
    // Code's "undo across files?" question (a bulk edit) is answered Undo, as a user would.
    // Its tab is open beside the timeline: click it, as a user would (Quick Open's keys can go to the task terminal,
    // which has focus after the re-run).
    await page.locator('.tabs-container .tab', { hasText: 'oom-fix.experiment.yaml' }).first().click();
    await page
      .locator('.tabs-container .tab.active', { hasText: 'oom-fix.experiment.yaml' })
      .first()
      .waitFor({ timeout: 10_000 });
    const undone = page.locator('.editor-instance .view-lines', { hasText: /batch_size:\s64/ }).first();
    await waitFor(
      async () => {
        const ask = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Undo/ }).first();
        if (await ask.isVisible()) await ask.click();
        else {
          await page.locator('.editor-instance .view-lines').first().click();
          await page.keyboard.press('Control+Z');
        }
        return undone.isVisible();
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: 'Undo to bring back batch_size: 64' },
    );
    await page.screenshot({ path: path.join(RESULTS, 'run-fix-5-undone.png') });
  });
});
