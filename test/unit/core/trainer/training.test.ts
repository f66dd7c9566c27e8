import * as assert from 'node:assert/strict';
import { lossAndGradients } from '../../../../core/src/trainer/backprop';
import { initMlp } from '../../../../core/src/trainer/mlp';
import { createRng } from '../../../../core/src/trainer/prng';
import { trainModel } from '../../../../core/src/trainer/train';
import { evaluate, predict } from '../../../../core/src/trainer/trained-model';
import { standardizeExamples } from '../../../../core/src/trainer/standardize';
import type { MetricsRecord } from '../../../../core/src/trainer/types';
import { blobs, linear, prepared, settings } from './synthetic';

const weights = (r: { model: { mlp: ReadonlyArray<{ w: Float64Array; b: Float64Array }> } }) =>
  r.model.mlp.flatMap((l) => [...l.w, ...l.b]);

describe('core builtin trainer: training', () => {
  it('backpropagation matches finite differences (softmax cross-entropy and MSE, two hidden layers)', () => {
    for (const task of ['classification', 'regression'] as const) {
      const rng = createRng(3);
      const m = initMlp(3, [5, 4], task === 'classification' ? 3 : 1, rng);
      const x = Float64Array.from({ length: 6 * 3 }, () => rng.normal());
      const y = Float64Array.from({ length: 6 }, (_, i) => (task === 'classification' ? i % 3 : rng.normal()));
      const { grads } = lossAndGradients(m, task, x, y, 6);
      for (const [k, l] of m.entries()) {
        for (const [name, p, g] of [
          ['w', l.w, grads[k]!.w],
          ['b', l.b, grads[k]!.b],
        ] as const) {
          for (let i = 0; i < p.length; i += 3) {
            const keep = p[i]!;
            p[i] = keep + 1e-6;
            const up = lossAndGradients(m, task, x, y, 6).loss;
            p[i] = keep - 1e-6;
            const down = lossAndGradients(m, task, x, y, 6).loss;
            p[i] = keep;
            assert.ok(Math.abs((up - down) / 2e-6 - g[i]!) < 1e-6, `${task} layer ${k} ${name}[${i}]`);
          }
        }
      }
    }
  });

  it('loss decreases and reaches ≥ 0.95 accuracy on a separable binary set (with val_auc, val_f1)', async () => {
    const records: MetricsRecord[] = [];
    const result = await trainModel(settings({ epochs: 15 }), prepared(blobs(600, 4, 2, 1), 'classification'), {
      metrics: (r) => records.push(r),
    });
    assert.equal(records.length, 15);
    assert.ok(
      records[14]!.train_loss! < records[0]!.train_loss! * 0.5,
      `train_loss ${records[0]!.train_loss} → ${records[14]!.train_loss}`,
    );
    assert.ok(records[14]!.val_loss! < records[0]!.val_loss!);
    const last = result.history[result.history.length - 1]!;
    assert.ok(last.val_accuracy! >= 0.95 && last.val_auc! >= 0.95 && last.val_f1! >= 0.95, JSON.stringify(last));
    for (const r of records)
      for (const k of ['epoch', 'step', 'time', 'train_loss', 'val_loss', 'val_accuracy', 'val_auc', 'val_f1'])
        assert.equal(typeof r[k], 'number', k);
    assert.ok(Math.abs(records[0]!.time! - Date.now() / 1000) < 60, 'time is unix seconds');
    assert.equal(records[0]!.step, Math.ceil(480 / 32));
  });

  it('trains multi-class softmax (no hidden layer) and SGD with momentum to ≥ 0.95 accuracy; macro f1, no auc', async () => {
    const data = prepared(blobs(900, 4, 3, 2), 'classification', 3);
    const soft = await trainModel(settings({ hiddenLayers: [], epochs: 20 }), data);
    const sgd = await trainModel(
      settings({
        epochs: 20,
        optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9, weightDecay: 1e-4, betas: [0.9, 0.999] },
      }),
      data,
    );
    for (const r of [soft, sgd]) {
      const last = r.history[r.history.length - 1]!;
      assert.ok(last.val_accuracy! >= 0.95 && last.val_f1! >= 0.95, JSON.stringify(last));
      assert.equal(last.val_auc, undefined);
    }
  });

  it('is deterministic: the same seed gives bit-identical weights, another seed different ones', async () => {
    const data = prepared(blobs(300, 4, 2, 5), 'classification');
    const a = await trainModel(settings({ seed: 11, hiddenLayers: [6, 5] }), data);
    const b = await trainModel(settings({ seed: 11, hiddenLayers: [6, 5] }), data);
    const c = await trainModel(settings({ seed: 12, hiddenLayers: [6, 5] }), data);
    assert.deepEqual(weights(a), weights(b));
    assert.deepEqual(
      a.history.map((r) => r.val_loss),
      b.history.map((r) => r.val_loss),
    );
    assert.notDeepEqual(weights(a), weights(c));
  });

  it('regression reaches r2 > 0.99 on a linear set; mse/mae/r2 in the target units', async () => {
    const rows = linear(500, 4, 3);
    const result = await trainModel(
      settings({ task: 'regression', hiddenLayers: [], epochs: 40 }),
      prepared(rows, 'regression'),
    );
    const last = result.history[result.history.length - 1]!;
    assert.ok(last.val_r2! > 0.99, JSON.stringify(last));
    assert.ok(last.val_mse! < 0.01 && last.val_mae! < 0.1 && last.val_loss === last.val_mse);
    const pred = predict(result.model, rows.x.slice(0, 3));
    rows.y.slice(0, 3).forEach((y, i) => assert.ok(Math.abs(pred[i]! - y) < 0.2, `${pred[i]} vs ${y}`));
  });

  it("early stopping stops after `patience` epochs without improvement and keeps the best epoch's weights", async () => {
    // Random labels, a wide model and a high learning rate: validation loss gets worse after a few epochs.
    const rows = blobs(150, 4, 2, 9, 3);
    const coin = createRng(4);
    const noisy = { x: rows.x, y: rows.y.map(() => coin.int(2)) };
    const data = prepared(noisy, 'classification');
    const s = settings({
      hiddenLayers: [64, 64],
      epochs: 200,
      batchSize: 8,
      earlyStopping: { metric: 'val_loss', mode: 'min', patience: 3, minDelta: 0 },
    });
    const logs: string[] = [];
    const result = await trainModel({ ...s, optimizer: { ...s.optimizer, learningRate: 0.05 } }, data, {
      log: (l) => logs.push(l),
    });
    assert.ok(result.stoppedEarly && result.epochsRun < 200, `ran ${result.epochsRun}`);
    assert.equal(result.epochsRun, result.best.epoch + 3);
    assert.equal(result.best.metric, 'val_loss');
    const bestLoss = Math.min(...result.history.map((r) => r.val_loss!));
    assert.equal(result.best.value, bestLoss);
    assert.equal(
      evaluate(result.model, standardizeExamples(result.model.standardizer, data.validation!), 'val_').val_loss,
      bestLoss,
    );
    assert.match(logs.join('\n'), /early stopping: val_loss did not improve for 3 epochs/);
  });

  it('an AbortSignal stops training cleanly between batches', async () => {
    const abort = new AbortController();
    const result = await trainModel(
      settings({ epochs: 100 }),
      prepared(blobs(400, 4, 2, 1), 'classification'),
      {
        metrics: (r) => {
          if (r.epoch === 2) abort.abort();
        },
      },
      abort.signal,
    );
    assert.equal(result.aborted, true);
    assert.equal(result.epochsRun, 2);
  });

  it('max_steps ends training at that step', async () => {
    const result = await trainModel(
      settings({ epochs: undefined, maxSteps: 37 }),
      prepared(blobs(320, 4, 2, 1), 'classification'),
    );
    assert.equal(result.steps, 37);
    assert.equal(result.history.length, 5);
    assert.equal(result.history[4]!.step, 37);
  });
});
