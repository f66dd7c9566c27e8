import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { detectFormat, ingestFile, watchFile } from '../../../../core/src/metrics/ingest';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { Tail, type TailChunk } from '../../../../core/src/metrics/tail';
import { TfEventsWriter, eventsFileName } from '../../../support/tfevents-writer';
import { tempDir, values } from '../../../support/metrics';
import { waitFor } from '../../../support/wait';

describe('file tail', () => {
  const tmp = tempDir();
  after(() => tmp.remove());

  it('returns only new bytes with their offsets, and nothing for a missing file', async () => {
    const file = tmp.file('t1.txt');
    const tail = new Tail(file);
    assert.equal((await tail.read()).data.length, 0);
    writeFileSync(file, 'hello ');
    let c = await tail.read();
    assert.deepEqual([c.data.toString(), c.from, c.reset], ['hello ', 0, false]);
    assert.equal(tail.offset, 6);
    c = await tail.read();
    assert.deepEqual([c.data.length, c.from], [0, 6]);
    appendFileSync(file, 'world');
    c = await tail.read();
    assert.deepEqual([c.data.toString(), c.from, c.reset], ['world', 6, false]);
    assert.equal(tail.offset, 11);
  });

  it('hands big reads over in chunks and stops at the size seen when the read began', async () => {
    const file = tmp.file('t2.txt');
    writeFileSync(file, 'x'.repeat(1000));
    const tail = new Tail(file, { chunkBytes: 300 });
    const seen: Array<[number, number]> = [];
    const total = await tail.readChunks((c: TailChunk) => {
      seen.push([c.from, c.data.length]);
      appendFileSync(file, 'y'.repeat(100)); // the file grows while it is read
    });
    assert.equal(total, 1000);
    assert.deepEqual(seen, [
      [0, 300],
      [300, 300],
      [600, 300],
      [900, 100],
    ]);
    const next = await tail.read();
    assert.deepEqual([next.from, next.data.length, next.data.toString()], [1000, 400, 'y'.repeat(400)]);
  });

  it('reuses one buffer for the big chunks of a read and hands over exactly the bytes read', async () => {
    const file = tmp.file('t2b.bin');
    const content = Buffer.from(Array.from({ length: 250_000 }, (_, i) => (i * 7) & 0xff));
    writeFileSync(file, content);
    const tail = new Tail(file, { chunkBytes: 100_000 });
    const copies: Buffer[] = [];
    await tail.readChunks((c) => {
      copies.push(Buffer.from(c.data));
    });
    assert.deepEqual(
      copies.map((c) => c.length),
      [100_000, 100_000, 50_000],
    );
    assert.ok(Buffer.concat(copies).equals(content));
    appendFileSync(file, content.subarray(0, 70_000));
    const next = await tail.read();
    assert.ok(next.data.equals(content.subarray(0, 70_000)));
  });

  it('starts over from 0 when the file shrinks, is replaced, or its first bytes change', async () => {
    const file = tmp.file('t3.txt');
    writeFileSync(file, 'first version of the file\n');
    const tail = new Tail(file);
    await tail.read();
    writeFileSync(file, 'short\n');
    let c = await tail.read();
    assert.deepEqual([c.reset, c.from, c.data.toString()], [true, 0, 'short\n']);
    // replaced by another file (rotation)
    writeFileSync(file + '.new', 'rotated content, longer than before\n');
    renameSync(file + '.new', file);
    c = await tail.read();
    assert.deepEqual([c.reset, c.data.toString()], [true, 'rotated content, longer than before\n']);
    // rewritten in place, longer: the first bytes differ
    writeFileSync(file, 'ROTATED content, longer than before\nand more\n');
    c = await tail.read();
    assert.deepEqual([c.reset, c.data.toString()], [true, 'ROTATED content, longer than before\nand more\n']);
    // truncated to nothing
    writeFileSync(file, '');
    c = await tail.read();
    assert.deepEqual([c.reset, c.data.length], [true, 0]);
    assert.equal(tail.resets, 4);
  });
});

describe('metrics ingestion', () => {
  const tmp = tempDir();
  after(() => tmp.remove());

  it('detects formats from file names', () => {
    assert.equal(detectFormat('/runs/a/metrics.jsonl'), 'jsonl');
    assert.equal(detectFormat('x.ndjson'), 'jsonl');
    assert.equal(detectFormat('lightning_logs/version_0/metrics.csv'), 'csv');
    assert.equal(detectFormat('runs/events.out.tfevents.1767225600.host.1.0'), 'tfevents');
    assert.equal(detectFormat('slurm-1234.out'), 'stdout');
    assert.equal(detectFormat('train.log'), 'stdout');
    assert.equal(detectFormat('model.onnx'), undefined);
  });

  it('ingests a file once, whatever its format', async () => {
    const store = new SeriesStore();
    const jsonl = tmp.file('m.jsonl');
    writeFileSync(jsonl, '{"step": 1, "loss": 0.5}\n{"step": 2, "loss": 0.25}');
    let stats = await ingestFile(store, 'a', jsonl);
    assert.deepEqual([stats.records, stats.pendingBytes], [1, 25]);
    stats = await ingestFile(store, 'b', jsonl, 'jsonl', { final: true });
    assert.deepEqual(values(store, 'b', 'loss'), [0.5, 0.25]);
    const tb = tmp.file(eventsFileName());
    new TfEventsWriter(tb).scalar('acc', 0.5, 7);
    stats = await ingestFile(store, 'c', tb);
    assert.deepEqual(values(store, 'c', 'acc'), [0.5]);
    await assert.rejects(ingestFile(store, 'd', tmp.file('x.bin')), /unknown metrics file format/);
  });

  it('watches a file: new lines show up, a file created later is picked up, truncation and rotation start over', async () => {
    const file = tmp.file('live.jsonl');
    const store = new SeriesStore();
    const w = watchFile(store, 'live', file, undefined, { pollMs: 20 });
    try {
      const loss = () => values(store, 'live', 'loss') ?? [];
      writeFileSync(file, '{"step": 1, "loss": 1}\n');
      await waitFor(() => loss().length === 1, { timeoutMs: 5000, intervalMs: 5, what: 'the first line' });
      appendFileSync(file, '{"step": 2, "loss": 2}\n{"step": 3, "loss"');
      await waitFor(() => loss().length === 2, { timeoutMs: 5000, intervalMs: 5, what: 'the second line' });
      appendFileSync(file, ': 3}\n');
      await waitFor(() => loss().length === 3, { timeoutMs: 5000, intervalMs: 5, what: 'the completed line' });
      writeFileSync(file, '{"step": 1, "loss": 10}\n');
      await waitFor(() => loss().join() === '10', {
        timeoutMs: 5000,
        intervalMs: 5,
        what: 'the truncated file re-read',
      });
      writeFileSync(file + '.tmp', '{"step": 1, "loss": 20}\n{"step": 2, "loss": 21}\n');
      renameSync(file + '.tmp', file);
      await waitFor(() => loss().join() === '20,21', {
        timeoutMs: 5000,
        intervalMs: 5,
        what: 'the replaced file re-read',
      });
      rmSync(file);
      await w.idle();
      assert.deepEqual(loss(), [20, 21], 'a deleted file leaves its points');
      assert.equal(w.reader.stats.resets, 2);
    } finally {
      w.close();
    }
  });

  it('watches a file whose folder does not exist yet', async () => {
    const dir = tmp.file('later');
    const file = path.join(dir, 'metrics.csv');
    const store = new SeriesStore();
    const w = watchFile(store, 'r', file, undefined, { pollMs: 20 });
    try {
      mkdirSync(dir);
      writeFileSync(file, 'epoch,loss\n0,0.5\n');
      await waitFor(() => values(store, 'r', 'loss')?.length === 1, {
        timeoutMs: 5000,
        intervalMs: 5,
        what: 'the row',
      });
      appendFileSync(file, '1,0.25\n');
      await waitFor(() => values(store, 'r', 'loss')?.length === 2, {
        timeoutMs: 5000,
        intervalMs: 5,
        what: 'the next row',
      });
    } finally {
      w.close();
    }
  });
});
