/**
 * UI tier, without a workbench: the real plan compare webview bundle (dist/webviews/plan-diff) in headless Chromium
 * under the host's CSP, behind a stub host (test/support/preview-harness.ts): it paints the diff the server computes,
 * a click or Enter on a row asks the host to reveal that row's YAML (in the new plan or the old version), and a
 * malformed host message changes nothing.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { createLanguageService, diffPlanDocuments } from '../../server/src/service';
import { launchBrowser } from '../support/browser';
import { EXAMPLE_PLAN } from '../support/plans';
import { openPreview, postAndPaint, startPreviewHarness, type PreviewHarness } from '../support/preview-harness';
import { waitFor } from '../support/wait';

interface Posted {
  type: string;
  path?: unknown;
  version?: string;
}

describe('plan compare webview (headless Chromium)', function () {
  this.timeout(120_000);
  let harness: PreviewHarness;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    harness = await startPreviewHarness('plan-diff');
    ({ context, page } = await launchBrowser('dark'));
    await openPreview(page, harness);
  });
  after(async () => {
    await context?.close();
    await harness?.close();
  });

  const posted = () => page.evaluate(() => (globalThis as unknown as { __posted: Posted[] }).__posted);

  it('paints the moved figures and changed inputs, and a click or Enter reveals the row', async () => {
    const service = createLanguageService();
    const uri = pathToFileURL(EXAMPLE_PLAN).toString();
    const text = readFileSync(EXAMPLE_PLAN, 'utf8');
    const a = { uri, text };
    const b = { uri, text: text.replace('monthly_burn: "¥300k"', 'monthly_burn: "¥400k"') };
    const { diff } = diffPlanDocuments(a, await service.validate(a), b, await service.validate(b));
    await postAndPaint(page, JSON.stringify({ type: 'diff', diff, labels: { a: 'HEAD', b: 'plan (editor)' } }));
    const runway = page.locator('tr[data-figure="runway"]');
    assert.equal(await runway.locator('td').nth(1).textContent(), '7.5 months');
    assert.match((await page.locator('.diff-counts').textContent()) ?? '', /1 changed input, 3 moved figures/);

    await page.locator('tr.input-changed').click();
    await waitFor(async () => (await posted()).some((m) => m.type === 'reveal'), { timeoutMs: 5000, what: 'a reveal' });
    const reveal = (await posted()).find((m) => m.type === 'reveal');
    assert.deepEqual(reveal, { type: 'reveal', path: ['financials', 'monthly_burn'], version: 'b' });

    await runway.focus();
    await page.keyboard.press('Enter');
    await waitFor(async () => (await posted()).filter((m) => m.type === 'reveal').length === 2, {
      timeoutMs: 5000,
      what: 'a second reveal',
    });
    const last = (await posted()).filter((m) => m.type === 'reveal')[1];
    assert.deepEqual(last, { type: 'reveal', path: ['financing', 'cash_on_hand'], version: 'b' });
  });

  it('ignores a malformed host message and shows a host error in the status line', async () => {
    const before = await page.locator('#root').getAttribute('data-rendered');
    await postAndPaint(page, JSON.stringify({ type: 'diff', diff: { inputs: '<img src=x onerror=alert(1)>' } }));
    assert.equal(await page.locator('#root').getAttribute('data-rendered'), before);
    await postAndPaint(page, JSON.stringify({ type: 'error', message: 'Cannot compare: HEAD: not a business plan' }));
    assert.equal(await page.locator('#status').textContent(), 'Cannot compare: HEAD: not a business plan');
  });
});
