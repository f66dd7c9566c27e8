/**
 * "Liftoff: Inspect ONNX Model": opens the inspector on the model given (explorer context menu), the active `.onnx`
 * tab, or the model inference would use for the active file (model-picker). Returns what the inspector shows.
 */
import * as vscode from 'vscode';
import { inspectModelFile } from '../../../../core/src/onnx';
import type { ModelInspection } from '../../../../core/src/onnx';
import { pickModel } from '../inference/model-picker';
import { ONNX_INSPECTOR_VIEW_TYPE } from './contract';

function activeOnnx(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom && input.uri.path.endsWith('.onnx')) return input.uri;
  if (input instanceof vscode.TabInputText && input.uri.path.endsWith('.onnx')) return input.uri;
  return undefined;
}

export async function inspectModelCommand(
  arg?: unknown,
): Promise<{ path: string; inspection: ModelInspection } | undefined> {
  let uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' && arg ? vscode.Uri.file(arg) : activeOnnx();
  if (!uri) {
    const picked = await pickModel(
      vscode.window.activeTextEditor?.document.uri,
      undefined,
      vscode.l10n.t('Model to inspect'),
    );
    if (!picked) return undefined;
    uri = vscode.Uri.file(picked.model);
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, ONNX_INSPECTOR_VIEW_TYPE);
  return { path: uri.fsPath, inspection: await inspectModelFile(uri.fsPath) };
}
