import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunStore, safeName } from '../../../core/src/runs/run-store';
import { writeFileAtomic } from '../../../core/src/runs/atomic-write';
import { readRunHistory } from '../../../core/src/runs/history';

const init = {
  experiment: 'credit risk/../x',
  launcher: 'local' as const,
  command: ['node', 'x.js'],
  cwd: '/tmp',
  resources: { gpus: 0 },
};

describe('run store', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-store-'));
  });

  it('creates .liftoff/runs/<experiment>/<id>/ with run.json, the config snapshot, logs and artifacts/', async () => {
    const { dir, record } = await new RunStore(ws).create(init, 'apiVersion: liftoff/v1\n');
    assert.equal(path.relative(ws, path.dirname(dir)), path.join('.liftoff', 'runs', safeName(init.experiment)));
    assert.ok(!path.relative(ws, dir).split(path.sep).includes('..'), 'a hostile name stays inside the runs folder');
    assert.equal(
      path.relative(path.join(ws, '.liftoff', 'runs'), dir).split(path.sep).length,
      2,
      'one folder per experiment, one per run',
    );
    assert.deepEqual(readdirSync(dir).sort(), [
      'artifacts',
      'config.yaml',
      'metrics.jsonl',
      'run.json',
      'stderr.log',
      'stdout.log',
      'timeline.jsonl',
    ]);
    // The timeline starts with the state the run was created in.
    assert.match(
      readFileSync(path.join(dir, 'timeline.jsonl'), 'utf8'),
      /^\{"t":"[^"]+","type":"state","state":"queued"\}\n$/,
    );
    assert.equal(record.state, 'queued');
    assert.equal(readFileSync(path.join(dir, 'config.yaml'), 'utf8'), 'apiVersion: liftoff/v1\n');
  });

  it('moves through states with atomic updates, and history sees finished runs', async () => {
    const store = new RunStore(ws);
    const { dir } = await store.create({ ...init, experiment: 'exp' }, '');
    await store.update(dir, { state: 'running', pid: 123 });
    const done = await store.update(dir, {
      state: 'succeeded',
      exitCode: 0,
      endedAt: new Date(Date.now() + 5000).toISOString(),
    });
    assert.equal(done.pid, 123, 'earlier fields are kept');
    assert.deepEqual(
      (await store.list()).map((r) => r.record.state),
      ['succeeded'],
    );
    const history = await readRunHistory(ws, 'exp');
    assert.equal(history.length, 1);
    assert.ok(history[0]!.durationSec >= 4);
  });

  it('an interrupted write never leaves a corrupt run: readers see the old or the new run.json', async () => {
    const store = new RunStore(ws);
    const { dir } = await store.create({ ...init, experiment: 'exp' }, '');
    // A writer that crashed mid-write leaves only its temporary file behind; run.json is untouched.
    writeFileSync(path.join(dir, '.run.json.999.tmp'), '{"id": "half-writ');
    assert.equal((await RunStore.read(dir))?.state, 'queued');
    // Concurrent atomic writes: every read parses.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeFileAtomic(
          path.join(dir, 'run.json'),
          JSON.stringify({
            ...(JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as object),
            reason: `w${i}`,
          }),
        ),
      ),
    );
    assert.ok(await RunStore.read(dir));
    assert.ok(
      !readdirSync(dir).some((f) => f.endsWith('.tmp') && f !== '.run.json.999.tmp'),
      'no temporary files remain',
    );
  });

  it('skips folders without a readable run.json and refuses to delete outside the store', async () => {
    const store = new RunStore(ws);
    const { dir } = await store.create({ ...init, experiment: 'exp' }, '');
    writeFileSync(path.join(dir, 'run.json'), '{ not json');
    assert.deepEqual(await store.list(), []);
    await assert.rejects(store.delete(os.tmpdir()), /not a run folder/);
  });
});
