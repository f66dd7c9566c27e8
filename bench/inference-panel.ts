/**
 * `npm run bench -- inference-panel [rounds=5]`: what a user waits for from "Liftoff: Run Inference on Selection" to
 * the results painted in the panel (issue 18), in a real VS Code (code-server, the packaged VSIX) in Chromium: the
 * credit-risk example trained with the CLI, 1, 64 and 4,096 CSV rows selected in the editor, the command run from the
 * palette. Timed in the browser: from the Enter's keydown in the workbench window to the first frame painted after the
 * panel's page rendered that run's results (its `data-painted-at`), both epoch clocks of this machine; the legs
 * between come from Liftoff's log line of each run (the host command's duration and end). The bench's own figure
 * (Enter → its Playwright poll saw the result, round trips included) is printed beside it. The first round opens the
 * panel and is reported apart. Target: 4,096 rows < 150 ms (p50).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser';
import { CodeServer } from '../test/support/code-server';
import { REPO_ROOT, findVsix } from '../test/support/fixtures';
import { openFile, selectDataRows, waitForWorkbench } from '../test/support/workbench';
import { makeTestWorkspace } from '../test/support/workspace';

const SIZES = [1, 64, 4096] as const;
const TARGET_MS = 150;
const COMMAND = 'Liftoff: Run Inference on Selection';

/** The panel's own time to build each result's DOM (its `data-render-ms`), in run order. */
const renderMs: number[] = [];
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;

/** The panel's page (the inner frame of the webview), once it is there. */
async function panelFrame(page: Page): Promise<Frame | undefined> {
  const outer = await (await page.$('iframe.webview.ready'))?.contentFrame();
  return (await (await outer?.$('#active-frame'))?.contentFrame()) ?? undefined;
}

/** One run's clocks, all epoch ms on this machine (the window, the webview and the host share its clock). */
interface Stamps {
  /** The palette's Enter, as the workbench window saw the keydown. */
  readonly enterAt: number;
  /** The result message reaching the panel's page, and the first frame painted after it was rendered. */
  readonly receivedAt: number;
  readonly paintedAt: number;
  /** Enter → the first frame in which this process saw the result (Playwright's round trips included). */
  readonly seenMs: number;
}

/** Runs the command from the palette and returns the run's clocks once the panel painted `n` results. */
async function timeRun(page: Page, n: number): Promise<Stamps> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 5_000 });
  await page.keyboard.type(COMMAND);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: COMMAND }).first().waitFor({ timeout: 10_000 });
  // The Enter's time as the window sees it (a capture listener runs before the palette's own handler).
  await page.evaluate(`(() => {
    window.__liftoffEnter = undefined;
    window.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') window.__liftoffEnter = performance.timeOrigin + performance.now();
    }, { capture: true, once: true });
  })()`);
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  const deadline = t0 + 60_000;
  for (;;) {
    const frame = await panelFrame(page);
    if (frame) {
      const done = await frame
        // A string, evaluated in the page: the bench project has no DOM types.
        .waitForFunction(
          `(() => { const d = document.getElementById('root')?.dataset; return d?.total === '${n}' && d.paintedAt !== undefined; })()`,
          undefined,
          { polling: 'raf', timeout: 2_000 },
        )
        .then(
          () => true,
          () => false,
        );
      if (done) {
        const seenMs = Date.now() - t0;
        const d = (await frame.evaluate(
          `(() => { const d = document.getElementById('root').dataset; return [d.renderMs, d.receivedAt, d.paintedAt]; })()`,
        )) as [string, string, string];
        renderMs.push(Number(d[0]));
        const enterAt = Number(await page.evaluate('window.__liftoffEnter'));
        return { enterAt, receivedAt: Number(d[1]), paintedAt: Number(d[2]), seenMs };
      }
    }
    if (Date.now() > deadline) {
      const shot = path.join(REPO_ROOT, 'test-results', `bench-inference-panel-${n}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      throw new Error(`no results for ${n} rows within 60 s (the window: ${shot})`);
    }
  }
}

/** Each run's host command from Liftoff's log (its line is written when the panel was handed the result). */
interface HostRun {
  readonly endAt: number;
  readonly commandMs: number;
  readonly line: string;
}
function hostRuns(logDir: string): HostRun[] {
  const logs = execFileSync('grep', ['-rh', 'Inference: ', logDir], { encoding: 'utf8' });
  return logs
    .trim()
    .split('\n')
    .map((line) => {
      const at = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})/.exec(line)?.[1];
      const command = /command ([\d.]+) ms/.exec(line)?.[1];
      return {
        endAt: at ? new Date(at.replace(' ', 'T')).getTime() : NaN,
        commandMs: Number(command),
        line: line.replace(/^.*?Inference: /, ''),
      };
    });
}

async function main(): Promise<void> {
  const rounds = Math.max(2, Number(process.argv[2] ?? 5) || 5);
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const ws = makeTestWorkspace();
  const dir = path.join(ws, 'credit-risk');
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'bin', 'liftoff.js'),
      'train',
      path.join(dir, 'credit-risk.experiment.yaml'),
      '--workspace',
      ws,
    ],
    { stdio: 'pipe', timeout: 300_000 },
  );
  const [header, ...rows] = readFileSync(path.join(dir, 'data', 'applications.csv'), 'utf8')
    .trim()
    .split('\n');
  // The experiment's own data file (so the command finds its model without asking), grown to the largest size after
  // training: each round selects its first 1, 64 or all 4,096 data rows.
  const largest = SIZES[SIZES.length - 1]!;
  const body = Array.from({ length: largest }, (_, i) => rows[i % rows.length]).join('\n');
  writeFileSync(path.join(dir, 'data', 'applications.csv'), `${header}\n${body}\n`);
  const cs = await CodeServer.start({ vsix: [findVsix()] });
  const { context, page } = await launchBrowser();
  /** Per size, the runs after the first: Enter → painted, and its legs. */
  type Leg = 'total' | 'seen' | 'toHost' | 'host' | 'toPage' | 'paint';
  const legs = (): Record<Leg, number[]> => ({ total: [], seen: [], toHost: [], host: [], toPage: [], paint: [] });
  const times: Record<number, Record<Leg, number[]>> = { 1: legs(), 64: legs(), 4096: legs() };
  const first: Record<number, number> = {};
  const order: { n: number; round: number; stamps: Stamps }[] = [];
  let hosts: HostRun[] = [];
  try {
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(ws)}`);
    await waitForWorkbench(page);
    await openFile(page, 'applications.csv');
    for (let r = 0; r < rounds; r++) {
      for (const n of SIZES) {
        await selectDataRows(page, n, n === largest);
        const stamps = await timeRun(page, n);
        order.push({ n, round: r, stamps });
        const ms = stamps.paintedAt - stamps.enterAt;
        console.log(
          `round ${r + 1}/${rounds}: ${n} rows → painted ${ms.toFixed(1)} ms after Enter (seen by the bench after ${stamps.seenMs} ms)${r === 0 ? ' (first: opens the panel)' : ''}; the page built its DOM in ${renderMs.at(-1)} ms`,
        );
      }
    }
    // Where the host's time went, from Liftoff's own log (the output channel's file): each run's line, in run order.
    hosts = hostRuns(path.join(cs.userDataDir, 'logs'));
    for (const h of hosts) console.log(`  host: ${h.line}`);
  } finally {
    await context.close();
    await cs.stop();
  }
  const matched = hosts.length === order.length;
  if (!matched) console.log(`(${hosts.length} host log lines for ${order.length} runs: the legs are left out)`);
  order.forEach(({ n, round, stamps }, i) => {
    const total = stamps.paintedAt - stamps.enterAt;
    if (round === 0) {
      first[n] = total;
      return;
    }
    const t = times[n]!;
    t.total.push(total);
    t.seen.push(stamps.seenMs);
    t.paint.push(stamps.paintedAt - stamps.receivedAt);
    const h = hosts[i];
    if (matched && h) {
      const hostStart = h.endAt - h.commandMs;
      t.toHost.push(hostStart - stamps.enterAt);
      t.host.push(h.commandMs);
      t.toPage.push(stamps.receivedAt - h.endAt);
    }
  });
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
  console.log(
    `\n| rows selected | Enter → results painted, p50 / p95 (${rounds - 1} rounds) | Enter → command starts on the host | host command | host → page receives | received → painted | seen by the bench (round trips) | first run (opens the panel) | target |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const n of SIZES) {
    const t = times[n]!;
    const target = n === 4096 ? `< ${TARGET_MS} ms: ${median(t.total) < TARGET_MS ? 'met' : 'MISS'}` : '—';
    console.log(
      `| ${n.toLocaleString('en')} | ${f(median(t.total))} / ${f(p95(t.total))} ms | ${f(median(t.toHost))} ms | ${f(median(t.host))} ms | ${f(median(t.toPage))} ms | ${f(median(t.paint))} ms | ${f(median(t.seen))} ms | ${f(first[n]!)} ms | ${target} |`,
    );
  }
  console.log(
    JSON.stringify({
      bench: 'inference-panel',
      rounds: rounds - 1,
      results: SIZES.map((n) => ({
        rows: n,
        p50: median(times[n]!.total),
        p95: p95(times[n]!.total),
        firstMs: first[n],
        legsP50: {
          toHost: median(times[n]!.toHost),
          host: median(times[n]!.host),
          toPage: median(times[n]!.toPage),
          paint: median(times[n]!.paint),
        },
        seenP50: median(times[n]!.seen),
      })),
      targets: { rows4096Ms: TARGET_MS },
      met: median(times[4096]!.total) < TARGET_MS,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
