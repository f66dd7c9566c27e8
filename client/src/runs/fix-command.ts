import * as vscode from 'vscode';
import { errorText, uiLocale } from '../error-text';
import { diagnosisIn, fixPlanIn, proposeFixes, type RunHandle } from '../../../core/src/runs';

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
      vscode.l10n.t(
        'Run {0} does not name its experiment file inside this workspace, so there is nothing to edit.',
        run.record.id,
      ),
    );
    return false;
  }
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: {1}', file, errorText(err)));
    return false;
  }
  // The cause and the fixes in VS Code's display language.
  const proposed = await proposeFixes(run, doc.getText());
  const diagnosis = proposed.diagnosis && diagnosisIn(uiLocale(), proposed.diagnosis);
  const fixes = proposed.fixes.map((f) => ({ ...f, plan: fixPlanIn(uiLocale(), f.plan) }));
  if (!diagnosis || fixes.length === 0) {
    void vscode.window.showInformationMessage(
      diagnosis
        ? vscode.l10n.t('{0}: no edit of the experiment fixes this. {1}', diagnosis.title, diagnosis.detail)
        : vscode.l10n.t('Run {0} did not fail.', run.record.id),
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
              detail: f.error ? vscode.l10n.t('Cannot be applied automatically: {0}', f.error) : undefined,
              fix: f,
            })),
            { placeHolder: vscode.l10n.t('{0}: choose a fix', diagnosis.title) },
          )
        )?.fix;
  if (!chosen) return false;
  if (!chosen.result) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0}: {1}', chosen.plan.title, chosen.error ?? vscode.l10n.t('cannot be applied')),
    );
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
        vscode.l10n.t(
          '{0}: not applied. In the Refactor Preview, tick the change, then Apply (Discard leaves the experiment as it is).',
          chosen.plan.title,
        ),
      );
    return false;
  }
  await doc.save();
  await vscode.commands.executeCommand('liftoff.train', doc.uri);
  return true;
}
