/**
 * Activation, kept minimal (bench/activation measures it): register every command of the manifest, the webview
 * serializers, the ONNX custom editor and the Runs view, each of which loads the features bundle when first used.
 * The features bundle — and with it the language server process — starts only once a Liftoff document is seen
 * (liftoff-document.ts) or one of those entry points is used: a workspace of Kubernetes or CI YAML costs nothing.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Features } from './features';
import type { ServerStatus } from './language-client';
import type { RunsController } from './runs/controller';
import { isLiftoffDocument } from './liftoff-document';
import { lazyTreeProvider } from './lazy-tree';
import { openWalkthroughOnStartup } from './walkthrough';

let features: Promise<Features> | undefined;
/** When this module began to evaluate (performance.now(), the extension host's clock): bench/activation's breakdown. */
const moduleStart = performance.now();
const marks: ActivationMarks = { moduleStart, activateStart: NaN };

export function activate(context: vscode.ExtensionContext): LiftoffApi {
  const started = performance.now();
  marks.activateStart = started;
  const load = (): Promise<Features> => {
    features ??= new Promise<Features>((resolve, reject) =>
      setImmediate(() => {
        try {
          // A separate bundle (see scripts/build.mjs), required at run time so it stays off the activation path.
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const mod = require(path.join(__dirname, 'features.js')) as typeof import('./features');
          const created = mod.createFeatures(context);
          marks.featuresLoaded = performance.now();
          void created.client.ready().then(
            () => (marks.serverReady = performance.now()),
            () => undefined,
          );
          resolve(created);
        } catch (err) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff could not start: {0}', (err as Error).message));
          reject(err);
        }
      }),
    );
    return features;
  };
  const manifest = context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
  for (const { command } of manifest.contributes?.commands ?? []) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, async (...args: unknown[]) => (await load()).invoke(command, args)),
    );
  }
  // Registered at activation so VS Code can restore a plan preview after a reload (onWebviewPanel:liftoff.planPreview);
  // the panel code itself is in the features bundle.
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer('liftoff.planPreview', {
      deserializeWebviewPanel: async (panel, state: unknown) => (await load()).revivePlanPreview(panel, state),
    }),
    vscode.window.registerWebviewPanelSerializer('liftoff.metrics', {
      deserializeWebviewPanel: async (panel) => (await load()).reviveMetrics(panel),
    }),
  );
  // Registered at activation so that opening an .onnx file (onCustomEditor:liftoff.onnxInspector) finds it; the
  // inspector itself is in the features bundle.
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(
      'liftoff.onnxInspector',
      {
        openCustomDocument: (uri: vscode.Uri) => ({ uri, dispose: () => undefined }),
        resolveCustomEditor: async (document: vscode.CustomDocument, panel: vscode.WebviewPanel) =>
          (await load()).onnxInspector.resolveCustomEditor(document, panel),
      },
      { supportsMultipleEditorsPerDocument: true, webviewOptions: { enableFindWidget: true } },
    ),
  );
  // The Runs view: opening it loads the runs (and so the features bundle); until then it costs nothing.
  // Several runs may be selected: "Compare Runs" takes the two selected.
  context.subscriptions.push(
    vscode.window.createTreeView('liftoff.runs', {
      treeDataProvider: lazyTreeProvider(async () => (await load()).runs.tree, context.subscriptions),
      canSelectMany: true,
    }),
  );
  startOnFirstLiftoffDocument(context, load);
  openWalkthroughOnStartup(context);
  return {
    activatedInMs: performance.now() - started,
    marks: () => ({ ...marks }),
    featuresLoaded: () => features !== undefined,
    ready: async () => (await load()).client.ready(),
    runs: () => load().then((f) => f.runs),
    serverStatus: async () =>
      features ? (await features).client.status() : { state: 'not started', text: '', detail: undefined },
    commandIds: async () => (await load()).commandIds,
  };
}

/**
 * Loads the features once a Liftoff document is open: now (deferred past activation, so VS Code's own start-up is
 * not kept waiting) or when one is opened or typed into being (a snippet's modeline, a pasted header) later.
 */
function startOnFirstLiftoffDocument(context: vscode.ExtensionContext, load: () => Promise<Features>): void {
  const seen = (doc: vscode.TextDocument) =>
    isLiftoffDocument(doc.uri.toString(), doc.languageId, () => doc.getText(new vscode.Range(0, 0, 100, 0)));
  if (vscode.workspace.textDocuments.some(seen)) {
    setTimeout(() => void load(), 0);
    return;
  }
  const watchers: vscode.Disposable[] = [];
  const check = (doc: vscode.TextDocument) => {
    if (features) {
      watchers.forEach((w) => w.dispose());
      return;
    }
    if (!seen(doc)) return;
    watchers.forEach((w) => w.dispose());
    void load();
  };
  watchers.push(
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
  );
  context.subscriptions.push(...watchers);
}

export async function deactivate(): Promise<void> {
  await (await features)?.client.stop();
}

/** What the extension exports to tests and other extensions. */
export interface LiftoffApi {
  readonly activatedInMs: number;
  /** When activation's steps happened (performance.now() in the extension host), for bench/activation. */
  marks(): ActivationMarks;
  /** Whether the features bundle (and so the language server) has been asked to load. */
  featuresLoaded(): boolean;
  /** Loads the features if needed; resolves once the language server has answered `initialize`. */
  ready(): Promise<void>;
  /** The runs of this window (the Runs view's data), for tests. */
  runs(): Promise<RunsController>;
  /** What the language status item shows ("not started" while the features are not loaded). */
  serverStatus(): Promise<ServerStatus>;
  /** The ids the commands table has handlers for (loads the features). */
  commandIds(): Promise<readonly string[]>;
}

/** performance.now() of the extension host at each step; absent: not reached (yet). */
export interface ActivationMarks {
  /** This module began to evaluate (VS Code has loaded the file). */
  readonly moduleStart: number;
  /** VS Code called activate(). */
  activateStart: number;
  /** The features bundle was required and its features created (the language client starting). */
  featuresLoaded?: number;
  /** The language server answered `initialize`. */
  serverReady?: number;
}
