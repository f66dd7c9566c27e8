/**
 * Everything the extension does, loaded the first time it is needed (see extension.ts): the language client, the
 * runs of the workspace with their view and GPU status item, and the commands table. Bundled separately
 * (dist/client/features.js) so that activation itself loads almost nothing.
 */
import * as vscode from 'vscode';
import { commandTable, REFUSED, runCommand } from './commands';
import type { CommandSpec } from './command-spec';
import { createPreconditions } from './preconditions';
import { registerWithRedHatYaml } from './redhat-yaml';
import { RunsController } from './runs/controller';
import { GpuStatus } from './runs/gpu-status';
import { TASK_TYPE } from './runs/run-task';
import type { LiftoffClient } from './language-client';
import { PlanPreviewSerializer } from './panels/plan-preview/serializer';
import { MetricsSerializer } from './panels/metrics/serializer';
import { trackActivePlan } from './plan-document';
import { PlanReviewController } from './plan-review/controller';
import { OnnxInspectorProvider } from './panels/onnx-inspector/provider';
import { forgetExperimentFiles } from './panels/inference/model-picker';

export interface Features {
  readonly client: LiftoffClient;
  readonly runs: RunsController;
  /** Runs a command of the table by id (activation registered every manifest command to come here). */
  invoke(id: string, args: unknown[]): Promise<unknown>;
  /** The ids the commands table has handlers for (tests hold them against the manifest). */
  readonly commandIds: readonly string[];
  /** Restores a plan preview after a window reload (the serializer registered at activation delegates here). */
  revivePlanPreview(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  /** Restores the metrics panel after a window reload (likewise). */
  reviveMetrics(panel: vscode.WebviewPanel): Promise<void>;
  /** The ONNX inspector (the custom editor registered at activation delegates here). */
  readonly onnxInspector: OnnxInspectorProvider;
}

/** `client`: the language client, started before this bundle loaded (extension.ts). */
export function createFeatures(context: vscode.ExtensionContext, client: LiftoffClient): Features {
  const runs = new RunsController(context);
  const gpus = new GpuStatus();
  context.subscriptions.push(
    runs,
    gpus,
    vscode.tasks.onDidStartTask((e) => {
      if (e.execution.task.definition.type === TASK_TYPE) gpus.watch(runs.hasActiveRuns);
    }),
  );
  const planPreviews = new PlanPreviewSerializer(context.extensionUri, async () => ({
    planViewModel: (uri, scenario) => client.planViewModel(uri, scenario),
    output: client.output,
  }));
  context.subscriptions.push(trackActivePlan(), new PlanReviewController(client.output));
  const metrics = new MetricsSerializer({ context, runs, output: client.output });
  const table = new Map<string, CommandSpec>(
    commandTable({ getClient: () => client, runs, context }).map((c) => [c.id, c]),
  );
  const preconditions = createPreconditions(() => client.state());
  const titles = new Map(
    (
      context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string; title: string }> } }
    ).contributes?.commands?.map((c) => [c.command, c.title]) ?? [],
  );
  const invoke = async (id: string, args: unknown[], quiet = false): Promise<unknown> => {
    const spec = table.get(id);
    if (!spec) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff has no command {0}.', id));
      return REFUSED;
    }
    return runCommand(spec, args, { preconditions, title: titles.get(id) ?? id, client, quiet });
  };
  // Re-attach to runs that outlived a window reload, then keep the GPU item live if any still runs. Both start
  // processes (signal 0, squeue, nvidia-smi), so they go through "Refresh Runs" and its trust requirement: in
  // Restricted Mode nothing happens until the user trusts the workspace.
  const refreshInBackground = async () => {
    if ((await invoke('liftoff.refreshRuns', [], true)) === REFUSED) return;
    if (await runs.hasActiveRuns()) gpus.watch(runs.hasActiveRuns);
  };
  void refreshInBackground();
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void refreshInBackground()));
  void registerWithRedHatYaml(context).catch((err: unknown) =>
    client.output.warn(`Could not register Liftoff schemas with Red Hat's YAML extension: ${String(err)}`),
  );
  context.subscriptions.push({ dispose: forgetExperimentFiles });
  const onnxInspector = new OnnxInspectorProvider(context.extensionUri, () => client.output);
  return {
    client,
    runs,
    onnxInspector,
    revivePlanPreview: (panel, state) => planPreviews.deserializeWebviewPanel(panel, state),
    reviveMetrics: (panel) => metrics.deserializeWebviewPanel(panel),
    commandIds: [...table.keys()],
    invoke: async (id, args) => {
      const result = await invoke(id, args);
      return result === REFUSED ? undefined : result;
    },
  };
}
