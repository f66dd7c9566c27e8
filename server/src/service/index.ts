/** The pure Liftoff language service: the server, the CLI and the tests import only this module. */
import { quickFixes } from './code-actions';
import { validateDocument } from './validate';
import { DEFAULT_SETTINGS, type LiftoffDiagnostic, type ServiceSettings, type SourceDocument } from './types';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { SchemaValidator, type SchemaSet } from './schema/validate-schema';

export type { SchemaSet } from './schema/validate-schema';

export * from './types';
export { API_VERSION, HEADER_RULE } from './kind';

export interface LanguageService {
  /** All diagnostics of one document (YAML syntax, header, rules), suppression comments applied. */
  validate(doc: SourceDocument): Promise<LiftoffDiagnostic[]>;
  /** Quick fixes for diagnostics previously produced by `validate` on the same text. */
  codeActions(doc: SourceDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
  configure(settings: Partial<ServiceSettings>): void;
}

export interface ServiceOptions {
  /** The JSON Schemas per kind; without them only the semantic rules run. */
  readonly schemas?: SchemaSet;
}

export function createLanguageService(initial: Partial<ServiceSettings> = {}, options: ServiceOptions = {}): LanguageService {
  let settings: ServiceSettings = { ...DEFAULT_SETTINGS, ...initial };
  const schemas = options.schemas ? new SchemaValidator(options.schemas) : undefined;
  return {
    validate: async (doc) => validateDocument(doc, settings, schemas).diagnostics,
    codeActions: (doc, diagnostics) => quickFixes(doc.uri, diagnostics),
    configure: (s) => { settings = { ...settings, ...s }; },
  };
}
