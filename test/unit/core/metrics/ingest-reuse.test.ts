/**
 * The cold path's savings change nothing that is read or written (issue 14, Scale: 1,000 finished runs read and cached
 * in a row): a big read sizes its series from its first lines (the chunk parsed in two parts, cut after a line end)
 * and gives the same points, counts and stats as a read in small chunks, on random and hostile files; read buffers
 * lent between tails never mix two reads running at once; a run cache written into the reused data buffer is the same
 * file, byte for byte, as one written from the same series before a larger cache used that buffer.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CsvLogReader } from '../../../../core/src/metrics/csv-log-reader';
import { JsonlReader } from '../../../../core/src/metrics/jsonl-reader';
import { LodPyramid, type LodSource } from '../../../../core/src/metrics/lod';
import type { MetricFileReader } from '../../../../core/src/metrics/reader';
import { writeRunCache } from '../../../../core/src/metrics/run-cache-write';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { Tail } from '../../../../core/src/metrics/tail';
import { tempDir } from '../../../support/metrics';

/** A seeded generator (the same files on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
}

const NAMES = ['loss', 'acc', 'lr', 'grad_norm', 'val_loss', 'x\\"y', '日本', 'epoch', 'time', 'step'];

/** A JSON-lines file with hostile lines among the records: blanks, corrupt, CRLF, nested, long, late metrics. */
function hostileJsonl(seed: number, lines: number): string {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const k = r();
    if (k < 0.01) out.push('');
    else if (k < 0.02) out.push('{"step": 1, "loss": ');
    else if (k < 0.025) out.push('not json at all');
    else if (k < 0.027) out.push(`{"step": ${i}, "blob": "${'z'.repeat(Math.floor(r() * 3000))}"}`);
    else if (k < 0.03) out.push(`{"step": ${i}, "nested": {"a": [1, {"b": "}"}]}, "loss": ${r()}}`);
    else {
      const fields = [`"step": ${i}`, `"time": ${1767225600 + i * 0.25}`];
      const count = 1 + Math.floor(r() * 6);
      for (let m = 0; m < count; m++) {
        const name = NAMES[Math.floor(r() * (i > lines / 2 ? NAMES.length : 5))] as string;
        const v = r();
        const value =
          v < 0.02 ? 'NaN' : v < 0.03 ? '-Infinity' : v < 0.04 ? 'null' : v < 0.05 ? '1e400' : String(r() * 1e3 - 500);
        fields.push(`"${name}": ${value}`);
      }
      out.push(`{${fields.join(', ')}}${r() < 0.05 ? '\r' : ''}`);
    }
  }
  // Sometimes a last line without its line end.
  return out.join('\n') + (seed % 2 === 0 ? '\n' : '');
}

/** Everything a read left: each series' columns (bit patterns, so NaN compares) and the reader's stats. */
function snapshot(store: SeriesStore, run: string, reader: MetricFileReader): unknown {
  const series = store.names(run).map((name) => {
    const s = store.series(run, name, true);
    const v = s.view();
    const bits = (a: Float64Array) => [...new Uint32Array(Float64Array.from(a).buffer)];
    return {
      name,
      length: s.length,
      nonFinite: s.nonFinite,
      steps: bits(v.steps),
      times: bits(v.times),
      values: bits(v.values),
    };
  });
  return { series, stats: { ...reader.stats } };
}

async function readWith(
  make: (store: SeriesStore, file: string, chunkBytes: number) => MetricFileReader,
  file: string,
  chunkBytes: number,
): Promise<{ snap: unknown; slack: boolean }> {
  const store = new SeriesStore();
  const reader = make(store, file, chunkBytes);
  await reader.read();
  reader.finish();
  const slack = store.names('r').every((n) => {
    const s = store.series('r', n, true);
    return s.capacity <= s.length * 1.25 + 1024;
  });
  return { snap: snapshot(store, 'r', reader), slack };
}

describe('the cold path reads and writes the same (sized ahead, buffers reused)', () => {
  const tmp = tempDir();
  after(() => tmp.remove());

  it('a big JSON-lines read (sized from its first lines) equals a read in small chunks, on hostile files', async () => {
    const jsonl = (store: SeriesStore, file: string, chunkBytes: number) =>
      new JsonlReader(store, 'r', file, { chunkBytes });
    for (let seed = 1; seed <= 8; seed++) {
      const file = tmp.file(`h${seed}.jsonl`);
      writeFileSync(file, hostileJsonl(seed, 3000 + seed * 700));
      assert.ok(readFileSync(file).length > 300 * 1024, 'past the size read in two parts');
      const small = await readWith(jsonl, file, 4096);
      for (const chunk of [4 * 1024 * 1024, 256 * 1024, 300 * 1024 + seed]) {
        const big = await readWith(jsonl, file, chunk);
        assert.deepEqual(big.snap, small.snap, `seed ${seed}, chunks of ${chunk}`);
        assert.ok(big.slack, `seed ${seed}: at most a quarter of slack after a read sized ahead`);
      }
    }
  });

  it('the same for a CSV log with quoted cells that span lines (the cut falls inside a quote)', async () => {
    const r = rng(99);
    const rows = ['step,loss,"note\nwith a line end",acc'];
    for (let i = 0; i < 30_000; i++)
      rows.push(`${i},${r()},"${r() < 0.1 ? 'a\nb' : 'c'}",${r() < 0.05 ? '' : r()}${r() < 0.1 ? '\r' : ''}`);
    const file = tmp.file('q.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    assert.ok(readFileSync(file).length > 600 * 1024);
    const csv = (store: SeriesStore, f: string, chunkBytes: number) => new CsvLogReader(store, 'r', f, { chunkBytes });
    const small = await readWith(csv, file, 4096);
    const big = await readWith(csv, file, 4 * 1024 * 1024);
    assert.deepEqual(big.snap, small.snap);
  });

  it('tails reading at once never share a lent buffer', async () => {
    const files = [0, 1, 2, 3, 4, 5].map((k) => {
      const f = tmp.file(`t${k}.bin`);
      // Different sizes (all past the size that borrows a buffer), each byte pattern its own.
      writeFileSync(f, Buffer.from(Array.from({ length: 70_000 + k * 40_000 }, (_, i) => (i * (k + 3) + k) & 0xff)));
      return f;
    });
    for (let round = 0; round < 5; round++) {
      const got = await Promise.all(
        files.map(async (f) => {
          const parts: Buffer[] = [];
          // Small chunks: several awaits per read, so the reads interleave.
          await new Tail(f, { chunkBytes: 65536 + round * 1000 }).readChunks((c) => parts.push(Buffer.from(c.data)));
          return Buffer.concat(parts);
        }),
      );
      got.forEach((b, k) => assert.ok(b.equals(readFileSync(files[k] as string)), `file ${k}, round ${round}`));
    }
  });

  it('a run cache written into the reused data buffer equals one written before a larger cache used it', () => {
    const seriesOf = (n: number, seed: number, short = false) => {
      const r = rng(seed);
      const steps = Float64Array.from({ length: n }, (_, i) => i * 2);
      const values = Float64Array.from({ length: n }, () => (r() < 0.01 ? NaN : r() * 100 - 50));
      const raw = new LodPyramid();
      raw.appendMany(steps, values);
      const smooth = new LodPyramid();
      smooth.appendMany(
        steps,
        values.map((v) => v / 2),
      );
      // A source whose raw points come back short: the rest of its place in the file must be zeros, not stale bytes.
      const shortRaw: LodSource = {
        length: raw.length,
        fanout: raw.fanout,
        levels: raw.levels,
        read: (k, from, to) => (k === 0 ? raw.read(k, from, to).subarray(0, 10) : raw.read(k, from, to)),
      };
      return [
        { name: `s${seed}`, length: n, nonFinite: 0, steps, times: steps, values, raw: short ? shortRaw : raw, smooth },
      ];
    };
    const bytesOf = (dir: string) => readFileSync(path.join(dir, '.lod', 'run.lodc'));
    const small = seriesOf(9000, 1);
    const shortOne = seriesOf(9000, 2, true);
    writeRunCache(tmp.file('first'), 'k', small, 0.6);
    writeRunCache(tmp.file('short-first'), 'k', shortOne, 0.6);
    writeRunCache(tmp.file('large'), 'k', seriesOf(120_000, 3), 0.6); // fills the buffer with other bytes
    writeRunCache(tmp.file('short-again'), 'k', shortOne, 0.6);
    writeRunCache(tmp.file('again'), 'k', small, 0.6);
    assert.ok(bytesOf(tmp.file('again')).equals(bytesOf(tmp.file('first'))));
    assert.ok(bytesOf(tmp.file('short-again')).equals(bytesOf(tmp.file('short-first'))));
  });
});
