/**
 * Entry point of the extension tests, loaded by VS Code's extension host (`extensionTestsPath`), both in
 * code-server (scripts/test-all.mjs → test/extension/run-in-code-server) and with @vscode/test-electron (.vscode-test.mjs).
 */
import * as path from 'node:path';
import { readdirSync } from 'node:fs';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    forbidOnly: true,
    ...(process.env.LIFTOFF_TEST_GREP ? { grep: new RegExp(process.env.LIFTOFF_TEST_GREP) } : {}),
    reporter: path.join(__dirname, '..', '..', '..', 'test', 'support', 'reporter.cjs'),
  });
  // Which suite folder: run-in-code-server.ts names it per session (sessions.ts); .vscode-test.mjs runs `suite`.
  const suite = path.join(__dirname, process.env.LIFTOFF_TEST_SUITE ?? 'suite');
  for (const f of readdirSync(suite)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(suite, f));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
