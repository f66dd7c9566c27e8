import * as vscode from 'vscode';
import { errorText, uiLocale } from '../error-text';
import { reasonText, RunStore, type RunHandle } from '../../../core/src/runs';
import { LaunchError } from '../../../core/src/launchers';
import { SlurmSubmitError } from '../../../core/src/launchers';
import type { LiftoffClient } from '../language-client';
import type { RunsController } from './controller';
import { showSlurmSubmitError } from './slurm-commands';

export const RERUN = 'liftoff.rerunOf';
/** Re-run's argument to `liftoff.train`: the run's experiment file and its config snapshot, the text that will run. */
export interface RerunRequest {
  readonly [RERUN]: true;
  readonly experiment: vscode.Uri;
  readonly text: string;
}
const isRerun = (arg: unknown): arg is RerunRequest =>
  typeof arg === 'object' && arg !== null && (arg as Record<string, unknown>)[RERUN] === true;

/**
 * Which experiment to train: the argument (a code lens passes the document URI), else the active experiment editor,
 * else the only experiment on screen, else ask.
 */
async function pickExperiment(arg: unknown): Promise<vscode.Uri | undefined> {
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  if (arg instanceof vscode.Uri) return arg;
  const isExperiment = (d: vscode.TextDocument) =>
    /\.experiment\.ya?ml$/.test(d.fileName) || /^kind:\s*Experiment\s*$/m.test(d.getText());
  const active = vscode.window.activeTextEditor?.document;
  if (active && isExperiment(active)) return active.uri;
  // Focus in a webview or the palette: the editor tab last active in the active group is still the one meant.
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (tab instanceof vscode.TabInputText) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === tab.uri.toString());
    if (doc && isExperiment(doc)) return doc.uri;
  }
  // Focus elsewhere (a view, the palette, the Output panel): the one experiment on screen is the one meant.
  const visible = [...new Set(vscode.window.visibleTextEditors.map((e) => e.document).filter(isExperiment))];
  if (visible.length === 1) return visible[0]!.uri;
  const files = await vscode.workspace.findFiles('**/*.experiment.{yaml,yml}', '**/{node_modules,.liftoff}/**', 500);
  if (files.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('No experiment to train: open a *.experiment.yaml file (or create one with the exp-min snippet).'),
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
    { placeHolder: vscode.l10n.t('Experiment to train') },
  );
  return pick?.uri;
}

/** "▶ Train" / "Liftoff: Train Experiment": checks, then starts a run with a progress notification. */
export async function trainCommand(
  controller: RunsController,
  client: LiftoffClient | undefined,
  arg?: unknown,
): Promise<RunHandle | undefined> {
  const rerun = isRerun(arg) ? arg : undefined;
  const uri = rerun ? rerun.experiment : await pickExperiment(arg);
  if (!uri) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Save the experiment to a file in the workspace before training it.'),
    );
    return undefined;
  }
  const text = rerun ? rerun.text : (await vscode.workspace.openTextDocument(uri)).getText();
  if (client) {
    // The text that will run is what gets validated: the editor's, or a re-run's snapshot (at the experiment's URI).
    const { errors } = await client.validateFiles([uri], rerun ? new Map([[uri.toString(), rerun.text]]) : undefined);
    if (errors > 0) {
      const subject = rerun
        ? vscode.l10n.t('The snapshot of this run ({0})', vscode.workspace.asRelativePath(uri))
        : vscode.workspace.asRelativePath(uri);
      const choice = await vscode.window.showErrorMessage(
        errors === 1
          ? vscode.l10n.t('{0} has 1 error: fix it before training.', subject)
          : vscode.l10n.t('{0} has {1} errors: fix them before training.', subject, errors),
        vscode.l10n.t('Show Problems'),
      );
      if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
      return undefined;
    }
  }
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Liftoff: starting {0}', vscode.workspace.asRelativePath(uri)),
      cancellable: false,
    },
    async () => {
      let run: RunHandle;
      try {
        run = await controller.start(uri, text);
      } catch (err) {
        if (err instanceof SlurmSubmitError) {
          void showSlurmSubmitError(err, uri);
          return undefined;
        }
        const message =
          err instanceof LaunchError ? errorText(err) : vscode.l10n.t('Could not start the run: {0}', errorText(err));
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
      // Wait for the process to start (or fail at once: a missing interpreter, say). A Slurm job may pend for hours:
      // it is submitted, and the Runs view follows it from here.
      const deadline = Date.now() + 15_000;
      let record = run.record;
      while (record.state === 'queued' && record.launcher !== 'slurm' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        record = (await RunStore.read(run.dir)) ?? record;
      }
      if (record.state === 'failed') {
        const choice = await vscode.window.showErrorMessage(
          vscode.l10n.t('The run failed to start: {0}', reasonText(uiLocale(), record) ?? vscode.l10n.t('see its log')),
          vscode.l10n.t('Open Log'),
        );
        if (choice)
          await vscode.commands.executeCommand('liftoff.showRunTimeline', {
            kind: 'run',
            run: { dir: run.dir, record },
          });
      }
      return { dir: run.dir, record };
    },
  );
}
