import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createReader, type MetricFormat } from '../../../../core/src/metrics/ingest';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { FIXTURES } from '../../../support/fixtures';
import { encodeEvent, fileVersionRecord, tfrecord } from '../../../support/tfevents-writer';

/** Deterministic pseudo-random numbers (tests must not flake). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/** Feeds `data` to a fresh reader in the given pieces (as the tail would) and returns the store's content. */
function feed(format: MetricFormat, data: Buffer, cuts: number[]): { dump: string; corrupt: number } {
  const store = new SeriesStore();
  const reader = createReader(store, 'r', `/nonexistent/file.${format}`, format);
  let from = 0;
  for (const to of [...cuts, data.length]) {
    reader.consume({ data: data.subarray(from, to), from, end: data.length, reset: false });
    from = to;
  }
  const dump = store
    .names('r')
    .map((n) => {
      const s = store.series('r', n);
      return `${n}: ${[...(s?.steps ?? [])].join(',')} | ${[...(s?.values ?? [])].join(',')}`;
    })
    .join('\n');
  return { dump, corrupt: reader.stats.corrupt };
}

const tfevents = Buffer.concat([
  fileVersionRecord(),
  ...Array.from({ length: 40 }, (_, i) =>
    tfrecord(
      encodeEvent({
        wallTime: 1767225600 + i,
        step: i,
        values: [
          { tag: 'loss', value: 1 / (i + 1) },
          { tag: 'acc', value: i / 40, encoding: i % 2 ? 'tensor-double' : 'content-float' },
        ],
      }),
    ),
  ),
]);

const inputs: Array<[MetricFormat, Buffer]> = [
  ['jsonl', Buffer.from(readFileSync(path.join(FIXTURES, 'metrics', 'metrics.jsonl'), 'utf8') + '03.0}\n')],
  ['csv', readFileSync(path.join(FIXTURES, 'metrics', 'lightning-v2.csv'))],
  ['csv', readFileSync(path.join(FIXTURES, 'metrics', 'keras-training.csv'))],
  ['stdout', readFileSync(path.join(FIXTURES, 'metrics', 'train-output.log'))],
  ['tfevents', tfevents],
];

describe('metrics readers under arbitrary chunking and damage', () => {
  for (const [format, data] of inputs) {
    it(`${format} (${data.length} bytes): the same points whatever the chunk boundaries`, () => {
      const whole = feed(format, data, []);
      assert.ok(whole.dump.length > 0);
      const rnd = prng(data.length);
      for (let round = 0; round < 40; round++) {
        const cuts = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => Math.floor(rnd() * data.length)).sort(
          (a, b) => a - b,
        );
        const split = feed(format, data, cuts);
        assert.equal(split.dump, whole.dump, `cuts at ${cuts.join(',')}`);
        assert.equal(split.corrupt, whole.corrupt);
      }
      // byte by byte
      assert.equal(
        feed(
          format,
          data,
          Array.from({ length: data.length - 1 }, (_, i) => i + 1),
        ).dump,
        whole.dump,
      );
    });

    it(`${format}: never throws on damaged input`, () => {
      const rnd = prng(data.length * 7 + 1);
      for (let round = 0; round < 200; round++) {
        const damaged = Buffer.from(data);
        const hits = 1 + Math.floor(rnd() * 8);
        for (let h = 0; h < hits; h++) damaged[Math.floor(rnd() * damaged.length)] = Math.floor(rnd() * 256);
        const cut = Math.floor(rnd() * damaged.length);
        assert.doesNotThrow(() => feed(format, damaged.subarray(0, cut + 1), [Math.floor(cut / 2)]));
      }
      const noise = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rnd() * 256)));
      assert.doesNotThrow(() => feed(format, noise, [100, 2000]));
    });
  }
});
