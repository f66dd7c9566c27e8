/**
 * Activation, kept minimal (bench/activation measures it): register every command of the manifest, the webview
 * serializers, the ONNX custom editor and the Runs view, each of which loads the features bundle when first used.
 * The language client (language-client.js, which starts the server process) and then the features bundle load only
 * once a Liftoff document is seen (liftoff-document.ts) or one of those entry points is used: a workspace of
 * Kubernetes or CI YAML costs nothing.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorText } from './error-text';
import type { Features } from './features';
import type { LiftoffClient, ServerStatus } from './language-client';
import type { RunsController } from './runs/controller';
import { isLiftoffDocument } from './liftoff-document';
import { lazyTreeProvider } from './lazy-tree';
import { openWalkthroughOnStartup } from './walkthrough';
import { spawnServer } from './server-process';

let features: Promise<Features> | undefined;
let client: Promise<LiftoffClient> | undefined;
/** When this module began to evaluate (performance.now(), the extension host's clock): bench/activation's breakdown. */
const moduleStart = performance.now();
const marks: ActivationMarks = { moduleStart, activateStart: NaN };

/** Requires a bundle next to this one at run time (see scripts/build.mjs), so it stays off the activation path. */
function requireBundle<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, name)) as T;
}

/** Runs `make` in a later turn of the event loop (never inside activate() or a VS Code event), failing visibly. */
function later<T>(make: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    setImmediate(() => {
      try {
        resolve(make());
      } catch (err) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff could not start: {0}', errorText(err)));
        reject(err);
      }
    }),
  );
}

export function activate(context: vscode.ExtensionContext): LiftoffApi {
  const started = performance.now();
  marks.activateStart = started;
  // The server's process and the language client first (the client in its own bundle): the server boots while the
  // client's bundle loads, and the features bundle loads after both, so the first diagnostics wait for neither.
  const startClient = (): Promise<LiftoffClient> => {
    if (client) return client;
    marks.clientRequested = performance.now();
    // The server's process first (a few milliseconds): it boots while the client's bundle loads. Should it fail to
    // start here, the client starts it itself and reports why.
    let server: ReturnType<typeof spawnServer> | undefined;
    try {
      server = spawnServer(context.asAbsolutePath('dist/server/server.js'));
    } catch {
      server = undefined;
    }
    client = later(() => {
      const c = requireBundle<typeof import('./language-client')>('language-client.js').startLanguageClient(
        context,
        server,
      );
      marks.clientStarted = performance.now();
      void c.ready().then(
        () => (marks.serverReady = performance.now()),
        () => undefined,
      );
      return c;
    });
    return client;
  };
  const load = (): Promise<Features> => {
    features ??= startClient().then((c) =>
      later(() => {
        const created = requireBundle<typeof import('./features')>('features.js').createFeatures(context, c);
        marks.featuresLoaded = performance.now();
        return created;
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
  // A Liftoff document seen: the client (and so the server) now, the rest once the server has answered and published
  // its first diagnostics (or a second after it answered, for a document without any), so that loading the features
  // does not hold up the extension host while those diagnostics are on their way.
  startOnFirstLiftoffDocument(context, () =>
    startClient()
      .then((c) => c.ready())
      .then(() => diagnosticsOrTimeout(1_000))
      .then(() => load()),
  );
  openWalkthroughOnStartup(context);
  return {
    activatedInMs: performance.now() - started,
    marks: () => ({ ...marks }),
    featuresLoaded: () => client !== undefined || features !== undefined,
    ready: async () => (await load()).client.ready(),
    runs: () => load().then((f) => f.runs),
    serverStatus: async () =>
      client ? (await client).status() : { state: 'not started', text: '', detail: undefined },
    commandIds: async () => (await load()).commandIds,
  };
}

/**
 * Loads the features once a Liftoff document is open: now (deferred past activation, so VS Code's own start-up is
 * not kept waiting) or when one is opened or typed into being (a snippet's modeline, a pasted header) later.
 */
function startOnFirstLiftoffDocument(context: vscode.ExtensionContext, load: () => Promise<unknown>): void {
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

/** Resolves at the next change of any diagnostics, or after `ms`. */
function diagnosticsOrTimeout(ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const listener = vscode.languages.onDidChangeDiagnostics(done);
  });
}

export async function deactivate(): Promise<void> {
  await (await client)?.stop();
}

/** What the extension exports to tests and other extensions. */
export interface LiftoffApi {
  readonly activatedInMs: number;
  /** When activation's steps happened (performance.now() in the extension host), for bench/activation. */
  marks(): ActivationMarks;
  /**
   * Whether Liftoff has started loading: the language client (and with it the server process) or the features bundle
   * (neither does while no Liftoff document is open and no Liftoff command has run).
   */
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
  /** The language client's bundle was asked for (a Liftoff document seen, or a command run). */
  clientRequested?: number;
  /** The language client's bundle was required and the client started (the server process spawned). */
  clientStarted?: number;
  /** The features bundle was required and its features created. */
  featuresLoaded?: number;
  /** The language server answered `initialize`. */
  serverReady?: number;
}
