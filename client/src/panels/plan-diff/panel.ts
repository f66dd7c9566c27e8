/**
 * The plan compare panel: what changed between an older version of a plan (a git revision or another file) and the
 * plan as it is in its editor, and what it does to the derived figures. Updates while typing (debounced); a click on
 * a row reveals its line in the new plan, or in the old version (a read-only document) for removals and rules that
 * now pass. Read-only.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorText } from '../../error-text';
import { revealLines } from '../../../../core/src/plan';
import type { YamlPath } from '../../../../core/src/plan/render';
import type { PlanDiffResult } from '../../language-client';
import { bundleRoot, webviewShell } from '../webview-shell';
import { PLAN_DIFF_STRINGS, webviewL10n } from '../webview-strings';
import { validMessages } from '../valid-messages';
import { parseWebviewMessage, PLAN_DIFF_VIEW_TYPE, type HostMessage } from './contract';

export interface DiffSource {
  planDiff(uri: vscode.Uri, baseText: string): Promise<PlanDiffResult>;
  readonly output: vscode.LogOutputChannel;
}

/** The old side: its text, how to name it, and the URI of a document showing it. */
export interface PlanBase {
  readonly label: string;
  readonly text: string;
  readonly uri: vscode.Uri;
}

const DEBOUNCE_MS = 150;

/** Old versions shown read-only (scheme `liftoff-plan-base`), for revealing removed lines. */
export class BaseDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'liftoff-plan-base';
  private readonly texts = new Map<string, string>();
  private seq = 0;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
  /** A read-only document URI for `text`, named after the plan and the revision. */
  add(plan: vscode.Uri, label: string, text: string): vscode.Uri {
    const name = `${label.replace(/[^\w.-]+/g, '_')}-${path.posix.basename(plan.path)}`;
    const uri = vscode.Uri.from({ scheme: BaseDocuments.scheme, path: `/${++this.seq}/${name}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }
}

export class PlanDiffPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private lines = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private disposed = false;

  static show(extensionUri: vscode.Uri, source: DiffSource, uri: vscode.Uri, base: PlanBase): PlanDiffPanel {
    const panel = vscode.window.createWebviewPanel(
      PLAN_DIFF_VIEW_TYPE,
      vscode.l10n.t('Changes {0} ↔ {1}', path.posix.basename(uri.path), base.label),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [bundleRoot(extensionUri, 'plan-diff')] },
    );
    return new PlanDiffPanel(panel, extensionUri, source, uri, base);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: DiffSource,
    private readonly uri: vscode.Uri,
    private readonly base: PlanBase,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage(
        validMessages(
          parseWebviewMessage,
          (line) => source.output.warn(line),
          'Plan compare: ignored an invalid message from the webview',
          (msg) => {
            if (msg.type === 'ready') void this.refresh();
            else void this.reveal(msg.path, msg.version);
          },
        ),
      ),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString() && e.contentChanges.length) this.schedule();
      }),
    );
    panel.webview.html = webviewShell(
      panel.webview,
      extensionUri,
      'plan-diff',
      vscode.l10n.t('Plan changes'),
      vscode.l10n.t('Comparing the plans…'),
      undefined,
      webviewL10n(PLAN_DIFF_STRINGS),
    );
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    let result: PlanDiffResult;
    try {
      result = await this.source.planDiff(this.uri, this.base.text);
    } catch (err) {
      if (seq === this.seq)
        this.post({
          type: 'error',
          message: vscode.l10n.t(
            'The language server could not compare the plans: {0}. See "Liftoff: Show Language Server Output".',
            errorText(err),
          ),
        });
      return;
    }
    if (seq !== this.seq || this.disposed) return;
    if (!result) {
      this.post({
        type: 'error',
        message: vscode.l10n.t('Cannot read {0}.', this.uri.scheme === 'file' ? this.uri.fsPath : this.uri.toString()),
      });
      return;
    }
    const [oldProblem, newProblem] = result.problems;
    if (oldProblem || newProblem) {
      this.post({
        type: 'error',
        message:
          oldProblem && newProblem
            ? vscode.l10n.t('Cannot compare: {0}: {1}; the plan: {2}', this.base.label, oldProblem, newProblem)
            : oldProblem
              ? vscode.l10n.t('Cannot compare: {0}: {1}', this.base.label, oldProblem)
              : vscode.l10n.t('Cannot compare: the plan: {0}', newProblem ?? ''),
      });
      return;
    }
    this.lines = revealLines(result.diff);
    this.post({
      type: 'diff',
      diff: result.diff,
      labels: { a: this.base.label, b: vscode.l10n.t('{0} (editor)', path.posix.basename(this.uri.path)) },
    });
  }

  private post(msg: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  /** Selects the line of a clicked row in the new plan or in the old version. */
  private async reveal(p: YamlPath, version: 'a' | 'b'): Promise<void> {
    const line = this.lines.get(`${version}${JSON.stringify(p)}`);
    const doc = await vscode.workspace.openTextDocument(version === 'b' ? this.uri : this.base.uri);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const column =
      shown?.viewColumn ??
      (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const selection = line === undefined ? undefined : doc.lineAt(Math.min(line - 1, doc.lineCount - 1)).range;
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
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
