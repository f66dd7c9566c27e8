/**
 * The "Get started with Liftoff" walkthrough's own command: open an example of the workspace (an experiment, a Slurm
 * experiment, its data, a plan) and run the step's command on it, so that each button works from the walkthrough's
 * tab, where no editor is active. With no example in the workspace, it offers to start one from a template.
 */
import * as vscode from 'vscode';
import type { CommandSpec } from './command-spec';

export const WALKTHROUGH_ID = 'liftoff.firstSteps';

type Example = 'experiment' | 'slurm-experiment' | 'data' | 'plan';

const GLOBS: Record<Example, string> = {
  experiment: '**/*.experiment.{yaml,yml}',
  'slurm-experiment': '**/*.experiment.{yaml,yml}',
  data: '**/data/*.csv',
  plan: '**/*.plan.{yaml,yml}',
};

/** What a step's button may run on the example it opened (each takes the document's URI). */
const FOLLOW_UPS: ReadonlySet<string> = new Set([
  'liftoff.train',
  'liftoff.openPlanPreview',
  'liftoff.exportPlan',
  'liftoff.previewSbatch',
]);

/**
 * The example's file: the credit-risk example first (it trains in seconds), else the first match by path; for
 * `slurm-experiment`, the first experiment with `launcher: slurm`.
 */
async function findExample(what: Example): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(GLOBS[what], '**/{node_modules,.liftoff}/**', 200);
  const sorted = [...found].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  if (what === 'slurm-experiment') {
    for (const uri of sorted) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (/^\s*launcher:\s*slurm\b/m.test(text)) return uri;
    }
    return undefined;
  }
  return sorted.find((u) => /credit-risk/.test(u.fsPath)) ?? sorted[0];
}

/** Opens an example of the workspace, then (a walkthrough button's second half) runs `then` on it. */
export async function openExample(arg: unknown, then?: unknown): Promise<vscode.Uri | undefined> {
  const what: Example = arg === 'data' || arg === 'plan' || arg === 'slurm-experiment' ? arg : 'experiment';
  const uri = await findExample(what);
  if (!uri) {
    const isPlan = what === 'plan';
    const choice = await vscode.window.showInformationMessage(
      what === 'slurm-experiment'
        ? vscode.l10n.t(
            "No experiment in this workspace uses `launcher: slurm` yet: set it in an experiment's `run:` section to preview its sbatch script.",
          )
        : isPlan
          ? vscode.l10n.t('This workspace has no business plan yet.')
          : vscode.l10n.t('This workspace has no experiment yet.'),
      isPlan ? vscode.l10n.t('New Business Plan…') : vscode.l10n.t('New Experiment…'),
    );
    if (choice) await vscode.commands.executeCommand(isPlan ? 'liftoff.newBusinessPlan' : 'liftoff.newExperiment');
    return undefined;
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  if (typeof then === 'string' && FOLLOW_UPS.has(then)) await vscode.commands.executeCommand(then, uri);
  return uri;
}

export function walkthroughCommandSpecs(): CommandSpec[] {
  return [{ id: 'liftoff.openExample', run: (arg, then) => openExample(arg, then) }];
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
