/**
 * The ONNX inspector: a read-only custom editor for `*.onnx` (viewType liftoff.onnxInspector, registered in
 * extension.ts). The file is read by
 * core's streaming inspector in the extension host — weights are skipped, never loaded — so a model of hundreds
 * of MB opens in a moment without blocking; the page shows "Reading…" until the answer arrives.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorText } from '../../error-text';
import { analyseGraph } from '../../../../core/src/onnx';
import { inspectModelFile } from '../../../../core/src/onnx';
import { formatDims } from '../../../../core/src/onnx';
import { webviewOptions, webviewShell } from '../webview-shell';
import { ONNX_INSPECTOR_STRINGS, webviewL10n } from '../webview-strings';
import { validMessages } from '../valid-messages';
import { parseWebviewMessage, type HostMessage, type InspectorViewModel } from './contract';

export class OnnxInspectorProvider {
  /** The last model each open inspector showed, by file (tests and the Inspect command read it). */
  static readonly shown = new Map<string, InspectorViewModel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly output: () => vscode.LogOutputChannel | undefined,
  ) {}

  /** Fills an inspector editor (the documents hold nothing: the file is read per editor). */
  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    panel.webview.options = webviewOptions(this.extensionUri, 'onnx-inspector');
    let model: InspectorViewModel | undefined;
    let reading: Promise<HostMessage> | undefined;
    const read = () =>
      (reading ??= this.read(document.uri).then(
        (m) => {
          model = m;
          OnnxInspectorProvider.shown.set(document.uri.toString(), m);
          return { type: 'model' as const, model: m };
        },
        (err: unknown) => ({ type: 'error' as const, message: message(err, document.uri) }),
      ));
    const subs = [
      panel.webview.onDidReceiveMessage(
        validMessages(
          parseWebviewMessage,
          (line) => this.output()?.warn(line),
          'ONNX inspector: ignored an invalid message',
          async (msg) => {
            if (msg.type === 'ready') void panel.webview.postMessage(await read());
            else if (model) {
              await vscode.env.clipboard.writeText(JSON.stringify(model.inspection, null, 2));
              void vscode.window.setStatusBarMessage(vscode.l10n.t('Liftoff: copied the model summary as JSON'), 3000);
            }
          },
        ),
      ),
      panel.onDidDispose(() => {
        OnnxInspectorProvider.shown.delete(document.uri.toString());
        for (const s of subs) s.dispose();
      }),
    ];
    panel.webview.html = webviewShell(
      panel.webview,
      this.extensionUri,
      'onnx-inspector',
      vscode.l10n.t('Inspect {0}', path.basename(document.uri.path)),
      vscode.l10n.t('Reading the model…'),
      undefined,
      webviewL10n(ONNX_INSPECTOR_STRINGS),
    );
  }

  private async read(uri: vscode.Uri): Promise<InspectorViewModel> {
    const started = performance.now();
    const { graph, ...inspection } = await inspectModelFile(uri.fsPath, { detail: true });
    const analysis = analyseGraph({ ...inspection, graph });
    const nodes = analysis.nodes.map((n) => ({
      name: n.node.name,
      op: n.node.domain ? `${n.node.domain}.${n.node.op}` : n.node.op,
      inputs: n.node.inputs,
      outputs: n.node.outputs,
      shapes: n.outputShapes.map(formatDims),
      parameters: n.parameters,
      macs: n.macs ?? null,
    }));
    return {
      schema: 1,
      name: path.basename(uri.fsPath),
      path: uri.fsPath,
      readMs: performance.now() - started,
      inspection,
      nodes,
      totals: { ...analysis.totals, perUnitOf: analysis.perUnitOf },
    };
  }
}

function message(err: unknown, uri: vscode.Uri): string {
  const text = errorText(err);
  return /^not an ONNX model/.test(text)
    ? vscode.l10n.t('{0} is {1}.', path.basename(uri.fsPath), text)
    : vscode.l10n.t('Cannot read {0}: {1}', uri.fsPath, text);
}
