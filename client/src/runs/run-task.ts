import * as vscode from 'vscode';
import type { PreparedRun } from '../../../core/src/launchers';

export const TASK_TYPE = 'liftoff';

/**
 * Hosts a prepared local run's runner as a VS Code task, so its output streams live in a terminal: the task runs
 * core's runner (dist/runner/liftoff-run.js) with VS Code's own Node; the runner starts the command without a shell
 * of the user's and is the one writer of run.json while it lives.
 */
export async function startRunnerTask(
  context: vscode.ExtensionContext,
  experimentUri: vscode.Uri,
  prepared: PreparedRun,
): Promise<vscode.TaskExecution> {
  const folder = vscode.workspace.getWorkspaceFolder(experimentUri) ?? vscode.TaskScope.Workspace;
  const task = new vscode.Task(
    { type: TASK_TYPE, runDir: prepared.dir },
    folder,
    `${prepared.record.experiment} · ${prepared.record.id}`,
    'Liftoff',
    new vscode.ProcessExecution(
      process.execPath,
      [context.asAbsolutePath('dist/runner/liftoff-run.js'), prepared.dir],
      {
        env: { ELECTRON_RUN_AS_NODE: '1' },
        cwd: prepared.plan.cwd,
      },
    ),
  );
  task.presentationOptions = {
    reveal: vscode.TaskRevealKind.Always,
    panel: vscode.TaskPanelKind.Dedicated,
    clear: false,
    focus: false,
  };
  task.isBackground = false;
  return vscode.tasks.executeTask(task);
}
