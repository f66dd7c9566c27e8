/** Shared helpers for the cross-document (XDOC) rule tests: a service over a fixture workspace with the real Node host. */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createLanguageService,
  type LanguageService,
  type LiftoffDiagnostic,
  type ServiceSettings,
} from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import { INTERNAL_CODE } from '../../../../server/src/service/rule-runner';
import { FIXTURES } from '../../../support/fixtures';
import { fixedText, stillYaml } from '../support';

let serial = 0;

export { expectDiagnostic, fixTitles } from '../support';

/** The fixture workspace of a rule: `test/fixtures/rules/xdoc-00n`. */
export function workspace(rule: string): string {
  return path.join(FIXTURES, 'rules', rule);
}

/** A language service whose host sees `folder` as the workspace (no GPU probe). */
export function xdocService(folder: string, settings: Partial<ServiceSettings> = {}): LanguageService {
  return createLanguageService(settings, {
    host: createNodeHost({ workspaceFolders: [folder], gpuProbe: async () => ({ status: 'no-driver' }) }),
  });
}

export interface XdocChecked {
  doc: { uri: string; text: string };
  code: string;
  diagnostics: LiftoffDiagnostic[];
}

/** Validates the file at `file` (its text on disk unless `text` is given) and keeps the diagnostics of `code`. */
export async function checkFile(
  service: LanguageService,
  file: string,
  code: string,
  text?: string,
): Promise<XdocChecked> {
  const doc = { uri: pathToFileURL(file).toString(), text: text ?? readFileSync(file, 'utf8') };
  return { doc, code, diagnostics: wellFormed(await service.validate(doc)).filter((d) => d.code === code) };
}

/** Validates `text` as an unsaved document (a new name each call) and keeps the diagnostics of `code`. */
export async function checkUnsaved(service: LanguageService, text: string, code: string): Promise<LiftoffDiagnostic[]> {
  serial += 1;
  return wellFormed(await service.validate({ uri: `untitled:check-${serial}`, text })).filter((d) => d.code === code);
}

/**
 * Every finding is a diagnostic with a code and a message, and no rule failed: a rule that returned anything else, or
 * threw (reported as LIFTOFF-INTERNAL), is caught here.
 */
function wellFormed(diagnostics: LiftoffDiagnostic[]): LiftoffDiagnostic[] {
  for (const d of diagnostics as unknown[])
    assert.ok(
      typeof d === 'object' && d !== null && 'code' in d && 'message' in d,
      `not a diagnostic: ${JSON.stringify(d)}`,
    );
  const failed = diagnostics.filter((d) => d.code === INTERNAL_CODE);
  assert.deepEqual(failed, [], 'a rule failed');
  return diagnostics;
}

/** Applies the quick fix titled `title`, checks the text is still valid YAML, and returns it with its diagnostics of the same rule. */
export async function applyFix(
  service: LanguageService,
  checked: XdocChecked,
  d: LiftoffDiagnostic | undefined,
  title: RegExp,
): Promise<{ text: string; diagnostics: LiftoffDiagnostic[] }> {
  const text = fixedText(service, checked.doc, d, title);
  return { text, diagnostics: await stillYaml(service, checked.doc.uri, text, checked.code) };
}

/** A new temporary workspace holding `files` (relative path → text); remove it with `rmSync(dir, {recursive: true})`. */
export function tempWorkspace(prefix: string, files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), `liftoff-${prefix}-`));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * Validates `text` as a new file of `dir` (a new name each call, so no result computed under one mutant is reused
 * under the next) and keeps the diagnostics of `code`.
 */
export async function checkText(
  service: LanguageService,
  dir: string,
  text: string,
  code: string,
  suffix = '.plan.yaml',
): Promise<XdocChecked> {
  serial += 1;
  const file = path.join(dir, `check-${serial}${suffix}`);
  return checkFile(service, file, code, text);
}
