// Renders media/icon.svg to media/icon.png (256×256) with the same headless Chromium the UI tests use.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const root = new URL('..', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: process.env.LIFTOFF_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless'],
});
const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
await page.setContent(
  `<body style="margin:0;background:transparent">${readFileSync(root + 'media/icon.svg', 'utf8').replace('width="128" height="128"', 'width="256" height="256"')}</body>`,
);
await page.screenshot({ path: root + 'media/icon.png', omitBackground: true });
await browser.close();
