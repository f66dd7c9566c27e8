/**
 * UI tier: every panel of the installed VSIX checked for accessibility in a real code-server + Chromium. axe-core
 * runs inside each webview's frame (test/support/axe.ts): the plan preview in Dark Modern, Light Modern and Dark
 * High Contrast, the metrics panel with a run, the inference results and the ONNX inspector — no critical or
 * serious violation, others only as docs/accessibility.md lists them. Then the keyboard alone: in the metrics
 * panel, Tab to a run's checkbox and toggle it, change the smoothing and export CSV through the save dialog; in
 * the plan preview, Tab to a section link and follow it. Screenshots with the focus visible go to
 * test-results/a11y-*.png.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { checkA11y, describeFindings } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { CodeServer } from '../support/code-server';
import { REPO_ROOT, findVsix } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { openFile, runCommand, switchTheme, openWorkbench } from '../support/workbench';
import { makeTestWorkspace } from '../support/workspace';

const RESULTS = path.join(REPO_ROOT, 'test-results');

/** What the page functions below read of the webview's document (the tests compile without the DOM library). */
interface FrameGlobals {
  document: {
    activeElement: {
      matches(s: string): boolean;
      closest(s: string): { id: string } | null;
      id: string;
      tagName: string;
      className: string;
    } | null;
    hasFocus(): boolean;
  };
  getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string };
}

describe('Panels in code-server + Chromium: axe and the keyboard alone', function () {
  this.timeout(600_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let ws: string;
  const findings: string[] = [];

  /** The document of the (one) webview shown, once `ready` matches in it. */
  async function webviewFrame(ready: string, timeoutMs = 90_000): Promise<Frame> {
    let found: Frame | undefined;
    await waitFor(
      async () => {
        for (const f of page.frames()) {
          if (f === page.mainFrame()) continue;
          if (
            await f
              .locator(ready)
              .count()
              .catch(() => 0)
          ) {
            found = f;
            return true;
          }
        }
        return false;
      },
      { timeoutMs, intervalMs: 250, what: `a webview showing ${ready}` },
    );
    return found!;
  }

  /** Is the focus, inside the webview, on an element matching `selector`? */
  const focusedIn = (frame: Frame, selector: string) =>
    frame.evaluate((sel) => {
      const a = (globalThis as unknown as FrameGlobals).document.activeElement;
      return !!a && a.matches(sel);
    }, selector);

  /** Presses `key` until the focus is on `selector` (at most `max` times): the keyboard user's way to a control. */
  async function tabTo(frame: Frame, selector: string, max = 40, key = 'Tab'): Promise<void> {
    for (let i = 0; i < max && !(await focusedIn(frame, selector)); i++) await page.keyboard.press(key);
    const at = await frame.evaluate(() => {
      const a = (globalThis as unknown as FrameGlobals).document.activeElement;
      return a ? `${a.tagName}#${a.id}.${a.className}` : 'nothing';
    });
    assert.ok(await focusedIn(frame, selector), `${key} reaches ${selector} (focus is on ${at})`);
  }

  /** The focused element's tag and text, e.g. "TR r-cash Cash runs out …". */
  const activeText = (frame: Frame) =>
    frame.evaluate(() => {
      const a = (
        globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null } | null } }
      ).document.activeElement;
      return a ? `${a.tagName} ${(a.textContent ?? '').trim()}` : '';
    });

  async function outlineOfFocus(frame: Frame): Promise<string> {
    return frame.evaluate(() => {
      const g = globalThis as unknown as FrameGlobals;
      const s = g.getComputedStyle(g.document.activeElement);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
  }

  async function axe(frame: Frame, where: string): Promise<void> {
    const found = await checkA11y(frame, where);
    if (found.length) findings.push(`${where}: ${describeFindings(found)}`);
  }

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    ws = makeTestWorkspace();
    // One real run of the tabular example (the builtin trainer, through the CLI): charts, a model for the inspector.
    execFileSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'bin', 'liftoff.js'),
        'train',
        path.join(ws, 'credit-risk', 'credit-risk.experiment.yaml'),
        '--workspace',
        ws,
      ],
      { stdio: 'pipe', timeout: 180_000 },
    );
    cs = await CodeServer.start({
      vsix: [findVsix()],
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'editor.minimap.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
    });
    ({ context, page } = await launchBrowser('dark'));
    await openWorkbench(page, cs.url, ws);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await page
        .screenshot({
          path: path.join(RESULTS, `a11y-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png`),
        })
        .catch(() => undefined);
  });

  after(async () => {
    if (findings.length) console.log(`      accepted axe findings:\n      ${findings.join('\n      ')}`);
    await context?.close();
    await cs?.stop();
  });

  it('plan preview: no serious axe violation in Dark Modern, Light Modern and Dark High Contrast', async () => {
    // Right after start-up a palette Enter can be lost (CI, 2026-12-05: no preview opened); a user would run the
    // command again, and so does this: up to three times, then the last wait's error stands.
    let frame: Frame | undefined;
    for (let attempt = 1; !frame; attempt++) {
      await openFile(page, 'lung-nodule.plan.yaml');
      await runCommand(page, 'Liftoff: Open Plan Preview to the Side');
      frame = await webviewFrame('.plan-section', attempt < 3 ? 30_000 : 90_000).catch((e: unknown) => {
        if (attempt >= 3) throw e;
        return undefined;
      });
    }
    await axe(frame, 'the plan preview (Dark Modern)');
    for (const [theme, kind] of [
      ['Light Modern', 'vscode-light'],
      ['Dark High Contrast', 'vscode-high-contrast'],
    ] as const) {
      await switchTheme(page, theme);
      frame = await webviewFrame(`body.${kind} .plan-section`);
      await axe(frame, `the plan preview (${theme})`);
    }
    await switchTheme(page, 'Dark Modern');
    await webviewFrame('body.vscode-dark .plan-section');
  });

  it('plan preview, keyboard only: Tab to the “Risks” section link, Enter moves focus and view there, Enter on a row reveals its YAML', async () => {
    const frame = await webviewFrame('.plan-section');
    // Focus the preview as a keyboard user does: "View: Focus Next Editor Group" (Ctrl+K Ctrl+→) onto it.
    await page.keyboard.press('Control+2');
    await waitFor(() => frame.evaluate(() => (globalThis as unknown as FrameGlobals).document.hasFocus()), {
      timeoutMs: 15_000,
      what: 'the preview to take the focus',
    });
    await tabTo(frame, 'nav.toc a[href="#sec-risks"]', 60);
    assert.match(await outlineOfFocus(frame), /^solid [1-9]/, 'the focused link shows its outline');
    await page.screenshot({ path: path.join(RESULTS, 'a11y-plan-preview-link-focus.png') });
    await page.keyboard.press('Enter');
    await waitFor(() => focusedIn(frame, '#sec-risks'), { timeoutMs: 10_000, what: 'the focus on the Risks section' });
    const top = await frame
      .locator('#sec-risks')
      .evaluate((s) => (s as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top);
    assert.ok(top >= -2 && top < 60, `the Risks section is at the top of the preview (top ${top})`);
    // ↓ walks the section's items; Enter on a risk's row puts the editor's cursor on its YAML.
    const line = readFileSync(path.join(ws, 'medical-diagnosis', 'lung-nodule.plan.yaml'), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('id: r-cash'));
    await page.keyboard.press('Tab'); // the section heading
    for (let i = 0; i < 30 && !/^TR r-cash/.test(await activeText(frame)); i++) await page.keyboard.press('ArrowDown');
    assert.match(await activeText(frame), /^TR r-cash/, '↓ reaches the r-cash row');
    await page.screenshot({ path: path.join(RESULTS, 'a11y-plan-preview-row-focus.png') });
    await page.keyboard.press('Enter');
    const selection = page.locator('[id="status.editor.selection"]');
    await waitFor(async () => new RegExp(`Ln ${line + 1},`).test(await selection.innerText()), {
      timeoutMs: 15_000,
      what: `the cursor on line ${line + 1}`,
    });
    await runCommand(page, 'View: Close All Editors');
  });

  it('metrics panel with a run: no serious axe violation', async () => {
    await runCommand(page, 'Liftoff: Show Metrics');
    await page
      .locator('.quick-input-widget .quick-input-title', { hasText: 'Show metrics of runs' })
      .waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    const frame = await webviewFrame('.chart[data-chart="loss"] .chart-plot[role="img"]');
    await frame.locator('.compare-table tbody tr').first().waitFor({ timeout: 30_000 });
    await axe(frame, 'the metrics panel (Dark Modern)');
  });

  it('metrics panel, keyboard only: Tab to the run’s checkbox and toggle it, change the smoothing, export CSV', async () => {
    const frame = await webviewFrame('.chart[data-chart="loss"]');
    const loss = frame.locator('.chart[data-chart="loss"]');
    await waitFor(() => frame.evaluate(() => (globalThis as unknown as FrameGlobals).document.hasFocus()), {
      timeoutMs: 15_000,
      what: 'the metrics panel to have the focus',
    });
    // The run's checkbox: untick (its charts go), tick again (they come back).
    await tabTo(frame, 'input.run-check');
    assert.match(await outlineOfFocus(frame), /^solid [1-9]/, 'the focused checkbox shows its outline');
    await page.screenshot({ path: path.join(RESULTS, 'a11y-metrics-run-focus.png') });
    await page.keyboard.press('Space');
    await waitFor(async () => (await frame.locator('.run-row.selected').count()) === 0 && (await loss.count()) === 0, {
      timeoutMs: 30_000,
      what: 'the run unticked and its charts gone',
    });
    await page.keyboard.press('Space');
    await loss.waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('.run-row.selected').count(), 1);
    // Back to the smoothing slider (Shift+Tab), → raises it by 0.01 a press.
    await tabTo(frame, '#smoothing', 40, 'Shift+Tab');
    const before = Number(await frame.locator('#smoothing').inputValue());
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    const want = (before + 0.05).toFixed(2);
    await waitFor(async () => Number(await loss.getAttribute('data-smoothing')).toFixed(2) === want, {
      timeoutMs: 20_000,
      what: `the chart redrawn with smoothing ${want}`,
    });
    await page.screenshot({ path: path.join(RESULTS, 'a11y-metrics-smoothing-focus.png') });
    // On to "Export CSV", Enter, and the save dialog (a quick input in code-server) takes a path typed in.
    await tabTo(frame, '#export-csv');
    await page.screenshot({ path: path.join(RESULTS, 'a11y-metrics-export-focus.png') });
    await page.keyboard.press('Enter');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 30_000 });
    await waitFor(async () => (await input.inputValue()).endsWith('.csv'), {
      timeoutMs: 20_000,
      what: 'the save dialog’s default path',
    });
    const target = path.join(ws, `keyboard-${Date.now()}.csv`);
    await input.fill(target); // typing into the dialog's box (its file list would take a slow typist's Enter)
    await page.keyboard.press('Enter');
    await waitFor(
      () => existsSync(target) && readFileSync(target, 'utf8').startsWith('run,metric,step,epoch,wall_time,value'),
      { timeoutMs: 30_000, what: `the CSV at ${target}` },
    );
    await runCommand(page, 'View: Close All Editors');
  });

  it('inference results: no serious axe violation', async () => {
    await openFile(page, 'applications.csv');
    const selected = page.locator('.statusbar-item', { hasText: /\(\d+ selected\)/ }).first();
    await waitFor(
      async () => {
        await page.keyboard.press('Control+1');
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
    const frame = await webviewFrame('table.results tbody tr');
    await axe(frame, 'the inference results (Dark Modern)');
    await runCommand(page, 'View: Close All Editors');
  });

  it('ONNX inspector: no serious axe violation', async () => {
    await openFile(page, 'model.onnx');
    const frame = await webviewFrame('main[data-loaded="true"]');
    await axe(frame, 'the ONNX inspector (Dark Modern)');
  });
});
