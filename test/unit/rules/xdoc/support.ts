/** Shared helpers for the cross-document (XDOC) rule tests: a service over a fixture workspace with the real Node host. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createLanguageService,
  type LanguageService,
  type LiftoffDiagnostic,
  type ServiceSettings,
} from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import { FIXTURES } from '../../../support/fixtures';
import { fixedText, stillYaml } from '../support';

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
  return { doc, code, diagnostics: (await service.validate(doc)).filter((d) => d.code === code) };
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
