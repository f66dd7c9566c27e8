import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { StdoutLogReader, StdoutParser } from '../../../../core/src/metrics/stdout-parser';
import { FIXTURES } from '../../../support/fixtures';
import { points, steps, values } from '../../../support/metrics';

const LOG = path.join(FIXTURES, 'metrics', 'train-output.log');

describe('process output metrics parser', () => {
  it('takes JSON objects and Python dict lines as records and ignores the rest by default', async () => {
    const store = new SeriesStore();
    const reader = new StdoutLogReader(store, 'r', LOG);
    const r = await reader.read();
    assert.equal(r.records, 2);
    assert.equal(r.corrupt, 1, '{"step": 301, "val_loss": oops}');
    assert.deepEqual(store.names('r'), ['epoch', 'grad_norm', 'learning_rate', 'loss', 'val_accuracy', 'val_loss']);
    assert.deepEqual(points(store, 'r', 'loss'), { steps: [0], times: [NaN], values: [0.5821], nonFinite: 0 });
    assert.deepEqual(points(store, 'r', 'val_accuracy')?.nonFinite, 1);
    assert.deepEqual(steps(store, 'r', 'epoch'), [0, 300]);
  });

  it('reads key=value pairs only when asked to', async () => {
    const store = new SeriesStore();
    const reader = new StdoutLogReader(store, 'r', LOG, { keyValue: true });
    const r = await reader.read();
    assert.equal(r.records, 5);
    assert.deepEqual(
      points(store, 'r', 'loss'),
      {
        steps: [100, 101, 102, 400],
        times: [NaN, NaN, NaN, NaN],
        values: [0.6931, 0.61, 0.5821, 0.4],
        nonFinite: 0,
      },
      'key=value lines, the progress bar postfix and the dict line',
    );
    assert.deepEqual(points(store, 'r', 'epoch')?.values, [0, 1, 2, 3]);
    assert.deepEqual(values(store, 'r', 'lr'), [0.001]);
    assert.deepEqual(values(store, 'r', 'best'), [Infinity]);
    assert.equal(store.series('r', 'step'), undefined);
  });

  it('parses a live stream chunk by chunk: split lines, \\r progress updates, colours, and its own clock', () => {
    const store = new SeriesStore();
    let now = 1000;
    const p = new StdoutParser(store, 'live', { keyValue: true, clock: () => now });
    let versions = 0;
    store.onChange(() => versions++);
    p.push('{"step": 1, "lo');
    assert.equal(store.series('live', 'loss'), undefined, 'half a line waits');
    assert.ok(p.pendingBytes > 0);
    p.push(Buffer.from('ss": 0.9}\n'));
    now = 1001;
    p.push('it 1/3 loss=0.8\rit 2/3 loss=0.7\r');
    p.push('\n\x1b[32mepoch=1 step=10 acc=0.5\x1b[0m\n');
    p.push('plain text = not a metric\n{"step": 11, "acc": 0.6, "time": 5}');
    assert.deepEqual(points(store, 'live', 'loss'), {
      steps: [1, 2, 3],
      times: [1000, 1001, 1001],
      values: [0.9, 0.8, 0.7],
      nonFinite: 0,
    });
    assert.deepEqual(steps(store, 'live', 'acc'), [10]);
    p.end();
    assert.deepEqual(points(store, 'live', 'acc'), {
      steps: [10, 11],
      times: [1001, 5],
      values: [0.5, 0.6],
      nonFinite: 0,
    });
    assert.equal(p.stats.records, 5);
    assert.ok(p.stats.ignored >= 1);
    assert.ok(versions >= 3, 'each chunk with points is one store version');
  });
});
