/** Shared helpers for the BusinessPlan rule tests: validate a fixture, keep one rule's diagnostics, apply a quick fix. */
import * as assert from 'node:assert/strict';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { applyEdits, fixture } from '../../../support/fixtures';

export const service = createLanguageService();

export interface Checked { doc: { uri: string; text: string }; code: string; diagnostics: LiftoffDiagnostic[] }

/** The rule a fixture belongs to, from its folder: `plan-004/fail.plan.yaml` → PLAN-004. */
function codeOf(rel: string): string {
  const m = /^plan-(\d{3})\//.exec(rel);
  assert.ok(m, `${rel} lives in a plan-0nn folder`);
  return `PLAN-${m[1] ?? ''}`;
}

/** Validates `test/fixtures/rules/<rel>` and keeps the diagnostics of one rule (by default the folder's). */
export async function check(rel: string, code = codeOf(rel)): Promise<Checked> {
  const f = fixture(`rules/${rel}`);
  const doc = { uri: f.uri, text: f.text };
  return { doc, code, diagnostics: await diagnosticsOf(doc, code) };
}

export async function diagnosticsOf(doc: { uri: string; text: string }, code: string): Promise<LiftoffDiagnostic[]> {
  return (await service.validate(doc)).filter((d) => d.code === code);
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

/** Applies the quick fix titled `title` of diagnostic `d`; checks the result is valid YAML; returns the new text and its diagnostics of the same rule. */
export async function applyFix(checked: Checked, d: LiftoffDiagnostic | undefined, title: RegExp): Promise<{ text: string; diagnostics: LiftoffDiagnostic[] }> {
  assert.ok(d, 'a diagnostic to fix');
  const actions = service.codeActions(checked.doc, [d]);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `a quick fix matching ${title} (offered: ${actions.map((a) => a.title).join(' | ')})`);
  const text = applyEdits(checked.doc.text, action.edit!.changes![checked.doc.uri]!);
  const all = await service.validate({ uri: checked.doc.uri, text });
  assert.deepEqual(all.filter((x) => x.code === 'YAML').map((x) => x.message), [], 'the fixed text is still valid YAML');
  return { text, diagnostics: all.filter((x) => x.code === checked.code) };
}

/** Asserts that a fixture gives no diagnostic of its rule. */
export async function expectClean(rel: string, code = codeOf(rel)): Promise<void> {
  const { diagnostics } = await check(rel, code);
  assert.deepEqual(diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.message}`), []);
}

/** The titles of the quick fixes a diagnostic carries. */
export function fixTitles(d: LiftoffDiagnostic | undefined): string[] {
  const data = d?.data as { fixes?: Array<{ title: string }> } | undefined;
  return (data?.fixes ?? []).map((f) => f.title);
}
