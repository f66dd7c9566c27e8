import { DiagnosticSeverity, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { LiftoffDiagnostic, ServiceSettings } from './types';

export const SOURCE = 'liftoff';

export type Severity = 'error' | 'warning' | 'information';
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** Builds a diagnostic with its rule ID as `code`, a link to the rule's documentation, and an optional quick fix. */
export function diagnostic(
  settings: ServiceSettings,
  code: string,
  severity: Severity,
  range: Range,
  message: string,
  fix?: Fix,
): LiftoffDiagnostic {
  const d: LiftoffDiagnostic = {
    range,
    message,
    code,
    source: SOURCE,
    severity: SEVERITY[severity],
    codeDescription: { href: `${settings.ruleDocsUri}#${code.toLowerCase()}` },
  };
  if (fix) d.data = { fixes: [fix] };
  return d;
}
