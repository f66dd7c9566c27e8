/**
 * "Liftoff: Compare Plan with…": pick the old version (HEAD, a branch, a recent commit of the file — read with the
 * git CLI — or another file) and open the compare panel beside the plan. In Restricted Mode git is not run (a
 * repository's configuration can make git start programs), so only another file can be picked.
 */
import * as vscode from 'vscode';
import { errorText } from '../../error-text';
import { GitError, revisionsOf, showAtRevision, type Revision } from '../../../../core/src/git';
import type { CommandSpec } from '../../command-spec';
import type { LiftoffClient } from '../../language-client';
import { noPlan, targetPlan } from '../../plan-document';
import { BaseDocuments, PlanDiffPanel, type PlanBase } from './panel';

type Pick = vscode.QuickPickItem & { readonly take?: () => Promise<PlanBase | undefined> };

export function planDiffCommandSpecs(
  context: vscode.ExtensionContext,
  getClient: () => LiftoffClient | undefined,
): CommandSpec[] {
  const bases = new BaseDocuments();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(BaseDocuments.scheme, bases));
  return [
    {
      id: 'liftoff.comparePlan',
      precondition: (arg) => (targetPlan(arg) ? undefined : noPlan()),
      run: async (arg) => {
        const uri = targetPlan(arg)!;
        const base = await pickBase(uri, bases);
        if (!base) return undefined;
        const client = getClient();
        if (!client) throw new Error('the Liftoff language server is not running');
        return PlanDiffPanel.show(
          context.extensionUri,
          { planDiff: (u, text) => client.planDiff(u, text), output: client.output },
          uri,
          base,
        );
      },
    },
  ];
}

async function pickBase(uri: vscode.Uri, bases: BaseDocuments): Promise<PlanBase | undefined> {
  const items: Pick[] = [];
  const fromRevision = (rev: string, label: string) => async (): Promise<PlanBase> => {
    const text = await showAtRevision(uri.fsPath, rev);
    return { label, text, uri: bases.add(uri, label, text) };
  };
  if (uri.scheme === 'file' && vscode.workspace.isTrusted) {
    try {
      const revisions = await revisionsOf(uri.fsPath);
      items.push({
        label: '$(git-commit) HEAD',
        description: vscode.l10n.t('the last commit'),
        take: fromRevision('HEAD', 'HEAD'),
      });
      const branches = revisions.filter((r) => r.kind === 'branch');
      const commits = revisions.filter((r) => r.kind === 'commit');
      if (branches.length) items.push({ label: vscode.l10n.t('Branches'), kind: vscode.QuickPickItemKind.Separator });
      items.push(...branches.map((r) => revisionItem(r, fromRevision)));
      if (commits.length)
        items.push({
          label: vscode.l10n.t('Commits that changed this plan'),
          kind: vscode.QuickPickItemKind.Separator,
        });
      items.push(...commits.map((r) => revisionItem(r, fromRevision)));
    } catch (err) {
      const why = err instanceof GitError ? err.message : String(err);
      items.push({ label: `Git: ${why}`, kind: vscode.QuickPickItemKind.Separator });
    }
  } else if (!vscode.workspace.isTrusted) {
    items.push({
      label: vscode.l10n.t('Git revisions need a trusted workspace'),
      kind: vscode.QuickPickItemKind.Separator,
    });
  }
  items.push({ label: vscode.l10n.t('Other'), kind: vscode.QuickPickItemKind.Separator });
  items.push({
    label: `$(file) ${vscode.l10n.t('Another file…')}`,
    description: vscode.l10n.t('compare with a plan file'),
    take: async () => {
      const [file] =
        (await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: vscode.l10n.t('Compare'),
          filters: { [vscode.l10n.t('YAML plans')]: ['yaml', 'yml'] },
          defaultUri: vscode.Uri.joinPath(uri, '..'),
        })) ?? [];
      if (!file) return undefined;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      return { label: vscode.workspace.asRelativePath(file), text, uri: file };
    },
  });
  const choice = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Compare the plan with…'),
    placeHolder: vscode.l10n.t('An older version: HEAD, a branch, a commit, or another file'),
    matchOnDescription: true,
  });
  if (!choice?.take) return undefined;
  try {
    return await choice.take();
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff cannot read that version: {0}', errorText(err)));
    return undefined;
  }
}

function revisionItem(r: Revision, from: (rev: string, label: string) => () => Promise<PlanBase>): Pick {
  return {
    label: `${r.kind === 'branch' ? '$(git-branch)' : '$(git-commit)'} ${r.label}`,
    description: r.description,
    take: from(r.rev, r.label),
  };
}
