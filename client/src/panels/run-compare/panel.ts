/**
 * Compare Runs: two runs side by side in a webview panel (one per pair; asking again reveals it) — their config
 * snapshots as YAML with the changed keys marked, metric deltas at the same steps (the last step both logged, and
 * each run's best) and the end of their logs. The comparison is computed in the extension host (view-model.ts, from
 * core); the page shows "Comparing…" until it arrives. Strict CSP shell, every message validated.
 */
import * as vscode from 'vscode';
import { errorText, uiLocale } from '../../error-text';
import type { RunHandle } from '../../../../core/src/runs';
import { webviewOptions, webviewShell } from '../webview-shell';
import { RUN_COMPARE_STRINGS, webviewL10n } from '../webview-strings';
import { validMessages } from '../valid-messages';
import { COMPARE_RUNS_VIEW_TYPE, parseWebviewMessage, type HostMessage, type RunCompareModel } from './contract';
import { runCompareModel } from './view-model';

export class CompareRunsPanel {
  /** Open panels by `dirA\ndirB` (tests read the last comparison each showed). */
  static readonly open = new Map<string, { panel: vscode.WebviewPanel; model?: RunCompareModel }>();

  static show(
    extensionUri: vscode.Uri,
    output: vscode.LogOutputChannel | undefined,
    a: RunHandle,
    b: RunHandle,
    title: string,
  ): vscode.WebviewPanel {
    const key = `${a.dir}\n${b.dir}`;
    const existing = CompareRunsPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      COMPARE_RUNS_VIEW_TYPE,
      title,
      vscode.ViewColumn.Active,
      webviewOptions(extensionUri, 'run-compare'),
    );
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const entry: { panel: vscode.WebviewPanel; model?: RunCompareModel } = { panel };
    CompareRunsPanel.open.set(key, entry);
    let comparing: Promise<HostMessage> | undefined;
    const compare = () =>
      (comparing ??= runCompareModel(a, b, uiLocale()).then(
        (model) => {
          entry.model = model;
          return { type: 'compare' as const, model };
        },
        (err: unknown) => {
          const text = errorText(err);
          output?.warn(`Compare Runs: ${a.record.id} ↔ ${b.record.id}: ${text}`);
          return {
            type: 'error' as const,
            message: vscode.l10n.t('Cannot compare runs {0} and {1}: {2}', a.record.id, b.record.id, text),
          };
        },
      ));
    const subs = [
      panel.webview.onDidReceiveMessage(
        validMessages(
          parseWebviewMessage,
          (line) => output?.warn(line),
          'Compare Runs: ignored an invalid message',
          async (msg) => {
            if (msg.type === 'ready') void panel.webview.postMessage(await compare());
            else if (entry.model) {
              const { config, metrics, a: sa, b: sb } = entry.model;
              await vscode.env.clipboard.writeText(
                JSON.stringify({ a: sa, b: sb, changes: config.changes, metrics }, null, 2),
              );
              void vscode.window.setStatusBarMessage(vscode.l10n.t('Liftoff: copied the comparison as JSON'), 3000);
            }
          },
        ),
      ),
      panel.onDidDispose(() => {
        if (CompareRunsPanel.open.get(key) === entry) CompareRunsPanel.open.delete(key);
        for (const s of subs) s.dispose();
      }),
    ];
    panel.webview.html = webviewShell(
      panel.webview,
      extensionUri,
      'run-compare',
      title,
      vscode.l10n.t('Comparing the runs…'),
      undefined,
      webviewL10n(RUN_COMPARE_STRINGS),
    );
    return panel;
  }
}
