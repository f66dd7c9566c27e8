/**
 * A minimal LSP client over stdio for any language server process, for `npm run bench -- lsp`: it answers
 * `workspace/configuration` (yaml-language-server asks before validating), records when each
 * `textDocument/publishDiagnostics` arrives, and reads the server's resident memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidChangeConfigurationNotification,
  ConfigurationRequest,
  RegistrationRequest,
  type WorkspaceFolder,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { shutDown } from '../test/support/lsp-process';
import { REPO_ROOT } from '../test/support/fixtures';

export interface Published {
  readonly params: PublishDiagnosticsParams;
  readonly at: number;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly waiters: Array<{
    uri: string;
    pred: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: Published) => void;
  }> = [];
  /** How many `workspace/configuration` requests the server sent (a sign that it pulled the settings). */
  configurationRequests = 0;
  stderr = '';

  /**
   * @param settings answers to `workspace/configuration`, by section (`yaml`, `[yaml]`, …); unknown sections get null.
   */
  constructor(
    readonly name: string,
    args: string[],
    private readonly settings: Record<string, unknown> = {},
  ) {
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const at = performance.now();
      for (const w of [...this.waiters]) {
        if (w.uri === params.uri && w.pred(params)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve({ params, at });
        }
      }
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      return params.items.map((i) => (i.section !== undefined ? (this.settings[i.section] ?? null) : null));
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('telemetry/event', () => undefined);
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resident set size of the server process, in MB (VmRSS from /proc/<pid>/status). */
  rssMB(): number {
    const status = readFileSync(`/proc/${this.pid ?? 'self'}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kb === undefined) throw new Error(`no VmRSS for ${this.name}`);
    return Number(kb) / 1024;
  }

  async initialize(workspaceFolders: WorkspaceFolder[]): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: workspaceFolders[0]?.uri ?? null,
      workspaceFolders,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: this.settings });
  }

  open(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
  }

  /** An incremental change, as an editor sends one keystroke-sized edit. */
  change(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (and when they arrived); rejects after `timeoutMs`. */
  diagnostics(
    uri: string,
    pred: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `${this.name}: no matching publishDiagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await shutDown(this.child, this.connection);
  }
}

/**
 * A bench folder in the temporary directory: each document written as `<name>.experiment.yaml` (their URIs returned),
 * and the CSV that the documents' `data.train` names (EXP-008 checks it exists).
 */
export function benchFolder<K extends string>(
  prefix: string,
  docs: Record<K, { readonly text: string }>,
): { dir: string; uris: Record<K, string> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  mkdirSync(path.join(dir, 'data'));
  copyFileSync(
    path.join(REPO_ROOT, 'examples', 'credit-risk', 'data', 'applications.csv'),
    path.join(dir, 'data', 'applications.csv'),
  );
  const uris = {} as Record<K, string>;
  for (const name of Object.keys(docs) as K[]) {
    const file = path.join(dir, `${name}.experiment.yaml`);
    writeFileSync(file, docs[name].text);
    uris[name] = pathToFileURL(file).toString();
  }
  return { dir, uris };
}

/**
 * The two servers the benches compare, started: Liftoff's bundled server (dist/server/server.js, validation and the
 * schema check on) and yaml-language-server from node_modules, given the same JSON Schema for `*.experiment.yaml`;
 * `features` turns the peer's hover and completion on (validation is always on, formatting and schema stores off).
 */
export function startServers(features: { hover: boolean; completion: boolean }): {
  liftoff: LspClient;
  peer: LspClient;
  /** `yaml-language-server <version>` */
  peerLabel: string;
  peerVersion: string;
} {
  const schemaPath = path.join(REPO_ROOT, 'schemas', 'experiment.schema.json');
  const peerDir = path.join(REPO_ROOT, 'node_modules', 'yaml-language-server');
  const peerPkg = JSON.parse(readFileSync(path.join(peerDir, 'package.json'), 'utf8')) as {
    version: string;
    bin: Record<string, string>;
  };
  const peerBin = path.join(peerDir, peerPkg.bin['yaml-language-server'] ?? 'bin/yaml-language-server');
  const yamlSettings = {
    validate: true,
    ...features,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    schemas: { [pathToFileURL(schemaPath).toString()]: ['*.experiment.yaml'] },
  };
  return {
    liftoff: new LspClient('liftoff', [path.join(REPO_ROOT, 'dist', 'server', 'server.js'), '--stdio'], {
      liftoff: { validation: { enable: true, schema: 'on' } },
    }),
    peer: new LspClient('yaml-language-server', [peerBin, '--stdio'], {
      yaml: yamlSettings,
      '[yaml]': { 'yaml.validate': true },
      http: {},
      editor: {},
    }),
    peerLabel: `yaml-language-server ${peerPkg.version}`,
    peerVersion: peerPkg.version,
  };
}
