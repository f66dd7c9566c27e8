/**
 * Runs inside VS Code's extension host (as `extensionTestsPath`) in a workspace where nothing has activated Liftoff
 * yet, for one case of bench/activation.ts (LIFTOFF_BENCH_CASE):
 * (a) only Kubernetes / Compose / Actions YAML: activate as VS Code does, then open those files;
 * (b) an experiment (found by its header, so `workspaceContains` did not activate us at start-up): open it, which
 *     activates Liftoff on onLanguage:yaml, and time until its first diagnostics.
 * It reports activation time, whether a Liftoff server process ever appeared, whether the features bundle loaded,
 * and the extension host's heap added (after a full GC on both sides).
 *
 * Activation time two ways: VS Code's own count (what Running Extensions shows: loading the extension's code plus
 * running its activate(), from the extension host's performance marks), and ext.activate() end to end, which also
 * holds VS Code building the extension's context (a round trip to the window for its stored state). An empty control
 * extension (bench/activation.ts writes it) is activated at the same moment: its end-to-end time is that floor.
 */
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { LiftoffApi } from '../client/src/extension';
import { descendants, liftoffServers } from '../test/support/process-table';
import { CONTROL_ID } from './_activation-control';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<LiftoffApi>('liftoff-dev.liftoff');
  if (!ext) throw new Error('liftoff-dev.liftoff is not loaded');
  const control = vscode.extensions.getExtension(CONTROL_ID);
  if (!control) throw new Error(`${CONTROL_ID} (the empty control extension) is not loaded`);
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const kase = process.env.LIFTOFF_BENCH_CASE === 'b' ? 'b' : 'a';
  const wasActive = ext.isActive;
  let serverSeen = false;
  const look = setInterval(() => {
    if (liftoffServers(ext.extensionPath, descendants(process.pid)).length > 0) serverSeen = true;
  }, 25);
  const heapBefore = heap();
  const t0 = performance.now();
  let activateMs: number;
  let controlActivateMs = NaN;
  const controlActivated = control.activate().then(() => (controlActivateMs = performance.now() - t0));
  let firstDiagnosticsMs: number | undefined;
  if (kase === 'a') {
    await ext.activate();
    activateMs = performance.now() - t0;
    await controlActivated;
    for (const rel of ['k8s/deployment.yaml', '.github/workflows/ci.yml', 'docker-compose.yml']) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, rel)), {
        preview: false,
      });
    }
    await settle(3_000); // a server started by the opened files would show up within this
  } else {
    const uri = vscode.Uri.joinPath(folder, 'experiments', 'train.yaml');
    const opened = vscode.workspace.openTextDocument(uri);
    await ext.activate();
    activateMs = performance.now() - t0;
    await controlActivated;
    await vscode.window.showTextDocument(await opened);
    while (vscode.languages.getDiagnostics(uri).length === 0 && performance.now() - t0 < 30_000) await settle(10);
    firstDiagnosticsMs = performance.now() - t0;
  }
  clearInterval(look);
  // Where the time went, from the moment this host asked (t0): VS Code's own work before our module ran, our module's
  // evaluation and activate(), then (b) the features bundle, the server's initialize, and its first diagnostics.
  if (kase === 'b') await ext.exports.ready();
  const m = ext.exports.marks();
  const since = (t: number | undefined) => (t === undefined || Number.isNaN(t) ? undefined : t - t0);
  const breakdown = {
    moduleStartMs: since(m.moduleStart),
    activateStartMs: since(m.activateStart),
    clientRequestedMs: since(m.clientRequested),
    clientStartedMs: since(m.clientStarted),
    featuresLoadedMs: since(m.featuresLoaded),
    serverReadyMs: since(m.serverReady),
  };
  const heapAddedMB = (heap() - heapBefore) / 2 ** 20;
  const out = process.env.LIFTOFF_BENCH_OUT;
  if (out) {
    writeFileSync(
      out,
      JSON.stringify({
        case: kase,
        wasActive,
        activateMs,
        controlActivateMs,
        vscodeActivationMs: vscodeActivationMs(ext.id),
        insideActivateMs: ext.exports.activatedInMs,
        serverStarted: serverSeen,
        featuresLoaded: ext.exports.featuresLoaded(),
        heapAddedMB,
        firstDiagnosticsMs,
        breakdown,
        vscode: vscode.version,
      }),
    );
  }
}

/**
 * VS Code's activation time of an extension as Running Extensions shows it (code loading + the activate() call), from
 * the extension host's performance marks (`code/extHost/{will,did}{LoadExtensionCode,ActivateExtension}/<id>`).
 */
function vscodeActivationMs(id: string): number | undefined {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } })
    .MonacoPerformanceMarks;
  const marks = perf?.getMarks() ?? [];
  const at = (what: string) => marks.find((m) => m.name === `code/extHost/${what}/${id}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = [
    'willLoadExtensionCode',
    'didLoadExtensionCode',
    'willActivateExtension',
    'didActivateExtension',
  ].map(at);
  if ([willLoad, didLoad, willActivate, didActivate].some((t) => t === undefined)) return undefined;
  return didLoad! - willLoad! + (didActivate! - willActivate!);
}

function settle(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
