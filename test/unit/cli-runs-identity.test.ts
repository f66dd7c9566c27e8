import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RUN_IDENTITY_FILE } from '../../core/src/runs/run-identity';
import { cliIn } from '../support/cli';
import { REPO_ROOT } from '../support/fixtures';
import { runRecord, writeRunFolder } from '../support/run-records';

describe('liftoff runs rename / note, and names in liftoff runs', () => {
  let ws: string;
  let dir: string;
  const cli = cliIn(() => ws);
  const ID = '20261206-010203-00112233aabbccdd';
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-runs-identity-'));
    dir = writeRunFolder(ws, runRecord({ id: ID, cwd: ws, endedAt: '2026-12-06T01:03:03.000Z', exitCode: 0 }), {
      'metrics.jsonl': '',
    });
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('renames a run by the beginning of its id, notes it by its new name, and liftoff runs shows both', async () => {
    const runJson = readFileSync(path.join(dir, 'run.json'), 'utf8');
    const r = await cli('runs', 'rename', '20261206-0102', 'baseline lr 3e-4');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /is now called 'baseline lr 3e-4'/);
    const n = await cli('runs', 'note', 'baseline lr 3e-4', 'warmup too short?\nretry with 500 steps');
    assert.equal(n.code, 0, n.err);
    assert.deepEqual(
      JSON.parse(readFileSync(path.join(dir, RUN_IDENTITY_FILE), 'utf8')).notes,
      'warmup too short?\nretry with 500 steps',
    );
    assert.equal(readFileSync(path.join(dir, 'run.json'), 'utf8'), runJson, 'run.json is not rewritten');
    const list = await cli('runs');
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, new RegExp(`${ID} \\(baseline lr 3e-4\\)\\s+succeeded`));
    assert.match(list.out, /notes:\n {2}warmup too short\?\n {2}retry with 500 steps\n/);
    const json = JSON.parse((await cli('runs', '--format', 'json')).out) as Array<{ name?: string; notes?: string }>;
    assert.equal(json[0]!.name, 'baseline lr 3e-4');
    // "" clears the name: the id is what the run is called again.
    assert.equal((await cli('runs', 'rename', ID, '')).code, 0);
    assert.doesNotMatch((await cli('runs')).out, /baseline/);
  });

  it('an unknown run is exit 1 with how to list them; missing arguments are usage errors', async () => {
    const r = await cli('runs', 'rename', 'nope', 'x');
    assert.equal(r.code, 1);
    assert.match(r.err, /no run 'nope'.*`liftoff runs` lists them/);
    const u = await cli('runs', 'note', ID);
    assert.equal(u.code, 2);
    assert.match(u.err, /which text\?\nUsage: liftoff runs note/);
    assert.equal((await cli('runs', 'rename', ID, 'a', 'b')).code, 2);
  });
});

describe('liftoff metrics <folder>', () => {
  let tmp: string;
  const cli = cliIn(() => tmp);
  beforeEach(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-metrics-folder-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('summarises the runs of a TensorBoard and CSV log folder; an empty folder is exit 1', async () => {
    cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'gpu', 'tensorboard', 'scalars'), path.join(tmp, 'logs', 'tb'), {
      recursive: true,
    });
    mkdirSync(path.join(tmp, 'logs', 'keras'));
    cpSync(
      path.join(REPO_ROOT, 'test', 'fixtures', 'metrics', 'keras-training.csv'),
      path.join(tmp, 'logs', 'keras', 'log.csv'),
    );
    const r = await cli('metrics', 'logs');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^keras {2}\(csv, \d+ metrics\)$/m);
    assert.match(r.out, /^tb {2}\(tfevents, \d+ metrics?\)$/m);
    assert.match(r.out, /last [-\d.e]+ @ \d+/);
    const json = JSON.parse((await cli('metrics', 'logs', '--format', 'json')).out) as {
      runs: Array<{ name: string; metrics: unknown[] }>;
    };
    assert.deepEqual(
      json.runs.map((x) => x.name),
      ['keras', 'tb'],
    );
    assert.ok(json.runs.every((x) => x.metrics.length > 0));
    mkdirSync(path.join(tmp, 'empty'));
    const e = await cli('metrics', 'empty');
    assert.equal(e.code, 1);
    assert.match(e.err, /no TensorBoard event files, CSV or JSON-lines logs/);
    assert.equal((await cli('metrics')).code, 2);
  });
});
