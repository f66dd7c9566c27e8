/**
 * Starts the language server's process (dist/server/server.js over stdio) — small enough for the activation entry,
 * which starts it the moment a Liftoff document is seen, before the language client's bundle has even loaded, so
 * the two boot side by side (extension.ts); the client starts it again itself after a crash (language-client.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';

export function spawnServer(module: string): ChildProcess {
  // In a debugged extension host the server is debuggable too (as vscode-languageclient's debug options did).
  const debug = process.execArgv.some((a) => /^--inspect(-brk)?(=|$)/.test(a));
  return fork(module, ['--stdio'], {
    silent: true, // stdin, stdout and stderr are pipes: the protocol runs over the first two
    execArgv: debug ? ['--nolazy', '--inspect=6019'] : [],
    // In VS Code's Electron extension host, fork must run Electron as Node (as vscode-languageclient does).
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
}
