import * as vscode from 'vscode';
import { errorText } from '../error-text';
import { cancelQueueJob, deleteRun } from '../../../core/src/launchers';
import { ACTIVE_STATES } from '../../../core/src/runs';
import { RunStore, type RunHandle } from '../../../core/src/runs';
import { readRunFile } from '../../../core/src/runs';
import { applyFixAndRerun } from './fix-command';
import type { RunsController } from './controller';
import type { RunsNode } from './runs-tree';
import { slurmRunner } from './slurm-settings';
import { RERUN, type RerunRequest } from './train-command';

/** Commands of the Runs view's context menu. Each takes the tree node it was invoked on. */
function runOf(node: unknown): RunHandle | undefined {
  const n = node as RunsNode | undefined;
  return n?.kind === 'run' ? n.run : undefined;
}

const open = (file: string) => vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });

export function runCommandSpecs(controller: RunsController) {
  const need = (fn: (run: RunHandle) => unknown) => (node: unknown) => {
    const run = runOf(node);
    if (!run) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Choose a run in the Liftoff Runs view first.'));
      return undefined;
    }
    return fn(run);
  };
  return [
    { id: 'liftoff.refreshRuns', run: () => controller.reattach() },
    { id: 'liftoff.stopRun', run: need((r) => controller.stop(r)) },
    {
      // Re-run goes through ▶ Train: the same trust check and the same validation, of the snapshot it will run.
      id: 'liftoff.rerun',
      run: need(async (r) => {
        if (!r.record.experimentPath) {
          void vscode.window.showErrorMessage(
            vscode.l10n.t(
              'Run {0} does not name its experiment file inside this workspace, so it cannot be re-run; train the experiment instead.',
              r.record.id,
            ),
          );
          return undefined;
        }
        const text = await readRunFile(RunStore.file(r, 'config'));
        if (text === undefined) {
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Run {0} has no readable config snapshot (config.yaml) to re-run.', r.record.id),
          );
          return undefined;
        }
        const request: RerunRequest = { [RERUN]: true, experiment: vscode.Uri.file(r.record.experimentPath), text };
        return vscode.commands.executeCommand('liftoff.train', request);
      }),
    },
    { id: 'liftoff.fixRun', run: need((r) => applyFixAndRerun(r)) },
    {
      // A job of the Slurm queue section (perhaps not started from Liftoff): scancel after asking.
      id: 'liftoff.cancelSlurmJob',
      run: async (node: unknown) => {
        const n = node as RunsNode | undefined;
        if (n?.kind !== 'queueJob') return;
        const cancelLabel = vscode.l10n.t('Cancel Job');
        const ok = await vscode.window.showWarningMessage(
          vscode.l10n.t('Cancel Slurm job {0} ({1})?', n.job.jobId, n.job.name),
          { modal: true },
          cancelLabel,
        );
        if (ok !== cancelLabel) return;
        try {
          await cancelQueueJob(slurmRunner(), n.job.jobId);
        } catch (err) {
          void vscode.window.showWarningMessage(errorText(err));
        }
        controller.tree.refreshQueue();
        controller.tree.refresh();
      },
    },
    { id: 'liftoff.openRunLog', run: need((r) => open(RunStore.file(r, 'stdout'))) },
    { id: 'liftoff.openRunConfig', run: need((r) => open(RunStore.file(r, 'config'))) },
    {
      id: 'liftoff.revealRunArtifacts',
      run: need((r) =>
        vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(RunStore.file(r, 'artifacts'))),
      ),
    },
    {
      id: 'liftoff.deleteRun',
      run: need(async (r) => {
        const activeJob = r.record.launcher === 'slurm' && ACTIVE_STATES.has(r.record.state) && r.record.jobId;
        const question = activeJob
          ? vscode.l10n.t(
              'Cancel Slurm job {0} and delete run {1} of {2} with its logs, metrics and model?',
              r.record.jobId,
              r.record.id,
              r.record.experiment,
            )
          : vscode.l10n.t('Delete run {0} of {1} with its logs, metrics and model?', r.record.id, r.record.experiment);
        const deleteLabel = vscode.l10n.t('Delete');
        const ok = await vscode.window.showWarningMessage(question, { modal: true }, deleteLabel);
        if (ok !== deleteLabel) return;
        try {
          await deleteRun(r.dir, { slurmRunner: vscode.workspace.isTrusted ? slurmRunner() : undefined });
        } catch (err) {
          void vscode.window.showWarningMessage(errorText(err));
        }
        controller.tree.refresh();
      }),
    },
  ];
}
