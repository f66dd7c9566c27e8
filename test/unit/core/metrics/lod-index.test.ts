import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LodIndex, lodFileName, LOD_DIR } from '../../../../core/src/metrics/lod-index';
import { SeriesStore } from '../../../../core/src/metrics/series-store';

function fill(store: SeriesStore, run: string, name: string, from: number, to: number, spikeAt = -1): void {
  const steps: number[] = [];
  const values: number[] = [];
  for (let i = from; i < to; i++) {
    steps.push(i);
    values.push(i === spikeAt ? 1000 : Math.cos(i / 100));
  }
  store.append([{ run, name, steps, values }]);
}

const drawn = (e: { y: Float64Array; length: number } | undefined) => {
  assert.ok(e);
  return Array.from(e.y.subarray(0, e.length));
};

describe('level-of-detail index over the series store (host side, cached next to the run)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-lod-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('follows a live series: appended points, spikes included, show in the envelope', () => {
    const store = new SeriesStore();
    const lod = new LodIndex(store);
    fill(store, 'r1', 'loss', 0, 50_000);
    lod.update();
    assert.ok(!drawn(lod.envelope('r1', 'loss', { xMin: 0, xMax: 100_000, columns: 400 })).includes(1000));
    fill(store, 'r1', 'loss', 50_000, 60_000, 55_555);
    lod.update();
    const e = lod.envelope('r1', 'loss', { xMin: 0, xMax: 100_000, columns: 400 });
    assert.ok(drawn(e).includes(1000), 'the new spike is drawn');
    assert.ok(e!.length <= 2 * 400 + 2);
    assert.equal(lod.envelope('r1', 'nope', { xMin: 0, xMax: 1, columns: 1 }), undefined);
  });

  it('a cleared and rewritten series is rebuilt, not appended to', () => {
    const store = new SeriesStore();
    const lod = new LodIndex(store);
    fill(store, 'r', 'acc', 0, 1000, 500);
    lod.update();
    store.series('r', 'acc', true).clear();
    store.commit();
    fill(store, 'r', 'acc', 0, 10);
    lod.update();
    const e = lod.envelope('r', 'acc', { xMin: 0, xMax: 1000, columns: 2000 });
    assert.equal(e!.length, 10);
    assert.ok(!drawn(e).includes(1000), 'the old spike is gone');
  });

  it('a finished run is released to its cache: no pyramid left in memory, the same points drawn from the file', () => {
    const store = new SeriesStore();
    const lod = new LodIndex(store);
    fill(store, 'r', 'loss', 0, 100_000, 77_777);
    fill(store, 'r', 'val/acc', 0, 1000);
    lod.update();
    const q = { xMin: 70_000, xMax: 80_000, columns: 300 };
    const before = drawn(lod.envelope('r', 'loss', q));
    assert.ok(lod.memoryBytes() > 100_000 * 16);
    lod.release('r', dir, 'metrics.jsonl:123:456');
    assert.equal(lod.memoryBytes(), 0);
    assert.deepEqual(drawn(lod.envelope('r', 'loss', q)), before);
    assert.ok(before.includes(1000));
    assert.deepEqual(LodIndex.cachedFiles(dir).sort(), [lodFileName('loss'), lodFileName('val/acc')].sort());

    // Reopened later (a fresh index, no store data): the cache answers; another key (files changed) does not.
    const again = new LodIndex(new SeriesStore());
    assert.deepEqual(again.load('r', dir, 'metrics.jsonl:123:456', ['loss', 'val/acc', 'lr']), ['lr']);
    assert.deepEqual(drawn(again.envelope('r', 'loss', q)), before);
    assert.deepEqual(new LodIndex(new SeriesStore()).load('r', dir, 'metrics.jsonl:999:456', ['loss']), ['loss']);
  });

  it('a damaged or foreign cache file is not used (and never throws)', () => {
    const store = new SeriesStore();
    const lod = new LodIndex(store);
    fill(store, 'r', 'loss', 0, 5000);
    lod.update();
    const [file] = lod.save('r', dir, 'k');
    assert.ok(file);
    truncateSync(file, 200);
    assert.deepEqual(new LodIndex(store).load('r', dir, 'k', ['loss']), ['loss']);
    writeFileSync(path.join(dir, LOD_DIR, lodFileName('loss')), 'not a pyramid at all, just text in a file');
    assert.deepEqual(new LodIndex(store).load('r', dir, 'k', ['loss']), ['loss']);
    LodIndex.clearCache(dir);
    assert.deepEqual(LodIndex.cachedFiles(dir), []);
  });

  it('names metrics safely on disk: distinct names never share a file', () => {
    const names = ['val/loss', 'val_loss', 'Val/Loss', '../../etc', 'a'.repeat(500), '损失'];
    const files = names.map(lodFileName);
    assert.equal(new Set(files).size, names.length);
    for (const f of files) assert.match(f, /^[A-Za-z0-9_.-]+-[0-9a-f]{8}\.lod$/);
  });
});
