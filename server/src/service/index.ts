/** The pure Liftoff language service: the server, the CLI and the tests import only this module. */
import { quickFixes } from './code-actions';
import { validateDocument } from './validate';
import {
  DEFAULT_SETTINGS,
  type DocumentKind,
  type LiftoffDiagnostic,
  type ServiceSettings,
  type SourceDocument,
} from './types';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
} from 'vscode-languageserver-types';
import { complete } from './completion';
import { hover } from './hover';
import { documentSymbols, foldingRanges } from './symbols';
import { codeLenses } from './code-lens';
import type { Schema } from './schema/navigate';
import { SchemaValidator, type PrecompiledValidators, type SchemaSet } from './schema/validate-schema';
import { NULL_HOST, type ServiceHost } from './host';
import { CachedHost } from './cached-host';
import { buildPlanViewModel } from './plan-view';
import { MAX_NESTING, nestingDepth } from './nesting';
import { IncrementalDocument } from './incremental';
import { parseFile, type ParsedFile } from './parse';
import type { PlanViewModel } from '../../../core/src/plan/render';
import { schemaTerms } from './plan-view/schema-terms';

export type { PrecompiledValidators, SchemaSet } from './schema/validate-schema';

export * from './types';
export type { ServiceHost, FileInfo, FileType, GpuInfo, WorkspaceDocument, PastRun, SlurmPartitionInfo } from './host';
export { nameFact, kindFact } from './host';
export { API_VERSION, HEADER_RULE } from './kind';
export { TRAIN_COMMAND, SHOW_METRICS_COMMAND } from './code-lens';
export type { PlanViewModel } from '../../../core/src/plan/render';

export interface LanguageService {
  /** All diagnostics of one document (YAML syntax, header, rules), suppression comments applied. */
  validate(doc: SourceDocument): Promise<LiftoffDiagnostic[]>;
  /** Quick fixes for diagnostics previously produced by `validate` on the same text. */
  codeActions(doc: SourceDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
  complete(doc: SourceDocument, position: Position): Promise<CompletionItem[]>;
  hover(doc: SourceDocument, position: Position): Hover | null;
  documentSymbols(doc: SourceDocument): DocumentSymbol[];
  foldingRanges(doc: SourceDocument): FoldingRange[];
  codeLenses(doc: SourceDocument): CodeLens[];
  /** The plan preview's view model of a BusinessPlan document, with `diagnostics` (from `validate`) grouped per section. */
  planViewModel(doc: SourceDocument, diagnostics?: readonly Diagnostic[]): PlanViewModel;
  configure(settings: Partial<ServiceSettings>): void;
  /**
   * URIs of documents whose last validation read `fsPath`, or asked the workspace index about the fact key
   * (`nameFact`/`kindFact` of ./host): re-validate them when it changes.
   */
  dependents(fsPathOrFact: string): string[];
  /** Drops what is remembered about a closed document. */
  forget(uri: string): void;
}

export interface ServiceOptions {
  /** The JSON Schemas per kind; without them only the semantic rules run. */
  readonly schemas?: SchemaSet;
  /** Validators generated at build time for exactly these schemas (host/validators.ts); the rest compile at run time. */
  readonly validators?: PrecompiledValidators;
  /** File system, workspace index, GPU probe and run history; without it, rules that need them stay silent. */
  readonly host?: ServiceHost;
  /**
   * Validate incrementally (default true: an editor's documents change a keystroke at a time). A caller that
   * validates each text once (`liftoff validate`) passes false: a whole parse, the rules without read tracking and one
   * schema check of the whole value cost about a quarter less than the per-section bookkeeping that only pays off on
   * the next edit (issue 23).
   */
  readonly incremental?: boolean;
}

/** How many documents keep incremental state (open editors; least recently used dropped first). */
const MAX_INCREMENTAL_DOCUMENTS = 32;

export function createLanguageService(
  initial: Partial<ServiceSettings> = {},
  options: ServiceOptions = {},
): LanguageService {
  let settings: ServiceSettings = { ...DEFAULT_SETTINGS, ...initial };
  const schemas = options.schemas ? new SchemaValidator(options.schemas, options.validators) : undefined;
  const host = new CachedHost(options.host ?? NULL_HOST);
  const schemaRoot = (kind: DocumentKind): Schema | undefined => schemas?.root(kind);
  const planRoot = () => schemaRoot('BusinessPlan');
  // Over the size or nesting limit, editor features skip a document: validation explains the limit once.
  const tooBig = (doc: SourceDocument) =>
    doc.text.length > settings.maxFileSizeKB * 1024 || nestingDepth(doc.text) > MAX_NESTING;
  // Incremental state per document, the most recently used few only (the CLI validates thousands of files through
  // one service and never forgets them): each holds the latest version's sections and rule results, nothing older.
  const incremental = new Map<string, IncrementalDocument>();
  const stateOf = (uri: string): IncrementalDocument => {
    let s = incremental.get(uri);
    if (s) incremental.delete(uri);
    else s = new IncrementalDocument();
    incremental.set(uri, s);
    while (incremental.size > MAX_INCREMENTAL_DOCUMENTS) incremental.delete(incremental.keys().next().value!);
    return s;
  };
  const parse = (doc: SourceDocument): ParsedFile =>
    doc.uri && options.incremental !== false ? stateOf(doc.uri).parse(doc) : parseFile(doc);
  return {
    // Without a host, rules that need the outside world do not run (rather than report every path as missing).
    validate: async (doc) =>
      (
        await validateDocument(
          doc,
          settings,
          options.host ? host.forDocument(doc.uri) : undefined,
          schemas,
          options.incremental === false ? undefined : stateOf(doc.uri),
        )
      ).diagnostics,
    dependents: (fsPath) => host.dependents(fsPath),
    forget: (uri) => {
      host.forget(uri);
      incremental.delete(uri);
    },
    codeActions: (doc, diagnostics) => quickFixes(doc.uri, diagnostics),
    complete: async (doc, position) =>
      tooBig(doc) ? [] : complete(doc, position, { schemaRoot, host, parse, locale: settings.locale }),
    hover: (doc, position) => (tooBig(doc) ? null : hover(doc, position, schemaRoot, parse, settings.locale)),
    documentSymbols: (doc) => (tooBig(doc) ? [] : documentSymbols(doc, parse)),
    foldingRanges: (doc) => (tooBig(doc) ? [] : foldingRanges(doc, parse)),
    codeLenses: (doc) => (tooBig(doc) ? [] : codeLenses(doc, parse, settings.locale)),
    planViewModel: (doc, diagnostics = []) =>
      buildPlanViewModel(doc, diagnostics, {
        maxFileSizeKB: settings.maxFileSizeKB,
        parse,
        locale: settings.locale,
        ...(settings.locale === 'zh-cn' && planRoot() && { terms: schemaTerms(planRoot()!) }),
      }),
    configure: (s) => {
      settings = { ...settings, ...s };
    },
  };
}
export { planSnapshot, diffPlanDocuments, type PlanSnapshotResult, type PlanDocumentsDiff } from './plan-snapshot';
