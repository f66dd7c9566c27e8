import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
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
  ShutdownRequest,
  ExitNotification,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from './fixtures';

/** The bundled language server as a real child process over stdio, with a minimal LSP client. */
export class ServerProcess {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly waiters: Array<{
    uri: string;
    pred: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }> = [];
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every publication, in arrival order (to check what was not re-validated). */
  readonly history: PublishDiagnosticsParams[] = [];
  stderr = '';

  constructor(serverPath = path.join(REPO_ROOT, 'dist', 'server', 'server.js'), env?: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(env ? { env } : {}),
    });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      this.history.push(p);
      for (const w of [...this.waiters])
        if (w.uri === p.uri && w.pred(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
    });
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }
  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async initialize(workspaceFolders: WorkspaceFolder[] | null = null, initializationOptions?: unknown): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders,
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `pred`; rejects after `timeoutMs`. */
  diagnostics(
    uri: string,
    pred: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no matching publishDiagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)),
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
    if (this.exited) return;
    await shutDown(this.child, this.connection);
  }
}

/** LSP shutdown (2 s at most) and exit, SIGKILL when the process is still there 3 s later; then the connection goes. */
export async function shutDown(child: ChildProcess, connection: ProtocolConnection): Promise<void> {
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
    await connection.sendNotification(ExitNotification.type);
  } catch {
    /* already gone */
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  connection.dispose();
}
