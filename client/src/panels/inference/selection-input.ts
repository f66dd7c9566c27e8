/**
 * What "Run Inference on Selection" reads from an editor: the primary selection (whole lines for delimited text,
 * exact text for JSON), or the whole document when nothing is selected; the line it starts on (messages and
 * inserted columns name document lines); and the document's first line as the header of a selection of data rows.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface SelectionInput {
  readonly text: string;
  /** 1-based document line of the text's first line. */
  readonly firstLine: number;
  /** The document's first line, when the selection starts below it (a CSV header the rows can be matched by). */
  readonly fallbackHeader?: string;
  /** `applications.csv (lines 2–6)` in the user's language, for messages and the panel. */
  readonly name: string;
  readonly uri: vscode.Uri;
  readonly version: number;
}

export function selectionInput(editor: vscode.TextEditor): SelectionInput {
  const doc = editor.document;
  const sel = editor.selection;
  const file = path.basename(doc.uri.path) || doc.uri.toString();
  const base = { uri: doc.uri, version: doc.version };
  if (sel.isEmpty) return { ...base, text: doc.getText(), firstLine: 1, name: file };
  const exact = doc.getText(sel);
  if (/^\s*[[{]/.test(exact)) {
    return { ...base, text: exact, firstLine: sel.start.line + 1, name: vscode.l10n.t('{0} (selection)', file) };
  }
  // Whole lines: a drag that starts mid-line or ends at column 0 of the next line still means those rows.
  const lastLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
  const range = new vscode.Range(sel.start.line, 0, lastLine, doc.lineAt(lastLine).range.end.character);
  const lines =
    sel.start.line === lastLine
      ? vscode.l10n.t('line {0}', sel.start.line + 1)
      : vscode.l10n.t('lines {0}–{1}', sel.start.line + 1, lastLine + 1);
  return {
    ...base,
    text: doc.getText(range),
    firstLine: sel.start.line + 1,
    name: vscode.l10n.t('{0} ({1})', file, lines),
    ...(sel.start.line > 0 && { fallbackHeader: doc.lineAt(0).text }),
  };
}
