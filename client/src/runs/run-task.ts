import * as vscode from 'vscode';
import { prepareRun, type PreparedRun } from '../../../core/src/launchers/prepare-run';

export const TASK_TYPE = 'liftoff';

/**
 * Starts a prepared run as a VS Code task, so its output streams live in a terminal: the task runs our runner
 * (dist/runner/liftoff-run.js) with VS Code's own Node, and the runner starts the actual command without a shell.
 */
export async function startTrainingTask(context: vscode.ExtensionContext, workspace: string, experimentUri: vscode.Uri, text: string): Promise<{ prepared: PreparedRun; execution: vscode.TaskExecution }> {
  const prepared = await prepareRun({
    workspace, experimentPath: experimentUri.fsPath, experimentText: text,
    builtinTrainer: context.asAbsolutePath('dist/trainer/builtin.js'), nodePath: process.execPath,
  });
  const folder = vscode.workspace.getWorkspaceFolder(experimentUri) ?? vscode.TaskScope.Workspace;
  const task = new vscode.Task(
    { type: TASK_TYPE, runDir: prepared.dir },
    folder,
    `${prepared.record.experiment} · ${prepared.record.id}`,
    'Liftoff',
    new vscode.ProcessExecution(process.execPath, [context.asAbsolutePath('dist/runner/liftoff-run.js'), prepared.dir], {
      env: { ELECTRON_RUN_AS_NODE: '1' }, cwd: prepared.plan.cwd,
    }),
  );
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: false, focus: false };
  task.isBackground = false;
  const execution = await vscode.tasks.executeTask(task);
  return { prepared, execution };
}
