/**
 * Activation, kept minimal: register every command of the manifest (each loads the features bundle on first use)
 * and load that bundle right after activation returns. Nothing heavy — the language client, YAML, the runs, panels,
 * onnxruntime — is loaded on the activation path (bench/activation measures it).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Features } from './features';
import type { RunsController } from './runs/controller';

let features: Promise<Features> | undefined;

export function activate(context: vscode.ExtensionContext): LiftoffApi {
  const started = performance.now();
  const load = (): Promise<Features> => {
    features ??= new Promise<Features>((resolve, reject) => setImmediate(() => {
      try {
        // A separate bundle (see scripts/build.mjs), required at run time so it stays off the activation path.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(path.join(__dirname, 'features.js')) as typeof import('./features');
        resolve(mod.createFeatures(context));
      } catch (err) {
        void vscode.window.showErrorMessage(`Liftoff could not start: ${(err as Error).message}`);
        reject(err);
      }
    }));
    return features;
  };
  const manifest = context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
  for (const { command } of manifest.contributes?.commands ?? []) {
    context.subscriptions.push(vscode.commands.registerCommand(command, async (...args: unknown[]) => (await load()).invoke(command, args)));
  }
  // Registered at activation so VS Code can restore a plan preview after a reload (onWebviewPanel:liftoff.planPreview);
  // the panel code itself is in the features bundle.
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer('liftoff.planPreview', {
    deserializeWebviewPanel: async (panel, state: unknown) => (await load()).revivePlanPreview(panel, state),
  }), vscode.window.registerWebviewPanelSerializer('liftoff.metrics', {
    deserializeWebviewPanel: async (panel) => (await load()).reviveMetrics(panel),
  }));
  // Registered at activation so that opening an .onnx file (onCustomEditor:liftoff.onnxInspector) finds it; the
  // inspector itself is in the features bundle.
  context.subscriptions.push(vscode.window.registerCustomEditorProvider('liftoff.onnxInspector', {
    openCustomDocument: (uri: vscode.Uri) => ({ uri, dispose: () => undefined }),
    resolveCustomEditor: async (document: vscode.CustomDocument, panel: vscode.WebviewPanel) => (await load()).onnxInspector.resolveCustomEditor(document, panel),
  }, { supportsMultipleEditorsPerDocument: true, webviewOptions: { enableFindWidget: true } }));
  void load();
  return {
    activatedInMs: performance.now() - started,
    ready: async () => (await load()).client.ready(),
    runs: () => load().then((f) => f.runs),
  };
}

export async function deactivate(): Promise<void> {
  await (await features)?.client.stop();
}

/** What the extension exports to tests and other extensions. */
export interface LiftoffApi {
  readonly activatedInMs: number;
  /** Resolves once the language server has answered `initialize`. */
  ready(): Promise<void>;
  /** The runs of this window (the Runs view's data), for tests. */
  runs(): Promise<RunsController>;
}
