/**
 * Activation: start the language client, register the commands table and the status item.
 * Heavy modules (onnxruntime, trainers, panels) are loaded by the commands that need them, never here.
 */
import * as vscode from 'vscode';
import { startLanguageClient, type LiftoffClient } from './language-client';
import { registerCommands } from './commands';
import { registerWithRedHatYaml } from './redhat-yaml';
import { RunsController } from './runs/controller';
import { GpuStatus } from './runs/gpu-status';
import { TASK_TYPE } from './runs/run-task';

let client: LiftoffClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LiftoffApi> {
  const started = Date.now();
  client = startLanguageClient(context);
  const runs = new RunsController(context);
  const gpus = new GpuStatus();
  context.subscriptions.push(runs, gpus,
    vscode.window.registerTreeDataProvider('liftoff.runs', runs.tree),
    vscode.tasks.onDidStartTask((e) => { if (e.execution.task.definition.type === TASK_TYPE) gpus.watch(runs.hasActiveRuns); }));
  registerCommands(context, { getClient: () => client, runs });
  // Off the activation path: re-attach to runs that outlived a window reload; Red Hat's extension may be slow.
  setTimeout(() => void runs.reattach().then(async () => { if (await runs.hasActiveRuns()) gpus.watch(runs.hasActiveRuns); }), 0);
  // Off the activation path: Red Hat's extension may take a while to activate.
  void registerWithRedHatYaml(context).catch((err: unknown) => client?.output.warn(`Could not register Liftoff schemas with Red Hat's YAML extension: ${String(err)}`));
  return { activatedInMs: Date.now() - started, ready: () => client?.ready() ?? Promise.resolve(), runs };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** What the extension exports to tests and other extensions. */
export interface LiftoffApi {
  readonly activatedInMs: number;
  /** Resolves once the language server has answered `initialize`. */
  ready(): Promise<void>;
  /** The runs of this window (the Runs view's data), for tests. */
  readonly runs: RunsController;
}
