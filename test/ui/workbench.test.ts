/**
 * UI tier: the packaged VSIX installed into a real code-server, driven in headless Chromium like a user would:
 * open a broken experiment, read the Problems panel, run a Liftoff command from the palette, take screenshots.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, statSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT, findVsix } from '../support/fixtures';
import { makeTestWorkspace } from '../support/workspace';
import { runCommand, openFile, openWorkbench } from '../support/workbench';
import { waitFor } from '../support/wait';

const RESULTS = path.join(REPO_ROOT, 'test-results');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('Liftoff VSIX in code-server + Chromium', function () {
  this.timeout(180_000);
  let cs: CodeServer;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    cs = await CodeServer.start({ vsix: [findVsix()] });
    ({ context, page } = await launchBrowser('dark'));
    await openWorkbench(page, cs.url, makeTestWorkspace());
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

  it('the VSIX is under 60 MB and installs with only linux-x64 native binaries', () => {
    const mb = statSync(findVsix()).size / 1024 / 1024;
    assert.ok(mb < 60, `VSIX is ${mb.toFixed(1)} MB`);
    const installed = readdirSync(cs.extensionsDir).find((d) => d.startsWith('liftoff-dev.liftoff-'));
    assert.ok(installed, `installed in ${cs.extensionsDir}`);
    const natives = walk(path.join(cs.extensionsDir, installed)).filter((f) =>
      /\.(node|so(\.\d+)*|dylib|dll)$/.test(f),
    );
    assert.ok(natives.length >= 2, 'onnxruntime binaries are present');
    for (const f of natives) assert.match(f, /\/linux\/x64\//, `${f} is a linux-x64 binary`);
  });

  it('shows EXP-001 for a broken experiment in the Problems panel', async () => {
    await openFile(page, 'missing-header.experiment.yaml');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.getByText('EXP-001').first().waitFor({ timeout: 60_000 });
    const text = await problems.innerText();
    assert.match(text, /Missing `apiVersion: liftoff\/v1` and `kind: Experiment`/);
    assert.match(text, /\[Ln 3, Col 1\]/, 'the diagnostic is on line 3, the first key');
    await page.screenshot({ path: path.join(RESULTS, 'problems-exp-001.png') });
  });

  it('runs "Liftoff: Validate All Liftoff Documents" from the command palette', async () => {
    await runCommand(page, 'Liftoff: Validate All Liftoff Documents');
    // The summary is a notification; headless toasts are sometimes routed straight to the notification
    // centre (the bell gets a dot), so open the centre and read it there, as a user would.
    const summary = /Liftoff checked \d+ documents?: [1-9]\d* errors?/;
    const toast = page.locator('.notifications-toasts').getByText(summary);
    const centre = page.locator('.notifications-center').getByText(summary);
    try {
      await waitFor(
        async () => {
          if ((await toast.count()) > 0 && (await toast.first().isVisible())) return true;
          await runCommand(page, 'Notifications: Show Notifications');
          return await centre.first().isVisible();
        },
        { timeoutMs: 60_000, intervalMs: 1000, what: 'the validation summary notification' },
      );
    } finally {
      await page.screenshot({ path: path.join(RESULTS, 'validate-workspace.png') });
    }
  });
});
