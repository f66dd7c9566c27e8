import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_LOG_DEPTH, scanLogFolder } from '../../../../core/src/metrics/log-folder';
import { openRunFeed } from '../../../../core/src/metrics/run-feed';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { REPO_ROOT } from '../../../support/fixtures';

const TB = path.join(REPO_ROOT, 'test', 'fixtures', 'gpu', 'tensorboard');
const CSV = path.join(REPO_ROOT, 'test', 'fixtures', 'metrics');

describe('bring your own logs: a folder of TensorBoard, CSV and JSON-lines logs as read-only runs', () => {
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-logs-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('each folder that holds event, CSV or JSON-lines files is a run, read by the same feed as Liftoff runs', async () => {
    cpSync(path.join(TB, 'scalars'), path.join(tmp, 'tb', 'scalars'), { recursive: true });
    mkdirSync(path.join(tmp, 'lightning_logs', 'version_0'), { recursive: true });
    cpSync(path.join(CSV, 'lightning-v2.csv'), path.join(tmp, 'lightning_logs', 'version_0', 'metrics.csv'));
    writeFileSync(path.join(tmp, 'lightning_logs', 'version_0', 'hparams.yaml'), 'lr: 0.01\n');
    mkdirSync(path.join(tmp, 'jl'));
    cpSync(path.join(CSV, 'metrics.jsonl'), path.join(tmp, 'jl', 'a.jsonl'));
    writeFileSync(path.join(tmp, 'jl', 'b.jsonl'), '');
    writeFileSync(path.join(tmp, 'README.md'), 'not a log');
    const scan = await scanLogFolder(tmp);
    assert.deepEqual(
      scan.runs.map((r) => [r.name, r.formats.join(',')]),
      [
        ['jl', 'jsonl'],
        ['lightning_logs/version_0', 'csv'],
        ['tb/scalars', 'tfevents'],
      ],
    );
    assert.deepEqual(scan.runs[0]!.unread, ['b.jsonl']);
    assert.equal(new Set(scan.runs.map((r) => r.id)).size, 3);
    for (const run of scan.runs) {
      assert.equal(run.record.state, 'succeeded');
      assert.match(run.record.reason!, /read-only/);
      const store = new SeriesStore();
      (await openRunFeed(store, run.dir, run.record, { tail: false, key: run.id })).close();
      assert.ok(store.names(run.id).length > 0, `${run.name} has metrics`);
    }
    assert.deepEqual(scan.skipped, []);
  });

  it('folders under a run are its own (read once, not twice); links are never followed', async () => {
    cpSync(path.join(TB, 'grouped'), path.join(tmp, 'grouped'), { recursive: true });
    const outside = mkdtempSync(path.join(os.tmpdir(), 'liftoff-logs-outside-'));
    try {
      cpSync(path.join(TB, 'scalars'), path.join(outside, 'x'), { recursive: true });
      symlinkSync(path.join(outside, 'x'), path.join(tmp, 'linked'));
      const scan = await scanLogFolder(tmp);
      assert.deepEqual(
        scan.runs.map((r) => r.name),
        ['grouped'],
      );
      assert.deepEqual(scan.skipped, ['1 symbolic link (not followed)']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('the walk is bounded in depth and says what it left out; a file or a missing folder is a clear error', async () => {
    let deep = tmp;
    for (let i = 0; i <= MAX_LOG_DEPTH + 1; i++) deep = path.join(deep, `d${i}`);
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(deep, 'metrics.csv'), 'step,loss\n1,0.5\n');
    const scan = await scanLogFolder(tmp);
    assert.equal(scan.runs.length, 0);
    assert.match(scan.skipped.join(), /deeper than 6 levels/);
    writeFileSync(path.join(tmp, 'f.txt'), '');
    await assert.rejects(scanLogFolder(path.join(tmp, 'f.txt')), /is not a folder/);
    await assert.rejects(scanLogFolder(path.join(tmp, 'missing')), /cannot be opened \(ENOENT\)/);
  });
});
