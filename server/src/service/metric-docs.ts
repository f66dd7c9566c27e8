/**
 * Formulas shown when hovering a metric name. Standard definitions only (no benchmark numbers).
 * TP/FP/TN/FN: true/false positives/negatives; y: target, ŷ: prediction, n: number of samples.
 */
import { t, type Locale } from '../../../core/src/l10n';

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

/** The same formulas in Simplified Chinese (terms as in /shared/domain/DOMAIN.md); test/unit/l10n.test.ts keeps the keys equal. */
export const METRIC_DOCS_ZH_CN: Readonly<Record<string, string>> = {
  accuracy: '准确率（accuracy）= (TP + TN) / (TP + TN + FP + FN)：预测正确的比例。类别不平衡时容易产生误导。',
  precision: '精确率（precision）= TP / (TP + FP)：预测为正类的样本中，真正属于正类的比例。',
  recall: '召回率（recall，又称灵敏度）= TP / (TP + FN)：所有正类样本中被找出来的比例。',
  f1: 'F1 = 2 · precision · recall / (precision + recall)：精确率和召回率的调和平均。',
  auc: 'ROC AUC：ROC 曲线（所有阈值下真正例率对假正例率）下的面积；0.5 相当于随机猜测，1 表示排序完全正确。',
  log_loss: '对数损失（log loss，即交叉熵）= −(1/n) Σ Σ_c y_c · log p_c：对自信却错误的概率惩罚很重。',
  specificity: '特异度（specificity）= TN / (TN + FP)：负类样本中被正确识别为负类的比例。',
  mse: '均方误差（MSE）= (1/n) Σ (y − ŷ)²：单位是目标值单位的平方；对离群值敏感。',
  rmse: '均方根误差（RMSE）= √MSE：与目标值单位相同。',
  mae: '平均绝对误差（MAE）= (1/n) Σ |y − ŷ|：与目标值单位相同；对离群值较稳健。',
  mape: '平均绝对百分比误差（MAPE）= (100 % / n) Σ |y − ŷ| / |y|：y = 0 时无定义。',
  r2: 'R²（决定系数）= 1 − Σ (y − ŷ)² / Σ (y − ȳ)²：1 表示完美，0 表示不比预测均值更好，负值表示更差。',
  bleu: 'BLEU：修正后的 n-gram 精确率（n = 1…4）的几何平均乘以简短惩罚因子；取值 0–1（常乘以 100 显示）。',
  perplexity: '困惑度（perplexity）= exp(每个词元的平均负对数似然)：越低越好；相当于每个词元的有效候选数。',
  loss: '由 `training.loss` 指定的训练目标，在一个批次或一轮（epoch）上取平均：越低越好。',
};

/** Documentation for a metric name, with `train_`/`val_`/`test_` prefixes understood, in the reader's language. */
export function metricDoc(name: string, locale?: Locale): string | undefined {
  const m = /^(train|val|validation|test)_(.+)$/.exec(name.toLowerCase());
  const base = m ? m[2]! : name.toLowerCase();
  const doc = (locale === 'zh-cn' ? METRIC_DOCS_ZH_CN : METRIC_DOCS)[base];
  if (!doc) return undefined;
  if (m && locale === 'zh-cn') {
    const where =
      m[1] === 'train'
        ? t(locale, 'Measured on the training split.')
        : m[1] === 'test'
          ? t(locale, 'Measured on the test split.')
          : t(locale, 'Measured on the validation split.');
    return `${doc}\n\n${where}`;
  }
  const split = m
    ? ({ train: 'training', val: 'validation', validation: 'validation', test: 'test' } as Record<string, string>)[
        m[1]!
      ]
    : undefined;
  return split ? `${doc}\n\nMeasured on the ${split} split.` : doc;
}
