/**
 * UI tier: in the installed VSIX, select three PNG files in the Explorer (click, Shift+click), right-click →
 * "Run Inference on Images": the predictions panel shows one row per image with its thumbnail (a data: URL that
 * loads under the panel's strict CSP), the model's label for it, and is usable from the keyboard alone (Tab to
 * Copy CSV, Enter, the status line announces the copy) and by a screen reader (a captioned table, alt text on
 * every thumbnail, no serious axe finding). The model is test/fixtures/onnx/tiny-cnn (red vs blue by the dominant
 * colour), so the known answer of each image is its colour. Screenshot: test-results/inference-images.png. Then two
 * versions of Silero VAD selected → "Compare Models" in the same menu: the changed weights inside its If node.
 * Screenshot: test-results/model-compare-explorer.png.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { checkA11y } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { CodeServer } from '../support/code-server';
import { FIXTURES, REPO_ROOT, findVsix } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { chooseMenuItem, openWorkbench } from '../support/workbench';

const RESULTS = path.join(REPO_ROOT, 'test-results');

/** What the page functions read of the webview's document (the tests compile without the DOM library). */
interface Img {
  readonly alt: string;
  readonly naturalWidth: number;
  readonly complete: boolean;
  readonly src: string;
}
interface Cell {
  readonly textContent: string | null;
}
interface Row {
  querySelector(s: string): (Img & Cell) | null;
  querySelectorAll(s: string): ArrayLike<Cell>;
}
interface FrameGlobals {
  document: {
    querySelectorAll(s: string): ArrayLike<Row>;
    querySelector(s: string): Cell | null;
    activeElement: { id: string; matches(s: string): boolean } | null;
  };
}

/** An 8 × 8 PNG of one colour, 16 × 16 so the panel's thumbnail is the image itself, scaled. */
function solid(rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < 256; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

describe('Run Inference on Images from the Explorer (code-server + Chromium)', function () {
  this.timeout(300_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;
  let ws: string;

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-ws-images-'));
    mkdirSync(path.join(ws, 'images'));
    mkdirSync(path.join(ws, 'models'));
    copyFileSync(path.join(FIXTURES, 'onnx', 'tiny-cnn', 'tiny-cnn.onnx'), path.join(ws, 'models', 'tiny-cnn.onnx'));
    // Two versions of a real third-party model (Silero VAD v5 and v6: their weights live in If-node subgraphs).
    mkdirSync(path.join(ws, 'vad'));
    for (const v of ['v5', 'v6'])
      copyFileSync(
        path.join(FIXTURES, 'onnx', 'third-party', 'silero-vad', `silero_vad_${v}.onnx`),
        path.join(ws, 'vad', `silero_vad_${v}.onnx`),
      );
    writeFileSync(path.join(ws, 'images', 'red.png'), solid([230, 20, 10]));
    writeFileSync(path.join(ws, 'images', 'blue.png'), solid([10, 30, 220]));
    writeFileSync(path.join(ws, 'images', 'orange.png'), solid([240, 130, 20]));
    writeFileSync(
      path.join(ws, 'colours.experiment.yaml'),
      [
        'apiVersion: liftoff/v1',
        'kind: Experiment',
        'metadata: {name: colours}',
        'inference:',
        '  model: models/tiny-cnn.onnx',
        '  image: {resize: [8, 8]}',
        '  top_k: 2',
        '',
      ].join('\n'),
    );
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
      await page.screenshot({ path: path.join(RESULTS, 'inference-images-failed.png') });
  });

  /** The webview frame whose document matches `ready`. */
  async function webviewFrame(ready: string): Promise<Frame> {
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
      { timeoutMs: 90_000, intervalMs: 250, what: `a webview showing ${ready}` },
    );
    return found!;
  }

  it('three images selected in the Explorer → predictions with thumbnails, by keyboard and screen reader', async () => {
    const explorer = page.locator('.explorer-folders-view');
    const row = (name: string) => explorer.locator('.monaco-list-row', { hasText: new RegExp(`^${name}$`) }).first();
    await row('images').click();
    await row('red.png').waitFor({ timeout: 30_000 });
    // Ctrl+click the first, Shift+click the last, as a user selects a run of files without opening them: a plain click
    // would open blue.png, and the editor revealing it in the Explorer a moment later selects it alone (CI,
    // 2026-12-06: 1 of 3 selected at the menu). Neither modifier click opens a file.
    const selected = explorer.locator('.monaco-list-row.selected');
    const selectThree = async () => {
      await row('blue.png').click({ modifiers: ['ControlOrMeta'] });
      await row('red.png').click({ modifiers: ['Shift'] });
    };
    await selectThree();
    await waitFor(async () => (await selected.count()) === 3, {
      timeoutMs: 10_000,
      what: 'blue.png to red.png selected in the Explorer',
    });
    assert.deepEqual(
      (await selected.allInnerTexts()).map((t) => t.trim()),
      ['blue.png', 'orange.png', 'red.png'],
    );
    // The menu lists Liftoff's item once the workbench has registered the installed extension's contributions, which
    // on a fresh code-server can come after the Explorer is usable (CI: the menu without it): open it again until then.
    const item = page.locator('.monaco-menu .action-item', { hasText: 'Run Inference on Images' }).first();
    await waitFor(
      async () => {
        // Escape closes a menu left open by a try before; in the list itself it would clear the selection.
        if (await page.locator('.monaco-menu').isVisible()) await page.keyboard.press('Escape');
        if ((await selected.count()) !== 3) {
          await selectThree();
          return false;
        }
        await row('red.png').click({ button: 'right' });
        try {
          await item.waitFor({ timeout: 5_000 });
        } catch {
          return false;
        }
        return (await selected.count()) === 3;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the Explorer context menu with Run Inference on Images' },
    );
    assert.equal(await explorer.locator('.monaco-list-row.selected').count(), 3, 'the selection is kept');
    await chooseMenuItem(page, 'Run Inference on Images');

    const frame = await webviewFrame('table.results tbody tr img.thumbnail');
    // Every thumbnail has loaded (a data: URL the CSP allows) before reading the rows.
    await waitFor(
      () =>
        frame.evaluate(() => {
          const rows = Array.from((globalThis as unknown as FrameGlobals).document.querySelectorAll('tbody tr'));
          return rows.length === 3 && rows.every((r) => (r.querySelector('img.thumbnail')?.naturalWidth ?? 0) > 0);
        }),
      { timeoutMs: 30_000, what: 'three loaded thumbnails' },
    );
    const rows = await frame.evaluate(() =>
      Array.from((globalThis as unknown as FrameGlobals).document.querySelectorAll('tbody tr'), (r) => {
        const img = r.querySelector('img.thumbnail')!;
        return {
          file: r.querySelector('td.cell.first')?.textContent ?? '',
          label: r.querySelector('td.prediction')?.textContent ?? '',
          alt: img.alt,
          dataUrl: img.src.startsWith('data:image/png;base64,'),
          width: img.naturalWidth,
        };
      }),
    );
    assert.deepEqual(rows.map((r) => [r.file, r.label, r.alt, r.dataUrl, r.width]).sort(), [
      ['blue.png', 'blue', 'blue.png', true, 16],
      ['orange.png', 'red', 'orange.png', true, 16],
      ['red.png', 'red', 'red.png', true, 16],
    ]);
    const caption = await frame.evaluate(
      () => (globalThis as unknown as FrameGlobals).document.querySelector('table.results caption')?.textContent,
    );
    assert.equal(caption, 'Predictions of tiny-cnn.onnx for 3 images');

    // The keyboard alone: into the panel, Tab to Copy CSV, Enter; the status line (role=status) says what happened.
    await frame.locator('h1').click();
    const focused = () =>
      frame.evaluate(() => (globalThis as unknown as FrameGlobals).document.activeElement?.id ?? '');
    for (let i = 0; i < 10 && (await focused()) !== 'copy-csv'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'copy-csv', 'Tab reaches Copy CSV');
    await page.keyboard.press('Enter');
    await waitFor(
      async () => /Copied 3 images as CSV/.test((await frame.locator('#status[role="status"]').textContent()) ?? ''),
      { timeoutMs: 10_000, what: 'the copy announced in the status line' },
    );
    await checkA11y(frame, 'the image predictions panel');
    await page.screenshot({ path: path.join(RESULTS, 'inference-images.png') });
  });

  it('two models selected in the Explorer → Compare Models: the weights that changed between two versions', async () => {
    const explorer = page.locator('.explorer-folders-view');
    const row = (name: string) => explorer.locator('.monaco-list-row', { hasText: new RegExp(`^${name}$`) }).first();
    await row('vad').click();
    await row('silero_vad_v5.onnx').waitFor({ timeout: 30_000 });
    const selected = explorer.locator('.monaco-list-row.selected');
    const selectTwo = async () => {
      await row('silero_vad_v5.onnx').click({ modifiers: ['ControlOrMeta'] });
      await row('silero_vad_v6.onnx').click({ modifiers: ['Shift'] });
    };
    const item = page.locator('.monaco-menu .action-item', { hasText: 'Compare Models' }).first();
    await waitFor(
      async () => {
        if (await page.locator('.monaco-menu').isVisible()) await page.keyboard.press('Escape');
        if ((await selected.count()) !== 2) {
          await selectTwo();
          return false;
        }
        await row('silero_vad_v6.onnx').click({ button: 'right' });
        try {
          await item.waitFor({ timeout: 5_000 });
        } catch {
          return false;
        }
        return (await selected.count()) === 2;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'two models selected and the menu with Compare Models' },
    );
    await chooseMenuItem(page, 'Compare Models');
    // The compare page (its cards), not the predictions panel that is still open beside it.
    const frame = await webviewFrame('section.card.totals');
    await waitFor(async () => /The models differ/.test(await frame.locator('#root').innerText()), {
      timeoutMs: 90_000,
      what: 'the comparison of v5 and v6',
    });
    const text = await frame.locator('#root').innerText();
    assert.match(text, /silero_vad_v5\.onnx/);
    assert.match(text, /silero_vad_v6\.onnx/);
    // The weights inside the If node's branches are compared too: the ones that changed are named by where they sit.
    assert.match(text, /If_0\.then_branch\//);
    assert.equal(
      await frame.locator('table caption').count(),
      await frame.locator('table').count(),
      'every table has a caption',
    );
    await checkA11y(frame, 'Compare Models');
    await page.screenshot({ path: path.join(RESULTS, 'model-compare-explorer.png') });
  });
});
