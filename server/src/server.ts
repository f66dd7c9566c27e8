/**
 * LSP wiring only: documents in, the pure language service, diagnostics and code actions out.
 * Launched by the client over Node IPC, or with `--stdio` by other editors and the process-level tests.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type ServiceSettings } from './service';
import { VALIDATE_FILES, type ValidateFilesParams, type ValidateFilesResult } from './protocol';
import { Scheduler } from './scheduler';
import { BUNDLED_SCHEMA_DIR, loadSchemas } from './schemas';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const docsPath = path.join(__dirname, '..', '..', 'docs', 'rules.md');
const service = createLanguageService({ ruleDocsUri: pathToFileURL(docsPath).toString() }, { schemas: loadSchemas(BUNDLED_SCHEMA_DIR) });
let enabled = true;

interface ClientSettings { validation?: { enable?: boolean; maxFileSizeKB?: number }; schemaDiagnostics?: boolean }

function applySettings(s: ClientSettings | undefined): void {
  enabled = s?.validation?.enable ?? true;
  const partial: Partial<ServiceSettings> = {};
  if (typeof s?.validation?.maxFileSizeKB === 'number') Object.assign(partial, { maxFileSizeKB: s.validation.maxFileSizeKB });
  if (typeof s?.schemaDiagnostics === 'boolean') Object.assign(partial, { schemaDiagnostics: s.schemaDiagnostics });
  service.configure(partial);
}

async function publish(uri: string, text: string, version?: number): Promise<{ errors: number; warnings: number }> {
  const diagnostics = enabled ? await service.validate({ uri, text, version }) : [];
  const open = documents.get(uri);
  if (version !== undefined && open && open.version !== version) return { errors: 0, warnings: 0 }; // stale: a newer run follows
  await connection.sendDiagnostics({ uri, version, diagnostics });
  return {
    errors: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length,
    warnings: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
  };
}

// Coalesces bursts of edits: one validation per document per turn of the event loop, newest text wins.
const scheduler = new Scheduler((uri) => {
  const doc = documents.get(uri);
  return doc ? publish(uri, doc.getText(), doc.version).then(() => undefined) : Promise.resolve();
}, (err) => connection.console.error(`Validation failed: ${String(err)}`));

connection.onInitialize((params) => {
  applySettings((params.initializationOptions as { settings?: ClientSettings } | undefined)?.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'liftoff-language-server', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  applySettings((change.settings as { liftoff?: ClientSettings } | undefined)?.liftoff);
  for (const doc of documents.all()) scheduler.schedule(doc.uri);
});

documents.onDidOpen((e) => scheduler.schedule(e.document.uri));
documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
documents.onDidClose((e) => { scheduler.cancel(e.document.uri); void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }); });

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  return service.codeActions({ uri: doc.uri, text: doc.getText(), version: doc.version }, params.context.diagnostics);
});

connection.onRequest(VALIDATE_FILES, async ({ uris }: ValidateFilesParams): Promise<ValidateFilesResult> => {
  let errors = 0;
  let warnings = 0;
  let files = 0;
  for (const uri of uris) {
    const open = documents.get(uri);
    let text: string;
    try {
      text = open ? open.getText() : await readFile(fileURLToPath(uri), 'utf8');
    } catch (err) {
      connection.console.warn(`Cannot read ${uri}: ${String(err)}`);
      continue;
    }
    const r = await publish(uri, text, open?.version);
    files++; errors += r.errors; warnings += r.warnings;
  }
  return { files, errors, warnings };
});

documents.listen(connection);
connection.listen();
