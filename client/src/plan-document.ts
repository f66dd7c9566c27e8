/** Which documents are business plans, for the plan preview and export commands and the editor title button. */
import * as vscode from 'vscode';

const PLAN_FILE = /\.plan\.ya?ml$/i;
const PLAN_KIND = /^kind:\s*["']?BusinessPlan\b/m;

/** A `*.plan.yaml` file, or any YAML document that declares `kind: BusinessPlan`. */
export function isPlanDocument(doc: vscode.TextDocument): boolean {
  if (PLAN_FILE.test(doc.uri.path)) return true;
  return doc.languageId === 'yaml' && PLAN_KIND.test(doc.getText(new vscode.Range(0, 0, 200, 0)));
}

/** The plan a command acts on: its URI argument (editor title, explorer), else the active editor's plan. */
export function targetPlan(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isPlanDocument(doc) ? doc.uri : undefined;
}

export const noPlan = (): string =>
  vscode.l10n.t('Open a business plan first: a *.plan.yaml file, or a YAML document with `kind: BusinessPlan`.');

/**
 * Keeps the `liftoff.activeEditorIsPlan` context key current, so the editor title button also shows on plans
 * that are not named *.plan.yaml.
 */
export function trackActivePlan(): vscode.Disposable {
  const update = () =>
    void vscode.commands.executeCommand(
      'setContext',
      'liftoff.activeEditorIsPlan',
      vscode.window.activeTextEditor ? isPlanDocument(vscode.window.activeTextEditor.document) : false,
    );
  update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (d === vscode.window.activeTextEditor?.document) update();
    }),
  );
}
