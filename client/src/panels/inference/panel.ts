/**
 * The inference results panel (one per window, reused): shows the latest result beside the data, copies it as CSV
 * or JSON, inserts the predictions into the source as a new column, and shows the raw output tensors on demand.
 * Image files and lines of text come as a prebuilt view (media-view-model.ts): thumbnails or lines, no insertion.
 * The page is rebuilt from `ready` after being hidden (no retainContextWhenHidden): the host keeps the result.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InferenceResult } from '../../../../core/src/inference';
import { resultCsv, resultJson } from '../../../../core/src/inference';
import { uiLocale } from '../../error-text';
import { webviewOptions, webviewShell } from '../webview-shell';
import { INFERENCE_STRINGS, webviewL10n } from '../webview-strings';
import { validMessages } from '../valid-messages';
import {
  FIRST_ROWS,
  INFERENCE_VIEW_TYPE,
  MAX_SHOWN_ROWS,
  parseWebviewMessage,
  type HostMessage,
  type InferenceViewModel,
} from './contract';
import { insertPredictions, type InsertTarget } from './insert-column';
import type { MediaShown } from './media-view-model';
import { rawTensors, resultRows, viewModel } from './view-model';

export interface ShownResult {
  readonly result: InferenceResult;
  readonly how: string;
  readonly sourceName: string;
  /** Where "Insert as column" writes, or why it cannot. */
  readonly target: InsertTarget | { readonly reason: string };
}

/** A table result, or an image/text result already in the panel's terms. */
export type Shown = ShownResult | MediaShown;

const isMedia = (s: Shown): s is MediaShown => 'view' in s;

export class InferencePanel implements vscode.Disposable {
  private static current: InferencePanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** The shown result's number: the page asks for the rows past its first screen by it. */
  private id = 1;

  static show(extensionUri: vscode.Uri, output: vscode.LogOutputChannel, shown: Shown): InferencePanel {
    const open = InferencePanel.current;
    if (open) {
      open.shown = shown;
      open.id++;
      // Each is a round trip to the window: only when something changes (a new model, a hidden panel).
      const title = titleOf(shown);
      if (open.panel.title !== title) open.panel.title = title;
      if (!open.panel.visible) open.panel.reveal(undefined, true);
      open.postModel();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      INFERENCE_VIEW_TYPE,
      titleOf(shown),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { ...webviewOptions(extensionUri, 'inference'), enableFindWidget: true },
    );
    return new InferencePanel(panel, extensionUri, output, shown);
  }

  /** The open panel, for tests and commands. */
  static get open(): InferencePanel | undefined {
    return InferencePanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
    private shown: Shown,
  ) {
    InferencePanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage(
        validMessages(
          parseWebviewMessage,
          (line) => output.warn(line),
          'Inference panel: ignored an invalid message',
          (msg) => {
            if (msg.type === 'ready') this.postModel();
            else if (msg.type === 'rows') this.postRows(msg.id, msg.from);
            else if (msg.type === 'copy') void this.copy(msg.format);
            else if (msg.type === 'raw') {
              const s = this.shown;
              this.post({ type: 'raw', outputs: isMedia(s) ? s.raw() : rawTensors(s.result) });
            } else void this.insert();
          },
        ),
      ),
    );
    panel.webview.html = webviewShell(
      panel.webview,
      extensionUri,
      'inference',
      vscode.l10n.t('Inference results'),
      vscode.l10n.t('Running the model…'),
      undefined,
      webviewL10n(INFERENCE_STRINGS),
    );
  }

  /** The table result shown (undefined while images or text are shown). */
  get result(): InferenceResult | undefined {
    return isMedia(this.shown) ? undefined : this.shown.result;
  }

  /** What the webview shows of the result, every shown row included, for tests and commands. */
  get view(): InferenceViewModel {
    return this.viewWith(MAX_SHOWN_ROWS);
  }

  private viewWith(rows: number): InferenceViewModel {
    const s = this.shown;
    if (isMedia(s)) return { ...s.view, id: this.id, rows: s.view.rows.slice(0, rows) };
    const insert = 'reason' in s.target ? { ok: false as const, reason: s.target.reason } : { ok: true as const };
    return viewModel(s.result, {
      how: s.how,
      sourceName: s.sourceName,
      insert,
      locale: uiLocale(),
      tr: vscode.l10n.t,
      id: this.id,
      rows,
    });
  }

  /** The result with its first screen of rows: the page paints it, then asks for the rest (postRows). */
  private postModel(): void {
    this.post({ type: 'model', model: this.viewWith(FIRST_ROWS) });
  }

  /** The shown rows from `from` on, when the page asks for them of the result it shows (not of an older one). */
  private postRows(id: number, from: number): void {
    if (id !== this.id) return;
    const s = this.shown;
    const rows = isMedia(s) ? s.view.rows.slice(from) : resultRows(s.result, from, MAX_SHOWN_ROWS);
    this.post({ type: 'rows', id, from, rows });
  }

  async copy(format: 'csv' | 'json'): Promise<string> {
    const s = this.shown;
    const text = isMedia(s)
      ? format === 'csv'
        ? s.csv()
        : s.json()
      : format === 'csv'
        ? resultCsv(s.result)
        : resultJson(s.result);
    await vscode.env.clipboard.writeText(text);
    const n = isMedia(s) ? s.view.totalRows : s.result.table.n;
    const unit = isMedia(s) ? (s.view.unit === 'image' ? 'image' : 'line') : 'row';
    const f = format.toUpperCase();
    const copied = {
      image: [vscode.l10n.t('Copied 1 image as {0}.', f), vscode.l10n.t('Copied {0} images as {1}.', n, f)],
      line: [vscode.l10n.t('Copied 1 line as {0}.', f), vscode.l10n.t('Copied {0} lines as {1}.', n, f)],
      row: [vscode.l10n.t('Copied 1 row as {0}.', f), vscode.l10n.t('Copied {0} rows as {1}.', n, f)],
    }[unit];
    this.post({
      type: 'status',
      text: (n === 1 ? copied[0] : copied[1])!,
      level: 'info',
    });
    return text;
  }

  /** Inserts the predictions into the source as a new column (one undo step). */
  async insert(): Promise<boolean> {
    const s = this.shown;
    if (isMedia(s)) {
      this.post({ type: 'status', text: s.view.insert.ok ? '' : s.view.insert.reason, level: 'error' });
      return false;
    }
    const { target, result } = s;
    if ('reason' in target) {
      this.post({ type: 'status', text: target.reason, level: 'error' });
      return false;
    }
    const outcome = await insertPredictions(target, result);
    this.post({ type: 'status', text: outcome.message, level: outcome.ok ? 'info' : 'error' });
    if (!outcome.ok) this.output.warn(`Insert predictions: ${outcome.message}`);
    return outcome.ok;
  }

  private post(msg: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (InferencePanel.current === this) InferencePanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function titleOf(shown: Shown): string {
  return vscode.l10n.t(
    'Predictions · {0}',
    path.basename(isMedia(shown) ? shown.view.model.path : shown.result.modelPath),
  );
}
