/** The document's diagnostics for the view: severity words, a YAML path for click-to-reveal, grouped per section. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Node } from 'yaml';
import type { DiagnosticView, ViewSeverity } from '../../../../core/src/plan/render';
import { nodeAt } from '../yaml-path';
import type { ParsedFile } from '../parse';

const SEVERITY: Record<number, ViewSeverity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function diagnosticView(file: ParsedFile, root: Node | null | undefined, d: Diagnostic): DiagnosticView {
  const offset = file.index.offsetAt(d.range.start);
  const path = nodeAt(root, offset)?.path ?? [];
  return {
    severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error] ?? 'error',
    message: typeof d.message === 'string' ? d.message : d.message.value,
    ...(d.code !== undefined && { code: String(d.code) }),
    ref: { path, range: { start: { ...d.range.start }, end: { ...d.range.end } } },
  };
}

/** Assigns each diagnostic to the section whose key-to-value span holds its start; the rest stay document-level. */
export function groupBySection(
  file: ParsedFile,
  spans: ReadonlyMap<string, [number, number]>,
  diagnostics: readonly Diagnostic[],
  root: Node | null | undefined,
) {
  const bySection = new Map<string, DiagnosticView[]>();
  const rest: DiagnosticView[] = [];
  for (const d of diagnostics) {
    const offset = file.index.offsetAt(d.range.start);
    const view = diagnosticView(file, root, d);
    const section = [...spans].find(([, [s, e]]) => s <= offset && offset <= e)?.[0];
    if (section) bySection.set(section, [...(bySection.get(section) ?? []), view]);
    else rest.push(view);
  }
  return { bySection, rest };
}
