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
    saveLabel: 'Export',
    filters,
    ...(defaultUri(name) && { defaultUri: defaultUri(name) }),
  });
  return uri?.fsPath;
}

export interface CsvExport extends CsvSummary {
  readonly file: string;
}

/** `smoothing`: the panel's EMA weight; above 0 the CSV carries a `smoothed` column next to the raw values. */
export async function exportCsv(
  store: SeriesStore,
  runs: readonly string[],
  arg?: unknown,
  smoothing = 0,
): Promise<CsvExport | undefined> {
  if (runs.length === 0) {
    void vscode.window.showWarningMessage('Select at least one run in the metrics panel before exporting.');
    return undefined;
  }
  const file = await target(arg, 'Export metrics as CSV (every point of the selected runs)', `metrics-${stamp()}.csv`, {
    CSV: ['csv'],
  });
  if (!file) return undefined;
  const summary = await writeMetricsCsv(file, store, runs, { smoothing });
  const message = `Exported ${summary.rows.toLocaleString('en-US')} rows (${summary.runs} run${summary.runs === 1 ? '' : 's'}, ${summary.metrics} metric${summary.metrics === 1 ? '' : 's'}) to ${path.basename(file)}.`;
  void vscode.window.showInformationMessage(message, 'Open').then((c) => {
    if (c) void vscode.window.showTextDocument(vscode.Uri.file(file));
  });
  return { ...summary, file };
}

export async function savePng(chart: string, dataUrl: string): Promise<string | undefined> {
  const safe = chart.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'chart';
  const file = await target(undefined, `Save the ${chart} chart as PNG`, `${safe}.png`, { PNG: ['png'] });
  if (!file) return undefined;
  await vscode.workspace.fs.writeFile(
    vscode.Uri.file(file),
    Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'),
  );
  void vscode.window.showInformationMessage(`Saved the ${chart} chart to ${path.basename(file)}.`);
  return file;
}
