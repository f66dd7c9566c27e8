import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { nextSelection, withColors } from '../../../core/src/metrics/selection';
import { feedNotices, storeNotices } from '../../../client/src/panels/metrics/host-notices';
import { SeriesStore } from '../../../core/src/metrics/series-store';
import type { RunFeed } from '../../../core/src/metrics/run-feed';

describe('metrics panel: selection, colour slots and host notices', () => {
  it('gives each selected run a distinct slot, keeps the slots runs had, and fills the lowest free slot first', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
    fc.assert(
      fc.property(fc.uniqueArray(key), fc.dictionary(key, fc.nat(6)), (selected, before) => {
        const after = withColors(selected, before);
        const slots = selected.map((k) => after[k]);
        assert.ok(slots.every((s) => s !== undefined));
        const kept = selected.filter((k) => before[k] !== undefined);
        for (const k of kept) assert.equal(after[k], before[k], `${k} keeps its colour`);
        const fresh = selected.filter((k) => before[k] === undefined).map((k) => after[k]!);
        const keptSlots = new Set(kept.map((k) => before[k]));
        assert.equal(new Set(fresh).size, fresh.length, 'new runs get distinct slots');
        for (const s of fresh) assert.ok(!keptSlots.has(s), 'never a slot a selected run holds');
      }),
    );
    assert.deepEqual(
      withColors(['x', 'y'], { x: 1, gone: 0 }, (k) => k !== 'gone'),
      { x: 1, y: 0 },
      'a gone run gives its slot back',
    );
    assert.deepEqual(nextSelection(['a', 'b'], ['b', 'c'], false), ['a', 'b', 'c']);
    assert.deepEqual(nextSelection(['a', 'b'], ['c'], true), ['c']);
  });

  it('says which lines, files and points were skipped and what to do', () => {
    const feed = {
      problems: () => [
        { file: '/w/run/metrics.jsonl', corrupt: 2, overlong: 1 },
        {
          file: '/w/run/stdout.log',
          corrupt: 0,
          overlong: 0,
          error: '/w/run/stdout.log is not a regular file: not read',
        },
      ],
    } as unknown as RunFeed;
    const texts = feedNotices([feed], (f) => f.replace('/w/', '')).map((n) => `${n.key.split(':')[0]}: ${n.text}`);
    assert.deepEqual(texts, [
      'corrupt: Skipped 2 unreadable lines in run/metrics.jsonl.',
      'overlong: Skipped 1 line longer than 1 MiB in run/metrics.jsonl (a metrics line is far shorter: check what writes this file).',
      'unread: Not read: /w/run/stdout.log is not a regular file: not read.',
    ]);
    const store = new SeriesStore({ maxPointsPerSeries: 10 });
    store.append([
      {
        run: 'r1',
        name: 'loss',
        steps: Array.from({ length: 15 }, (_, i) => i),
        values: Array.from({ length: 15 }, () => 1),
      },
    ]);
    assert.deepEqual(
      storeNotices(store).map((n) => n.text),
      [
        'Kept the first 10 points of 1 series, skipped the rest: loss of r1 (5 later points). Log less often to see the whole run.',
      ],
    );
    const full = new SeriesStore({ maxBytes: 2048 });
    full.append([
      {
        run: 'r1',
        name: 'loss',
        steps: Array.from({ length: 500 }, (_, i) => i),
        values: Array.from({ length: 500 }, () => 1),
      },
    ]);
    assert.match(
      storeNotices(full)[0]?.text ?? '',
      /Metrics memory limit \(2 KiB\) reached: skipped \d+ points in 1 series\. Deselect some runs/,
    );
  });
});
