import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRunFeed, openRunFeed } from '../../../../core/src/metrics/run-feed';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import type { RunRecord } from '../../../../core/src/runs/run-record';
import { encodeEvent, fileVersionRecord, tfrecord } from '../../../support/tfevents-writer';
import { tempDir, values } from '../../../support/metrics';

function record(over: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-1',
    experiment: 'e',
    state: 'succeeded',
    launcher: 'local',
    createdAt: '2026-01-01T00:00:00Z',
    startedAt: '2026-01-01T00:00:00Z',
    command: ['python', 'train.py'],
    cwd: '/',
    resources: { gpus: 0 },
    files: {
      config: 'config.yaml',
      stdout: 'stdout.log',
      stderr: 'stderr.log',
      metrics: 'metrics.jsonl',
      artifacts: 'artifacts',
    },
    ...over,
  };
}

describe('run feed (core): one set of sources for every shell', () => {
  it("reads stdout and TensorBoard event files when metrics.sources say stdout and tensorboard (the schema's word)", async () => {
    const t = tempDir();
    try {
      writeFileSync(t.file('config.yaml'), 'metrics:\n  sources: [stdout, tensorboard]\n');
      writeFileSync(t.file('metrics.jsonl'), '');
      writeFileSync(t.file('stdout.log'), 'hello\n{"step": 1, "val_loss": 0.5}\nepoch=2 step=2 val_loss=0.25\n');
      mkdirSync(t.file('tb'));
      writeFileSync(
        path.join(t.dir, 'tb', 'events.out.tfevents.1.host'),
        Buffer.concat([
          fileVersionRecord(),
          tfrecord(encodeEvent({ wallTime: 1, step: 3, values: [{ tag: 'acc', value: 0.5 }] })),
        ]),
      );
      const store = new SeriesStore();
      const feed = await openRunFeed(store, t.dir, record(), { tail: false });
      assert.deepEqual(feed.sources, ['stdout', 'tfevents']);
      assert.deepEqual(values(store, 'run-1', 'val_loss'), [0.5, 0.25]);
      assert.deepEqual(values(store, 'run-1', 'acc'), [0.5]);
      assert.deepEqual(feed.problems(), []);
    } finally {
      t.remove();
    }
  });

  it('a cache key names each metrics file with its size and time: another size or time, another key', async () => {
    const t = tempDir();
    try {
      writeFileSync(t.file('config.yaml'), 'metrics:\n  sources: [jsonl, csv]\n');
      writeFileSync(t.file('metrics.jsonl'), '{"step": 1, "loss": 0.5}\n');
      writeFileSync(t.file('log.csv'), 'step,acc\n1,0.5\n');
      utimesSync(t.file('metrics.jsonl'), 1_700_000_000, 1_700_000_000);
      utimesSync(t.file('log.csv'), 1_700_000_000, 1_700_000_000);
      const key = async () => (await createRunFeed(new SeriesStore(), { dir: t.dir, record: record() })).cacheKey();
      const k1 = await key();
      assert.deepEqual(k1.split('\n'), ['metrics.jsonl|jsonl|25|1700000000000', 'log.csv|csv|15|1700000000000']);
      assert.equal(await key(), k1, 'unchanged files: the same key');
      writeFileSync(t.file('metrics.jsonl'), '{"step": 1, "loss": 0.25}\n');
      utimesSync(t.file('metrics.jsonl'), 1_700_000_000, 1_700_000_000);
      assert.match(await key(), /^metrics\.jsonl\|jsonl\|26\|1700000000000\n/, 'another size');
      utimesSync(t.file('metrics.jsonl'), 1_700_000_001, 1_700_000_001);
      assert.match(await key(), /^metrics\.jsonl\|jsonl\|26\|1700000001000\n/, 'another time');
      utimesSync(t.file('log.csv'), 1_700_000_002, 1_700_000_002);
      assert.match(await key(), /\nlog\.csv\|csv\|15\|1700000002000$/, 'a CSV log’s time too');
      rmSync(t.file('metrics.jsonl'));
      assert.match(await key(), /^metrics\.jsonl\|jsonl\|-1\|-1\n/, 'a missing file');
    } finally {
      t.remove();
    }
  });

  it('does not read a files.* entry of run.json that leads outside the run folder, and says so', async () => {
    const t = tempDir();
    try {
      const run = path.join(t.dir, 'run');
      mkdirSync(run);
      writeFileSync(t.file('secret.jsonl'), '{"step": 1, "leak": 1}\n');
      const store = new SeriesStore();
      const feed = await openRunFeed(
        store,
        run,
        record({
          files: {
            config: 'config.yaml',
            stdout: '/etc/passwd',
            stderr: 'e',
            metrics: '../secret.jsonl',
            artifacts: 'a',
          },
        }),
        { tail: false },
      );
      assert.equal(store.series('run-1', 'leak'), undefined);
      assert.match(
        feed
          .problems()
          .map((p) => p.error)
          .join('\n'),
        /"\.\.\/secret\.jsonl", outside the run folder: not read/,
      );
    } finally {
      t.remove();
    }
  });

  it('a FIFO named as the metrics file is refused, never waited on', async function () {
    if (process.platform === 'win32') {
      console.log('    skipped: Windows has no mkfifo (FIFOs are a POSIX concern); runs on Linux and macOS');
      this.skip();
      return;
    }
    const t = tempDir();
    try {
      execFileSync('mkfifo', [t.file('metrics.jsonl')]);
      const store = new SeriesStore();
      const feed = await openRunFeed(store, t.dir, record(), { tail: false });
      assert.match(feed.problems()[0]?.error ?? '', /metrics\.jsonl is not a regular file: not read/);
    } finally {
      t.remove();
    }
  });
});
