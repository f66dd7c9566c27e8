import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorText, sayPhrase, uiLocale } from '../error-text';
import { LaunchError } from '../../../core/src/launchers';
import { previewSbatch, type SlurmSubmitError } from '../../../core/src/launchers';
import { parse } from 'yaml';
import type { CommandSpec } from '../command-spec';
import { isSlurmExperiment } from './slurm-settings';

export const PREVIEW_SBATCH = 'liftoff.previewSbatch';

function experimentUri(arg: unknown): vscode.Uri | undefined {
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document;
  return active && (/\.experiment\.ya?ml$/.test(active.fileName) || /^kind:\s*Experiment\s*$/m.test(active.getText()))
    ? active.uri
    : undefined;
}

/** "Liftoff: Preview sbatch Script": the script a submission would send now, in an untitled shell-script editor. */
async function previewSbatchCommand(context: vscode.ExtensionContext, arg: unknown): Promise<string | undefined> {
  const uri = experimentUri(arg);
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Open a saved *.experiment.yaml file to preview the sbatch script it would submit.'),
    );
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
  let script: string;
  try {
    script = previewSbatch({
      workspace: folder,
      experimentPath: uri.fsPath,
      experimentText: doc.getText(),
      builtinTrainer: context.asAbsolutePath('dist/trainer/builtin.js'),
      nodePath: process.execPath,
      // The script a submission from this window sends: the built-in trainer told the window's language.
      locale: uiLocale(),
    }).script;
  } catch (err) {
    void vscode.window.showErrorMessage(
      err instanceof LaunchError
        ? errorText(err)
        : vscode.l10n.t('Could not render the sbatch script: {0}', errorText(err)),
    );
    return undefined;
  }
  let experiment: unknown;
  try {
    experiment = parse(doc.getText());
  } catch {
    experiment = undefined;
  }
  if (!isSlurmExperiment(experiment)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'This experiment runs locally (`run.launcher` is not `slurm`): this is the script it would submit with `launcher: slurm`.',
      ),
    );
  }
  const shown = await vscode.workspace.openTextDocument({ language: 'shellscript', content: script });
  await vscode.window.showTextDocument(shown, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  return script;
}

/** sbatch's refusal, verbatim, with what to change and a way to the script. */
export async function showSlurmSubmitError(err: SlurmSubmitError, experiment: vscode.Uri): Promise<void> {
  const missingTools = /was not found/.test(err.sbatchMessage);
  const settings = vscode.l10n.t('Open Settings');
  const preview = vscode.l10n.t('Preview sbatch Script');
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t('Slurm refused the job: {0} — {1}', err.sbatchMessage.trim(), sayPhrase(err.hintPhrase)),
    missingTools ? settings : preview,
  );
  if (choice === preview) await vscode.commands.executeCommand(PREVIEW_SBATCH, experiment);
  if (choice === settings)
    await vscode.commands.executeCommand('workbench.action.openSettings', 'liftoff.slurm.commandPrefix');
}

export function slurmCommandSpecs(context: vscode.ExtensionContext): CommandSpec[] {
  return [{ id: PREVIEW_SBATCH, run: (arg) => previewSbatchCommand(context, arg) }];
}
