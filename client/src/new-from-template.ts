/**
 * `Liftoff: New Experiment…` and `Liftoff: New Business Plan…`: pick a template, a folder and a name; core decides
 * the files (core/src/templates), this module only asks and writes. From the Explorer's context menu the clicked
 * folder is the target; with no folder open the user picks one.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { CommandSpec } from './command-spec';
import { nameProblem, newDocument, templatesOf, type TemplateKind } from '../../core/src/templates';
import { normalizeLocale, t } from '../../core/src/l10n';

const WORDS: Record<TemplateKind, () => { readonly title: string; readonly pick: string; readonly name: string }> = {
  Experiment: () => ({
    title: vscode.l10n.t('New Experiment from Template'),
    pick: vscode.l10n.t('Which case should the new experiment start from?'),
    name: vscode.l10n.t('Name of the new experiment'),
  }),
  BusinessPlan: () => ({
    title: vscode.l10n.t('New Business Plan from Template'),
    pick: vscode.l10n.t('Which case should the new business plan start from?'),
    name: vscode.l10n.t('Name of the new business plan'),
  }),
};

/** The folder to create in: the Explorer's folder (or a file's folder), the only workspace folder, or one picked. */
async function targetFolder(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri && arg.scheme === 'file') {
    const stat = await vscode.workspace.fs.stat(arg);
    return stat.type & vscode.FileType.Directory ? arg : vscode.Uri.file(path.dirname(arg.fsPath));
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]!.uri;
  if (folders.length > 1)
    return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Create it in') }))?.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: vscode.l10n.t('Create Here'),
    title: vscode.l10n.t('Folder for the new document'),
  });
  return picked?.[0];
}

export async function newFromTemplate(context: vscode.ExtensionContext, kind: TemplateKind, arg?: unknown) {
  const words = WORDS[kind]();
  // Template titles and details are core's (core/src/templates), translated by core/src/l10n.
  const locale = normalizeLocale(vscode.env.language);
  const picked = await vscode.window.showQuickPick(
    templatesOf(kind).map((tp) => ({ label: t(locale, tp.title), detail: t(locale, tp.detail), template: tp })),
    { title: words.title, placeHolder: words.pick, matchOnDetail: true },
  );
  if (!picked) return undefined;
  const folder = await targetFolder(arg);
  if (!folder) return undefined;
  const name = await vscode.window.showInputBox({
    title: words.title,
    prompt: words.name,
    value: picked.template.id,
    validateInput: nameProblem,
  });
  if (name === undefined) return undefined;
  const doc = newDocument(context.asAbsolutePath('templates'), picked.template, folder.fsPath, name);
  for (const f of doc.files) await vscode.workspace.fs.writeFile(vscode.Uri.file(f.path), f.content);
  const uri = vscode.Uri.file(doc.main);
  await vscode.window.showTextDocument(uri);
  return uri;
}

export function templateCommandSpecs(context: vscode.ExtensionContext): CommandSpec[] {
  return [
    { id: 'liftoff.newExperiment', run: (arg) => newFromTemplate(context, 'Experiment', arg) },
    { id: 'liftoff.newBusinessPlan', run: (arg) => newFromTemplate(context, 'BusinessPlan', arg) },
  ];
}
