import * as assert from 'node:assert/strict';
import { chartKeyOf, goalOf, groupOf, nameMatches } from '../../../core/src/metrics/metric-names';
import { SeriesStore } from '../../../core/src/metrics/series-store';
import { chunkMessages } from '../../../client/src/panels/metrics/chunks';
import { runConfigOf } from '../../../core/src/metrics/run-config';

describe('metrics panel: charts, groups and chunks', () => {
  it('puts train_/val_ variants of one metric in one chart', () => {
    assert.deepEqual(chartKeyOf('train_loss'), { chart: 'loss', variant: 'train' });
    assert.deepEqual(chartKeyOf('val_loss'), { chart: 'loss', variant: 'val' });
    assert.deepEqual(chartKeyOf('validation/accuracy'), { chart: 'accuracy', variant: 'val' });
    assert.deepEqual(chartKeyOf('loss/train'), { chart: 'loss', variant: 'train' });
    assert.deepEqual(chartKeyOf('gpu_util'), { chart: 'gpu_util', variant: '' });
  });

  it('groups charts: loss, accuracy-like, learning rate, system', () => {
    assert.equal(groupOf('loss'), 'loss');
    assert.equal(groupOf('auc'), 'accuracy');
    assert.equal(groupOf('f1'), 'accuracy');
    assert.equal(groupOf('lr'), 'lr');
    assert.equal(groupOf('learning_rate'), 'lr');
    assert.equal(groupOf('gpu_util'), 'system');
    assert.equal(groupOf('gpu_mem_gb'), 'system');
    assert.equal(groupOf('gpu0_memory'), 'system');
    assert.equal(groupOf('samples_per_sec'), 'other');
    assert.equal(goalOf('val_loss'), 'min');
    assert.equal(goalOf('val_auc'), 'max');
    assert.equal(goalOf('lr'), undefined);
    assert.ok(
      nameMatches('auc', 'val_auc') && nameMatches('val_loss', 'val_loss') && !nameMatches('val_loss', 'train_loss'),
    );
  });

  it('sends series as typed-array chunks of bounded size, a big series split in order', () => {
    const store = new SeriesStore();
    const steps = Array.from({ length: 2500 }, (_, i) => i);
    store.append([
      { run: 'r', name: 'a', steps, times: steps.map((s) => 1000 + s), values: steps },
      { run: 'r', name: 'b', steps: [1], values: [2] },
    ]);
    const msgs = chunkMessages(store.sinceVersion(0).series, () => 1000, 1000);
    assert.equal(msgs.length, 3);
    const a = msgs.flat().filter((c) => c.name === 'a');
    assert.deepEqual(
      a.map((c) => [c.from, c.values.length]),
      [
        [0, 1000],
        [1000, 1000],
        [2000, 500],
      ],
    );
    assert.ok(
      a[0]!.steps instanceof Float64Array &&
        a[0]!.values instanceof Float32Array &&
        a[0]!.times instanceof Float32Array,
    );
    assert.equal(a[1]!.times[0], 1000, 'times relative to the run start');
    assert.equal(a[0]!.steps.buffer.byteLength, 8000, 'fresh buffers, not the store’s columns');
  });

  it('reads primary metric, thresholds, early stopping and sources from a config snapshot', () => {
    const c = runConfigOf({
      training: { epochs: 30, early_stopping: { monitor: 'val_loss', mode: 'min', patience: 5 } },
      metrics: { primary: { name: 'val_auc', goal: 'max' }, sources: ['jsonl', 'stdout', 'bogus'] },
      evaluation: { thresholds: { auc: { min: 0.75 }, val_loss: { max: 0.5 }, bad: { min: 'x' } } },
    });
    assert.deepEqual(c.meta, {
      thresholds: [
        { metric: 'auc', min: 0.75 },
        { metric: 'val_loss', max: 0.5 },
      ],
      primary: { name: 'val_auc', goal: 'max' },
      earlyStopping: { monitor: 'val_loss', mode: 'min', patience: 5 },
      epochs: 30,
    });
    assert.deepEqual(c.sources, ['jsonl', 'stdout']);
    assert.deepEqual(runConfigOf(undefined), { meta: { thresholds: [] }, sources: ['jsonl'], config: undefined });
  });
});
