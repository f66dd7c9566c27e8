/**
 * The "Get started with Liftoff" walkthrough's own command: open an example of the workspace (an experiment, its
 * data, a plan, or a plan with its preview) so that each walkthrough step's button does what the step says. With no
 * example in the workspace, it offers to start one from a template.
 */
import * as vscode from 'vscode';
import type { CommandSpec } from './command-spec';

export const WALKTHROUGH_ID = 'liftoff.firstSteps';

type Example = 'experiment' | 'data' | 'plan' | 'plan-preview';

const GLOBS: Record<Example, string> = {
  experiment: '**/*.experiment.{yaml,yml}',
  data: '**/data/*.csv',
  plan: '**/*.plan.{yaml,yml}',
  'plan-preview': '**/*.plan.{yaml,yml}',
};

/** The example's file: the credit-risk example first (it trains in seconds), else the first match by path. */
async function findExample(what: Example): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(GLOBS[what], '**/{node_modules,.liftoff}/**', 200);
  const sorted = [...found].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  return sorted.find((u) => /credit-risk/.test(u.fsPath)) ?? sorted[0];
}

export async function openExample(arg: unknown): Promise<vscode.Uri | undefined> {
  const what: Example = arg === 'data' || arg === 'plan' || arg === 'plan-preview' ? arg : 'experiment';
  const uri = await findExample(what);
  if (!uri) {
    const isPlan = what === 'plan' || what === 'plan-preview';
    const choice = await vscode.window.showInformationMessage(
      `This workspace has no ${isPlan ? 'business plan' : 'experiment'} yet.`,
      isPlan ? 'New Business Plan…' : 'New Experiment…',
    );
    if (choice) await vscode.commands.executeCommand(isPlan ? 'liftoff.newBusinessPlan' : 'liftoff.newExperiment');
    return undefined;
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  if (what === 'plan-preview') await vscode.commands.executeCommand('liftoff.openPlanPreview', uri);
  return uri;
}

export function walkthroughCommandSpecs(): CommandSpec[] {
  return [{ id: 'liftoff.openExample', run: (arg) => openExample(arg) }];
}

/**
 * Opens the walkthrough when `liftoff.walkthrough.openOnStartup` is on (what `npm start` sets for its own profile);
 * off by default, so that an installed extension does not open a tab on every window.
 */
export function openWalkthroughOnStartup(context: vscode.ExtensionContext): void {
  if (!vscode.workspace.getConfiguration('liftoff').get<boolean>('walkthrough.openOnStartup', false)) return;
  void vscode.commands.executeCommand(
    'workbench.action.openWalkthrough',
    `${context.extension.id}#${WALKTHROUGH_ID}`,
    false,
  );
}
