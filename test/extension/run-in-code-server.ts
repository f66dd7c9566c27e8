/**
 * Runs the extension test suite (test/extension/suite) inside the extension host of a real VS Code 1.139
 * (code-server), the way @vscode/test-electron does on a desktop: the smoke-test driver's payload loads the
 * extension from source and calls our `run()`. Totals come back through $LIFTOFF_TEST_STATS (the reporter
 * writes them from inside the extension host); the exit code through `window.codeAutomationExit`.
 */
import * as path from 'node:path';
import { format } from 'node:util';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT } from '../support/fixtures';
import { makeTestWorkspace } from '../support/workspace';

/** Console noise of an offline code-server that says nothing about Liftoff (ENVIRONMENT.md lists it as harmless). */
const HARMLESS = /ENOTFOUND open-vsx\.org|^\s+at async |^\s+at [\w.]+ \(http|AccountPolicyGate|Resolving connection token|Resolved connection token|Creating a socket|grace time|builtin extensions cache|Service Worker|AgentHost|vsda|github/;

async function main(): Promise<number> {
  const workspace = makeTestWorkspace();
  const cs = await CodeServer.start({ env: { LIFTOFF_TEST_STATS: process.env.LIFTOFF_TEST_STATS ?? '' } });
  const { context, page } = await launchBrowser();
  try {
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (!HARMLESS.test(line)) process.stdout.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => { resolveExit(code); });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(path.join(REPO_ROOT, 'out', 'test', 'extension', 'index.js'))],
    ]);
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const timeout = new Promise<number>((r) => setTimeout(() => { process.stderr.write('extension tests timed out after 5 minutes\n'); r(124); }, 300_000).unref());
    return await Promise.race([exited, timeout]);
  } finally {
    await context.close();
    await cs.stop();
  }
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => { process.stderr.write(`${String(err)}\n`); process.exitCode = 1; });
