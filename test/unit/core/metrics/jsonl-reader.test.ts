import * as assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { BLANK, CORRUPT, JsonRecordParser } from '../../../../core/src/metrics/json-record';
import { JsonlReader } from '../../../../core/src/metrics/jsonl-reader';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { FIXTURES } from '../../../support/fixtures';
import { points, steps, tempDir, values } from '../../../support/metrics';
import * as path from 'node:path';

const FIXTURE = path.join(FIXTURES, 'metrics', 'metrics.jsonl');

describe('JSON-lines metrics reader', () => {
  const tmp = tempDir();
  after(() => tmp.remove());

  it('reads metrics and epoch, skips and counts a corrupt line, and waits for a partial last line', async () => {
    const file = tmp.file('a.jsonl');
    copyFileSync(FIXTURE, file);
    const size = statSync(file).size;
    const store = new SeriesStore();
    const reader = new JsonlReader(store, 'run1', file);
    const r1 = await reader.read();
    assert.equal(r1.bytes, size);
    assert.equal(r1.corrupt, 1, 'the cut-off line');
    assert.equal(r1.records, 3);
    assert.deepEqual(store.names('run1'), [
      'epoch',
      'gpu_mem_gb',
      'samples_per_sec',
      'train_loss',
      'val_accuracy',
      'val_loss',
    ]);
    assert.deepEqual(points(store, 'run1', 'train_loss'), {
      steps: [10, 20, 30],
      times: [1767225600.25, 1767225601.5, 1767225602.75],
      values: [0.693147, 0.5821, NaN],
      nonFinite: 1,
    });
    assert.deepEqual(values(store, 'run1', 'val_loss'), [Infinity]);
    assert.deepEqual(points(store, 'run1', 'epoch'), {
      steps: [10, 20, 30],
      times: [1767225600.25, 1767225601.5, 1767225602.75],
      values: [0, 0, 1],
      nonFinite: 0,
    });
    const partial = '{"step": 40, "epoch": 1, "train_loss": 0.41, "time": 17672256';
    assert.equal(reader.stats.pendingBytes, partial.length);
    assert.equal(reader.stats.offset, size);

    appendFileSync(file, '03.0}\n{"step": 50, "train_loss": 0.39}\n');
    const r2 = await reader.read();
    assert.equal(r2.bytes, '03.0}\n{"step": 50, "train_loss": 0.39}\n'.length, 'only the new bytes');
    assert.equal(r2.records, 2);
    assert.equal(r2.corrupt, 0);
    assert.deepEqual(steps(store, 'run1', 'train_loss'), [10, 20, 30, 40, 50]);
    assert.deepEqual(points(store, 'run1', 'train_loss')?.times.slice(3), [1767225603, NaN]);
    assert.equal(reader.stats.pendingBytes, 0);
    assert.equal(reader.stats.corrupt, 1);
  });

  it('takes a last line without its line end when the writer is done', async () => {
    const file = tmp.file('b.jsonl');
    writeFileSync(file, '{"step": 1, "loss": 2}\n{"step": 2, "loss": 1}');
    const store = new SeriesStore();
    const reader = new JsonlReader(store, 'r', file);
    await reader.read();
    assert.deepEqual(values(store, 'r', 'loss'), [2]);
    reader.finish();
    assert.deepEqual(values(store, 'r', 'loss'), [2, 1]);
  });

  it('numbers steps itself when records have none, and skips non-numeric fields', async () => {
    const file = tmp.file('c.jsonl');
    writeFileSync(
      file,
      [
        '{"loss": 1.0, "phase": "train", "ok": true, "cfg": {"lr": [0.1, {"x": "}"}]}, "none": null}',
        '  {"loss": 0.5e0, "big": 12345678901234567890, "tiny": -1.5E-300, "exact": 0.1}  ',
        '[1, 2]',
        '{"lo\\"ss": 3, "\\u00e9": 4}',
        '{"loss": 1 "x": 2}',
        '{"loss": 1,}',
        '',
      ].join('\r\n'),
    );
    const store = new SeriesStore();
    const reader = new JsonlReader(store, 'r', file);
    const r = await reader.read();
    assert.equal(r.records, 3);
    assert.equal(r.corrupt, 3);
    assert.deepEqual(points(store, 'r', 'loss'), { steps: [0, 1], times: [NaN, NaN], values: [1, 0.5], nonFinite: 0 });
    assert.deepEqual(values(store, 'r', 'big'), [12345678901234567890]);
    assert.deepEqual(values(store, 'r', 'tiny'), [-1.5e-300]);
    assert.deepEqual(values(store, 'r', 'exact'), [0.1]);
    assert.deepEqual(values(store, 'r', 'lo"ss'), [3]);
    assert.deepEqual(values(store, 'r', 'é'), [4]);
    assert.deepEqual(store.names('r').sort(), ['big', 'exact', 'loss', 'lo"ss', 'tiny', 'é'].sort());
  });

  it('accepts any JSON whitespace and never reads past the end of its line', () => {
    const store = new SeriesStore();
    const w = store.writer('r');
    const p = new JsonRecordParser((name) => w.series(name));
    const parse = (text: string, end = Buffer.byteLength(text)) => p.parse(Buffer.from(text), 0, end);
    assert.equal(parse('{ "a" :\t1 ,"b":2,  "c":  3 }'), 3);
    assert.equal(parse('{"a":1}'), 1);
    assert.equal(parse('{}'), 0);
    assert.equal(parse('   '), BLANK);
    for (const cut of ['{"a": 1}', '{"a": 1, "b": 2}', '{"a": 1,"b"', '{"a":']) {
      for (let end = 1; end < cut.length; end++)
        assert.equal(parse(cut, end), CORRUPT, `${cut.slice(0, end)} (of ${cut})`);
    }
    w.commit();
    assert.deepEqual(values(store, 'r', 'a'), [1, 1]);
  });

  it('parses numbers exactly like JSON.parse', async () => {
    const nums = [
      '0',
      '-0',
      '1',
      '0.1',
      '0.30000000000000004',
      '123456789012345',
      '1234567890123456789',
      '1e22',
      '1e23',
      '5e-324',
      '1.7976931348623157e308',
      '2.2250738585072014e-308',
      '1767225600.1234567',
      '-3.14159e-5',
      '9007199254740993',
      '0.000001',
      '1E+2',
    ];
    const file = tmp.file('d.jsonl');
    writeFileSync(file, nums.map((n, i) => `{"step": ${i}, "v": ${n}}\n`).join(''));
    const store = new SeriesStore();
    await new JsonlReader(store, 'r', file).read();
    assert.deepEqual(
      values(store, 'r', 'v'),
      nums.map((n) => JSON.parse(n) as number),
    );
  });

  it('reads only up to the size it saw, so a file growing during the read never stalls it', async () => {
    const file = tmp.file('e.jsonl');
    const line = (i: number) => `{"step": ${i}, "loss": ${i / 10}}\n`;
    writeFileSync(file, Array.from({ length: 50 }, (_, i) => line(i)).join(''));
    const initial = statSync(file).size;
    const store = new SeriesStore();
    const reader = new JsonlReader(store, 'r', file, { chunkBytes: 64 });
    // A writer that appends a line every time the reader commits a chunk: the file grows during the read.
    let appended = 50;
    const off = store.onChange(() => {
      if (appended < 200) appendFileSync(file, line(appended++));
    });
    const r = await reader.read();
    off();
    assert.equal(r.bytes, initial, 'stopped at the size seen when the read began');
    assert.ok(appended > 50, 'the file did grow during the read');
    assert.equal(store.series('r', 'loss')?.length, 50);
    const r2 = await reader.read();
    assert.equal(r2.bytes, statSync(file).size - initial);
    assert.deepEqual(
      steps(store, 'r', 'loss'),
      Array.from({ length: appended }, (_, i) => i),
    );
    assert.equal(readFileSync(file).length, reader.stats.offset);
  });

  it('sizes its series ahead on a big read and leaves at most a quarter of slack', async () => {
    const file = tmp.file('big.jsonl');
    const n = 40_000;
    writeFileSync(
      file,
      Array.from(
        { length: n },
        (_, i) => `{"step": ${i}, "loss": ${i % 97}, "val": ${i % 10 === 0 ? 1 : 'null'}}\n`,
      ).join(''),
    );
    const store = new SeriesStore();
    const reader = new JsonlReader(store, 'r', file, { chunkBytes: 256 * 1024 });
    await reader.read();
    const loss = store.series('r', 'loss', true);
    const val = store.series('r', 'val', true);
    assert.equal(loss.length, n);
    assert.equal(val.length, n / 10);
    for (const s of [loss, val])
      assert.ok(s.capacity <= s.length * 1.25 + 1024, `${s.name}: capacity ${s.capacity} for ${s.length}`);
    assert.equal(loss.view().values[n - 1], (n - 1) % 97);
  });

  it('starts over when the file is truncated (a new run writing the same path)', async () => {
    const file = tmp.file('f.jsonl');
    writeFileSync(file, '{"step": 1, "loss": 1}\n{"step": 2, "loss": 2}\n');
    const store = new SeriesStore();
    const reader = new JsonlReader(store, 'r', file);
    await reader.read();
    writeFileSync(file, '{"step": 1, "loss": 9}\n');
    const r = await reader.read();
    assert.equal(r.reset, true);
    assert.deepEqual(values(store, 'r', 'loss'), [9]);
    assert.equal(reader.stats.resets, 1);
    assert.equal(reader.stats.offset, 23);
  });
});
