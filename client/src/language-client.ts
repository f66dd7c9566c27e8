import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DidChangeConfigurationNotification } from 'vscode-languageclient';
import { PLAN_VIEW_MODEL, VALIDATE_FILES, type PlanViewModelParams, type PlanViewModelResult, type ValidateFilesResult } from '../../server/src/protocol';

/** The language client and its language status item ("Liftoff: running / starting / stopped"). */
export interface LiftoffClient {
  ready(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** `texts`: validate these texts (by URI) instead of the files, without publishing their diagnostics (Re-run). */
  validateFiles(uris: readonly vscode.Uri[], texts?: ReadonlyMap<string, string>): Promise<ValidateFilesResult>;
  /** The plan preview's view model of a document (liftoff/planViewModel); null when the server cannot read it. */
  planViewModel(uri: vscode.Uri): Promise<PlanViewModelResult>;
  readonly output: vscode.LogOutputChannel;
}

export function startLanguageClient(context: vscode.ExtensionContext): LiftoffClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = vscode.window.createOutputChannel('Liftoff', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'yaml', scheme: 'file' }, { language: 'yaml', scheme: 'untitled' }],
    outputChannel: output,
    initializationOptions: { settings: serverSettings() },
    // Files rules read (CSV headers, scripts, ONNX models, other Liftoff documents, run records).
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{csv,tsv,py,sh,onnx,yaml,yml,json}') },
  };
  const client = new LanguageClient('liftoff', 'Liftoff Language Server', serverOptions, clientOptions);

  const status = vscode.languages.createLanguageStatusItem('liftoff.server', { language: 'yaml' });
  status.name = 'Liftoff';
  status.command = { title: 'Show Output', command: 'liftoff.showOutput' };
  const showState = (state: State) => {
    status.busy = state === State.Starting;
    status.text = state === State.Running ? '$(check) Liftoff' : state === State.Starting ? 'Liftoff starting…' : '$(error) Liftoff stopped';
    status.detail = state === State.Running ? 'Validating experiments and plans' : state === State.Stopped ? 'Run "Liftoff: Restart Language Server"' : undefined;
    status.severity = state === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
  };
  showState(State.Starting);
  context.subscriptions.push(output, status, client.onDidChangeState((e) => showState(e.newState)), { dispose: () => void client.stop() });

  // Settings go to the server together with whether Red Hat's YAML extension is active (see server.ts, "auto").
  const pushSettings = () => void client.sendNotification(DidChangeConfigurationNotification.type, { settings: { liftoff: serverSettings() } });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('liftoff')) pushSettings(); }),
    vscode.extensions.onDidChange(pushSettings),
  );

  const started = client.start().catch((err: unknown) => {
    output.error(`The Liftoff language server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage('The Liftoff language server failed to start.', 'Open Output').then((choice) => {
      if (choice) output.show();
    });
  });

  return {
    output,
    ready: () => started,
    stop: () => client.stop(),
    restart: () => client.restart(),
    validateFiles: async (uris, texts) => {
      await started;
      return client.sendRequest<ValidateFilesResult>(VALIDATE_FILES, { uris: uris.map((u) => u.toString()), ...(texts ? { texts: Object.fromEntries(texts) } : {}) });
    },
    planViewModel: async (uri) => {
      await started;
      const params: PlanViewModelParams = { uri: uri.toString() };
      return client.sendRequest<PlanViewModelResult>(PLAN_VIEW_MODEL, params);
    },
  };
}

/** The `liftoff` settings the server needs, plus whether Red Hat's YAML extension will also validate our files. */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('liftoff');
  return {
    validation: config.get('validation'), gpuHourPrice: config.get('gpuHourPrice'), slurm: config.get('slurm'),
    redHatYamlActive: vscode.extensions.getExtension('redhat.vscode-yaml') !== undefined,
  };
}
