/**
 * The Experiment rules' vocabulary: which family a metric belongs to (with `@k` and any case), which way each is better
 * (with the `train_`/`val_`/`valid_`/`validation_`/`test_` prefixes), and the tables the rules read.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BYTES_PER_PARAM,
  CLASSIFICATION_LOSSES,
  CLASSIFICATION_METRICS,
  PRETRAINED_MODES,
  REGRESSION_LOSSES,
  REGRESSION_METRICS,
  baseMetric,
  metricFamily,
  metricGoal,
} from '../../../../server/src/service/rules/experiment/vocabulary';

const MIN = [
  'loss',
  'mse',
  'mae',
  'rmse',
  'mape',
  'smape',
  'msle',
  'perplexity',
  'error',
  'err',
  'wer',
  'cer',
  'fnr',
  'fpr',
  'false_negative_rate',
  'false_positive_rate',
  'log_loss',
  'focal_loss',
  'top1_error',
  'char_err',
];
const MAX = [
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
  'r2',
  'bleu',
  'rouge',
  'rouge_l',
  'meteor',
  'map',
  'iou',
  'miou',
  'dice',
  'ndcg',
  'hit_rate',
  'mrr',
  'mcc',
  'specificity',
  'sensitivity',
  'explained_variance',
];
const NEITHER = [
  'lossy',
  'errors',
  'xmse',
  'mse_x',
  'f1_macro',
  'accuracy2',
  'my_accuracy',
  'false_rate',
  'log_loss2',
  'train',
];
const OTHER = [
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
];

describe('Experiment vocabulary', () => {
  it('metricGoal: lower or higher is better, with any split prefix, `@k` and case (property)', () => {
    const prefix = fc.constantFrom('', 'train_', 'val_', 'valid_', 'validation_', 'test_');
    fc.assert(
      fc.property(
        fc.constantFrom(...MIN, ...MAX, ...NEITHER),
        prefix,
        fc.constantFrom('', '@5', '@10'),
        fc.boolean(),
        (name, pre, k, upper) => {
          const written = `${pre}${name}${k}`;
          const goal = metricGoal(upper ? written.toUpperCase() : written);
          assert.equal(goal, MIN.includes(name) ? 'min' : MAX.includes(name) ? 'max' : undefined, written);
        },
      ),
      { numRuns: 400 },
    );
    for (const name of [...MIN, ...MAX]) assert.notEqual(metricGoal(name), undefined, name);
    assert.equal(metricGoal('val_val_loss'), 'min', 'only one prefix is stripped, `val_loss` still ends in `_loss`');
    assert.equal(metricGoal('val_val_accuracy'), undefined);
    assert.equal(metricGoal('xval_accuracy'), undefined);
    assert.equal(metricGoal('accuracy@k'), undefined);
  });

  it('metricFamily and baseMetric: every listed metric, `@k` only as a suffix of digits', () => {
    for (const m of CLASSIFICATION_METRICS) assert.equal(metricFamily(m.toUpperCase()), 'classification', m);
    for (const m of REGRESSION_METRICS) assert.equal(metricFamily(`${m}@3`), 'regression', m);
    for (const m of OTHER) assert.equal(metricFamily(m), 'other', m);
    for (const m of ['foo', 'f1x', 'xf1', 'ndcg@', 'ndcg@x', '@1', '']) assert.equal(metricFamily(m), undefined, m);
    assert.equal(baseMetric('NDCG@10'), 'ndcg');
    assert.equal(baseMetric('a@1@2'), 'a@1');
    assert.equal(baseMetric('a@1b'), 'a@1b');
    assert.deepEqual(
      [...CLASSIFICATION_METRICS].filter((m) => REGRESSION_METRICS.has(m)),
      [],
      'no metric in both families',
    );
  });

  it('the tables: losses by family, pretrained modes, bytes per parameter', () => {
    assert.deepEqual(
      [...CLASSIFICATION_LOSSES],
      [
        'cross_entropy',
        'bce',
        'bce_with_logits',
        'binary_cross_entropy',
        'categorical_cross_entropy',
        'focal',
        'nll',
        'hinge',
      ],
    );
    assert.deepEqual([...REGRESSION_LOSSES], ['mse', 'mae', 'huber', 'smooth_l1', 'l1', 'l2', 'rmse']);
    assert.deepEqual([...PRETRAINED_MODES], ['finetune', 'transfer', 'feature_extraction']);
    assert.deepEqual(BYTES_PER_PARAM, { fp32: 4, fp16: 2, bf16: 2, mixed: 2 });
    assert.equal(CLASSIFICATION_METRICS.size, 17);
    assert.equal(REGRESSION_METRICS.size, 8);
  });
});
