/**
 * What a run's config snapshot says about drawing its metrics: the types the metrics panel's webview shares with the
 * host (browser-safe: no Node import; run-config.ts reads them from the snapshot).
 */
import type { Goal } from './metric-names';

export interface Threshold {
  readonly metric: string;
  readonly min?: number;
  readonly max?: number;
}

/** What a run's config snapshot says about drawing its metrics. */
export interface RunMeta {
  readonly primary?: { readonly name: string; readonly goal: Goal };
  readonly thresholds: readonly Threshold[];
  readonly earlyStopping?: { readonly monitor: string; readonly mode: Goal; readonly patience: number };
  /** `training.epochs`: a run whose last epoch is below it stopped early. */
  readonly epochs?: number;
}
