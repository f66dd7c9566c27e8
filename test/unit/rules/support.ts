/** Helpers every rule test shares (Experiment, BusinessPlan, cross-document): ranges, quick fixes, clean fixtures. */
import * as assert from 'node:assert/strict';
import type { LanguageService, LiftoffDiagnostic } from '../../../server/src/service';
import { applyEdits } from '../../support/fixtures';

export interface Doc {
  readonly uri: string;
  readonly text: string;
}

/** Asserts a diagnostic's code, message and exact range `[line, character, endLine, endCharacter]` (0-based). */
export function expectDiagnostic(
  d: LiftoffDiagnostic | undefined,
  code: string,
  message: RegExp,
  range: [number, number, number, number],
  severity?: number,
): void {
  assert.ok(d, `expected a ${code} diagnostic`);
  assert.equal(d.code, code);
  assert.match(String(d.message), message);
  const [line, character, endLine, endCharacter] = range;
  assert.deepEqual(d.range, { start: { line, character }, end: { line: endLine, character: endCharacter } });
  if (severity !== undefined) assert.equal(d.severity, severity);
}

/** The titles of the quick fixes a diagnostic carries. */
export function fixTitles(d: LiftoffDiagnostic | undefined): string[] {
  const data = d?.data as { fixes?: Array<{ title: string }> } | undefined;
  return (data?.fixes ?? []).map((f) => f.title);
}

/** The text after the quick fix titled `title` of diagnostic `d` (which must be offered). */
export function fixedText(service: LanguageService, doc: Doc, d: LiftoffDiagnostic | undefined, title: RegExp): string {
  assert.ok(d, 'a diagnostic to fix');
  const actions = service.codeActions(doc, [d]);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `a quick fix matching ${title} (offered: ${actions.map((a) => a.title).join(' | ')})`);
  return applyEdits(doc.text, action.edit!.changes![doc.uri]!);
}

/** Validates a fixed text, asserts it is still valid YAML, and returns its diagnostics of `code`. */
export async function stillYaml(
  service: LanguageService,
  uri: string,
  text: string,
  code: string,
): Promise<LiftoffDiagnostic[]> {
  const all = await service.validate({ uri, text });
  assert.deepEqual(
    all.filter((x) => x.code === 'YAML').map((x) => x.message),
    [],
    'the fixed text is still valid YAML',
  );
  return all.filter((x) => x.code === code);
}

/** Asserts there is no diagnostic, listing any as `CODE line:character message`. */
export function assertNone(diagnostics: readonly LiftoffDiagnostic[]): void {
  assert.deepEqual(
    diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.message}`),
    [],
  );
}
