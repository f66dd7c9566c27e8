/**
 * UI tier, without a workbench: the example plan exported to standalone HTML by the real CLI (`liftoff plan export`,
 * dist/ from `npm run build`), opened in headless Chromium in light and dark, checked by axe (no critical or
 * serious violation; others only as listed in docs/accessibility.md), and read as a keyboard and screen-reader user
 * would: one main landmark, each SVG chart with a summary and a link to its data table, the section links and the
 * text at twice the reader's default font size.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { checkA11y, describeFindings } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT } from '../support/fixtures';

const RESULTS = path.join(REPO_ROOT, 'test-results');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'medical-diagnosis');

/** Review threads on the example (docs/plan-review.md): open, resolved and outdated, so the export shows each kind. */
const REVIEW = `version: 1
threads:
  - id: t-burn01
    path: financials.monthly_burn
    comments:
      - {author: Ada, date: 2026-12-06T01:30:00Z, body: "Two hires in Q1 alone cost more than this."}
      - {author: Bo, date: 2026-12-06T02:00:00Z, body: "One moved to Q3."}
  - id: t-risk01
    path: risks[r-cash]
    status: resolved
    comments:
      - {author: Ada, date: 2026-12-06T01:30:00Z, body: "Bridge loan agreed?"}
  - id: t-gone01
    path: financials.gross_margin
    quote: "60 %"
    comments:
      - {author: Cy, date: 2026-12-06T01:30:00Z, body: "Source?"}
`;

/** The few browser globals the page functions use (the tests compile without the DOM library). */
interface PageGlobals {
  document: {
    activeElement: unknown;
    documentElement: { scrollWidth: number; clientWidth: number; style: Record<string, string> };
  };
  getComputedStyle(e: unknown): { outlineStyle: string; fontSize: string };
  innerHeight: number;
}

describe('Plan HTML export: accessibility (axe, keyboard, zoom) in headless Chromium', function () {
  this.timeout(120_000);
  let html: string;

  before(() => {
    mkdirSync(RESULTS, { recursive: true });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-a11y-'));
    cpSync(EXAMPLE, dir, { recursive: true });
    writeFileSync(path.join(dir, 'lung-nodule.plan.review.yaml'), REVIEW);
    const plan = path.join(dir, 'lung-nodule.plan.yaml');
    html = path.join(dir, 'plan.html');
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'liftoff.js'), 'plan', 'export', plan, '--out', html], {
      stdio: 'pipe',
    });
  });

  for (const scheme of ['light', 'dark'] as const) {
    describe(`in the ${scheme} colour scheme`, () => {
      let context: BrowserContext;
      let page: Page;
      before(async () => {
        ({ context, page } = await launchBrowser(scheme));
        await page.goto(pathToFileURL(html).toString());
      });
      after(async () => {
        await context?.close();
      });

      it('has no critical or serious axe violation, and no unlisted other one', async () => {
        const findings = await checkA11y(page, `the exported plan (${scheme})`);
        if (findings.length) console.log(`      accepted: ${describeFindings(findings)}`);
      });

      it('puts the plan in one main landmark and gives every chart a summary and its data', async () => {
        assert.equal(await page.locator('main').count(), 1);
        assert.equal(await page.locator('main article.plan').count(), 1);
        for (const chart of ['periods', 'gantt', 'heatmap']) {
          const label = await page.locator(`[data-chart="${chart}"] svg[role="img"]`).getAttribute('aria-label');
          assert.match(label ?? '', /\d/, `the ${chart} chart's summary states its figures: ${label}`);
          const link = page.locator(`[data-chart="${chart}"] .data-link a`);
          const target = (await link.getAttribute('href'))?.slice(1) ?? '';
          assert.equal(
            await page.locator(`table#${target}`).count(),
            1,
            `the ${chart} chart links to its table (#${target})`,
          );
        }
        assert.match(
          (await page.locator('[data-chart="periods"] svg').getAttribute('aria-label')) ?? '',
          /break-even|periods from/,
        );
      });

      it('reaches a section from the table of contents with the keyboard alone, focus visible', async () => {
        const link = page.locator('nav.toc a[href="#sec-risks"]');
        await page.keyboard.press('Tab');
        for (
          let i = 0;
          i < 40 && !(await link.evaluate((a) => a === (globalThis as unknown as PageGlobals).document.activeElement));
          i++
        )
          await page.keyboard.press('Tab');
        assert.equal(
          await link.evaluate((a) => a === (globalThis as unknown as PageGlobals).document.activeElement),
          true,
          'Tab reaches the Risks link',
        );
        const outline = await link.evaluate((a) => (globalThis as unknown as PageGlobals).getComputedStyle(a));
        assert.notEqual(outline.outlineStyle, 'none', 'the focused link shows an outline');
        await page.screenshot({ path: path.join(RESULTS, `a11y-plan-export-focus-${scheme}.png`) });
        await page.keyboard.press('Enter');
        assert.ok(page.url().endsWith('#sec-risks'), page.url());
        const top = await page
          .locator('#sec-risks h2')
          .evaluate((h) => (h as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top);
        assert.ok(top >= 0 && top < 80, `the Risks heading is at the top of the window (top ${top})`);
      });

      it('scales every text with the reader’s default font size (200 %) without a horizontal scroll bar', async () => {
        const size = () =>
          page
            .locator('table[data-table="risks"] td')
            .first()
            .evaluate((td) => parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(td).fontSize));
        const chip = () =>
          page
            .locator('.diag-badge, .chip, .figure-label')
            .first()
            .evaluate((e) => parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(e).fontSize));
        const [cell, small] = [await size(), await chip()];
        await page.evaluate(() => {
          (globalThis as unknown as PageGlobals).document.documentElement.style.fontSize = '200%';
        });
        try {
          assert.ok(Math.abs((await size()) / cell - 2) < 0.05, `table text doubles (${cell}px → ${await size()}px)`);
          assert.ok(
            Math.abs((await chip()) / small - 2) < 0.05,
            `small labels double too (${small}px → ${await chip()}px)`,
          );
          const { scrollWidth, clientWidth } = await page.evaluate(() => {
            const root = (globalThis as unknown as PageGlobals).document.documentElement;
            return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
          });
          assert.ok(
            scrollWidth <= clientWidth + 1,
            `no horizontal scrolling at 200 % (${scrollWidth} > ${clientWidth})`,
          );
          await page.screenshot({ path: path.join(RESULTS, `a11y-plan-export-200pct-${scheme}.png`) });
        } finally {
          await page.evaluate(() => {
            (globalThis as unknown as PageGlobals).document.documentElement.style.fontSize = '';
          });
        }
      });
    });
  }
});
