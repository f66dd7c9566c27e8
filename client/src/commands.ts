/**
 * The commands table: id → handler and precondition. `package.json` `contributes.commands` must list the same
 * ids (a unit test checks it). A command whose precondition fails says why instead of doing nothing.
 */
import * as vscode from 'vscode';
import type { LiftoffClient } from './language-client';
import type { RunsController } from './runs/controller';
import { trainCommand } from './runs/train-command';
import { runCommandSpecs } from './runs/run-commands';
import { slurmCommandSpecs } from './runs/slurm-commands';
import { planCommandSpecs } from './panels/plan-preview/commands';
import { inferenceCommandSpecs } from './panels/inference/commands';
import { metricsCommandSpecs } from './panels/metrics/commands';

export interface CommandSpec {
  readonly id: string;
  /** Why the command cannot run now (given the command's arguments), or undefined when it can. */
  readonly precondition?: (...args: unknown[]) => string | undefined;
  readonly run: (...args: unknown[]) => unknown;
}

export const LIFTOFF_GLOB = '**/*.{experiment,plan}.{yaml,yml}';

/** What command handlers may use; created once at activation. */
export interface CommandDeps {
  readonly getClient: () => LiftoffClient | undefined;
  readonly runs: RunsController;
  readonly context: vscode.ExtensionContext;
}

export function commandTable({ getClient, runs, context }: CommandDeps): CommandSpec[] {
  const needClient = () => (getClient() ? undefined : 'The Liftoff language server is not running. Run "Liftoff: Restart Language Server".');
  return [
    {
      id: 'liftoff.validateWorkspace',
      precondition: needClient,
      run: async () => {
        const uris = await vscode.workspace.findFiles(LIFTOFF_GLOB, '**/node_modules/**', 10_000);
        const result = await getClient()!.validateFiles(uris);
        const summary = `Liftoff checked ${result.files} document${result.files === 1 ? '' : 's'}: ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}.`;
        if (result.errors + result.warnings > 0) {
          // Not awaited: the command's result must not wait for the user to dismiss the notification.
          void vscode.window.showWarningMessage(summary, 'Show Problems').then((choice) =>
            choice ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined);
        } else {
          void vscode.window.showInformationMessage(summary);
        }
        return result;
      },
    },
    { id: 'liftoff.showOutput', precondition: needClient, run: () => getClient()!.output.show(true) },
    { id: 'liftoff.restartServer', precondition: needClient, run: () => getClient()!.restart() },
    { id: 'liftoff.train', run: (arg) => trainCommand(runs, getClient(), arg) },
    ...runCommandSpecs(runs),
    ...slurmCommandSpecs(context),
    ...planCommandSpecs(context, getClient),
    ...inferenceCommandSpecs(context, () => getClient()!.output),
    ...metricsCommandSpecs({ context, runs, get output() { return getClient()?.output; } }),
  ];
}

/** Runs one command: its precondition first (saying why it cannot run), errors shown with a way to the log. */
export async function runCommand(spec: CommandSpec, args: unknown[], client: LiftoffClient | undefined): Promise<unknown> {
  const blocked = spec.precondition?.(...args);
  if (blocked) { void vscode.window.showWarningMessage(blocked); return undefined; }
  try {
    return await spec.run(...args);
  } catch (err) {
    const choice = await vscode.window.showErrorMessage(`Liftoff: ${spec.id} failed: ${err instanceof Error ? err.message : String(err)}`, 'Open Output');
    if (choice) client?.output.show();
    return undefined;
  }
}
