import * as assert from 'node:assert/strict';
import type { ModelFacts } from '../../../../core/src/inference/model-facts';
import {
  interpretOutput,
  isDistribution,
  softmaxRows,
  topK,
  type RawOutput,
} from '../../../../core/src/inference/outputs';

const NONE: ModelFacts = { preprocessing: { kind: 'none', description: { text: '', args: [] } } };
const out = (name: string, data: number[], perRow: number, type = 'float32'): RawOutput => ({
  name,
  type,
  data: Float32Array.from(data),
  perRow,
  dims: [data.length / perRow, perRow],
});
const close = (a: ArrayLike<number>, b: number[]) =>
  b.forEach((v, i) => assert.ok(Math.abs(a[i]! - v) < 1e-6, `${a[i]} vs ${v} at ${i}`));

describe('core inference: outputs (softmax detection, top-k, regression)', () => {
  it('recognises a distribution: every row in [0, 1] summing to 1', () => {
    assert.equal(isDistribution([0.2, 0.8, 0.5, 0.5], 2, 2), true);
    assert.equal(isDistribution([2, -1, 0.5, 0.5], 2, 2), false);
    assert.equal(isDistribution([0.2, 0.7, 0.5, 0.5], 2, 2), false);
  });

  it('softmax is applied to logits and not to probabilities', () => {
    const logits = interpretOutput(out('logits', [2, 1, 0, 0, 0, 3], 3), 2, NONE, 2);
    assert.equal(logits.kind, 'classification');
    if (logits.kind !== 'classification') return;
    assert.equal(logits.activation, 'softmax');
    close(logits.probabilities, [...softmaxRows([2, 1, 0], 1, 3), ...softmaxRows([0, 0, 3], 1, 3)]);
    assert.deepEqual(Array.from(logits.top), [0, 1, 2, 0]);
    assert.deepEqual(logits.labels, ['class_0', 'class_1', 'class_2']);

    const probs = interpretOutput(
      out('probabilities', [0.1, 0.6, 0.3], 3),
      1,
      { ...NONE, labels: { value: ['a', 'b', 'c'], source: 'x' } },
      3,
    );
    assert.ok(probs.kind === 'classification');
    assert.equal(probs.activation, 'none');
    close(probs.probabilities, [0.1, 0.6, 0.3]);
    assert.deepEqual(Array.from(probs.top), [1, 2, 0]);
    close(probs.topP, [0.6, 0.3, 0.1]);
  });

  it('a single-logit binary classifier gets a sigmoid; a single probability is used as is', () => {
    const facts: ModelFacts = { ...NONE, task: 'classification', labels: { value: ['good', 'bad'], source: 'x' } };
    const logit = interpretOutput(out('y', [0, 2], 1), 2, facts, 1);
    assert.ok(logit.kind === 'classification');
    assert.equal(logit.activation, 'sigmoid');
    close(logit.probabilities, [0.5, 0.5, 1 - 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(-2))]);
    const p = interpretOutput(out('y', [0.9], 1), 1, facts, 1);
    assert.ok(p.kind === 'classification');
    assert.equal(p.activation, 'none');
    assert.deepEqual([p.labels[p.top[0]!], p.topP[0]], ['bad', Math.fround(0.9)]);
  });

  it('regression gives values; a regression task keeps multi-column outputs as values; int outputs are values', () => {
    const r = interpretOutput(out('y', [1.5, -2], 1), 2, { ...NONE, task: 'regression' }, 3);
    assert.ok(r.kind === 'values');
    assert.deepEqual(Array.from(r.values), [1.5, -2]);
    const multi = interpretOutput(out('pred', [1, 2, 3, 4], 2), 2, { ...NONE, task: 'regression' }, 3);
    assert.ok(multi.kind === 'values' && multi.width === 2);
    assert.deepEqual(multi.kind === 'values' && multi.names, ['pred[0]', 'pred[1]']);
    const unknown = interpretOutput(out('embedding', [5, -3, 2, 7], 2), 2, NONE, 3);
    assert.equal(unknown.kind, 'values');
    const raw = interpretOutput({ name: 'label', type: 'string', data: ['a'], perRow: 1, dims: [1] }, 1, NONE, 1);
    assert.equal(raw.kind, 'raw');
  });

  it('top-k orders classes by probability and caps k at the class count', () => {
    const { top, topP } = topK(Float32Array.from([0.1, 0.5, 0.4, 0.7, 0.2, 0.1]), 2, 3, 2);
    assert.deepEqual(Array.from(top), [1, 2, 0, 1]);
    close(topP, [0.5, 0.4, 0.7, 0.2]);
    const k = interpretOutput(out('p', [0.3, 0.7], 2), 1, NONE, 5);
    assert.ok(k.kind === 'classification' && k.k === 2);
  });
});
