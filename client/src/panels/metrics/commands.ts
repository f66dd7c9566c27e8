/** The metrics panel's commands, for the commands table (client/src/commands.ts). */
import * as vscode from 'vscode';
import type { CommandSpec } from '../../command-spec';
import { metricsTargets } from './targets';
import { MetricsPanel, type MetricsDeps } from './panel';

export function metricsCommandSpecs(deps: MetricsDeps): CommandSpec[] {
  return [
    {
      // From a Runs view node, the code lens (an experiment URI) or the palette (a quick pick of runs).
      id: 'liftoff.showMetrics',
      run: async (arg) => {
        const targets = await metricsTargets(arg, deps.runs, MetricsPanel.open?.selected ?? []);
        if (!targets) return undefined;
        const panel = await MetricsPanel.show(deps, targets.runs, targets.replace);
        return panel.selected;
      },
    },
    {
      // The panel's Export CSV button and title-bar action; a path argument skips the save dialog (scripts, tests).
      id: 'liftoff.exportMetricsCsv',
      precondition: () =>
        MetricsPanel.open
          ? undefined
          : vscode.l10n.t('Open the metrics panel first ("Liftoff: Show Metrics"), then export the runs it shows.'),
      run: (target) => MetricsPanel.open?.exportCsv(target),
    },
  ];
}
