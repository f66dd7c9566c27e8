import * as assert from 'node:assert/strict';
import { parseCsv } from '../../../../core/src/trainer/csv';
import { prepareData } from '../../../../core/src/trainer/data';
import { splitRows } from '../../../../core/src/trainer/split';
import { trainModel } from '../../../../core/src/trainer/train';
import type { DataSettings } from '../../../../core/src/trainer/types';
import { csv, settings } from './synthetic';

const DIR = '/exp';
const files = (map: Record<string, string>) => (p: string) => {
  const text = map[p.slice(DIR.length + 1)];
  if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return text;
};
const data = (over: Partial<DataSettings> = {}): DataSettings => ({
  train: `${DIR}/train.csv`,
  features: ['a', 'b'],
  target: 'y',
  dropMissing: false,
  ...over,
});
const rows = (n: number, label = (i: number) => (i % 2 ? 'yes' : 'no')) =>
  Array.from({ length: n }, (_, i) => [i, (i * 7) % 11, label(i)]);

describe('core builtin trainer: data', () => {
  it('parses CSV with quotes, escaped quotes, embedded newlines, CRLF, BOM and blank lines, keeping line numbers', () => {
    const t = parseCsv('\ufeffa,"b, quoted",c\r\n1,"x ""y""",3\r\n\r\n4,"multi\nline",6\n', 'f.csv');
    assert.deepEqual(t.header, ['a', 'b, quoted', 'c']);
    assert.deepEqual(t.rows, [
      ['1', 'x "y"', '3'],
      ['4', 'multi\nline', '6'],
    ]);
    assert.deepEqual(t.lines, [2, 4]);
    assert.throws(() => parseCsv('a,b\n1,2,3\n', 'f.csv'), /f\.csv line 2: 3 fields, but the header has 2 columns/);
    assert.throws(() => parseCsv('', 'f.csv'), /f\.csv is empty/);
  });

  it('fits the standardization on the training split only', async () => {
    // The validation file is shifted by +1000: a mean over all data would move far from the training mean.
    const train = rows(40);
    const val = rows(10).map(([a, b, y]) => [Number(a) + 1000, Number(b) + 1000, y!]);
    const prepared = prepareData(
      data({ validation: `${DIR}/val.csv` }),
      'classification',
      DIR,
      files({ 'train.csv': csv(['a', 'b', 'y'], train), 'val.csv': csv(['a', 'b', 'y'], val) }),
    );
    const result = await trainModel(settings({ epochs: 1 }), prepared);
    const col = (j: number) => train.map((r) => Number(r[j]));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const std = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
    assert.ok(Math.abs(result.model.standardizer.mean[0]! - mean(col(0))) < 1e-12);
    assert.ok(Math.abs(result.model.standardizer.mean[1]! - mean(col(1))) < 1e-12);
    assert.ok(Math.abs(result.model.standardizer.std[0]! - std(col(0))) < 1e-12);
  });

  it('splits stratified (class shares kept), random and by time, deterministically from the seed', () => {
    const classes = Array.from({ length: 1000 }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const s = { train: 0.7, validation: 0.15, test: 0.15, strategy: 'stratified' as const, seed: 42 };
    const a = splitRows(1000, s, classes);
    assert.deepEqual([a.train.length, a.validation.length, a.test.length], [700, 150, 150]);
    assert.equal(a.validation.filter((i) => classes[i] === 1).length, 45);
    assert.deepEqual(splitRows(1000, s, classes), a);
    assert.notDeepEqual(splitRows(1000, { ...s, seed: 43 }, classes).train, a.train);
    assert.equal(new Set([...a.train, ...a.validation, ...a.test]).size, 1000);
    assert.deepEqual(splitRows(10, { ...s, strategy: 'time' }).test, [9]);
  });

  it('maps class names in task.labels order (else sorted) and splits data.train by data.split', () => {
    const text = csv(['a', 'b', 'y'], rows(100));
    const p = prepareData(
      data({ split: { train: 0.8, validation: 0.2, test: 0, strategy: 'stratified', seed: 1 } }),
      'classification',
      DIR,
      files({ 'train.csv': text }),
    );
    assert.deepEqual(p.labels, ['no', 'yes']);
    assert.deepEqual([p.train.n, p.validation?.n, p.test], [80, 20, undefined]);
    const q = prepareData(
      data({ labels: ['yes', 'no'], positiveLabel: 'no' }),
      'classification',
      DIR,
      files({ 'train.csv': text }),
    );
    assert.deepEqual([q.labels, q.positiveIndex, q.train.y[0]], [['yes', 'no'], 1, 1]);
  });

  it('drop_missing drops rows with missing or non-numeric values and counts them', () => {
    const text = 'a,b,y\n1,2,no\n,3,yes\n4,abc,no\n5,6,yes\n7,NA,no\n8,9,\n';
    const p = prepareData(data({ dropMissing: true }), 'classification', DIR, files({ 'train.csv': text }));
    assert.equal(p.train.n, 2);
    assert.equal(p.dropped, 4);
    assert.match(p.notes[0]!, /dropped 4 of 6 rows of train\.csv \(first: train\.csv line 3, column "a": missing\)/);
  });

  it('bad input: missing column, non-numeric or empty cell (row and column named), one class, unknown label, missing file', () => {
    const read = (text: string) => files({ 'train.csv': text });
    assert.throws(
      () =>
        prepareData(data({ features: ['a', 'income'] }), 'classification', DIR, read(csv(['a', 'b', 'y'], rows(4)))),
      /`data\.features`: column "income" is not in the header of train\.csv \(columns: a, b, y\)/,
    );
    assert.throws(
      () => prepareData(data({ target: 'label' }), 'classification', DIR, read(csv(['a', 'b', 'y'], rows(4)))),
      /`data\.target`: column "label"/,
    );
    assert.throws(
      () => prepareData(data(), 'classification', DIR, read('a,b,y\n1,2,no\n3,abc,yes\n')),
      /train\.csv line 3, column "b": "abc" is not a number: fix the value, or add `\{op: drop_missing\}`/,
    );
    assert.throws(
      () => prepareData(data(), 'regression', DIR, read('a,b,y\n1,2,3\n3,4,\n')),
      /train\.csv line 3, column "y" is empty \(a missing value\)/,
    );
    assert.throws(
      () =>
        prepareData(
          data(),
          'classification',
          DIR,
          read(
            csv(
              ['a', 'b', 'y'],
              rows(5, () => 'no'),
            ),
          ),
        ),
      /classification needs at least 2 classes, but the training data has only 1 \("no"\) in column "y"/,
    );
    assert.throws(
      () => prepareData(data({ labels: ['no', 'yes'] }), 'classification', DIR, read('a,b,y\n1,2,no\n3,4,maybe\n')),
      /line 3, column "y": class "maybe" is not one of `task\.labels` \(no, yes\)/,
    );
    assert.throws(
      () =>
        prepareData(data({ validation: `${DIR}/val.csv` }), 'classification', DIR, read(csv(['a', 'b', 'y'], rows(4)))),
      /cannot read val\.csv: no such file/,
    );
  });
});
