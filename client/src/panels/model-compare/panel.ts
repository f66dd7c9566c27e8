/**
 * Compare Models: two ONNX files side by side in a webview panel (one per pair; asking again reveals it). The
 * comparison is core's diffModels — the same as `liftoff inspect a.onnx --diff b.onnx` — run in the extension host;
 * the page shows "Comparing…" until it arrives.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorText } from '../../error-text';
import { webviewOptions, webviewShell } from '../webview-shell';
import { MODEL_COMPARE_STRINGS, webviewL10n } from '../webview-strings';
import { validMessages } from '../valid-messages';
import { compareViewModel } from './view-model';
import { COMPARE_MODELS_VIEW_TYPE, parseWebviewMessage, type CompareViewModel, type HostMessage } from './contract';

export class CompareModelsPanel {
  /** Open panels by `a\nb` (tests read the last comparison each showed). */
  static readonly open = new Map<string, { panel: vscode.WebviewPanel; model?: CompareViewModel }>();

  static show(extensionUri: vscode.Uri, output: vscode.LogOutputChannel, a: string, b: string): vscode.WebviewPanel {
    const key = `${a}\n${b}`;
    const existing = CompareModelsPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const title = vscode.l10n.t('Compare {0} ↔ {1}', path.basename(a), path.basename(b));
    const panel = vscode.window.createWebviewPanel(
      COMPARE_MODELS_VIEW_TYPE,
      title,
      vscode.ViewColumn.Active,
      webviewOptions(extensionUri, 'model-compare'),
    );
    const entry: { panel: vscode.WebviewPanel; model?: CompareViewModel } = { panel };
    CompareModelsPanel.open.set(key, entry);
    let comparing: Promise<HostMessage> | undefined;
    const compare = () =>
      (comparing ??= compareViewModel(a, b).then(
        (model) => {
          entry.model = model;
          return { type: 'diff' as const, model };
        },
        (err: unknown) => {
          const text = errorText(err);
          output.warn(`Compare Models: ${a} ↔ ${b}: ${text}`);
          return {
            type: 'error' as const,
            message: vscode.l10n.t('Cannot compare {0} and {1}: {2}', path.basename(a), path.basename(b), text),
          };
        },
      ));
    const subs = [
      panel.webview.onDidReceiveMessage(
        validMessages(
          parseWebviewMessage,
          (line) => output.warn(line),
          'Compare Models: ignored an invalid message',
          async (msg) => {
            if (msg.type === 'ready') void panel.webview.postMessage(await compare());
            else if (entry.model) {
              await vscode.env.clipboard.writeText(JSON.stringify(entry.model.diff, null, 2));
              void vscode.window.setStatusBarMessage(vscode.l10n.t('Liftoff: copied the comparison as JSON'), 3000);
            }
          },
        ),
      ),
      panel.onDidDispose(() => {
        if (CompareModelsPanel.open.get(key) === entry) CompareModelsPanel.open.delete(key);
        for (const s of subs) s.dispose();
      }),
    ];
    panel.webview.html = webviewShell(
      panel.webview,
      extensionUri,
      'model-compare',
      title,
      vscode.l10n.t('Comparing the models…'),
      undefined,
      webviewL10n(MODEL_COMPARE_STRINGS),
    );
    return panel;
  }
}
