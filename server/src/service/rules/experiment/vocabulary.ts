/** ML vocabulary shared by the Experiment rules: which losses and metrics belong to which task, and metric direction. */

export const CLASSIFICATION_LOSSES: ReadonlySet<string> = new Set([
  'cross_entropy',
  'bce',
  'bce_with_logits',
  'binary_cross_entropy',
  'categorical_cross_entropy',
  'focal',
  'nll',
  'hinge',
]);
export const REGRESSION_LOSSES: ReadonlySet<string> = new Set(['mse', 'mae', 'huber', 'smooth_l1', 'l1', 'l2', 'rmse']);

export const CLASSIFICATION_METRICS: ReadonlySet<string> = new Set([
  'accuracy',
  'balanced_accuracy',
  'top_k_accuracy',
  'precision',
  'recall',
  'f1',
  'auc',
  'roc_auc',
  'auc_roc',
  'auc_pr',
  'log_loss',
  'confusion_matrix',
  'false_negative_rate',
  'false_positive_rate',
  'specificity',
  'sensitivity',
  'mcc',
]);
export const REGRESSION_METRICS: ReadonlySet<string> = new Set([
  'mse',
  'mae',
  'rmse',
  'r2',
  'mape',
  'smape',
  'msle',
  'explained_variance',
]);

/** Metrics of other task families: wrong on classification and regression alike. */
const OTHER_METRICS: ReadonlySet<string> = new Set([
  'bleu',
  'rouge',
  'rouge_l',
  'meteor',
  'perplexity',
  'wer',
  'cer',
  'map',
  'iou',
  'miou',
  'dice',
  'ndcg',
  'hit_rate',
  'mrr',
]);

/** `ndcg@10` → `ndcg`; lower case. */
export function baseMetric(name: string): string {
  return name.toLowerCase().replace(/@\d+$/, '');
}

/** The task family a known metric belongs to, or undefined for unknown names. */
export function metricFamily(name: string): 'classification' | 'regression' | 'other' | undefined {
  const m = baseMetric(name);
  if (CLASSIFICATION_METRICS.has(m)) return 'classification';
  if (REGRESSION_METRICS.has(m)) return 'regression';
  return OTHER_METRICS.has(m) ? 'other' : undefined;
}

const LOWER_IS_BETTER =
  /(^|_)(loss|mse|mae|rmse|mape|smape|msle|perplexity|error|err|wer|cer|fnr|fpr)$|^false_(negative|positive)_rate$|^log_loss$/;
const HIGHER_IS_BETTER =
  /^(accuracy|balanced_accuracy|top_k_accuracy|precision|recall|f1|auc|roc_auc|auc_roc|auc_pr|r2|bleu|rouge|rouge_l|meteor|map|iou|miou|dice|ndcg|hit_rate|mrr|mcc|specificity|sensitivity|explained_variance)$/;

/** Whether a metric (with or without `val_`/`train_`/`test_` prefix) is minimised or maximised; undefined if unknown. */
export function metricGoal(name: string): 'min' | 'max' | undefined {
  const m = baseMetric(name).replace(/^(val|valid|validation|train|test)_/, '');
  if (LOWER_IS_BETTER.test(m)) return 'min';
  return HIGHER_IS_BETTER.test(m) ? 'max' : undefined;
}

/** Training modes that start from someone else's weights. */
export const PRETRAINED_MODES: ReadonlySet<string> = new Set(['finetune', 'transfer', 'feature_extraction']);

/** Bytes per parameter value for each `training.precision`. */
export const BYTES_PER_PARAM: Readonly<Record<string, number>> = { fp32: 4, fp16: 2, bf16: 2, mixed: 2 };
