/**
 * Watches one metric across epochs: the best value so far and how long ago it was. Used twice: early stopping
 * (`training.early_stopping`) and keeping the best weights (`metrics.primary` / the monitor / val_loss).
 */
import type { Goal, MetricsRecord } from './types';

export class MetricWatcher {
  bestValue: number | undefined;
  bestEpoch = 0;
  private sinceBest = 0;

  constructor(
    readonly metric: string,
    readonly mode: Goal,
    private readonly minDelta = 0,
  ) {}

  /** Records an epoch; true when it improved on the best by more than minDelta (the first finite value always does). */
  update(record: MetricsRecord): boolean {
    const v = record[this.metric];
    const best = this.bestValue;
    const improved =
      v !== undefined &&
      Number.isFinite(v) &&
      (best === undefined || (this.mode === 'min' ? v < best - this.minDelta : v > best + this.minDelta));
    if (improved) {
      this.bestValue = v;
      this.bestEpoch = record.epoch ?? 0;
      this.sinceBest = 0;
    } else this.sinceBest++;
    return improved;
  }

  /** Epochs since the last improvement. */
  get stale(): number {
    return this.sinceBest;
  }
}

/** Whether a metric name should go down (losses and errors) or up. */
export function defaultMode(metric: string): Goal {
  return /loss|mse|mae|rmse|error/.test(metric) ? 'min' : 'max';
}

/** The metric names one epoch record can hold, for checking `monitor` / `metrics.primary` up front. */
export function producedMetrics(task: 'classification' | 'regression', binary: boolean, validation: boolean): string[] {
  const val =
    task === 'regression'
      ? ['loss', 'mse', 'rmse', 'mae', 'r2']
      : ['loss', 'accuracy', 'precision', 'recall', 'f1', ...(binary ? ['auc'] : [])];
  return ['train_loss', ...(validation ? val.map((m) => `val_${m}`) : [])];
}
