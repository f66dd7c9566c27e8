/**
 * Evaluation metrics. Classification: loss (cross-entropy), accuracy, precision / recall / f1 (of the positive class
 * for binary tasks, macro-averaged otherwise) and, for binary tasks, ROC AUC. Regression: mse, rmse, mae, r2.
 * A metric that is undefined on the data (AUC with one class present, r2 of a constant target) is NaN.
 */

/** ROC AUC by the rank-sum (Mann–Whitney) statistic, ties counted as one half. */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const avgRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (positive[order[k]!]) {
        pos++;
        rankSum += avgRank;
      }
    }
    start = end + 1;
  }
  const neg = order.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** `probs` is n × c. `positiveIndex` set ⇒ binary metrics for that class, else macro averages. */
export function classificationMetrics(
  probs: Float64Array,
  y: Float64Array,
  c: number,
  positiveIndex?: number,
): Record<string, number> {
  const n = y.length;
  const tp = new Float64Array(c);
  const predicted = new Float64Array(c);
  const actual = new Float64Array(c);
  let loss = 0;
  let correct = 0;
  for (let r = 0; r < n; r++) {
    const k = y[r]!;
    let best = 0;
    for (let j = 1; j < c; j++) if (probs[r * c + j]! > probs[r * c + best]!) best = j;
    loss -= Math.log(Math.max(probs[r * c + k]!, 1e-300));
    predicted[best]!++;
    actual[k]!++;
    if (best === k) {
      correct++;
      tp[k]!++;
    }
  }
  const perClass = (j: number) => {
    const precision = predicted[j]! > 0 ? tp[j]! / predicted[j]! : 0;
    const recall = actual[j]! > 0 ? tp[j]! / actual[j]! : 0;
    return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
  };
  const out: Record<string, number> = { loss: loss / n, accuracy: correct / n };
  if (positiveIndex !== undefined) {
    Object.assign(out, perClass(positiveIndex));
    const scores = Float64Array.from({ length: n }, (_, r) => probs[r * c + positiveIndex]!);
    out.auc = rocAuc(
      scores,
      Array.from(y, (k) => k === positiveIndex),
    );
  } else {
    // Like scikit-learn: average over the classes present in the labels or the predictions.
    const all = Array.from({ length: c }, (_, j) => j)
      .filter((j) => actual[j]! > 0 || predicted[j]! > 0)
      .map(perClass);
    const mean = (key: 'precision' | 'recall' | 'f1') => all.reduce((s, m) => s + m[key], 0) / all.length;
    Object.assign(out, { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') });
  }
  return out;
}

export function regressionMetrics(pred: ArrayLike<number>, y: ArrayLike<number>): Record<string, number> {
  const n = y.length;
  let mean = 0;
  for (let r = 0; r < n; r++) mean += y[r]!;
  mean /= n;
  let sse = 0,
    sae = 0,
    sst = 0;
  for (let r = 0; r < n; r++) {
    const d = pred[r]! - y[r]!;
    sse += d * d;
    sae += Math.abs(d);
    sst += (y[r]! - mean) ** 2;
  }
  return { loss: sse / n, mse: sse / n, rmse: Math.sqrt(sse / n), mae: sae / n, r2: sst > 0 ? 1 - sse / sst : NaN };
}
