import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { RunStore, type RunHandle } from '../../../core/src/runs/run-store';
import type { RunsController } from './controller';
import type { RunsNode } from './runs-tree';

/** Commands of the Runs view's context menu. Each takes the tree node it was invoked on. */
function runOf(node: unknown): RunHandle | undefined {
  const n = node as RunsNode | undefined;
  return n?.kind === 'run' ? n.run : undefined;
}

const open = (file: string) => vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });

export function runCommandSpecs(controller: RunsController) {
  const need = (fn: (run: RunHandle) => unknown) => (node: unknown) => {
    const run = runOf(node);
    if (!run) { void vscode.window.showWarningMessage('Choose a run in the Liftoff Runs view first.'); return undefined; }
    return fn(run);
  };
  return [
    { id: 'liftoff.refreshRuns', run: () => controller.reattach() },
    { id: 'liftoff.stopRun', run: need((r) => controller.stop(r)) },
    {
      id: 'liftoff.rerun', run: need(async (r) => {
        const experiment = vscode.Uri.file(r.record.experimentPath ?? path.join(r.record.cwd, 'experiment.yaml'));
        return controller.start(experiment, await readFile(path.join(r.dir, r.record.files.config), 'utf8'));
      }),
    },
    { id: 'liftoff.openRunLog', run: need((r) => open(path.join(r.dir, r.record.files.stdout))) },
    { id: 'liftoff.openRunConfig', run: need((r) => open(path.join(r.dir, r.record.files.config))) },
    { id: 'liftoff.revealRunArtifacts', run: need((r) => vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(path.join(r.dir, r.record.files.artifacts)))) },
    {
      id: 'liftoff.deleteRun', run: need(async (r) => {
        if (r.record.state === 'running') { void vscode.window.showWarningMessage('Stop the run before deleting it.'); return; }
        const ok = await vscode.window.showWarningMessage(`Delete run ${r.record.id} of ${r.record.experiment} with its logs, metrics and model?`, { modal: true }, 'Delete');
        if (ok !== 'Delete') return;
        await new RunStore(path.resolve(r.dir, '..', '..', '..', '..')).delete(r.dir);
        controller.tree.refresh();
      }),
    },
  ];
}
