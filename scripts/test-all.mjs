// `npm test`: every tier, in order, on a fresh machine. Installs what it needs (npm deps; Node 24 and
// code-server in a cache outside the clone; chromium and libkrb5-dev through apt when root), then runs:
//   static   — typecheck (tsc -b) and lint (eslint): one check each
//   unit     — mocha: language service, core, CLI
//   lsp      — mocha: the bundled language server as a real process over stdio
//   integration — mocha: real systems (PyTorch from Debian's python3-torch through the launcher, onnxruntime)
//   package  — npm run package (the linux-x64 VSIX the UI tier installs)
//   extension— mocha inside VS Code 1.139 (code-server's extension host)
//   ui       — mocha + playwright-core: the installed VSIX in code-server, driven in Chromium
// Its last line is "N passed, N failed" summed over every tier. Options: --tier NAME (repeatable).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.flatMap((a, i, all) => (all[i - 1] === '--tier' ? [a] : []));
const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', FORCE_COLOR: '0' };
const totals = { passed: 0, failed: 0 };
const lines = [];
const started = Date.now();

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, env: { ...env, ...opts.env }, stdio: 'inherit', timeout: opts.timeout ?? 1_200_000 });
  return r.status ?? 1;
}
function record(tier, passed, failed, note = '') {
  totals.passed += passed; totals.failed += failed;
  lines.push(`${tier.padEnd(10)} ${String(passed).padStart(4)} passed ${String(failed).padStart(4)} failed${note ? `  (${note})` : ''}`);
}
function wanted(tier) { return only.length === 0 || only.includes(tier); }
const statsDir = mkdtempSync(join(tmpdir(), 'liftoff-stats-'));
function mochaTier(tier, args, opts = {}) {
  const stats = join(statsDir, `${tier}.json`);
  rmSync(stats, { force: true });
  const t0 = Date.now();
  const code = sh(opts.node ?? process.execPath, args, { env: { LIFTOFF_TEST_STATS: stats }, timeout: opts.timeout });
  if (!existsSync(stats)) { record(tier, 0, 1, `no results, exit ${code}`); return; }
  const s = JSON.parse(readFileSync(stats, 'utf8'));
  // A runner that crashed after reporting still counts as a failure.
  record(tier, s.passed, s.failed + (code !== 0 && s.failed === 0 ? 1 : 0), `${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
function finish() {
  console.log(`\n── Liftoff test summary (${((Date.now() - started) / 1000).toFixed(0)} s) ──`);
  for (const l of lines) console.log(l);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

// 1. Dependencies and build.
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(lock).mtimeMs) {
  console.log('[test] installing npm dependencies (npm ci)');
  if (sh('npm', ['ci', '--no-audit', '--no-fund']) !== 0) { record('setup', 0, 1, 'npm ci failed'); finish(); }
}
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
if (sh('npm', ['run', '--silent', 'build']) !== 0) { record('build', 0, 1, 'npm run build failed'); finish(); }

// 2. Static checks.
if (wanted('static')) {
  const tsc = sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
  const lint = sh(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '.']);
  record('static', (tsc === 0) + (lint === 0), (tsc !== 0) + (lint !== 0), `tsc ${tsc === 0 ? 'ok' : 'failed'}, eslint ${lint === 0 ? 'ok' : 'failed'}`);
} else if (sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']) !== 0) { record('build', 0, 1, 'tsc -b failed'); finish(); }

// 3. Node tiers.
if (wanted('unit')) mochaTier('unit', [mocha, 'out/test/unit/**/*.test.js']);
if (wanted('lsp')) mochaTier('lsp', [mocha, 'out/test/lsp/**/*.test.js']);
if (wanted('integration')) {
  const setup = sh('bash', [join(root, 'scripts/setup-integration.sh')]);
  if (setup === 3) record('integration', 0, 1, 'stopped: system packages missing, see the apt-get command above');
  else if (setup !== 0) record('integration', 0, 1, 'setup-integration.sh failed');
  else mochaTier('integration', [mocha, 'out/test/integration/**/*.test.js'], { timeout: 900_000 });
}

// 4. Real VS Code tiers.
const needE2E = ['package', 'extension', 'ui'].some(wanted);
if (needE2E) {
  const setup = sh('bash', [join(root, 'scripts/setup-e2e.sh')]);
  if (setup === 3) {
    record('e2e', 0, 1, 'stopped: system packages missing, see the apt-get command above');
    finish();
  }
  if (setup !== 0) { record('e2e', 0, 1, 'setup-e2e.sh failed'); finish(); }
}
if (wanted('package') || wanted('ui')) {
  const code = sh('npm', ['run', '--silent', 'package']);
  record('package', code === 0 ? 1 : 0, code === 0 ? 0 : 1, 'npm run package → linux-x64 VSIX');
}
// Three code-server sessions (test/extension/sessions.ts: trusted, no Liftoff files, Restricted Mode), 300 + 150 + 270 s at most.
if (wanted('extension')) mochaTier('extension', [join(root, 'out/test/extension/run-in-code-server.js')], { timeout: 900_000 });
if (wanted('ui')) mochaTier('ui', [mocha, 'out/test/ui/**/*.test.js'], { timeout: 900_000 });
finish();
