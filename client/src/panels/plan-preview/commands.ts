/** The plan preview and export commands, for the commands table (client/src/commands.ts). */
import * as vscode from 'vscode';
import type { CommandSpec } from '../../command-spec';
import type { LiftoffClient } from '../../language-client';
import { noPlan, targetPlan } from '../../plan-document';
import { exportPlan } from './export';
import { PlanPreview, type ModelSource } from './panel';

export function planCommandSpecs(
  context: vscode.ExtensionContext,
  getClient: () => LiftoffClient | undefined,
): CommandSpec[] {
  const source = (): ModelSource => {
    const client = getClient();
    if (!client) throw new Error('the Liftoff language server is not running');
    return { planViewModel: (uri, scenario) => client.planViewModel(uri, scenario), output: client.output };
  };
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
  return [
    {
      id: 'liftoff.openPlanPreview',
      precondition: (arg) => (targetPlan(arg) ? undefined : noPlan()),
      run: (arg) => {
        PlanPreview.show(context.extensionUri, source(), targetPlan(arg)!);
      },
    },
    {
      // From the preview's title bar no editor is active: export the plan the preview shows.
      id: 'liftoff.exportPlan',
      precondition: (arg) => ((targetPlan(arg) ?? PlanPreview.shownPlan) ? undefined : noPlan()),
      run: (arg) => exportPlan(source(), (targetPlan(arg) ?? PlanPreview.shownPlan)!, version),
    },
  ];
}
