import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DidChangeConfigurationNotification } from 'vscode-languageclient';
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
  type ValidateFilesResult,
} from '../../server/src/protocol';
import type { ServerState } from './preconditions';
export type { PlanDiffResult } from '../../server/src/protocol';
import { RestartBudget } from './restart-budget';
import { spawnServer } from './server-process';
import type { ChildProcess } from 'node:child_process';

/** What the language status item shows (also returned to tests through the extension's API). */
export interface ServerStatus {
  readonly state: ServerState;
  readonly text: string;
  readonly detail: string | undefined;
}

/** The language client and its language status item ("Liftoff: running / starting / stopped"). */
export interface LiftoffClient {
  /** Where the server stands; `stopped` only when it will not come back by itself. */
  state(): ServerState;
  status(): ServerStatus;
  ready(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** `texts`: validate these texts (by URI) instead of the files, without publishing their diagnostics (Re-run). */
  validateFiles(uris: readonly vscode.Uri[], texts?: ReadonlyMap<string, string>): Promise<ValidateFilesResult>;
  /** The plan preview's view model of a document (liftoff/planViewModel); null when the server cannot read it. */
  planViewModel(uri: vscode.Uri, scenario?: string): Promise<PlanViewModelResult>;
  /** The diff from `baseText` (an older version) to the document (liftoff/planDiff). */
  planDiff(uri: vscode.Uri, baseText: string): Promise<PlanDiffResult>;
  readonly output: vscode.LogOutputChannel;
}

/**
 * `prestarted`: the server's process, already started by the activation entry (extension.ts) while this bundle loaded;
 * the client takes it over, and starts a new one itself on a restart.
 */
export function startLanguageClient(context: vscode.ExtensionContext, prestarted?: ChildProcess): LiftoffClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  let waiting = prestarted;
  let current: ChildProcess | undefined;
  const serverOptions: ServerOptions = () => {
    current = waiting && waiting.exitCode === null && waiting.signalCode === null ? waiting : spawnServer(module);
    waiting = undefined;
    return Promise.resolve(current);
  };
  /** After a stop, a server that has not exited within 2 s (it should on `exit`) is terminated. */
  const stopServer = async () => {
    const process = current;
    await client.stop();
    if (process) endIfAlive(process, 2_000);
  };
  const output = vscode.window.createOutputChannel('Liftoff', { log: true });
  const budget = new RestartBudget();
  /** Set when the server will not come back by itself (restart budget spent, or it failed to start). */
  let stoppedBecause: string | undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
    ],
    outputChannel: output,
    initializationOptions: { settings: serverSettings() },
    errorHandler: {
      // As vscode-languageclient's default: a few bad messages are tolerated, then the connection is shut down.
      error: (_err, _msg, count) => ({
        action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
      }),
      closed: () => {
        const decision = budget.crashed();
        if (decision.restart) {
          output.warn('The Liftoff language server exited unexpectedly; restarting it.');
          return { action: CloseAction.Restart };
        }
        stoppedBecause = decision.reason;
        const restartLabel = vscode.l10n.t('Restart Language Server');
        const outputLabel = vscode.l10n.t('Show Output');
        void vscode.window
          .showErrorMessage(
            decision.reason ?? vscode.l10n.t('The Liftoff language server stopped.'),
            restartLabel,
            outputLabel,
          )
          .then((choice) => {
            if (choice === outputLabel) output.show();
            if (choice === restartLabel) void vscode.commands.executeCommand('liftoff.restartServer');
          });
        return { action: CloseAction.DoNotRestart, message: decision.reason, handled: true };
      },
    },
    // Files rules read (CSV headers, scripts, ONNX models, other Liftoff documents, run records), and the
    // `.liftoffignore` that says which documents belong to the workspace index.
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{csv,tsv,py,sh,onnx,yaml,yml,json}'),
        vscode.workspace.createFileSystemWatcher('**/.liftoffignore'),
      ],
    },
  };
  const client = new LanguageClient('liftoff', 'Liftoff Language Server', serverOptions, clientOptions);
  let skipped: ProbesSkippedParams = { rules: [], reason: '' };
  let state: ServerState = 'starting';

  const status = vscode.languages.createLanguageStatusItem('liftoff.server', { language: 'yaml' });
  status.name = 'Liftoff';
  const showState = (s: State) => {
    // Between an unexpected exit and the automatic restart the client reports Stopped: that is still "starting".
    state =
      s === State.Running ? 'running' : s === State.Stopped && stoppedBecause !== undefined ? 'stopped' : 'starting';
    status.busy = state === 'starting';
    const restricted = state === 'running' && skipped.rules.length > 0;
    status.text =
      state === 'running'
        ? restricted
          ? `$(shield) ${vscode.l10n.t('Liftoff (Restricted Mode)')}`
          : '$(check) Liftoff'
        : state === 'starting'
          ? vscode.l10n.t('Liftoff starting…')
          : `$(error) ${vscode.l10n.t('Liftoff stopped')}`;
    status.detail =
      state === 'stopped'
        ? stoppedBecause || vscode.l10n.t('Run "Liftoff: Restart Language Server".')
        : restricted
          ? vscode.l10n.t(
              'Not checked: {0}. Liftoff skipped them because {1}',
              skipped.rules.join(', '),
              skipped.reason,
            )
          : state === 'running'
            ? vscode.l10n.t('Validating experiments and plans')
            : undefined;
    status.severity =
      state === 'stopped'
        ? vscode.LanguageStatusSeverity.Error
        : restricted
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    status.command =
      state === 'stopped'
        ? { title: vscode.l10n.t('Restart'), command: 'liftoff.restartServer' }
        : restricted
          ? { title: vscode.l10n.t('Manage Workspace Trust'), command: 'workbench.trust.manage' }
          : { title: vscode.l10n.t('Show Output'), command: 'liftoff.showOutput' };
  };
  showState(State.Starting);
  context.subscriptions.push(
    output,
    status,
    client.onDidChangeState((e) => showState(e.newState)),
    { dispose: () => void stopServer() },
  );
  client.onNotification(PROBES_SKIPPED, (params: ProbesSkippedParams) => {
    skipped = params;
    showState(client.state);
  });

  // Settings go to the server together with whether Red Hat's YAML extension is active (see server.ts, "auto")
  // and whether the workspace is trusted (the server runs no probe until it is).
  const pushSettings = () =>
    void client.sendNotification(DidChangeConfigurationNotification.type, { settings: { liftoff: serverSettings() } });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('liftoff')) pushSettings();
    }),
    vscode.extensions.onDidChange(pushSettings),
    vscode.workspace.onDidGrantWorkspaceTrust(pushSettings),
  );

  const started = client.start().catch((err: unknown) => {
    stoppedBecause = `The Liftoff language server failed to start: ${String(err)}`;
    showState(State.Stopped);
    output.error(stoppedBecause);
    void vscode.window
      .showErrorMessage(vscode.l10n.t('The Liftoff language server failed to start.'), vscode.l10n.t('Open Output'))
      .then((choice) => {
        if (choice) output.show();
      });
  });

  return {
    output,
    ready: () => started,
    state: () => state,
    status: () => ({ state, text: status.text, detail: status.detail }),
    stop: stopServer,
    restart: async () => {
      budget.reset();
      stoppedBecause = undefined;
      showState(State.Starting);
      // After the budget is spent the client is already stopped, and stop() returns at once.
      await stopServer().catch((err: unknown) => output.warn(`Stopping the language server: ${String(err)}`));
      await client.start();
    },
    validateFiles: async (uris, texts) => {
      await started;
      return client.sendRequest<ValidateFilesResult>(VALIDATE_FILES, {
        uris: uris.map((u) => u.toString()),
        ...(texts ? { texts: Object.fromEntries(texts) } : {}),
      });
    },
    planViewModel: async (uri, scenario) => {
      await started;
      const params: PlanViewModelParams = { uri: uri.toString(), ...(scenario !== undefined && { scenario }) };
      return client.sendRequest<PlanViewModelResult>(PLAN_VIEW_MODEL, params);
    },
    planDiff: async (uri, baseText) => {
      await started;
      const params: PlanDiffParams = { uri: uri.toString(), baseText };
      return client.sendRequest<PlanDiffResult>(PLAN_DIFF, params);
    },
  };
}

function endIfAlive(process: ChildProcess, ms: number): void {
  const timer = setTimeout(() => {
    if (process.exitCode === null && process.signalCode === null) process.kill();
  }, ms);
  timer.unref();
  process.once('exit', () => clearTimeout(timer));
}

/**
 * The `liftoff` settings the server needs, plus whether Red Hat's YAML extension will also validate our files and
 * whether the workspace is trusted. In Restricted Mode VS Code answers the settings the manifest lists under
 * `restrictedConfigurations` from user settings only, so a repository cannot switch validation off or name a command.
 */
function serverSettings(): LiftoffSettings {
  const config = vscode.workspace.getConfiguration('liftoff');
  return {
    validation: config.get<LiftoffSettings['validation']>('validation'),
    gpuHourPrice: config.get<number>('gpuHourPrice'),
    review: config.get<LiftoffSettings['review']>('review'),
    slurm: config.get<LiftoffSettings['slurm']>('slurm'),
    redHatYamlActive: vscode.extensions.getExtension('redhat.vscode-yaml') !== undefined,
    workspaceTrusted: vscode.workspace.isTrusted,
    // Diagnostics, hover, code lenses and the plan preview follow VS Code's display language (core/src/l10n).
    locale: vscode.env.language,
  };
}
