/** The inference and inspector commands, for the commands table (client/src/commands.ts). */
import * as vscode from 'vscode';
import type { CommandSpec } from '../../commands';
import { inspectModelCommand } from '../onnx-inspector/inspect-command';
import { runInferenceCommand } from './run-command';

export function inferenceCommandSpecs(context: vscode.ExtensionContext, output: () => vscode.LogOutputChannel): CommandSpec[] {
  return [
    {
      id: 'liftoff.runInference',
      // onnxruntime parses the model in native code: only in workspaces the user trusts.
      precondition: () => (vscode.workspace.isTrusted ? undefined : 'Liftoff runs models only in trusted workspaces (onnxruntime reads the model in native code). Trust this workspace to run inference; "Liftoff: Inspect ONNX Model" works without.'),
      run: (arg) => runInferenceCommand(context, output(), arg),
    },
    { id: 'liftoff.inspectModel', run: (arg) => inspectModelCommand(arg) },
  ];
}
