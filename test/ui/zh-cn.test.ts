/**
 * UI tier: Liftoff in Simplified Chinese. code-server starts with `--locale zh-cn` (and a stand-in language pack, see
 * test/support/language-pack.ts: without one VS Code resolves any locale to English). Liftoff's own words must then
 * be Chinese: its commands in the palette (package.nls.zh-cn.json), a diagnostic in the Problems panel (the language
 * server, told VS Code's language by the client), the plan preview's headings and the metrics panel's headings and
 * controls (words passed from the host), and the inference results panel with core's notes. Screenshots in
 * test-results/zh-cn-*.png.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT, findVsix } from '../support/fixtures';
import { buildLanguagePackVsix, registerLanguagePack } from '../support/language-pack';
import { makeTestWorkspace } from '../support/workspace';
import { openFile, runCommand, selectDataRows, trainFromPalette, openWorkbench } from '../support/workbench';
import { waitFor } from '../support/wait';

const RESULTS = path.join(REPO_ROOT, 'test-results');

describe('Liftoff in Chinese (code-server --locale zh-cn + Chromium)', function () {
  this.timeout(300_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let ws: string;
  const panel = (): FrameLocator => page.frameLocator('iframe.webview').frameLocator('#active-frame');

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    ws = makeTestWorkspace();
    // A second experiment with a regression loss on a classification task (EXP-003), under its own name.
    const credit = readFileSync(path.join(ws, 'credit-risk', 'credit-risk.experiment.yaml'), 'utf8');
    const broken = credit.replace(/name: [\w-]+/, 'name: zh-cn-loss-check').replace(/loss: \w+/, 'loss: mse');
    assert.notEqual(broken, credit);
    writeFileSync(path.join(ws, 'credit-risk', 'loss-check.experiment.yaml'), broken);
    cs = await CodeServer.start({
      vsix: [findVsix(), await buildLanguagePackVsix('zh-cn')],
      locale: 'zh-cn',
      beforeStart: (dirs) => registerLanguagePack(dirs, 'zh-cn'),
    });
    ({ context, page } = await launchBrowser('dark'));
    await openWorkbench(page, cs.url, ws);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page
        .screenshot({
          path: path.join(RESULTS, `failed-zh-cn-${this.currentTest.title.replace(/[^\w]+/g, '-').slice(0, 60)}.png`),
        })
        .catch(() => undefined);
    }
  });

  after(async () => {
    await context?.close();
    await cs?.stop();
  });

  it('the command palette lists Liftoff commands in Chinese', async () => {
    // Each row's label is the Chinese title; VS Code adds the English one below it (so typed English still matches).
    for (const title of ['Liftoff: 训练实验', 'Liftoff: 显示指标', 'Liftoff: 新建实验…', 'Liftoff: 新建商业计划书…']) {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      await waitFor(
        async () => {
          await page.keyboard.press('Escape');
          await page.keyboard.press('F1');
          await page.locator('.quick-input-widget input').waitFor({ timeout: 5_000 });
          await page.keyboard.type(title);
          return row.waitFor({ timeout: 5_000 }).then(
            () => true,
            () => false,
          );
        },
        { timeoutMs: 90_000, intervalMs: 1_000, what: `${title} in the palette` },
      );
      assert.equal((await row.innerText()).split('\n')[0], title);
      if (title === 'Liftoff: 训练实验') await page.screenshot({ path: path.join(RESULTS, 'zh-cn-palette.png') });
    }
    await page.keyboard.press('Escape');
  });

  it('a diagnostic appears in Chinese in the Problems panel', async () => {
    await openFile(page, 'loss-check.experiment.yaml');
    await runCommand(page, 'Problems: Focus on Problems View');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: '这是回归损失函数' }).first();
    await problem.waitFor({ timeout: 90_000 });
    assert.match(await problem.innerText(), /`?training\.loss`? 为 `?mse`?/);
    await page.screenshot({ path: path.join(RESULTS, 'zh-cn-problems.png') });
  });

  it('the plan preview shows its headings in Chinese', async () => {
    await openFile(page, 'lung-nodule.plan.yaml');
    await runCommand(page, 'Liftoff: 在侧边打开计划书预览');
    await panel().locator('.plan-section h2', { hasText: '市场' }).first().waitFor({ timeout: 90_000 });
    const titles = await panel().locator('.plan-section .section-title').allInnerTexts();
    assert.ok(titles.includes('风险') && titles.includes('团队'), titles.join(', '));
    assert.ok(!titles.includes('Market'), titles.join(', '));
    await page.screenshot({ path: path.join(RESULTS, 'zh-cn-plan-preview.png') });
    await runCommand(page, 'View: Close All Editors');
  });

  it('after a run, the metrics panel shows its headings and controls in Chinese', async () => {
    await openFile(page, 'credit-risk.experiment.yaml');
    // When focus has moved on, Train asks which experiment (its picker in Chinese too): answered as a user would.
    await trainFromPalette(
      page,
      'credit-risk.experiment.yaml',
      () => existsSync(path.join(ws, '.liftoff', 'runs', 'credit-risk-mlp')),
      { command: 'Liftoff: 训练实验', picker: '要训练的实验' },
    );
    await runCommand(page, 'Liftoff: 显示指标');
    // With several runs to choose from it asks which to chart; Enter accepts the checked (latest) one.
    await waitFor(
      async () => {
        if (await page.locator('iframe.webview').count()) return true;
        if (await page.locator('.quick-input-widget input').isVisible()) await page.keyboard.press('Enter');
        return false;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: 'the metrics panel to open' },
    );
    await panel().locator('h2.pane-title', { hasText: '运行记录' }).first().waitFor({ timeout: 90_000 });
    await panel().getByText('导出 CSV').first().waitFor({ timeout: 30_000 });
    assert.equal(await panel().locator('html').getAttribute('lang'), 'zh-cn');
    // The page's own words too, not only the host's headings: the run list's count ("1 of 1 shown" in English).
    await panel()
      .getByText(/^\d+ 个中显示 \d+ 个$/)
      .first()
      .waitFor({ timeout: 30_000 });
    assert.equal(
      await panel()
        .getByText(/^\d+ of \d+ shown$/)
        .count(),
      0,
    );
    assert.equal(
      await panel()
        .locator('h2.pane-title', { hasText: /^Runs$/ })
        .count(),
      0,
    );
    await page.screenshot({ path: path.join(RESULTS, 'zh-cn-metrics.png') });
  });

  it('inference on selected rows: the results panel, its facts and its notes in Chinese', async () => {
    // One webview at a time: the metrics panel is closed first (the workbench's own words stay English here).
    await runCommand(page, 'View: Close All Editors');
    await waitFor(async () => (await page.locator('iframe.webview').count()) === 0, {
      timeoutMs: 30_000,
      what: 'the metrics panel to close',
    });
    await openFile(page, 'applications.csv');
    await selectDataRows(page, 5);
    await runCommand(page, 'Liftoff: 对所选内容运行推理', { keepSelection: true });
    const rows = panel().locator('table.results tbody tr');
    await waitFor(async () => (await rows.count()) === 5, {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: 'the results table with 5 rows',
    });
    assert.equal(await panel().locator('html').getAttribute('lang'), 'zh-cn');
    const facts = await panel().locator('.facts').innerText();
    // Core's preprocessing description and how the model was chosen, said in Chinese.
    assert.match(facts, /标准化已并入模型/);
    assert.match(facts, /credit-risk-mlp 最近一次成功的运行/);
    const notes = await panel().locator('section.notes').innerText();
    assert.match(notes, /预处理：/);
    assert.match(notes, /标签来自/);
    for (const english of [
      /Preprocessing:/,
      /Labels from/,
      /Feature order from/,
      /folded into the model/,
      /latest succeeded/,
    ])
      assert.doesNotMatch(`${facts}\n${notes}`, english);
    await page.screenshot({ path: path.join(RESULTS, 'zh-cn-inference.png') });
  });
});
