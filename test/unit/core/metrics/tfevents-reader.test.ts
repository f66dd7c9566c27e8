import * as assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { crc32c, maskCrc } from '../../../../core/src/metrics/crc32c';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { TfEventsReader } from '../../../../core/src/metrics/tfevents-reader';
import { tempDir, points, values, steps } from '../../../support/metrics';
import {
  encodeEvent,
  eventsFileName,
  fileVersionRecord,
  histogramValue,
  tfrecord,
  TfEventsWriter,
  varint,
} from '../../../support/tfevents-writer';

describe('CRC-32C and TFRecord framing', () => {
  it('matches the known CRC-32C vectors', () => {
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
    assert.equal(crc32c(Buffer.alloc(0)), 0);
    // RFC 3720 (iSCSI) B.4
    assert.equal(crc32c(Buffer.alloc(32, 0)), 0x8a9136aa);
    assert.equal(crc32c(Buffer.alloc(32, 0xff)), 0x62a8ab43);
    assert.equal(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i))), 0x46dd794e);
    assert.equal(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i))), 0x113fdb5c);
  });

  it('continues a CRC across pieces and agrees with the bitwise definition at every length and alignment', () => {
    const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff));
    const bitwise = (b: Uint8Array) => {
      let c = 0xffffffff;
      for (const byte of b) {
        c ^= byte;
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
      }
      return ~c >>> 0;
    };
    for (let start = 0; start < 9; start++) {
      for (const len of [0, 1, 7, 8, 9, 15, 16, 17, 64, 255]) {
        assert.equal(
          crc32c(data, start, start + len),
          bitwise(data.subarray(start, start + len)),
          `start ${start} len ${len}`,
        );
      }
    }
    assert.equal(crc32c(data, 13, 300, crc32c(data, 0, 13)), crc32c(data));
  });

  it('masks the way TFRecord does', () => {
    const crc = 0x12345678;
    assert.equal(maskCrc(crc), ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0);
    assert.equal(maskCrc(0), 0xa282ead8);
    // The framing the test writer produces: length, masked CRC of the length, data, masked CRC of the data.
    const rec = tfrecord(Buffer.from('abc'));
    assert.equal(rec.length, 12 + 3 + 4);
    assert.equal(rec.readUInt32LE(0), 3);
    assert.equal(rec.readUInt32LE(4), 0);
    assert.equal(rec.readUInt32LE(8), maskCrc(crc32c(Buffer.from([3, 0, 0, 0, 0, 0, 0, 0]))));
    assert.equal(rec.readUInt32LE(15), maskCrc(crc32c(Buffer.from('abc'))));
  });

  it('encodes protobuf varints, int64 negatives as ten bytes', () => {
    assert.deepEqual([...varint(1)], [1]);
    assert.deepEqual([...varint(300)], [0xac, 0x02]);
    assert.deepEqual([...varint(-1)], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  });
});

describe('TensorBoard event file reader', () => {
  const tmp = tempDir();
  after(() => tmp.remove());

  it('reads simple_value and float/double scalar tensors with steps and wall times; skips non-scalars', async () => {
    const file = tmp.file(eventsFileName());
    const w = new TfEventsWriter(file);
    w.write({
      wallTime: 1767225601.5,
      step: 1,
      values: [
        { tag: 'train/loss', value: 0.75 },
        { tag: 'lr', value: 0.001, encoding: 'tensor-float' },
      ],
    });
    w.write({
      wallTime: 1767225602.5,
      step: 2,
      values: [
        { tag: 'train/loss', value: 0.5, encoding: 'tensor-double' },
        { tag: 'lr', value: 0.0005, encoding: 'content-float' },
      ],
    });
    w.write({
      wallTime: 1767225603.5,
      step: 3,
      values: [
        { tag: 'train/loss', value: 0.25, encoding: 'content-double' },
        { tag: 'eval/acc', value: NaN },
      ],
    });
    w.write({ wallTime: 1767225604.5, step: 4, rawValues: [histogramValue('weights', 5)] });
    w.write({ wallTime: 1767225605.5, step: 5_000_000_000, values: [{ tag: 'train/loss', value: 0.125 }] });
    const store = new SeriesStore();
    const reader = new TfEventsReader(store, 'tb', file);
    const r = await reader.read();
    assert.equal(reader.fileVersion, 'brain.Event:2');
    assert.equal(r.corrupt, 0);
    assert.equal(reader.events, 6, 'file_version + 5 events');
    assert.equal(r.points, 7);
    assert.deepEqual(store.names('tb'), ['eval/acc', 'lr', 'train/loss'], 'the histogram is skipped');
    assert.deepEqual(points(store, 'tb', 'train/loss'), {
      steps: [1, 2, 3, 5_000_000_000],
      times: [1767225601.5, 1767225602.5, 1767225603.5, 1767225605.5],
      values: [0.75, 0.5, 0.25, 0.125],
      nonFinite: 0,
    });
    assert.deepEqual(values(store, 'tb', 'lr'), [Math.fround(0.001), Math.fround(0.0005)], 'float32 values');
    assert.equal(points(store, 'tb', 'eval/acc')?.nonFinite, 1);
    assert.equal(reader.stats.offset, reader.tail.offset);
  });

  it('skips a record with a bad data CRC and counts it, and finds the framing again after a bad length CRC', async () => {
    const file = tmp.file(eventsFileName(1767225700));
    const w = new TfEventsWriter(file);
    w.scalar('loss', 1, 1);
    const bad = tfrecord(encodeEvent({ wallTime: 1, step: 2, values: [{ tag: 'loss', value: 2 }] }));
    bad[bad.length - 6] = (bad[bad.length - 6] as number) ^ 0xff; // a data byte: data CRC fails
    w.raw(bad);
    w.scalar('loss', 3, 3);
    const badLen = tfrecord(encodeEvent({ wallTime: 1, step: 4, values: [{ tag: 'loss', value: 4 }] }));
    badLen[9] = (badLen[9] as number) ^ 0x01; // the length's CRC: framing lost
    w.raw(badLen);
    w.raw(Buffer.from('garbage between records'));
    w.scalar('loss', 5, 5);
    const store = new SeriesStore();
    const reader = new TfEventsReader(store, 'tb', file);
    const r = await reader.read();
    assert.deepEqual(steps(store, 'tb', 'loss'), [1, 3, 5]);
    assert.equal(r.corrupt, 2, 'one bad record, one lost-framing stretch');
    assert.equal(reader.stats.pendingBytes, 0);
  });

  it('waits for a truncated record at the end and reads it once complete, reading only new bytes', async () => {
    const file = tmp.file(eventsFileName(1767225800));
    writeFileSync(file, fileVersionRecord());
    const rec1 = tfrecord(encodeEvent({ wallTime: 10, step: 1, values: [{ tag: 'loss', value: 1.5 }] }));
    const rec2 = tfrecord(
      encodeEvent({ wallTime: 11, step: 2, values: [{ tag: 'loss', value: 2.5, encoding: 'tensor-float' }] }),
    );
    appendFileSync(file, rec1);
    appendFileSync(file, rec2.subarray(0, 5)); // not even a whole header
    const store = new SeriesStore();
    const reader = new TfEventsReader(store, 'tb', file);
    const start = fileVersionRecord().length + rec1.length;
    let r = await reader.read();
    assert.equal(r.bytes, start + 5);
    assert.deepEqual(values(store, 'tb', 'loss'), [1.5]);
    assert.equal(reader.stats.pendingBytes, 5);
    appendFileSync(file, rec2.subarray(5, 20)); // header complete, data not
    r = await reader.read();
    assert.equal(r.bytes, 15, 'only the new bytes are read');
    assert.equal(r.corrupt, 0);
    assert.equal(reader.stats.pendingBytes, 20);
    assert.deepEqual(values(store, 'tb', 'loss'), [1.5]);
    appendFileSync(file, rec2.subarray(20));
    r = await reader.read();
    assert.equal(r.bytes, rec2.length - 20);
    assert.equal(r.points, 1);
    assert.deepEqual(values(store, 'tb', 'loss'), [1.5, 2.5]);
    assert.equal(reader.stats.offset, start + rec2.length);
    assert.equal(reader.stats.corrupt, 0);
    assert.equal((await reader.read()).bytes, 0, 'nothing new: nothing read');
  });

  it('counts a record that never completes as corrupt when the writer is done', async () => {
    const file = tmp.file(eventsFileName(1767225900));
    const w = new TfEventsWriter(file);
    w.raw(tfrecord(encodeEvent({ wallTime: 1, step: 1, values: [{ tag: 'x', value: 1 }] })).subarray(0, 30));
    const reader = new TfEventsReader(new SeriesStore(), 'tb', file);
    await reader.read();
    assert.equal(reader.stats.corrupt, 0);
    reader.finish();
    assert.equal(reader.stats.corrupt, 1);
  });
});
