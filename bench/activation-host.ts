/**
 * Runs inside VS Code's extension host (as `extensionTestsPath`) in a workspace with no Liftoff files, so the
 * extension is not yet active: times `activate()` as VS Code does it (loading the bundle + calling activate).
 */
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LiftoffApi } from '../client/src/extension';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<LiftoffApi>('liftoff-dev.liftoff');
  if (!ext) throw new Error('liftoff-dev.liftoff is not loaded');
  const wasActive = ext.isActive;
  const t0 = performance.now();
  await ext.activate();
  const activateMs = performance.now() - t0;
  const t1 = performance.now();
  await ext.exports.ready();
  const serverReadyMs = performance.now() - t1;
  const out = process.env.LIFTOFF_BENCH_OUT;
  if (out) writeFileSync(out, JSON.stringify({ wasActive, activateMs, insideActivateMs: ext.exports.activatedInMs, serverReadyMs, vscode: vscode.version }));
}
