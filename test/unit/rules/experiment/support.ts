/** Shared helpers for the Experiment rule tests: validate a fixture, check ranges, apply a quick fix. */
import * as assert from 'node:assert/strict';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { applyEdits, fixture } from '../../../support/fixtures';

export const service = createLanguageService();

/** The codes of the Experiment rules under test here; other rules (schema, file system…) are left to their own tests. */
const CODES = new Set(['EXP-002', 'EXP-003', 'EXP-004', 'EXP-005', 'EXP-006', 'EXP-007', 'EXP-009', 'EXP-010', 'EXP-011',
  'EXP-012', 'EXP-013', 'EXP-014', 'EXP-015', 'EXP-016', 'EXP-019', 'EXP-020', 'EXP-021']);

export interface Checked { doc: { uri: string; text: string }; diagnostics: LiftoffDiagnostic[] }

/** Validates `test/fixtures/rules/<rel>` and keeps the diagnostics of the rules above. */
export async function check(rel: string): Promise<Checked> {
  const f = fixture(`rules/${rel}`);
  const doc = { uri: f.uri, text: f.text };
  return { doc, diagnostics: await ruleDiagnostics(doc) };
}

async function ruleDiagnostics(doc: { uri: string; text: string }): Promise<LiftoffDiagnostic[]> {
  return (await service.validate(doc)).filter((d) => CODES.has(String(d.code)));
}

/** Asserts a diagnostic's code, message and exact range `[line, character, endLine, endCharacter]` (0-based). */
export function expectDiagnostic(d: LiftoffDiagnostic | undefined, code: string, message: RegExp, range: [number, number, number, number], severity?: number): void {
  assert.ok(d, `expected a ${code} diagnostic`);
  assert.equal(d.code, code);
  assert.match(String(d.message), message);
  const [line, character, endLine, endCharacter] = range;
  assert.deepEqual(d.range, { start: { line, character }, end: { line: endLine, character: endCharacter } });
  if (severity !== undefined) assert.equal(d.severity, severity);
}

/** Applies the quick fix titled `title` of diagnostic `d` and returns the new text and its rule diagnostics. */
export async function applyFix(checked: Checked, d: LiftoffDiagnostic | undefined, title: RegExp): Promise<{ text: string; diagnostics: LiftoffDiagnostic[] }> {
  assert.ok(d, 'a diagnostic to fix');
  const action = service.codeActions(checked.doc, [d]).find((a) => title.test(a.title));
  assert.ok(action, `a quick fix matching ${title} (offered: ${service.codeActions(checked.doc, [d]).map((a) => a.title).join(' | ')})`);
  const text = applyEdits(checked.doc.text, action.edit!.changes![checked.doc.uri]!);
  return { text, diagnostics: await ruleDiagnostics({ uri: checked.doc.uri, text }) };
}

/** Asserts that a fixture gives no diagnostic of the rules under test. */
export async function expectClean(rel: string): Promise<void> {
  const { diagnostics } = await check(rel);
  assert.deepEqual(diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.message}`), []);
}

/** The titles of the quick fixes a diagnostic carries. */
export function fixTitles(d: LiftoffDiagnostic | undefined): string[] {
  const data = d?.data as { fixes?: Array<{ title: string }> } | undefined;
  return (data?.fixes ?? []).map((f) => f.title);
}
