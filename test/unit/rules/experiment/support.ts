/** Shared helpers for the Experiment rule tests: validate a fixture, check ranges, apply a quick fix. */
import * as assert from 'node:assert/strict';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { fixture } from '../../../support/fixtures';
import { assertNone, fixedText } from '../support';

export { expectDiagnostic, fixTitles } from '../support';

// Not incremental: Stryker's mocha runner keeps this module (and a service's per-document state) from one mutant to
// the next, so an incremental service could answer a fixture it validated under an earlier mutant from that state.
export const service = createLanguageService({}, { incremental: false });

/** The codes of the Experiment rules under test here; other rules (schema, file system…) are left to their own tests. */
const CODES = new Set([
  'EXP-002',
  'EXP-003',
  'EXP-004',
  'EXP-005',
  'EXP-006',
  'EXP-007',
  'EXP-009',
  'EXP-010',
  'EXP-011',
  'EXP-012',
  'EXP-013',
  'EXP-014',
  'EXP-015',
  'EXP-016',
  'EXP-019',
  'EXP-020',
  'EXP-021',
]);

export interface Checked {
  doc: { uri: string; text: string };
  diagnostics: LiftoffDiagnostic[];
}

/** Validates `test/fixtures/rules/<rel>` and keeps the diagnostics of the rules above. */
export async function check(rel: string): Promise<Checked> {
  const f = fixture(`rules/${rel}`);
  const doc = { uri: f.uri, text: f.text };
  return { doc, diagnostics: await ruleDiagnostics(doc) };
}

async function ruleDiagnostics(doc: { uri: string; text: string }): Promise<LiftoffDiagnostic[]> {
  const all = await service.validate(doc);
  noCrash(all);
  return all.filter((d) => CODES.has(String(d.code)));
}

/**
 * Asserts that no rule failed on the document: a rule that throws is reported as `LIFTOFF-INTERNAL` and its own
 * findings are dropped, which a test filtering one rule's code would otherwise read as "nothing to report".
 */
export function noCrash(all: readonly LiftoffDiagnostic[]): void {
  assert.deepEqual(
    all.filter((d) => typeof d?.code !== 'string'),
    [],
    'every diagnostic has a code',
  );
  assert.deepEqual(
    all.filter((d) => d.code === 'LIFTOFF-INTERNAL').map((d) => String(d.message)),
    [],
    'no rule failed',
  );
}

/** The diagnostics of `code` among `all`, after asserting that no rule failed. */
export function only(all: readonly LiftoffDiagnostic[], code: string): LiftoffDiagnostic[] {
  noCrash(all);
  return all.filter((d) => d.code === code);
}

/** Applies the quick fix titled `title` of diagnostic `d` and returns the new text and its rule diagnostics. */
export async function applyFix(
  checked: Checked,
  d: LiftoffDiagnostic | undefined,
  title: RegExp,
): Promise<{ text: string; diagnostics: LiftoffDiagnostic[] }> {
  const text = fixedText(service, checked.doc, d, title);
  return { text, diagnostics: await ruleDiagnostics({ uri: checked.doc.uri, text }) };
}

/** Asserts that a fixture gives no diagnostic of the rules under test. */
export async function expectClean(rel: string): Promise<void> {
  assertNone((await check(rel)).diagnostics);
}
