/**
 * Activation: start the language client, register the commands table and the status item.
 * Heavy modules (onnxruntime, trainers, panels) are loaded by the commands that need them, never here.
 */
import * as vscode from 'vscode';
import { startLanguageClient, type LiftoffClient } from './language-client';
import { registerCommands } from './commands';
import { registerWithRedHatYaml } from './redhat-yaml';

let client: LiftoffClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LiftoffApi> {
  const started = Date.now();
  client = startLanguageClient(context);
  registerCommands(context, () => client);
  // Off the activation path: Red Hat's extension may take a while to activate.
  void registerWithRedHatYaml(context).catch((err: unknown) => client?.output.warn(`Could not register Liftoff schemas with Red Hat's YAML extension: ${String(err)}`));
  return { activatedInMs: Date.now() - started, ready: () => client?.ready() ?? Promise.resolve() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** What the extension exports to tests and other extensions. */
export interface LiftoffApi {
  readonly activatedInMs: number;
  /** Resolves once the language server has answered `initialize`. */
  ready(): Promise<void>;
}
