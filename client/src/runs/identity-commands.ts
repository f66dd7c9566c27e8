/**
 * "Rename Run" and "Edit Run Notes": the Runs view's context menu (or the palette, with a pick of the runs). The name
 * and notes go to the run folder's run-meta.json through core's writeRunIdentity (run.json keeps its one writer);
 * the Runs view, `liftoff runs` and Compare Runs show them. A string second argument skips the input box (scripts).
 */
import * as vscode from 'vscode';
import { errorText } from '../error-text';
import {
  MAX_RUN_NAME,
  MAX_RUN_NOTES,
  readRunIdentity,
  runDisplayName,
  writeRunIdentity,
  type RunHandle,
} from '../../../core/src/runs';
import type { CommandSpec } from '../command-spec';
import type { RunsController } from './controller';
import type { RunsNode } from './runs-tree';

/** Notes are edited on one line in the input box: this mark stands for a line break. */
export const NOTE_BREAK = ' ¶ ';

export function runOfNode(node: unknown): RunHandle | undefined {
  const n = node as RunsNode | undefined;
  return n && typeof n === 'object' && n.kind === 'run' ? n.run : undefined;
}

/** The run a command was invoked on, or one the user picks from the workspace's runs. */
export async function runOrPick(
  controller: RunsController,
  node: unknown,
  title: string,
  offered: (run: RunHandle) => boolean = () => true,
): Promise<RunHandle | undefined> {
  const given = runOfNode(node);
  if (given) return given;
  const runs = (await Promise.all(controller.stores().map((s) => s.list()))).flat().filter(offered);
  if (!runs.length) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('There are no runs in this workspace yet: train an experiment first.'),
    );
    return undefined;
  }
  const items = await Promise.all(
    runs.map(async (run) => ({
      label: runDisplayName(run.record, await readRunIdentity(run.dir)),
      description: `${run.record.experiment} · ${run.record.state}`,
      detail: run.record.id,
      run,
    })),
  );
  return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true }))?.run;
}

export function identityCommandSpecs(controller: RunsController): CommandSpec[] {
  const save = async (run: RunHandle, patch: { name?: string; notes?: string }) => {
    try {
      const now = await writeRunIdentity(run.dir, patch);
      controller.tree.refresh();
      return now;
    } catch (err) {
      void vscode.window.showErrorMessage(
        patch.name !== undefined
          ? vscode.l10n.t("Liftoff could not save the run's name: {0}", errorText(err))
          : vscode.l10n.t("Liftoff could not save the run's notes: {0}", errorText(err)),
      );
      return undefined;
    }
  };
  return [
    {
      id: 'liftoff.renameRun',
      run: async (node: unknown, given?: unknown) => {
        const run = await runOrPick(controller, node, vscode.l10n.t('Rename which run?'));
        if (!run) return undefined;
        const current = await readRunIdentity(run.dir);
        const name =
          typeof given === 'string'
            ? given
            : await vscode.window.showInputBox({
                title: vscode.l10n.t('Rename run {0}', run.record.id),
                prompt: vscode.l10n.t(
                  'A name for this run of {0}, shown in the Runs view, liftoff runs and Compare Runs (empty: show its id)',
                  run.record.experiment,
                ),
                value: current.name ?? '',
                placeHolder: run.record.id,
                validateInput: (v) =>
                  v.length > MAX_RUN_NAME ? vscode.l10n.t('At most {0} characters.', MAX_RUN_NAME) : undefined,
              });
        if (name === undefined) return undefined;
        return save(run, { name });
      },
    },
    {
      id: 'liftoff.editRunNotes',
      run: async (node: unknown, given?: unknown) => {
        const run = await runOrPick(controller, node, vscode.l10n.t('Edit the notes of which run?'));
        if (!run) return undefined;
        const current = await readRunIdentity(run.dir);
        const text =
          typeof given === 'string'
            ? given
            : (
                await vscode.window.showInputBox({
                  title: vscode.l10n.t('Notes of {0}', runDisplayName(run.record, current)),
                  prompt: vscode.l10n.t('What to remember about this run (empty: no notes). "¶" starts a new line.'),
                  value: (current.notes ?? '').split('\n').join(NOTE_BREAK),
                  validateInput: (v) =>
                    v.length > MAX_RUN_NOTES ? vscode.l10n.t('At most {0} characters.', MAX_RUN_NOTES) : undefined,
                })
              )?.replace(/\s*¶\s*/g, '\n');
        if (text === undefined) return undefined;
        return save(run, { notes: text });
      },
    },
  ];
}
