/** Shared helpers for the BusinessPlan rule tests: validate a fixture, keep one rule's diagnostics, apply a quick fix. */
import * as assert from 'node:assert/strict';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { fixture } from '../../../support/fixtures';
import { assertNone, fixedText, stillYaml } from '../support';

export { expectDiagnostic, fixTitles } from '../support';

export const service = createLanguageService();

export interface Checked {
  doc: { uri: string; text: string };
  code: string;
  diagnostics: LiftoffDiagnostic[];
}

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

/** Applies the quick fix titled `title` of diagnostic `d`; checks the result is valid YAML; returns the new text and its diagnostics of the same rule. */
export async function applyFix(
  checked: Checked,
  d: LiftoffDiagnostic | undefined,
  title: RegExp,
): Promise<{ text: string; diagnostics: LiftoffDiagnostic[] }> {
  const text = fixedText(service, checked.doc, d, title);
  return { text, diagnostics: await stillYaml(service, checked.doc.uri, text, checked.code) };
}

/** Asserts that a fixture gives no diagnostic of its rule. */
export async function expectClean(rel: string, code = codeOf(rel)): Promise<void> {
  assertNone((await check(rel, code)).diagnostics);
}
