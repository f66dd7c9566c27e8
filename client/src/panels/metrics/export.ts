/**
 * The metrics panel's exports, written by the host: the full-resolution CSV of the selected runs (from the series
 * store, never the webview's copy; raw values and, when smoothing is on, the smoothed ones) and a chart's PNG (the webview draws it; the host only saves the bytes).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeMetricsCsv, type CsvSummary } from '../../../../core/src/metrics';
import type { SeriesStore } from '../../../../core/src/metrics';

function defaultUri(name: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && vscode.Uri.joinPath(folder, name);
}

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** A file path from a command argument (a path or a file URI), else from a save dialog; undefined: cancelled. */
async function target(
  arg: unknown,
  title: string,
  name: string,
  filters: Record<string, string[]>,
): Promise<string | undefined> {
  if (typeof arg === 'string' && arg) return path.resolve(arg);
  if (arg instanceof vscode.Uri && arg.scheme === 'file') return arg.fsPath;
  const uri = await vscode.window.showSaveDialog({
    title,
    saveLabel: vscode.l10n.t('Export'),
    filters,
    ...(defaultUri(name) && { defaultUri: defaultUri(name) }),
  });
  return uri?.fsPath;
}

export interface CsvExport extends CsvSummary {
  readonly file: string;
}

/**
 * `store`: the panel's store, or each run's (a run drawn from its cache has its files read again for the export).
 * `smoothing`: the panel's EMA weight; above 0 the CSV carries a `smoothed` column next to the raw values. */
export async function exportCsv(
  store: SeriesStore | ((run: string) => Promise<SeriesStore | undefined>),
  runs: readonly string[],
  arg?: unknown,
  smoothing = 0,
): Promise<CsvExport | undefined> {
  if (runs.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Select at least one run in the metrics panel before exporting.'),
    );
    return undefined;
  }
  const file = await target(
    arg,
    vscode.l10n.t('Export metrics as CSV (every point of the selected runs)'),
    `metrics-${stamp()}.csv`,
    { CSV: ['csv'] },
  );
  if (!file) return undefined;
  const summary = await writeMetricsCsv(file, store, runs, { smoothing });
  const message = vscode.l10n.t(
    'Exported {0} rows to {1} (runs: {2}, metrics: {3}).',
    summary.rows.toLocaleString('en-US'),
    path.basename(file),
    summary.runs,
    summary.metrics,
  );
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(message, open).then((c) => {
    if (c === open) void vscode.window.showTextDocument(vscode.Uri.file(file));
  });
  return { ...summary, file };
}

export async function savePng(chart: string, dataUrl: string): Promise<string | undefined> {
  const safe = chart.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'chart';
  const file = await target(undefined, vscode.l10n.t('Save the {0} chart as PNG', chart), `${safe}.png`, {
    PNG: ['png'],
  });
  if (!file) return undefined;
  await vscode.workspace.fs.writeFile(
    vscode.Uri.file(file),
    Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'),
  );
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the {0} chart to {1}.', chart, path.basename(file)));
  return file;
}
