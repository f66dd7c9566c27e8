/**
 * "Liftoff: Export Plan": a standalone HTML file (inline CSS, charts as inline SVG, no script) and a Markdown
 * file next to the plan, or where a save dialog says for plans that are not files on disk.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderPlanMarkdown, renderStandaloneHtml } from '../../../../core/src/plan/render';
import type { ModelSource } from './panel';
import { decorateModel } from './decorate';

export interface ExportResult {
  readonly html: string;
  readonly markdown: string;
}

export async function exportPlan(
  source: ModelSource,
  uri: vscode.Uri,
  version: string,
): Promise<ExportResult | undefined> {
  const served = await source.planViewModel(uri);
  const model = served && (await decorateModel(served, uri));
  if (!model) throw new Error(`cannot read ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}`);
  if (model.status === 'not-a-plan' || model.status === 'too-big')
    throw new Error(model.message ?? 'this document cannot be exported');
  let htmlUri: vscode.Uri;
  if (uri.scheme === 'file') {
    htmlUri = uri.with({ path: uri.path.replace(/\.ya?ml$/i, '') + '.html' });
  } else {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const base = path.posix.basename(uri.path).replace(/\.ya?ml$/i, '') || 'plan';
    const picked = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export the plan (an .html and a .md file)'),
      saveLabel: vscode.l10n.t('Export'),
      filters: { HTML: ['html'] },
      ...(folder && { defaultUri: vscode.Uri.joinPath(folder, `${base}.html`) }),
    });
    if (!picked) return undefined;
    htmlUri = picked;
  }
  const mdUri = htmlUri.with({ path: htmlUri.path.replace(/\.html?$/i, '') + '.md' });
  const encoder = new TextEncoder();
  await vscode.workspace.fs.writeFile(
    htmlUri,
    encoder.encode(renderStandaloneHtml(model, { generator: `Liftoff ${version}` })),
  );
  await vscode.workspace.fs.writeFile(mdUri, encoder.encode(renderPlanMarkdown(model)));
  const openHtml = vscode.l10n.t('Open HTML in Browser');
  const openMd = vscode.l10n.t('Open Markdown');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t(
        'Exported the plan to {0} and {1}.',
        path.posix.basename(htmlUri.path),
        path.posix.basename(mdUri.path),
      ),
      openHtml,
      openMd,
    )
    .then((choice) => {
      if (choice === openHtml) void vscode.env.openExternal(htmlUri);
      else if (choice === openMd) void vscode.window.showTextDocument(mdUri);
    });
  return { html: htmlUri.toString(), markdown: mdUri.toString() };
}
