/**
 * "Insert as column": appends each row's prediction to its line in the source document (and `prediction` to the
 * header when the selection has one), as one edit — a single undo step. Refused when the document changed since
 * inference ran (the rows may have moved), or when the input was not delimited lines.
 */
import * as vscode from 'vscode';
import type { InferenceResult } from '../../../../core/src/inference';
import { csvCell, predictionText } from '../../../../core/src/inference';

export interface InsertTarget {
  readonly uri: vscode.Uri;
  /** The document version inference read. */
  readonly version: number;
}

export async function insertPredictions(
  target: InsertTarget,
  result: InferenceResult,
): Promise<{ ok: boolean; message: string }> {
  const { table } = result;
  if (!table.lines || table.delimiter === undefined)
    return { ok: false, message: vscode.l10n.t('Only delimited rows (CSV, TSV, numbers) can get a new column.') };
  if (result.predictions.kind === 'raw')
    return { ok: false, message: vscode.l10n.t("The model's output is not a label or a value that fits in a column.") };
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
  if (!doc || doc.isClosed)
    return { ok: false, message: vscode.l10n.t('The document is closed: open it and run inference again.') };
  if (doc.version !== target.version)
    return {
      ok: false,
      message: vscode.l10n.t('The document changed since inference ran: run inference again, then insert.'),
    };
  const delim = table.delimiter === ' ' ? ' ' : table.delimiter;
  const cell = (text: string) => (delim === ' ' ? text.replace(/\s+/g, '_') : csvCell(text, delim));
  const edits: Array<[vscode.Position, string]> = [];
  if (table.headerLine !== undefined) edits.push([doc.lineAt(table.headerLine - 1).range.end, `${delim}prediction`]);
  for (let r = 0; r < table.n; r++)
    edits.push([doc.lineAt(table.lines[r]! - 1).range.end, `${delim}${cell(predictionText(result, r))}`]);
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  let applied: boolean;
  if (editor) {
    applied = await editor.edit((b) => {
      for (const [pos, text] of edits) b.insert(pos, text);
    });
  } else {
    const edit = new vscode.WorkspaceEdit();
    for (const [pos, text] of edits) edit.insert(doc.uri, pos, text);
    applied = await vscode.workspace.applyEdit(edit);
  }
  if (!applied)
    return { ok: false, message: vscode.l10n.t('VS Code did not apply the edit (is the document read-only?).') };
  return {
    ok: true,
    message:
      table.n === 1
        ? vscode.l10n.t('Inserted 1 prediction as a new column (undo with one Ctrl+Z).')
        : vscode.l10n.t('Inserted {0} predictions as a new column (undo with one Ctrl+Z).', table.n),
  };
}
