/**
 * "Liftoff: Open Log Folder as Runs": a folder of TensorBoard event files, Lightning/Keras CSV logs or JSON lines that
 * Liftoff did not write (the Explorer's folder context menu, or the palette with a folder picker), opened in the
 * metrics panel as read-only runs. Discovery is core's scanLogFolder (bounded, links never followed); the panel reads
 * the runs with the same feed as Liftoff's own. Nothing is written to the folder.
 */
import * as vscode from 'vscode';
import { errorText } from '../error-text';
import { scanLogFolder, type LogFolderScan } from '../../../core/src/metrics';
import type { CommandSpec } from '../command-spec';
import { MetricsPanel, type MetricsDeps } from '../panels/metrics/panel';

export function logFolderCommandSpecs(deps: MetricsDeps): CommandSpec[] {
  return [
    {
      id: 'liftoff.openLogFolder',
      run: async (arg: unknown) => {
        let folder =
          arg instanceof vscode.Uri && arg.scheme === 'file' ? arg.fsPath : typeof arg === 'string' ? arg : undefined;
        if (!folder) {
          const picked = await vscode.window.showOpenDialog({
            canSelectFiles: false,
            canSelectFolders: true,
            canSelectMany: false,
            openLabel: vscode.l10n.t('Open as Runs'),
            title: vscode.l10n.t('A folder of TensorBoard event files, CSV logs or JSON lines'),
          });
          folder = picked?.[0]?.fsPath;
        }
        if (!folder) return undefined;
        let scan: LogFolderScan;
        try {
          scan = await scanLogFolder(folder);
        } catch (err) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff: {0}', errorText(err)));
          return undefined;
        }
        const skipped = scan.skipped.length ? ` ${vscode.l10n.t('Not looked at: {0}.', scan.skipped.join('; '))}` : '';
        if (!scan.runs.length) {
          void vscode.window.showWarningMessage(
            vscode.l10n.t(
              'Liftoff found no TensorBoard event files (events.out.tfevents.*), CSV logs (*.csv) or JSON lines (*.jsonl) in {0}.',
              folder,
            ) + skipped,
          );
          return { folder: scan.root, runs: [] };
        }
        deps.output?.info(
          `Open Log Folder: ${scan.runs.length} read-only run(s) in ${scan.root}: ${scan.runs.map((r) => r.name).join(', ')}.${skipped}`,
        );
        if (skipped)
          void vscode.window.showInformationMessage(
            vscode.l10n.t('Liftoff opened {0} run(s) of {1}.', scan.runs.length, folder) + skipped,
          );
        const panel = await MetricsPanel.show(
          deps,
          scan.runs.map((r) => ({ dir: r.dir, record: r.record })),
          true,
        );
        return { folder: scan.root, runs: scan.runs.map((r) => r.id), selected: panel.selected };
      },
    },
  ];
}
