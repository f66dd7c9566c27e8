import * as assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CsvLogReader, splitCsv } from '../../../../core/src/metrics/csv-log-reader';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { FIXTURES } from '../../../support/fixtures';
import { points, steps, tempDir, values } from '../../../support/metrics';

const fixture = (name: string) => path.join(FIXTURES, 'metrics', name);

describe('CSV metrics log reader', () => {
  const tmp = tempDir();
  after(() => tmp.remove());

  it('reads a Lightning CSVLogger file with sparse cells, appended rows only, and re-reads it when the header grows', async () => {
    const file = tmp.file('metrics.csv');
    copyFileSync(fixture('lightning-v1.csv'), file);
    const store = new SeriesStore();
    const reader = new CsvLogReader(store, 'pl', file);
    let r = await reader.read();
    assert.equal(reader.flavor, 'lightning');
    assert.deepEqual(reader.header, ['epoch', 'step', 'train_loss_step']);
    assert.equal(r.records, 2);
    assert.deepEqual(points(store, 'pl', 'train_loss_step'), {
      steps: [49, 99],
      times: [NaN, NaN],
      values: [0.6931471824645996, 0.5123456716537476],
      nonFinite: 0,
    });
    assert.deepEqual(values(store, 'pl', 'epoch'), [0, 0]);
    assert.equal(store.series('pl', 'step'), undefined, 'step is the x axis, not a metric');

    // Lightning appends rows while the keys stay the same…
    const size = statSync(file).size;
    appendFileSync(file, '0,74,0.6\r\n');
    r = await reader.read();
    assert.equal(r.bytes, 10, 'only the appended row is read');
    assert.equal(reader.stats.offset, size + 10);
    assert.deepEqual(steps(store, 'pl', 'train_loss_step'), [49, 99, 74]);

    // …and rewrites the whole file, sorted header and all, when a new key appears (validation metrics).
    copyFileSync(fixture('lightning-v2.csv'), file);
    r = await reader.read();
    assert.equal(r.reset, true, 'a changed header means a rewritten file');
    assert.deepEqual(reader.header, ['epoch', 'step', 'train_loss_epoch', 'train_loss_step', 'val_acc', 'val_loss']);
    assert.deepEqual(
      points(store, 'pl', 'train_loss_step'),
      {
        steps: [49, 99, 149, 199],
        times: [NaN, NaN, NaN, NaN],
        values: [0.6931471824645996, 0.5123456716537476, 0.4012345671653748, 0.351111114025116],
        nonFinite: 0,
      },
      'the rewritten file replaces what was read (the 74 row is gone)',
    );
    assert.deepEqual(points(store, 'pl', 'val_loss')?.steps, [99]);
    assert.deepEqual(values(store, 'pl', 'val_acc'), [0.8125]);
    assert.deepEqual(values(store, 'pl', 'train_loss_epoch'), [0.6027463674545288]);
    assert.deepEqual(values(store, 'pl', 'epoch'), [0, 0, 0, 0, 1, 1]);
    assert.equal(reader.stats.corrupt, 0);
    assert.equal(reader.stats.resets, 1);

    appendFileSync(file, '1,199,0.3,,0.85,0.4\r\n');
    r = await reader.read();
    assert.equal(r.reset, false);
    assert.equal(r.records, 1);
    assert.deepEqual(values(store, 'pl', 'val_acc'), [0.8125, 0.85]);
  });

  it('reads a Keras CSVLogger file: the epoch is the step; NA is no value, nan is kept, a bad row is counted', async () => {
    const store = new SeriesStore();
    const reader = new CsvLogReader(store, 'keras', fixture('keras-training.csv'));
    const r = await reader.read();
    assert.equal(reader.flavor, 'keras');
    assert.equal(r.records, 5);
    assert.equal(r.corrupt, 1, 'the row with an extra cell');
    assert.deepEqual(store.names('keras'), ['accuracy', 'epoch', 'loss', 'val_accuracy', 'val_loss']);
    assert.deepEqual(points(store, 'keras', 'val_accuracy'), {
      steps: [0, 1, 3, 4],
      times: [NaN, NaN, NaN, NaN],
      values: [0.6000999808311462, 0.7233999967575073, 0.7712000012397766, 0.7900000214576721],
      nonFinite: 0,
    });
    assert.deepEqual(points(store, 'keras', 'loss')?.nonFinite, 1);
    assert.deepEqual(steps(store, 'keras', 'loss'), [0, 1, 2, 3, 4]);
    assert.deepEqual(values(store, 'keras', 'epoch'), [0, 1, 2, 3, 4]);
  });

  it('waits for a partial row and for a partial header', async () => {
    const file = tmp.file('partial.csv');
    writeFileSync(file, 'epoch,loss,time');
    const store = new SeriesStore();
    const reader = new CsvLogReader(store, 'r', file);
    await reader.read();
    assert.equal(reader.header, undefined);
    appendFileSync(file, '\n0,1.5,1767225600\n1,1.');
    await reader.read();
    assert.deepEqual(reader.header, ['epoch', 'loss', 'time']);
    assert.deepEqual(points(store, 'r', 'loss'), { steps: [0], times: [1767225600], values: [1.5], nonFinite: 0 });
    appendFileSync(file, '25,1767225660\n');
    await reader.read();
    assert.deepEqual(values(store, 'r', 'loss'), [1.5, 1.25]);
    assert.equal(store.series('r', 'time'), undefined);
    assert.equal(readFileSync(file).length, reader.stats.offset);
  });

  it('handles quoted cells with commas and line ends, and a generic CSV without step or epoch', async () => {
    const file = tmp.file('generic.csv');
    writeFileSync(file, 'loss,"note, with comma",acc\n0.5,"a\nb",0.1\n0.4,"say ""hi""",0.2\n');
    const store = new SeriesStore();
    const reader = new CsvLogReader(store, 'r', file);
    const r = await reader.read();
    assert.equal(reader.flavor, 'generic');
    assert.deepEqual(reader.header, ['loss', 'note, with comma', 'acc']);
    assert.equal(r.corrupt, 0);
    assert.deepEqual(points(store, 'r', 'acc'), { steps: [0, 1], times: [NaN, NaN], values: [0.1, 0.2], nonFinite: 0 });
    assert.deepEqual(store.names('r'), ['acc', 'loss'], 'text columns make no series');
    assert.deepEqual(splitCsv('a,"b,c",,"d""e"'), ['a', 'b,c', '', 'd"e']);
  });
});
