/**
 * What a metric's name says: which chart it belongs to (train_/val_ variants of one metric share a chart), which
 * group that chart sits in, and whether lower or higher is better. Pure, shared by the metrics panel's host
 * (comparison table) and its webview (charts).
 */

export type MetricGroup = 'loss' | 'accuracy' | 'lr' | 'other' | 'system';
export type Goal = 'min' | 'max';

export const GROUP_ORDER: readonly MetricGroup[] = ['loss', 'accuracy', 'lr', 'other', 'system'];

export const GROUP_TITLES: Readonly<Record<MetricGroup, string>> = {
  loss: 'Loss',
  accuracy: 'Accuracy-like',
  lr: 'Learning rate',
  other: 'Other metrics',
  system: 'System',
};

/** Record fields that are axes, not metrics (`epoch` is kept as a series to draw by epoch). */
export const AXIS_NAMES: ReadonlySet<string> = new Set(['epoch', 'step', 'time']);

const VARIANTS: Readonly<Record<string, string>> = {
  train: 'train',
  training: 'train',
  val: 'val',
  valid: 'val',
  validation: 'val',
  eval: 'val',
  test: 'test',
};
const PREFIX = /^(train|training|val|valid|validation|eval|test)[_/.-](.+)$/i;
const SUFFIX = /^(.+?)[_/.-](train|training|val|valid|validation|eval|test)$/i;

export interface ChartKey {
  /** The chart's name: the metric without its train/validation/test marker. */
  readonly chart: string;
  /** `train`, `val`, `test`, or '' for a metric without a marker. */
  readonly variant: string;
}

export function chartKeyOf(name: string): ChartKey {
  const p = PREFIX.exec(name);
  if (p) return { chart: p[2] as string, variant: VARIANTS[(p[1] as string).toLowerCase()] ?? '' };
  const s = SUFFIX.exec(name);
  if (s) return { chart: s[1] as string, variant: VARIANTS[(s[2] as string).toLowerCase()] ?? '' };
  return { chart: name, variant: '' };
}

const SYSTEM =
  /^(gpu|cpu|sys|system|mem|memory|ram|disk|net|power)([_/.\-\d]|$)|(^|[_/.-])(util|utilization|temperature|temp|power_w|vram)([_/.-]|$)/i;
const LR = /(^|[_/.-])(lr|learning[_-]?rate)([_/.-]|$)/i;
const LOSS = /loss|error|mse|mae|rmse|perplexity|nll|ppl/i;
const ACCURACY =
  /acc|auc|f1|precision|recall|iou|dice|(^|[_/.-])map($|[_/.@-])|bleu|rouge|r2|score|top[-_]?\d|mcc|kappa/i;

export function groupOf(chart: string): MetricGroup {
  if (SYSTEM.test(chart)) return 'system';
  if (LR.test(chart)) return 'lr';
  if (LOSS.test(chart)) return 'loss';
  if (ACCURACY.test(chart)) return 'accuracy';
  return 'other';
}

/** Whether lower or higher is better, from the name; undefined when the name does not say (lr, throughput). */
export function goalOf(name: string): Goal | undefined {
  const g = groupOf(chartKeyOf(name).chart);
  return g === 'loss' ? 'min' : g === 'accuracy' ? 'max' : undefined;
}

/** Whether a threshold or primary-metric name (`auc`, `val_auc`) applies to a metric or a chart name. */
export function nameMatches(target: string, metric: string): boolean {
  if (target === metric) return true;
  const t = chartKeyOf(target);
  const m = chartKeyOf(metric);
  return t.chart === m.chart && (t.variant === '' || t.variant === m.variant);
}
