/**
 * `npm run bench -- activation [rounds]`: the extension's activation time in a real VS Code 1.139 (code-server),
 * measured from inside the extension host on a workspace without Liftoff files (so nothing activated it before).
 * Each round is a fresh code-server, so every figure is a cold activation. Target: under 50 ms.
 */
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer } from '../test/support/code-server';
import { launchBrowser } from '../test/support/browser';
import { REPO_ROOT } from '../test/support/fixtures';
import { waitFor } from '../test/support/wait';

interface Sample { wasActive: boolean; activateMs: number; insideActivateMs: number; serverReadyMs: number; vscode: string }

async function round(): Promise<Sample> {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'liftoff-bench-')), 'activation.json');
  const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-bench-ws-'));
  const cs = await CodeServer.start({ env: { LIFTOFF_BENCH_OUT: out } });
  const { context, page } = await launchBrowser();
  try {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(REPO_ROOT)], ['extensionTestsPath', remote(path.join(REPO_ROOT, 'out', 'bench', 'activation-host.js'))]]);
    await page.exposeFunction('codeAutomationExit', () => undefined);
    await page.exposeFunction('codeAutomationLog', () => undefined);
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
    await waitFor(() => existsSync(out), { timeoutMs: 120_000, what: 'the activation measurement' });
    return JSON.parse(readFileSync(out, 'utf8')) as Sample;
  } finally {
    await context.close();
    await cs.stop();
  }
}

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; }

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const samples: Sample[] = [];
  for (let i = 0; i < rounds; i++) {
    const s = await round();
    if (s.wasActive) throw new Error('the extension was already active: the measurement would be meaningless');
    samples.push(s);
    console.log(`round ${i + 1}/${rounds}: activate ${s.activateMs.toFixed(1)} ms (inside activate() ${s.insideActivateMs} ms), server ready +${s.serverReadyMs.toFixed(0)} ms`);
  }
  const bundle = (p: string) => (statSync(path.join(REPO_ROOT, p)).size / 1024).toFixed(0);
  const result = {
    bench: 'activation', vscode: samples[0]?.vscode, rounds,
    activateMsMedian: +median(samples.map((s) => s.activateMs)).toFixed(1),
    activateMsMax: +Math.max(...samples.map((s) => s.activateMs)).toFixed(1),
    serverReadyMsMedian: +median(samples.map((s) => s.serverReadyMs)).toFixed(0),
    extensionBundleKB: +bundle('dist/client/extension.js'), serverBundleKB: +bundle('dist/server/server.js'),
    targetMs: 50,
  };
  console.log('\n| figure | value |\n|---|---|');
  console.log(`| activation (load bundle + activate), median of ${rounds} cold starts | ${result.activateMsMedian} ms (max ${result.activateMsMax} ms; target < 50 ms) |`);
  console.log(`| language server ready after activation, median | ${result.serverReadyMsMedian} ms (not part of activation: it starts in the background) |`);
  console.log(`| extension bundle | ${result.extensionBundleKB} KB |\n| server bundle | ${result.serverBundleKB} KB |`);
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
