/**
 * "Liftoff: Run Inference on Images": the image files selected in the Explorer (or the image open in the editor)
 * → the model (the experiment with an `inference.image` section nearest the images, its `inference.model` or
 * latest run; else a pick) → core runImageInference with thumbnails → the results panel: one row per image with
 * its thumbnail and top-k labels. Returns a plain summary (tests read it); problems are shown with what to do.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { InferenceError, runImageInference } from '../../../../core/src/inference';
import { experimentWith, pickModel } from './model-picker';
import { imageShown } from './media-view-model';
import { InferencePanel } from './panel';
import { reportInferenceError, type InferenceOutcome } from './run-command';
import { sessions } from './sessions';

export const IMAGE_FILE = /\.(png|jpe?g)$/i;
/** Pixels of a thumbnail's longer side in the panel. */
const THUMBNAIL = 96;

const isUri = (v: unknown): v is vscode.Uri => v instanceof vscode.Uri;

/** The images the command was run on: the Explorer's selection, the clicked file, or the active editor's image. */
export function imageTargets(clicked?: unknown, selected?: unknown): vscode.Uri[] {
  const list = Array.isArray(selected) && selected.length ? selected.filter(isUri) : isUri(clicked) ? [clicked] : [];
  if (list.length) return list.filter((u) => u.scheme === 'file' && IMAGE_FILE.test(u.path));
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri =
    tab instanceof vscode.TabInputCustom || tab instanceof vscode.TabInputText
      ? tab.uri
      : vscode.window.activeTextEditor?.document.uri;
  return uri && uri.scheme === 'file' && IMAGE_FILE.test(uri.path) ? [uri] : [];
}

export async function runImagesCommand(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  clicked?: unknown,
  selected?: unknown,
): Promise<InferenceOutcome> {
  const files = imageTargets(clicked, selected);
  if (files.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Select PNG or JPEG files in the Explorer (or open an image) to run an image model on them.'),
    );
    return undefined;
  }
  const experiment = await experimentWith(files[0], (s) => s.image !== undefined);
  const picked = await pickModel(files[0], undefined, vscode.l10n.t('Image model to run'), experiment);
  if (!picked) return undefined;
  const label = path.basename(picked.model);
  const sourceName = files.length === 1 ? path.basename(files[0]!.fsPath) : vscode.l10n.t('{0} images', files.length);
  try {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Window,
        title: vscode.l10n.t('Liftoff: running {0}', label),
        cancellable: true,
      },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await runImageInference(sessions(context), {
            model: picked.model,
            files: files.map((f) => f.fsPath),
            ...(picked.experiment && { experiment: picked.experiment }),
            signal: abort.signal,
            thumbnails: THUMBNAIL,
          });
        } finally {
          sub.dispose();
        }
      },
    );
    const shown = imageShown(result, {
      how: picked.how,
      preprocessing: picked.experiment?.image,
      tr: vscode.l10n.t,
    });
    InferencePanel.show(context.extensionUri, output, shown);
    output.info(
      `Inference: ${files.length} image${files.length === 1 ? '' : 's'} through ${picked.model} on ${result.provider} (${picked.how})`,
    );
    return {
      model: result.modelPath,
      how: picked.how,
      provider: result.provider,
      rows: files.length,
      format: 'images',
      kind: result.predictions.kind,
      predictions: shown.view.rows.map((r) => ({
        row: r.row,
        ...(r.top?.length && {
          label: r.top[0]!.label,
          probability: r.top[0]!.p,
          top: r.top.map((t) => ({ label: t.label, probability: t.p })),
        }),
        ...(r.values && { values: r.values }),
      })),
      notes: [],
    };
  } catch (err) {
    if (!(err instanceof InferenceError)) throw err;
    return reportInferenceError(err, sourceName, picked.model, output);
  }
}
