/**
 * Formulas shown when hovering a metric name. Standard definitions only (no benchmark numbers).
 * TP/FP/TN/FN: true/false positives/negatives; y: target, ŷ: prediction, n: number of samples.
 */
export const METRIC_DOCS: Readonly<Record<string, string>> = {
  accuracy:
    'Accuracy (准确率) = (TP + TN) / (TP + TN + FP + FN): the share of correct predictions. Misleading on imbalanced classes.',
  precision: 'Precision (精确率) = TP / (TP + FP): of the items predicted positive, the share that are positive.',
  recall: 'Recall (召回率, sensitivity) = TP / (TP + FN): of the positive items, the share that were found.',
  f1: 'F1 = 2 · precision · recall / (precision + recall): the harmonic mean of precision and recall.',
  auc: 'ROC AUC: the area under the ROC curve (true-positive rate against false-positive rate over all thresholds); 0.5 is chance, 1 is perfect ranking.',
  log_loss: 'Log loss (cross-entropy) = −(1/n) Σ Σ_c y_c · log p_c: penalises confident wrong probabilities.',
  specificity: 'Specificity = TN / (TN + FP): of the negative items, the share recognised as negative.',
  mse: 'Mean squared error (均方误差) = (1/n) Σ (y − ŷ)²: in squared units of the target; sensitive to outliers.',
  rmse: 'Root mean squared error = √MSE: in the units of the target.',
  mae: 'Mean absolute error (平均绝对误差) = (1/n) Σ |y − ŷ|: in the units of the target; robust to outliers.',
  mape: 'Mean absolute percentage error = (100 % / n) Σ |y − ŷ| / |y|: undefined where y = 0.',
  r2: 'R² (coefficient of determination) = 1 − Σ (y − ŷ)² / Σ (y − ȳ)²: 1 is perfect, 0 is no better than predicting the mean, negative is worse.',
  bleu: 'BLEU: geometric mean of modified n-gram precisions (n = 1…4) times a brevity penalty; 0–1 (often shown × 100).',
  perplexity:
    'Perplexity = exp(mean negative log-likelihood per token): lower is better; the effective number of choices per token.',
  loss: 'The training objective named by `training.loss`, averaged over a batch or epoch: lower is better.',
};

/** Documentation for a metric name, with `train_`/`val_`/`test_` prefixes understood. */
export function metricDoc(name: string): string | undefined {
  const m = /^(train|val|validation|test)_(.+)$/.exec(name.toLowerCase());
  const base = m ? m[2]! : name.toLowerCase();
  const doc = METRIC_DOCS[base];
  if (!doc) return undefined;
  const split = m
    ? ({ train: 'training', val: 'validation', validation: 'validation', test: 'test' } as Record<string, string>)[
        m[1]!
      ]
    : undefined;
  return split ? `${doc}\n\nMeasured on the ${split} split.` : doc;
}
