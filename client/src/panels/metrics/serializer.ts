/**
 * Restores the metrics panel after a window reload (activation event `onWebviewPanel:liftoff.metrics`) with the
 * settings saved in the workspace state: selected runs, smoothing, axes, log scale, collapsed groups. (A panel opened
 * anew keeps those settings but shows the runs it was opened for.)
 */
import type * as vscode from 'vscode';
import { MetricsPanel, type MetricsDeps } from './panel';

export class MetricsSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly deps: MetricsDeps) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    await MetricsPanel.revive(panel, this.deps);
  }
}
