import * as assert from 'node:assert/strict';
import { classificationMetrics, regressionMetrics, rocAuc } from '../../../../core/src/trainer/metrics';
import { MetricWatcher } from '../../../../core/src/trainer/selection';

const close = (a: number | undefined, b: number) =>
  assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('core builtin trainer: metrics', () => {
  it('ROC AUC by ranks, with ties as one half; NaN with a single class', () => {
    close(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 0.75);
    close(rocAuc([0.5, 0.5, 0.5, 0.5], [false, true, false, true]), 0.5);
    close(rocAuc([0.2, 0.5, 0.5, 0.9], [false, false, true, true]), 0.875);
    assert.ok(Number.isNaN(rocAuc([0.1, 0.2], [true, true])));
  });

  it('binary metrics of the positive class; macro averages for multi-class', () => {
    // Rows: true 1 → p1 .9 (TP), true 1 → .4 (FN), true 0 → .6 (FP), true 0 → .2 (TN).
    const bin = classificationMetrics(
      Float64Array.from([0.1, 0.9, 0.6, 0.4, 0.4, 0.6, 0.8, 0.2]),
      Float64Array.from([1, 1, 0, 0]),
      2,
      1,
    );
    close(bin.accuracy, 0.5);
    close(bin.precision, 0.5);
    close(bin.recall, 0.5);
    close(bin.f1, 0.5);
    close(bin.auc, 0.75);
    close(bin.loss, -(Math.log(0.9) + Math.log(0.4) + Math.log(0.4) + Math.log(0.8)) / 4);
    // 3 classes, predictions 0,0,1,2 for labels 0,1,1,2: per-class f1 = 2/3, 2/3, 1.
    const p = Float64Array.from([0.8, 0.1, 0.1, 0.6, 0.3, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8]);
    const multi = classificationMetrics(p, Float64Array.from([0, 1, 1, 2]), 3);
    close(multi.f1, (2 / 3 + 2 / 3 + 1) / 3);
    assert.equal(multi.auc, undefined);
  });

  it('regression mse, mae, r2', () => {
    const m = regressionMetrics([1, 2, 3, 5], [1, 2, 3, 4]);
    close(m.mse, 0.25);
    close(m.mae, 0.25);
    close(m.r2, 1 - 1 / 5);
  });

  it('the metric watcher tracks the best epoch and how long ago it was, honouring min_delta', () => {
    const w = new MetricWatcher('val_loss', 'min', 0.01);
    const seen = [0.5, 0.4, 0.395, 0.41, 0.3].map((v, i) => w.update({ epoch: i + 1, val_loss: v }));
    assert.deepEqual(seen, [true, true, false, false, true]);
    assert.deepEqual([w.bestEpoch, w.bestValue, w.stale], [5, 0.3, 0]);
    assert.equal(new MetricWatcher('val_auc', 'max').update({ epoch: 1 }), false);
  });
});
