/**
 * "Liftoff: Compare Models": from the Explorer's context menu with two `.onnx` files selected (VS Code passes the
 * clicked file and the selection), or from the palette (two file pickers). Opens the Compare Models panel.
 */
import * as vscode from 'vscode';
import { CompareModelsPanel } from './panel';

const isOnnx = (u: unknown): u is vscode.Uri =>
  u instanceof vscode.Uri && u.scheme === 'file' && /\.onnx$/i.test(u.path);

async function pick(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('ONNX model')]: ['onnx'] },
    openLabel: title,
  });
  return picked?.[0];
}

export async function compareModelsCommand(
  extensionUri: vscode.Uri,
  output: vscode.LogOutputChannel,
  clicked?: unknown,
  selected?: unknown,
): Promise<{ a: string; b: string } | undefined> {
  let models = (Array.isArray(selected) ? selected : [clicked]).filter(isOnnx);
  if (models.length > 2) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Liftoff: Compare Models compares two models; {0} are selected. Select two .onnx files.',
        models.length,
      ),
    );
    return undefined;
  }
  if (models.length < 2) {
    const first = models[0] ?? (await pick(vscode.l10n.t('Compare This Model')));
    if (!first) return undefined;
    const second = await pick(vscode.l10n.t('Compare with {0}', first.path.split('/').pop() ?? ''));
    if (!second) return undefined;
    models = [first, second];
  }
  const [a, b] = models.map((u) => u.fsPath) as [string, string];
  CompareModelsPanel.show(extensionUri, output, a, b);
  return { a, b };
}
