/**
 * Runs the extension test suites inside the extension host of a real VS Code 1.139 (code-server), the way
 * @vscode/test-electron does on a desktop: the smoke-test driver's payload loads the extension from source and calls
 * our `run()`, which runs the suite named by LIFTOFF_TEST_SUITE. One fresh code-server per session (sessions.ts):
 * the trusted examples workspace, a workspace without Liftoff files, and Restricted Mode. Totals of all sessions
 * come back through $LIFTOFF_TEST_STATS (the reporter writes each session's from inside the extension host); the
 * exit code through `window.codeAutomationExit`.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { CodeServer } from '../support/code-server';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT } from '../support/fixtures';
import { lazySession, mainSession, restrictedSession, type Session } from './sessions';

/** Console noise of an offline code-server that says nothing about Liftoff (ENVIRONMENT.md lists it as harmless). */
const HARMLESS =
  /ENOTFOUND open-vsx\.org|^\s+at async |^\s+at [\w.]+ \(http|AccountPolicyGate|Resolving connection token|Resolved connection token|Creating a socket|grace time|builtin extensions cache|Service Worker|AgentHost|vsda|github/;

interface Stats {
  passed: number;
  failed: number;
  pending: number;
  failures: unknown[];
}

async function runSession(session: Session, statsFile: string): Promise<number> {
  process.stdout.write(
    `\n— extension tests: ${session.suite} (${session.workspaceTrust ? 'Workspace Trust on, folder untrusted' : 'trusted'})\n`,
  );
  const cs = await CodeServer.start({
    env: { LIFTOFF_TEST_STATS: statsFile, LIFTOFF_TEST_SUITE: session.suite, ...session.env },
    settings: session.settings,
    workspaceTrust: session.workspaceTrust,
  });
  const { context, page } = await launchBrowser();
  try {
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => {
      resolveExit = r;
    });
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (!HARMLESS.test(line)) process.stdout.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      resolveExit(code);
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(path.join(REPO_ROOT, 'out', 'test', 'extension', 'index.js'))],
    ]);
    // A loaded machine can take longer than Playwright's 30 s default to serve the workbench.
    await page.goto(
      `${cs.url}/?folder=${encodeURIComponent(session.workspace)}&payload=${encodeURIComponent(payload)}`,
      { timeout: 120_000 },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((r) => {
      timer = setTimeout(() => {
        process.stderr.write(`extension tests (${session.suite}) timed out after ${session.timeoutMs / 1000} s\n`);
        r(124);
      }, session.timeoutMs);
    });
    try {
      return await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await context.close();
    await cs.stop();
    session.cleanup?.();
  }
}

async function main(): Promise<number> {
  const total: Stats = { passed: 0, failed: 0, pending: 0, failures: [] };
  let code = 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-ext-stats-'));
  const only = process.env.LIFTOFF_TEST_SESSIONS?.split(',');
  for (const make of [mainSession, lazySession, restrictedSession]) {
    const session = make();
    if (only && !only.includes(session.suite)) {
      session.cleanup?.();
      continue;
    }
    const statsFile = path.join(dir, `${session.suite}.json`);
    const c = await runSession(session, statsFile).catch((err: unknown) => {
      process.stderr.write(`extension session ${session.suite} could not run: ${String(err)}\n`);
      return 1;
    });
    if (c !== 0) code = c;
    if (existsSync(statsFile)) {
      const s = JSON.parse(readFileSync(statsFile, 'utf8')) as Stats;
      total.passed += s.passed;
      total.failed += s.failed;
      total.pending += s.pending;
      total.failures.push(...s.failures);
    } else if (c !== 0) {
      total.failed += 1;
      total.failures.push({ title: `extension session ${session.suite}`, message: `exited ${c} without totals` });
    }
  }
  if (process.env.LIFTOFF_TEST_STATS) writeFileSync(process.env.LIFTOFF_TEST_STATS, JSON.stringify(total));
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 1;
  },
);
