import * as vscode from 'vscode';
import { proposeFixes, type RunHandle } from '../../../core/src/runs';

/**
 * "Apply Fix and Re-run": the failed run's diagnosis (core's proposeFixes, from the experiment file as it is now)
 * becomes one workspace edit of that file, shown in the refactor preview before it applies (the user ticks it and
 * presses Apply; undoable like any edit); once applied and saved, the experiment trains again through liftoff.train
 * (trust check and validation).
 */
export async function applyFixAndRerun(run: RunHandle): Promise<boolean> {
  const file = run.record.experimentPath;
  if (!file) {
    void vscode.window.showErrorMessage(
      `Run ${run.record.id} does not name its experiment file inside this workspace, so there is nothing to edit.`,
    );
    return false;
  }
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  } catch (err) {
    void vscode.window.showErrorMessage(`Cannot open ${file}: ${(err as Error).message}`);
    return false;
  }
  const { diagnosis, fixes } = await proposeFixes(run, doc.getText());
  if (!diagnosis || fixes.length === 0) {
    void vscode.window.showInformationMessage(
      diagnosis
        ? `${diagnosis.title}: no edit of the experiment fixes this. ${diagnosis.detail}`
        : `Run ${run.record.id} did not fail.`,
    );
    return false;
  }
  const chosen =
    fixes.length === 1
      ? fixes[0]
      : (
          await vscode.window.showQuickPick(
            fixes.map((f) => ({
              label: f.plan.title,
              detail: f.error ? `Cannot be applied automatically: ${f.error}` : undefined,
              fix: f,
            })),
            { placeHolder: `${diagnosis.title}: choose a fix` },
          )
        )?.fix;
  if (!chosen) return false;
  if (!chosen.result) {
    void vscode.window.showWarningMessage(`${chosen.plan.title}: ${chosen.error ?? 'cannot be applied'}`);
    return false;
  }
  const { offset, length, newText } = chosen.result.edit;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + length)), newText, {
    label: chosen.plan.title,
    description: diagnosis.title,
    needsConfirmation: true,
  });
  // needsConfirmation: VS Code shows the change in the refactor preview; nothing changes until it is applied there.
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (!applied || doc.getText() !== chosen.result.text) {
    // VS Code leaves an edit that needs confirmation unticked in the preview: Apply with nothing ticked changes nothing.
    if (doc.getText() !== chosen.result.text)
      void vscode.window.showInformationMessage(
        `${chosen.plan.title}: not applied. In the Refactor Preview, tick the change, then Apply (Discard leaves the experiment as it is).`,
      );
    return false;
  }
  await doc.save();
  await vscode.commands.executeCommand('liftoff.train', doc.uri);
  return true;
}
