/**
 * The plan preview panel (one per window): shows the plan of the active plan editor beside it, updates while
 * typing (at once, one request at a time: edits made while one is answered coalesce into one more), follows the active plan editor, reveals the YAML of a clicked element, and is restored
 * after a window reload by the serializer. Read-only: it never edits the plan, so it works in untrusted workspaces.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  modelDelta,
  pathKey,
  type PlanViewModel,
  type PostedSections,
  type SourceRange,
  type YamlPath,
} from '../../../../core/src/plan/render';
import { isPlanDocument } from '../../plan-document';
import { errorText } from '../../error-text';
import { parseWebviewMessage, PLAN_PREVIEW_VIEW_TYPE, type HostMessage } from './contract';
import { bundleRoot, webviewShell } from '../webview-shell';
import { webviewL10n } from '../webview-strings';
import { validMessages } from '../valid-messages';
import { reviewPathOf } from '../../../../core/src/plan';
import { PlanReviewController } from '../../plan-review/controller';
import { decorateModel } from './decorate';

/** Where the panel gets its view model: the language server (liftoff/planViewModel). */
export interface ModelSource {
  /** `scenario`: the view model of that scenario of the plan (its figures, charts and rules). */
  planViewModel(uri: vscode.Uri, scenario?: string): Promise<PlanViewModel | null>;
  readonly output: vscode.LogOutputChannel;
}

export class PlanPreview implements vscode.Disposable {
  private static current: PlanPreview | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ranges = new Map<string, SourceRange>();
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  /** A request is being answered; `again`: an edit came meanwhile, so one more follows (superseded ones never start). */
  private busy = false;
  private again = false;
  private disposed = false;
  /** The scenario the switcher shows (undefined: the plan as written); kept while typing, reset for another plan. */
  private scenario: string | undefined;
  /** Each section's JSON as last posted (the webview has those): only changed sections are posted again. */
  private posted: PostedSections | undefined;
  private readonly reviewWatcher = vscode.workspace.createFileSystemWatcher('**/*.review.{yaml,yml}');

  /** Opens the preview of `uri` beside the editor, or points the open one at it. */
  static show(extensionUri: vscode.Uri, source: ModelSource, uri: vscode.Uri): PlanPreview {
    const open = PlanPreview.current;
    if (open) {
      open.panel.reveal(undefined, true);
      open.follow(uri);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      PLAN_PREVIEW_VIEW_TYPE,
      titleOf(uri),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      options(extensionUri),
    );
    return new PlanPreview(panel, extensionUri, source, uri);
  }

  /** Re-attaches a panel VS Code restored after a window reload (see serializer.ts). */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    source: ModelSource,
    uri: vscode.Uri,
    scenario?: string,
  ): PlanPreview {
    PlanPreview.current?.dispose();
    panel.webview.options = options(extensionUri);
    const preview = new PlanPreview(panel, extensionUri, source, uri);
    preview.scenario = scenario;
    return preview;
  }

  /** The plan the open preview shows, if any. */
  static get shownPlan(): vscode.Uri | undefined {
    return PlanPreview.current?.uri;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: ModelSource,
    private uri: vscode.Uri,
  ) {
    PlanPreview.current = this;
    panel.title = titleOf(uri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // `ready` comes after every (re)load of the page: first open, shown again after being hidden, window reload.
      panel.webview.onDidReceiveMessage(
        validMessages(
          parseWebviewMessage,
          (line) => source.output.warn(line),
          'Plan preview: ignored an invalid message from the webview',
          (msg) => {
            if (msg.type === 'ready') {
              this.posted = undefined; // a fresh page: it has no sections yet
              void this.refresh();
            } else if (msg.type === 'scenario') this.choose(msg.name ?? undefined);
            else void this.reveal(msg.path);
          },
        ),
      ),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString() && e.contentChanges.length) this.schedule();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === this.uri.toString())) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isPlanDocument(editor.document)) this.follow(editor.document.uri);
      }),
      // The review threads beside the sections: redraw when the plan's review file changes (here or on disk).
      ...(PlanReviewController.current
        ? [
            PlanReviewController.current.onDidChange((u) => {
              if (u.toString() === this.uri.toString()) this.schedule();
            }),
          ]
        : []),
      this.reviewWatcher,
      this.reviewWatcher.onDidChange((u) => this.onReviewFile(u)),
      this.reviewWatcher.onDidCreate((u) => this.onReviewFile(u)),
      this.reviewWatcher.onDidDelete((u) => this.onReviewFile(u)),
    );
    panel.webview.html = webviewShell(
      panel.webview,
      extensionUri,
      'plan-preview',
      vscode.l10n.t('Plan preview'),
      vscode.l10n.t('Loading the plan preview…'),
      undefined,
      webviewL10n([]),
    ); // after the listeners: the page answers with `ready`
  }

  /** Shows another plan (the user switched to its editor or ran the command on it). */
  follow(uri: vscode.Uri): void {
    if (uri.toString() === this.uri.toString()) return;
    this.uri = uri;
    this.scenario = undefined;
    this.posted = undefined;
    this.panel.title = titleOf(uri);
    void this.refresh();
  }

  /** The switcher's choice: show that scenario (undefined: the plan as written) from now on, also while typing. */
  private choose(scenario: string | undefined): void {
    if (scenario === this.scenario) return;
    this.scenario = scenario;
    this.schedule();
  }

  private onReviewFile(u: vscode.Uri): void {
    if (u.path === reviewPathOf(this.uri.path)) this.schedule();
  }

  /**
   * An edit: the preview starts updating at once (no typing debounce). While a request is answered, further edits
   * only mark that one more is needed; it starts when the answer arrives, for the newest text.
   */
  private schedule(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    void this.refresh();
  }

  /** Asks the server for the current model and posts it; an answer overtaken by a newer request is dropped. */
  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.busy = true;
    this.again = false;
    try {
      await this.update();
    } finally {
      this.busy = false;
      if (this.again && !this.disposed) {
        this.again = false;
        void this.refresh();
      }
    }
  }

  private async update(): Promise<void> {
    const seq = ++this.seq;
    const uri = this.uri;
    const scenario = this.scenario;
    let model: PlanViewModel | null;
    try {
      model = await this.source.planViewModel(uri, scenario);
    } catch (err) {
      if (seq === this.seq)
        this.post({
          type: 'error',
          message: vscode.l10n.t(
            'The language server could not build the preview: {0}. See "Liftoff: Show Language Server Output".',
            errorText(err),
          ),
        });
      return;
    }
    if (seq !== this.seq || this.disposed) return;
    // The switcher changed meanwhile: this answer is for the scenario it showed before; the next request follows.
    if (scenario !== this.scenario) {
      this.again = true;
      return;
    }
    if (!model) {
      this.post({
        type: 'error',
        message: vscode.l10n.t('Cannot read {0}.', uri.scheme === 'file' ? uri.fsPath : uri.toString()),
      });
      return;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // The server had not seen the latest edit yet: ask again on the next turn rather than show an older text.
    if (open && model.version !== undefined && model.version < open.version) {
      this.timer = setTimeout(() => this.schedule(), 0);
      return;
    }
    model = await decorateModel(model, uri);
    if (seq !== this.seq || this.disposed) return;
    this.ranges = rangesOf(model);
    const { delta, posted } = modelDelta(model, this.posted);
    this.posted = posted;
    this.post({ type: 'model', model: delta });
  }

  private post(msg: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  /** Selects the YAML of a clicked element in the plan's editor (the nearest enclosing element when it moved). */
  private async reveal(p: YamlPath): Promise<void> {
    let range: SourceRange | undefined;
    for (let n = p.length; n >= 0 && !range; n--) range = this.ranges.get(pathKey(p.slice(0, n)));
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const column =
      shown?.viewColumn ??
      (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const selection = range
      ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character)
      : undefined;
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: column,
      preserveFocus: false,
      ...(selection && { selection }),
    });
    if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    if (PlanPreview.current === this) PlanPreview.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  // No retainContextWhenHidden: the page reloads when shown again and gets the model in answer to `ready`.
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [bundleRoot(extensionUri, 'plan-preview')],
  };
}

function titleOf(uri: vscode.Uri): string {
  return vscode.l10n.t('Preview {0}', path.posix.basename(uri.path));
}

/** Every `{path, range}` in the model, by path: what a click can reveal. */
function rangesOf(model: PlanViewModel): Map<string, SourceRange> {
  const out = new Map<string, SourceRange>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.path) && typeof o.range === 'object' && o.range !== null) {
      const key = pathKey(o.path as YamlPath);
      if (!out.has(key)) out.set(key, o.range as SourceRange);
    }
    for (const x of Object.values(o)) if (typeof x === 'object') walk(x);
  };
  walk(model);
  return out;
}
