/**
 * The words each webview shows, translated here on the host with `vscode.l10n.t` (bundles in l10n/) and handed to
 * the page in its HTML (webview-shell.ts → webviews/shared/l10n.ts). Every `w('…')` literal in a webview must be in
 * its list and in l10n/bundle.l10n.zh-cn.json (test/unit/l10n.test.ts).
 */
import * as vscode from 'vscode';

export const METRICS_STRINGS = [
  'Liftoff metrics',
  'Charts',
  'Runs',
  'Run comparison',
  'Baseline',
  'Pin',
  'Chart settings',
  'Smoothing',
  'Smoothing (exponential moving average weight)',
  'Log scale',
  'Ignore outliers',
  'Scale the y axis to the 5th–95th percentile of the values shown',
  'Filter metrics',
  'Filter charts by metric name',
  'Reset zoom',
  'Show every point of every chart again (drag across a chart to zoom; double-click to reset it)',
  'Export CSV',
  'Every point of the selected runs and metrics, full resolution',
  'Exporting…',
  'Step',
  'Epoch',
  'Relative time',
  'Wall time',
  // Grouping, the run filter and the comparison table's summary columns.
  'Group by',
  'Draw the selected runs that share this config value, tag or experiment as one line with a band',
  'Group line',
  'What each group’s line shows',
  'Group band',
  'What each group’s band spans',
  'No grouping',
  'Groups',
  'tag {0}',
  'Mean',
  'Median',
  'Min–max',
  '± std',
  '± std. error',
  'No band',
  'Filter runs: words, or lr < 1e-3 && best(val_auc) > 0.8',
  'Filter runs by id, experiment or state, or by an expression',
  'Words to find in a run’s id, experiment or state, or an expression over config values, state, tags and metrics (best, last, min, max, smoothed), e.g. lr < 1e-3 && state == "succeeded" && best(val_auc) > 0.8. Down arrow: names to complete.',
  'Names to complete',
  'Run',
  'Experiment',
  'State',
  'Duration',
  'Cost',
  '{0} (final)',
  '{0} (best)',
  '{0} (smoothed)',
  '{0} (min)',
  '{0} (max)',
] as const;

export interface WebviewL10n {
  /** The page's `lang` (VS Code's display language). */
  readonly lang: string;
  readonly strings: Readonly<Record<string, string>>;
}

export function webviewL10n(keys: readonly string[]): WebviewL10n {
  return {
    lang: vscode.env.language,
    strings: Object.fromEntries(keys.map((k) => [k, vscode.l10n.t(k)])),
  };
}
