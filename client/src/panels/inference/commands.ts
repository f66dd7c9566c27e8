/** The inference and inspector commands, for the commands table (client/src/commands.ts). */
import * as vscode from 'vscode';
import type { CommandSpec } from '../../command-spec';
import { compareModelsCommand } from '../model-compare/compare-command';
import { inspectModelCommand } from '../onnx-inspector/inspect-command';
import { runImagesCommand } from './image-command';
import { runInferenceCommand } from './run-command';
import { scoreFileCommand } from './score-command';

export function inferenceCommandSpecs(
  context: vscode.ExtensionContext,
  output: () => vscode.LogOutputChannel,
): CommandSpec[] {
  return [
    {
      // Needs trust (onnxruntime reads the model in native code): see command-requirements.ts.
      id: 'liftoff.runInference',
      run: (arg) => runInferenceCommand(context, output(), arg),
    },
    { id: 'liftoff.inspectModel', run: (arg) => inspectModelCommand(arg) },
    {
      id: 'liftoff.compareModels',
      run: (clicked, selected) => compareModelsCommand(context.extensionUri, output(), clicked, selected),
    },
    // Needs trust too: the same native model loading, on the image files selected in the Explorer.
    {
      id: 'liftoff.runInferenceOnImages',
      run: (clicked, selected) => runImagesCommand(context, output(), clicked, selected),
    },
    // Needs trust too: the same native model loading, on a whole file.
    { id: 'liftoff.scoreFile', run: (arg) => scoreFileCommand(context, output(), arg) },
  ];
}
