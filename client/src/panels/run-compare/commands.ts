/**
 * "Liftoff: Compare Runs": from the Runs view's context menu with two runs selected (VS Code passes the clicked node
 * and the selection), with one run (then pick the other), or from the palette (two picks). Opens Compare Runs.
 */
import * as vscode from 'vscode';
import { readRunIdentity, runDisplayName, type RunHandle } from '../../../../core/src/runs';
import type { CommandSpec } from '../../command-spec';
import type { RunsController } from '../../runs/controller';
import { runOfNode, runOrPick } from '../../runs/identity-commands';
import { CompareRunsPanel } from './panel';

export function compareRunsCommandSpecs(
  context: vscode.ExtensionContext,
  controller: RunsController,
  output: () => vscode.LogOutputChannel | undefined,
): CommandSpec[] {
  return [
    {
      id: 'liftoff.compareRuns',
      run: async (clicked: unknown, selected: unknown) => {
        let runs = (Array.isArray(selected) ? selected : [clicked])
          .map(runOfNode)
          .filter((r): r is RunHandle => r !== undefined);
        if (runs.length > 2) {
          void vscode.window.showWarningMessage(
            vscode.l10n.t('Liftoff: Compare Runs compares two runs; {0} are selected. Select two runs.', runs.length),
          );
          return undefined;
        }
        if (runs.length < 2) {
          const first = runs[0] ?? (await runOrPick(controller, undefined, vscode.l10n.t('Compare which run (A)?')));
          if (!first) return undefined;
          const second = await runOrPick(
            controller,
            undefined,
            vscode.l10n.t('Compare {0} (A) with which run (B)?', first.record.id),
            (r) => r.dir !== first.dir,
          );
          if (!second) return undefined;
          runs = [first, second];
        }
        const [a, b] = runs as [RunHandle, RunHandle];
        const [na, nb] = await Promise.all(
          [a, b].map(async (r) => runDisplayName(r.record, await readRunIdentity(r.dir))),
        );
        CompareRunsPanel.show(context.extensionUri, output(), a, b, vscode.l10n.t('Compare {0} ↔ {1}', na!, nb!));
        return { a: a.dir, b: b.dir };
      },
    },
  ];
}
