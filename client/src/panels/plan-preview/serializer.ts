/** Restores the plan preview after a window reload (activation event `onWebviewPanel:liftoff.planPreview`). */
import * as vscode from 'vscode';
import { parseState } from './contract';
import { PlanPreview, type ModelSource } from './panel';

export class PlanPreviewSerializer implements vscode.WebviewPanelSerializer {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: () => Promise<ModelSource>,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = parseState(state);
    const active = vscode.window.activeTextEditor?.document.uri;
    const uri = saved ? vscode.Uri.parse(saved.uri, true) : active;
    if (!uri) {
      panel.dispose();
      return;
    } // nothing to show: the page never got a plan
    PlanPreview.revive(panel, this.extensionUri, await this.source(), uri, saved?.scenario);
  }
}
