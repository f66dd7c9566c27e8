import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { SOURCE } from './diagnostic';
import type { DiagnosticData } from './types';

function isData(value: unknown): value is DiagnosticData {
  return typeof value === 'object' && value !== null && Array.isArray((value as DiagnosticData).fixes);
}

/** Quick fixes for the diagnostics the client sends back (the fixes travel in `data`). */
export function quickFixes(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || !isData(d.data)) continue;
    d.data.fixes.forEach((fix, i) =>
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: i === 0,
        edit: { changes: { [uri]: [...fix.edits] } },
      }),
    );
  }
  return actions;
}
