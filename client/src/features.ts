/**
 * Everything the extension does, loaded right after activation (see extension.ts): the language client, the runs
 * of the workspace with their view and GPU status item, and the commands table. Bundled separately
 * (dist/client/features.js) so that activation itself loads almost nothing.
 */
import * as vscode from 'vscode';
import { startLanguageClient } from './language-client';
import { commandTable, runCommand, type CommandSpec } from './commands';
import { registerWithRedHatYaml } from './redhat-yaml';
import { RunsController } from './runs/controller';
import { GpuStatus } from './runs/gpu-status';
import { TASK_TYPE } from './runs/run-task';
import type { LiftoffClient } from './language-client';
import { PlanPreviewSerializer } from './panels/plan-preview/serializer';
import { MetricsSerializer } from './panels/metrics/serializer';
import { trackActivePlan } from './plan-document';
import { OnnxInspectorProvider } from './panels/onnx-inspector/provider';

export interface Features {
  readonly client: LiftoffClient;
  readonly runs: RunsController;
  /** Runs a command of the table by id (activation registered every manifest command to come here). */
  invoke(id: string, args: unknown[]): Promise<unknown>;
  /** Restores a plan preview after a window reload (the serializer registered at activation delegates here). */
  revivePlanPreview(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  /** Restores the metrics panel after a window reload (likewise). */
  reviveMetrics(panel: vscode.WebviewPanel): Promise<void>;
  /** The ONNX inspector (the custom editor registered at activation delegates here). */
  readonly onnxInspector: OnnxInspectorProvider;
}

export function createFeatures(context: vscode.ExtensionContext): Features {
  const client = startLanguageClient(context);
  const runs = new RunsController(context);
  const gpus = new GpuStatus();
  context.subscriptions.push(runs, gpus,
    vscode.window.registerTreeDataProvider('liftoff.runs', runs.tree),
    vscode.tasks.onDidStartTask((e) => { if (e.execution.task.definition.type === TASK_TYPE) gpus.watch(runs.hasActiveRuns); }));
  const planPreviews = new PlanPreviewSerializer(context.extensionUri, async () => ({ planViewModel: (uri) => client.planViewModel(uri), output: client.output }));
  context.subscriptions.push(trackActivePlan());
  const metrics = new MetricsSerializer({ context, runs, output: client.output });
  const table = new Map<string, CommandSpec>(commandTable({ getClient: () => client, runs, context }).map((c) => [c.id, c]));
  // Re-attach to runs that outlived a window reload; then keep the GPU item live if any still runs.
  void runs.reattach().then(async () => { if (await runs.hasActiveRuns()) gpus.watch(runs.hasActiveRuns); });
  void registerWithRedHatYaml(context).catch((err: unknown) => client.output.warn(`Could not register Liftoff schemas with Red Hat's YAML extension: ${String(err)}`));
  const onnxInspector = new OnnxInspectorProvider(context.extensionUri, () => client.output);
  return {
    client, runs, onnxInspector,
    revivePlanPreview: (panel, state) => planPreviews.deserializeWebviewPanel(panel, state),
    reviveMetrics: (panel) => metrics.deserializeWebviewPanel(panel),
    invoke: async (id, args) => {
      const spec = table.get(id);
      if (!spec) { void vscode.window.showErrorMessage(`Liftoff has no command ${id}.`); return undefined; }
      return runCommand(spec, args, client);
    },
  };
}
