import { DiagnosticSeverity, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { LiftoffDiagnostic, ServiceSettings } from './types';
import { hasChinese } from '../../../core/src/l10n';
import { RULE_SUMMARIES_ZH_CN } from './rules/catalogue-zh-cn';

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

/**
 * The message in the user's language. Messages a rule writes with `t()` (core/src/l10n) are already translated; any
 * other message keeps its specifics in English under the rule's Chinese summary ("规则要求：…", what the rule requires), so a zh-cn user always reads what
 * the rule checks in Chinese.
 */
export function localizedMessage(settings: ServiceSettings, code: string, message: string): string {
  if (settings.locale !== 'zh-cn' || hasChinese(message)) return message;
  const summary = RULE_SUMMARIES_ZH_CN[code];
  return summary ? `规则要求：${summary}\n${message}` : message;
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
    message: localizedMessage(settings, code, message),
    code,
    source: SOURCE,
    severity: SEVERITY[severity],
    codeDescription: { href: `${settings.ruleDocsUri}#${code.toLowerCase()}` },
  };
  if (fix) d.data = { fixes: [fix] };
  return d;
}
