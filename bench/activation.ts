/**
 * `npm run bench -- activation [rounds]`: what Liftoff costs where it is and is not used (issue 25), in a real
 * VS Code 1.139 (code-server), measured from inside the extension host (bench/activation-host.ts). Each round of
 * each case is a fresh code-server with the packaged VSIX installed (what users get: production bundles), so every
 * figure is a cold start. The extension under development is an empty control extension, activated at the same
 * moment as Liftoff: its end-to-end activation is the floor VS Code itself sets.
 * (a) a workspace with only Kubernetes / Compose / GitHub Actions YAML open — targets: no server process, features
 *     bundle not loaded, < 2 MB extension-host heap added, activation < 20 ms;
 * (b) a workspace with an experiment open — targets: activation < 50 ms, first diagnostics < 1.5 s after opening.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer } from '../test/support/code-server';
import { launchBrowser } from '../test/support/browser';
import { REPO_ROOT, findVsix } from '../test/support/fixtures';
import { CONTROL_ID } from './_activation-control';
import { waitFor } from '../test/support/wait';

type Case = 'a' | 'b';
interface Sample {
  case: Case;
  wasActive: boolean;
  activateMs: number;
  controlActivateMs: number;
  vscodeActivationMs?: number;
  insideActivateMs: number;
  serverStarted: boolean;
  featuresLoaded: boolean;
  heapAddedMB: number;
  firstDiagnosticsMs?: number;
  /** ms after the host called ext.activate() (activation-host.ts): when each step began or ended. */
  breakdown?: {
    moduleStartMs?: number;
    activateStartMs?: number;
    clientRequestedMs?: number;
    clientStartedMs?: number;
    featuresLoadedMs?: number;
    serverReadyMs?: number;
  };
  vscode: string;
}

const FILES: Record<Case, Record<string, string>> = {
  a: {
    'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
    '.github/workflows/ci.yml':
      'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n',
  },
  // Found by its header, not its name (so `workspaceContains` does not activate Liftoff before the bench opens it),
  // and incomplete, so its first diagnostics are not empty.
  b: { 'experiments/train.yaml': 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: train\n' },
};

/** An extension that does nothing on activation (the floor: what VS Code's own activation costs). */
function writeControlExtension(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-bench-control-'));
  const [publisher, name] = CONTROL_ID.split('.');
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, publisher, version: '0.0.1', engines: { vscode: '^1.91.0' }, main: './extension.js' }),
  );
  writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = () => undefined;\n');
  return dir;
}

async function round(kase: Case, vsix: string, control: string): Promise<Sample> {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'liftoff-bench-')), 'activation.json');
  const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-bench-ws-'));
  for (const [rel, text] of Object.entries(FILES[kase])) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), text);
  }
  const cs = await CodeServer.start({ vsix: [vsix], env: { LIFTOFF_BENCH_OUT: out, LIFTOFF_BENCH_CASE: kase } });
  const { context, page } = await launchBrowser();
  try {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(control)],
      ['extensionTestsPath', remote(path.join(REPO_ROOT, 'out', 'bench', 'activation-host.js'))],
    ]);
    await page.exposeFunction('codeAutomationExit', () => undefined);
    await page.exposeFunction('codeAutomationLog', () => undefined);
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`, {
      timeout: 120_000,
    });
    await waitFor(() => existsSync(out), { timeoutMs: 120_000, what: 'the activation measurement' });
    return JSON.parse(readFileSync(out, 'utf8')) as Sample;
  } finally {
    await context.close();
    await cs.stop();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
const r1 = (x: number) => +x.toFixed(1);
const ms = (x: number | undefined) => (x === undefined ? '—' : `${x.toFixed(1)} ms`);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISS');

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  // The VSIX users install: production bundles (minified, no source maps), as vscode:prepublish builds them.
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const vsix = findVsix();
  const control = writeControlExtension();
  const samples: Record<Case, Sample[]> = { a: [], b: [] };
  for (let i = 0; i < rounds; i++) {
    for (const kase of ['a', 'b'] as const) {
      const s = await round(kase, vsix, control);
      if (s.wasActive)
        throw new Error(`case (${kase}): the extension was already active: the measurement would be meaningless`);
      samples[kase].push(s);
      console.log(
        `round ${i + 1}/${rounds} (${kase}): activation as VS Code counts it ${ms(s.vscodeActivationMs)}; ext.activate() ${s.activateMs.toFixed(1)} ms ` +
          `(empty control extension ${s.controlActivateMs.toFixed(1)} ms; inside activate() ${s.insideActivateMs.toFixed(2)} ms), ` +
          `server ${s.serverStarted ? 'started' : 'not started'}, features ${s.featuresLoaded ? 'loaded' : 'not loaded'}, heap +${s.heapAddedMB.toFixed(2)} MB` +
          (s.firstDiagnosticsMs !== undefined ? `, first diagnostics ${s.firstDiagnosticsMs.toFixed(0)} ms` : ''),
      );
      const b = s.breakdown;
      if (b)
        console.log(
          `  breakdown: our module evaluated at ${ms(b.moduleStartMs)} (VS Code's own work before it), activate() at ${ms(b.activateStartMs)}` +
            (kase === 'b'
              ? `, client bundle asked for at ${ms(b.clientRequestedMs)}, client started at ${ms(b.clientStartedMs)}, features loaded at ${ms(b.featuresLoadedMs)}, server initialized at ${ms(b.serverReadyMs)}`
              : ''),
        );
    }
  }
  const a = samples.a;
  const b = samples.b;
  const bundle = (p: string) => +(statSync(path.join(REPO_ROOT, p)).size / 1024).toFixed(0);
  const result = {
    bench: 'activation',
    vscode: a[0]?.vscode,
    rounds,
    a: {
      vscodeActivationMsMedian: r1(median(a.map((s) => s.vscodeActivationMs ?? NaN))),
      vscodeActivationMsMax: r1(Math.max(...a.map((s) => s.vscodeActivationMs ?? NaN))),
      controlActivateMsMedian: r1(median(a.map((s) => s.controlActivateMs))),
      activateMsMedian: r1(median(a.map((s) => s.activateMs))),
      activateMsMax: r1(Math.max(...a.map((s) => s.activateMs))),
      serverProcessesStarted: a.filter((s) => s.serverStarted).length,
      featuresBundleLoaded: a.some((s) => s.featuresLoaded),
      heapAddedMBMedian: +median(a.map((s) => s.heapAddedMB)).toFixed(2),
    },
    b: {
      vscodeActivationMsMedian: r1(median(b.map((s) => s.vscodeActivationMs ?? NaN))),
      vscodeActivationMsMax: r1(Math.max(...b.map((s) => s.vscodeActivationMs ?? NaN))),
      controlActivateMsMedian: r1(median(b.map((s) => s.controlActivateMs))),
      activateMsMedian: r1(median(b.map((s) => s.activateMs))),
      activateMsMax: r1(Math.max(...b.map((s) => s.activateMs))),
      serverStarted: b.every((s) => s.serverStarted),
      heapAddedMBMedian: +median(b.map((s) => s.heapAddedMB)).toFixed(2),
      firstDiagnosticsMsMedian: +median(b.map((s) => s.firstDiagnosticsMs ?? NaN)).toFixed(0),
      firstDiagnosticsMsMax: +Math.max(...b.map((s) => s.firstDiagnosticsMs ?? NaN)).toFixed(0),
      // Medians, ms after ext.activate() was called: where the time to first diagnostics goes.
      clientStartedMsMedian: r1(median(b.map((s) => s.breakdown?.clientStartedMs ?? NaN))),
      featuresLoadedMsMedian: r1(median(b.map((s) => s.breakdown?.featuresLoadedMs ?? NaN))),
      serverReadyMsMedian: r1(median(b.map((s) => s.breakdown?.serverReadyMs ?? NaN))),
    },
    // Of the activation time, the part before our module ran at all (VS Code's extension host at work on its own
    // start-up): medians per case.
    vscodeBeforeModuleMsMedian: {
      a: r1(median(a.map((s) => s.breakdown?.moduleStartMs ?? NaN))),
      b: r1(median(b.map((s) => s.breakdown?.moduleStartMs ?? NaN))),
    },
    // Until VS Code called activate() (our module long evaluated by then: VS Code builds the extension's context).
    vscodeBeforeActivateMsMedian: {
      a: r1(median(a.map((s) => s.breakdown?.activateStartMs ?? NaN))),
      b: r1(median(b.map((s) => s.breakdown?.activateStartMs ?? NaN))),
    },
    insideActivateMsMedian: {
      a: r1(median(a.map((s) => s.insideActivateMs))),
      b: r1(median(b.map((s) => s.insideActivateMs))),
    },
    serverStartedWithoutLiftoffDocs: a.some((s) => s.serverStarted),
    extensionBundleKB: bundle('dist/client/extension.js'),
    clientBundleKB: bundle('dist/client/language-client.js'),
    featuresBundleKB: bundle('dist/client/features.js'),
    serverBundleKB: bundle('dist/server/server.js'),
    targets: { aActivateMs: 20, aHeapAddedMB: 2, bActivateMs: 50, bFirstDiagnosticsMs: 1500 },
  };
  console.log(`\n| case | figure (median of ${rounds} cold starts) | value | target | |\n|---|---|---|---|---|`);
  console.log(
    `| (a) other YAML only | activation, as VS Code counts it (code loading + activate()) | ${result.a.vscodeActivationMsMedian} ms (max ${result.a.vscodeActivationMsMax}) | < 20 ms | ${verdict(result.a.vscodeActivationMsMedian < 20)} |`,
  );
  console.log(
    `| (a) | ext.activate() end to end (floor: an empty extension, ${result.a.controlActivateMsMedian} ms) | ${result.a.activateMsMedian} ms (max ${result.a.activateMsMax}) | < 20 ms | ${verdict(result.a.activateMsMedian < 20)} |`,
  );
  console.log(
    `| (a) | server processes started | ${result.a.serverProcessesStarted} of ${rounds} | 0 | ${verdict(result.a.serverProcessesStarted === 0)} |`,
  );
  console.log(
    `| (a) | features bundle loaded | ${result.a.featuresBundleLoaded ? 'yes' : 'no'} | no | ${verdict(!result.a.featuresBundleLoaded)} |`,
  );
  console.log(
    `| (a) | extension-host heap added | ${result.a.heapAddedMBMedian} MB | < 2 MB | ${verdict(result.a.heapAddedMBMedian < 2)} |`,
  );
  console.log(
    `| (b) experiment open | activation, as VS Code counts it (code loading + activate()) | ${result.b.vscodeActivationMsMedian} ms (max ${result.b.vscodeActivationMsMax}) | < 50 ms | ${verdict(result.b.vscodeActivationMsMedian < 50)} |`,
  );
  console.log(
    `| (b) | ext.activate() end to end (floor: an empty extension, ${result.b.controlActivateMsMedian} ms) | ${result.b.activateMsMedian} ms (max ${result.b.activateMsMax}) | < 50 ms | ${verdict(result.b.activateMsMedian < 50)} |`,
  );
  console.log(
    `| (b) | first diagnostics after opening | ${result.b.firstDiagnosticsMsMedian} ms (max ${result.b.firstDiagnosticsMsMax}) | < 1500 ms | ${verdict(result.b.firstDiagnosticsMsMedian < 1500)} |`,
  );
  console.log(
    `| (b) | server started | ${result.b.serverStarted ? 'yes' : 'no'} | yes | ${verdict(result.b.serverStarted)} |`,
  );
  console.log(`| (b) | extension-host heap added | ${result.b.heapAddedMBMedian} MB | — | |`);
  console.log(
    `| bundles (production) | extension / language client / features / server | ${result.extensionBundleKB} / ${result.clientBundleKB} / ${result.featuresBundleKB} / ${result.serverBundleKB} KB | | |`,
  );
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
