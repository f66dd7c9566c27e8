import * as vscode from 'vscode';
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
      void vscode.window.showWarningMessage('Choose a run in the Liftoff Runs view first.');
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
            `Run ${r.record.id} does not name its experiment file inside this workspace, so it cannot be re-run; train the experiment instead.`,
          );
          return undefined;
        }
        const text = await readRunFile(RunStore.file(r, 'config'));
        if (text === undefined) {
          void vscode.window.showErrorMessage(
            `Run ${r.record.id} has no readable config snapshot (config.yaml) to re-run.`,
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
        const ok = await vscode.window.showWarningMessage(
          `Cancel Slurm job ${n.job.jobId} (${n.job.name})?`,
          { modal: true },
          'Cancel Job',
        );
        if (ok !== 'Cancel Job') return;
        try {
          await cancelQueueJob(slurmRunner(), n.job.jobId);
        } catch (err) {
          void vscode.window.showWarningMessage((err as Error).message);
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
        const what = activeJob
          ? `Cancel Slurm job ${r.record.jobId} and delete run ${r.record.id}`
          : `Delete run ${r.record.id}`;
        const ok = await vscode.window.showWarningMessage(
          `${what} of ${r.record.experiment} with its logs, metrics and model?`,
          { modal: true },
          'Delete',
        );
        if (ok !== 'Delete') return;
        try {
          await deleteRun(r.dir, { slurmRunner: vscode.workspace.isTrusted ? slurmRunner() : undefined });
        } catch (err) {
          void vscode.window.showWarningMessage((err as Error).message);
        }
        controller.tree.refresh();
      }),
    },
  ];
}
