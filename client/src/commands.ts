/**
 * The commands table: id → handler, requirements and precondition. `package.json` `contributes.commands` lists the
 * same ids as COMMAND_REQUIREMENTS (a unit test), and this table has a handler for each (an extension test).
 * A command whose precondition fails says why, with a button to fix it, instead of doing nothing.
 */
import * as vscode from 'vscode';
import { errorText } from './error-text';
import type { LiftoffClient } from './language-client';
import type { CommandSpec } from './command-spec';
import { COMMAND_REQUIREMENTS } from './command-requirements';
import { refusal, type Preconditions } from './preconditions';
import type { RunsController } from './runs/controller';
import { trainCommand } from './runs/train-command';
import { runCommandSpecs } from './runs/run-commands';
import { runTimelineCommandSpecs } from './runs/run-timeline';
import { slurmCommandSpecs } from './runs/slurm-commands';
import { planCommandSpecs } from './panels/plan-preview/commands';
import { planDiffCommandSpecs } from './panels/plan-diff/commands';
import { planReviewCommandSpecs } from './plan-review/commands';
import { inferenceCommandSpecs } from './panels/inference/commands';
import { metricsCommandSpecs } from './panels/metrics/commands';
import { compareRunsCommandSpecs } from './panels/run-compare/commands';
import { identityCommandSpecs } from './runs/identity-commands';
import { logFolderCommandSpecs } from './runs/log-folder-command';
import { installShim } from './cli-shim';
import { templateCommandSpecs } from './new-from-template';
import { walkthroughCommandSpecs } from './walkthrough';

export const LIFTOFF_GLOB = '**/*.{experiment,plan}.{yaml,yml}';

/** What command handlers may use; created once at activation. */
export interface CommandDeps {
  readonly getClient: () => LiftoffClient | undefined;
  readonly runs: RunsController;
  readonly context: vscode.ExtensionContext;
}

export function commandTable({ getClient, runs, context }: CommandDeps): CommandSpec[] {
  const specs: CommandSpec[] = [
    {
      id: 'liftoff.validateWorkspace',
      run: async () => {
        const uris = await vscode.workspace.findFiles(LIFTOFF_GLOB, '**/node_modules/**', 10_000);
        const result = await getClient()!.validateFiles(uris);
        const summary = vscode.env.language.toLowerCase().startsWith('zh')
          ? vscode.l10n.t(
              'Liftoff checked {0} documents: {1} errors, {2} warnings.',
              result.files,
              result.errors,
              result.warnings,
            )
          : `Liftoff checked ${result.files} document${result.files === 1 ? '' : 's'}: ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}.`;
        if (result.errors + result.warnings > 0) {
          // Not awaited: the command's result must not wait for the user to dismiss the notification.
          void vscode.window
            .showWarningMessage(summary, vscode.l10n.t('Show Problems'))
            .then((choice) => (choice ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
        } else {
          void vscode.window.showInformationMessage(summary);
        }
        return result;
      },
    },
    { id: 'liftoff.showOutput', run: () => getClient()!.output.show(true) },
    {
      id: 'liftoff.installCli',
      run: async () => {
        const outcome = installShim({
          execPath: process.execPath,
          extensionPath: context.extensionPath,
          version: String((context.extension.packageJSON as { version?: unknown }).version ?? ''),
        });
        if (!outcome.ok) {
          void vscode.window.showWarningMessage(
            outcome.reason === 'windows'
              ? vscode.l10n.t(
                  'On Windows, run the bundled command as: node "{0}", or install it with npm install -g liftoff-ml.',
                  outcome.file,
                )
              : outcome.reason === 'not-ours'
                ? vscode.l10n.t(
                    "{0} exists and is not Liftoff's: remove it first, or keep it (npm install -g liftoff-ml installs the same command).",
                    outcome.file,
                  )
                : vscode.l10n.t('Cannot write {0}: {1}', outcome.file, outcome.detail ?? ''),
          );
          return outcome;
        }
        void vscode.window.showInformationMessage(
          outcome.onPath
            ? vscode.l10n.t(
                'The liftoff command is installed ({0}): try liftoff --help in a new terminal.',
                outcome.file,
              )
            : vscode.l10n.t(
                'The liftoff command is installed as {0}; add {1} to your PATH to run it as liftoff.',
                outcome.file,
                outcome.file.replace(/\/liftoff$/, ''),
              ),
        );
        return outcome;
      },
    },
    { id: 'liftoff.restartServer', run: () => getClient()!.restart() },
    { id: 'liftoff.train', run: (arg) => trainCommand(runs, getClient(), arg) },
    ...runCommandSpecs(runs),
    ...runTimelineCommandSpecs(context, runs),
    ...slurmCommandSpecs(context),
    ...planCommandSpecs(context, getClient),
    ...planDiffCommandSpecs(context, getClient),
    ...planReviewCommandSpecs(),
    ...templateCommandSpecs(context),
    ...walkthroughCommandSpecs(),
    ...inferenceCommandSpecs(context, () => getClient()!.output),
    ...metricsCommandSpecs({
      context,
      runs,
      get output() {
        return getClient()?.output;
      },
    }),
    ...identityCommandSpecs(runs),
    ...compareRunsCommandSpecs(context, runs, () => getClient()?.output),
    ...logFolderCommandSpecs({
      context,
      runs,
      get output() {
        return getClient()?.output;
      },
    }),
  ];
  // Requirements come from the one list; an id missing there (a bug the unit test catches) needs everything.
  return specs.map((s) => ({ ...s, requires: COMMAND_REQUIREMENTS[s.id] ?? ['trust', 'server'] }));
}

/** How one invocation runs: `quiet` (background work through the table) refuses without a message. */
export interface InvokeOptions {
  readonly preconditions: Preconditions;
  readonly title: string;
  readonly client: LiftoffClient | undefined;
  readonly quiet?: boolean;
}

/** What `runCommand` returns when a requirement or precondition refused the command. */
export const REFUSED: unique symbol = Symbol('refused');

/**
 * Runs one command: its requirements, then its precondition (each saying why it cannot run, with a way to fix it),
 * then the handler; errors are shown with a way to the log.
 */
export async function runCommand(
  spec: CommandSpec,
  args: unknown[],
  { preconditions, title, client, quiet }: InvokeOptions,
): Promise<unknown> {
  const refused = refusal(preconditions, spec.requires ?? [], title);
  if (refused) {
    if (!quiet) {
      void vscode.window.showWarningMessage(refused.message, ...refused.actions.map((a) => a.title)).then((choice) => {
        const action = refused.actions.find((a) => a.title === choice);
        return action ? vscode.commands.executeCommand(action.command) : undefined;
      });
    }
    return REFUSED;
  }
  const blocked = spec.precondition?.(...args);
  if (blocked) {
    if (!quiet) void vscode.window.showWarningMessage(blocked);
    return REFUSED;
  }
  try {
    return await spec.run(...args);
  } catch (err) {
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Liftoff: {0} failed: {1}', spec.id, errorText(err)),
      vscode.l10n.t('Open Output'),
    );
    if (choice) client?.output.show();
    return undefined;
  }
}
