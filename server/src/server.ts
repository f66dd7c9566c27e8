/**
 * LSP wiring only: documents in, the pure language service, diagnostics and language features out.
 * Launched by the client over Node IPC, or with `--stdio` by other editors and the process-level tests.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  FileChangeType,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, diffPlanDocuments, type ServiceSettings, type SourceDocument } from './service';
import {
  PLAN_DIFF,
  PLAN_VIEW_MODEL,
  PROBES_SKIPPED,
  VALIDATE_FILES,
  type LiftoffSettings,
  type PlanDiffParams,
  type PlanDiffResult,
  type PlanViewModelParams,
  type PlanViewModelResult,
  type ProbesSkippedParams,
  type ValidateFilesParams,
  type ValidateFilesResult,
} from './protocol';
import type { LiftoffDiagnostic } from './service';
import { Scheduler } from './scheduler';
import { BUNDLED_SCHEMA_DIR, bundledSchemas } from './host/schemas';
import { createNodeHost, type NodeHost } from './host/node-host';
import { readRegular } from './host/safe-read';
import { TrustGate } from './trust-gate';
import { planViewModelFor } from './plan-scenario';
import { normalizeLocale } from '../../core/src/l10n';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const docsPath = path.join(BUNDLED_SCHEMA_DIR, '..', 'docs', 'rules.md');
let host: NodeHost = createNodeHost({ workspaceFolders: [] });
/** Untrusted until the client says otherwise: no probe runs before the first settings arrive. */
const trust = new TrustGate((params: ProbesSkippedParams) => {
  connection.console.info(params.rules.length ? `Skipped ${params.rules.join(', ')}: ${params.reason}` : params.reason);
  void connection.sendNotification(PROBES_SKIPPED, params);
});
let enabled = true;
let current: Partial<ServiceSettings> = {};
let service = makeService();
/** The diagnostics last published per document, with the version they belong to (the plan preview shows them). */
const published = new Map<string, { version: number | undefined; diagnostics: LiftoffDiagnostic[] }>();

function makeService() {
  return createLanguageService(
    { ruleDocsUri: pathToFileURL(docsPath).toString(), ...current },
    {
      ...bundledSchemas((kind, why) => connection.console.warn(`Compiling the ${kind} schema at run time: ${why}.`)),
      host: trust.guard(host),
    },
  );
}

function applySettings(s: LiftoffSettings | undefined): void {
  enabled = s?.validation?.enable ?? true;
  const mode = s?.validation?.schema ?? 'auto';
  current = {
    ...(typeof s?.validation?.maxFileSizeKB === 'number' ? { maxFileSizeKB: s.validation.maxFileSizeKB } : {}),
    ...(typeof s?.gpuHourPrice === 'number' ? { gpuHourPrice: s.gpuHourPrice } : {}),
    ...(typeof s?.review?.showOpenThreadsInProblems === 'boolean'
      ? { reviewThreadsInProblems: s.review.showOpenThreadsInProblems }
      : {}),
    // "auto": Red Hat's YAML extension validates the same files against the same schemas (our yamlValidation
    // contribution); structural errors are then its to report, so the user never sees one twice.
    schemaDiagnostics: mode === 'on' || (mode === 'auto' && s?.redHatYamlActive !== true),
    // VS Code's display language (`vscode.env.language`): messages, hover and the plan preview follow it.
    locale: normalizeLocale(typeof s?.locale === 'string' ? s.locale : undefined),
  };
  service.configure(current);
  // Partitions are read (and cached) only when validation of Slurm experiments asks, and only if enabled.
  // In an untrusted workspace Slurm is not even configured (and TrustGate answers for it), so no path reaches sinfo.
  trust.set(s?.workspaceTrusted === true);
  const prefix: readonly unknown[] = Array.isArray(s?.slurm?.commandPrefix) ? s.slurm.commandPrefix : [];
  const words = prefix.filter((w): w is string => typeof w === 'string');
  host.configureSlurm(!trust.trusted || s?.slurm?.validatePartitions === false ? undefined : { commandPrefix: words });
}

const doc = (uri: string): SourceDocument | undefined => {
  const d = documents.get(uri);
  return d ? { uri, text: d.getText(), version: d.version } : undefined;
};

async function publish(uri: string, text: string, version?: number): Promise<{ errors: number; warnings: number }> {
  const diagnostics = enabled ? await service.validate({ uri, text, version }) : [];
  const open = documents.get(uri);
  if (version !== undefined && open && open.version !== version) return { errors: 0, warnings: 0 }; // stale: a newer run follows
  published.set(uri, { version, diagnostics });
  await connection.sendDiagnostics({ uri, version, diagnostics });
  return {
    errors: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length,
    warnings: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
  };
}

// Coalesces bursts of edits: one validation per document per turn of the event loop, newest text wins.
const scheduler = new Scheduler(
  (uri) => {
    const d = doc(uri);
    return d ? publish(uri, d.text, d.version).then(() => undefined) : Promise.resolve();
  },
  (err) =>
    connection.console.error(`Validation failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
);

connection.onInitialize((params) => {
  const folders = (params.workspaceFolders ?? [])
    .map((f) => f.uri)
    .filter((u) => u.startsWith('file:'))
    .map((u) => fileURLToPath(u));
  // The workspace index scans in the background: open documents are validated meanwhile, and those that asked it
  // about a name or kind are validated again once it has the answer.
  host = createNodeHost({ workspaceFolders: folders, index: { waitForScan: false, onScanned: revalidateDependents } });
  const scanStart = Date.now();
  void host.indexReady().then(async () => {
    connection.console.log(
      `Workspace index: ${(await host.workspaceDocuments()).length} documents in ${Date.now() - scanStart} ms`,
    );
  });
  applySettings((params.initializationOptions as { settings?: LiftoffSettings } | undefined)?.settings);
  service = makeService();
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      completionProvider: { triggerCharacters: [':', ' ', '-', '/', '[', ','] },
      hoverProvider: true,
      documentSymbolProvider: { label: 'Liftoff' },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'liftoff-language-server', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  applySettings((change.settings as { liftoff?: LiftoffSettings } | undefined)?.liftoff);
  for (const d of documents.all()) scheduler.schedule(d.uri);
});

// Files that rules read (CSV headers, scripts, ONNX models, linked documents) changed on disk, or the workspace
// index learnt a changed name or kind: re-check only the open documents that read that file or asked about that fact.
connection.onDidChangeWatchedFiles(async ({ changes }) => {
  const files = changes.flatMap((c) => {
    const fsPath = c.uri.startsWith('file:') ? fsPathOf(c.uri) : undefined;
    return fsPath
      ? [
          {
            fsPath,
            type:
              c.type === FileChangeType.Created
                ? ('created' as const)
                : c.type === FileChangeType.Deleted
                  ? ('deleted' as const)
                  : ('changed' as const),
          },
        ]
      : [];
  });
  const facts = await host.filesChanged(files).catch((err: unknown) => {
    connection.console.error(`Workspace index update failed: ${String(err)}`);
    return [];
  });
  revalidateDependents([...files.map((f) => f.fsPath), ...facts]);
});

function revalidateDependents(keys: readonly string[]): void {
  const affected = new Set(keys.flatMap((k) => service.dependents(k)));
  for (const uri of affected) if (documents.get(uri)) scheduler.schedule(uri);
}

/** A document that is not open, read like every named file: regular files only, at most 64 MB, never blocking. */
async function readDocumentFile(uri: string): Promise<string> {
  return (await readRegular(fileURLToPath(uri), 64 * 1024 * 1024, true)).toString('utf8');
}

/** The open document at `uri`, else the file it names read from disk; undefined when neither can be had. */
async function openOrReadDocument(uri: string): Promise<SourceDocument | undefined> {
  const open = doc(uri);
  if (open || !uri.startsWith('file:')) return open;
  try {
    return { uri, text: await readDocumentFile(uri) };
  } catch {
    return undefined;
  }
}

function fsPathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

documents.onDidOpen((e) => {
  crashForTests(e.document.getText());
  scheduler.schedule(e.document.uri);
});
documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
documents.onDidClose((e) => {
  scheduler.cancel(e.document.uri);
  service.forget(e.document.uri);
  published.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction((params) => {
  const d = doc(params.textDocument.uri);
  return d ? service.codeActions(d, params.context.diagnostics) : [];
});
connection.onCompletion(async (params) => {
  const d = doc(params.textDocument.uri);
  return d ? service.complete(d, params.position) : [];
});
connection.onHover((params) => {
  const d = doc(params.textDocument.uri);
  return d ? service.hover(d, params.position) : null;
});
connection.onDocumentSymbol((params) => {
  const d = doc(params.textDocument.uri);
  return d ? service.documentSymbols(d) : [];
});
connection.onFoldingRanges((params) => {
  const d = doc(params.textDocument.uri);
  return d ? service.foldingRanges(d) : [];
});
connection.onCodeLens((params) => {
  const d = doc(params.textDocument.uri);
  return d ? service.codeLenses(d) : [];
});

connection.onRequest(VALIDATE_FILES, async ({ uris, texts }: ValidateFilesParams): Promise<ValidateFilesResult> => {
  let errors = 0;
  let warnings = 0;
  let files = 0;
  for (const uri of uris) {
    const given = texts?.[uri];
    if (typeof given === 'string') {
      const diagnostics = enabled ? await service.validate({ uri, text: given }) : [];
      files++;
      errors += diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
      warnings += diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
      continue;
    }
    const open = documents.get(uri);
    let text: string;
    try {
      text = open ? open.getText() : await readDocumentFile(uri);
    } catch (err) {
      connection.console.warn(`Cannot read ${uri}: ${String(err)}`);
      continue;
    }
    const r = await publish(uri, text, open?.version);
    files++;
    errors += r.errors;
    warnings += r.warnings;
  }
  return { files, errors, warnings };
});

connection.onRequest(PLAN_VIEW_MODEL, async ({ uri, scenario }: PlanViewModelParams): Promise<PlanViewModelResult> => {
  const source = await openOrReadDocument(uri);
  if (!source) return null;
  // The diagnostics published for this very version, else a fresh validation (an edit the scheduler has not reached yet).
  const last = published.get(uri);
  const diagnostics = !enabled
    ? []
    : last && last.version === source.version && source.version !== undefined
      ? last.diagnostics
      : await service.validate(source);
  const chosen = typeof scenario === 'string' && scenario ? scenario : undefined;
  return planViewModelFor(service, source, diagnostics, chosen, async (d) =>
    enabled ? await service.validate(d) : [],
  );
});

connection.onRequest(PLAN_DIFF, async ({ uri, baseText }: PlanDiffParams): Promise<PlanDiffResult> => {
  const source = await openOrReadDocument(uri);
  if (!source) return null;
  if (typeof baseText !== 'string') return null;
  const base: SourceDocument = { uri, text: baseText };
  const validate = async (d: SourceDocument) => (enabled ? await service.validate(d) : []);
  // The base validates at the document's URI (links resolve alike); validating the document last leaves its own
  // file reads as the ones remembered for it.
  const baseDiagnostics = await validate(base);
  return diffPlanDocuments(base, baseDiagnostics, source, await validate(source));
});

/**
 * Test hook for the client's restart budget (test/extension/suite/server-restart.test.ts): when
 * LIFTOFF_TEST_CRASH_MARKER is set in the server's environment, a document containing that text ends the process as a
 * crash would. Unset (always, outside those tests), it does nothing.
 */
function crashForTests(text: string): void {
  const marker = process.env.LIFTOFF_TEST_CRASH_MARKER;
  if (marker && text.includes(marker)) process.exit(70);
}

documents.listen(connection);
connection.listen();
