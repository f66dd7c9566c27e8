import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import {
  MAX_RUN_NAME,
  RUN_IDENTITY_FILE,
  cleanRunName,
  findRun,
  parseRunIdentity,
  readRunIdentity,
  runDisplayName,
  writeRunIdentity,
} from '../../../../core/src/runs/run-identity';
import { RunStore } from '../../../../core/src/runs/run-store';
import type { RunRecord } from '../../../../core/src/runs/run-record';

describe('run identity: a name and notes in run-meta.json, beside run.json', () => {
  let tmp: string;
  let ws: string;
  let store: RunStore;
  const record = (_id: string): Omit<RunRecord, 'id' | 'files' | 'createdAt' | 'startedAt' | 'state'> => ({
    experiment: 'exp',
    launcher: 'local',
    command: ['python', 'train.py'],
    cwd: ws,
    resources: { gpus: 0 },
  });
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-identity-'));
    ws = path.join(tmp, 'ws');
    mkdirSync(ws);
    store = new RunStore(ws);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('renames and notes a run without touching run.json; the name is what the run is called', async () => {
    const run = await store.create(record('a'), 'training: {}\n');
    const before = readFileSync(path.join(run.dir, 'run.json'), 'utf8');
    assert.equal(runDisplayName(run.record, await readRunIdentity(run.dir)), run.record.id);
    await writeRunIdentity(run.dir, { name: '  lr 3e-4\nbaseline ' });
    await writeRunIdentity(run.dir, { notes: 'first line\r\nsecond line' });
    const id = await readRunIdentity(run.dir);
    assert.deepEqual(id, { name: 'lr 3e-4 baseline', notes: 'first line\nsecond line' });
    assert.equal(runDisplayName(run.record, id), 'lr 3e-4 baseline');
    assert.equal(readFileSync(path.join(run.dir, 'run.json'), 'utf8'), before, 'run.json has one writer: not this');
    // Clearing the name brings the id back; the notes stay.
    await writeRunIdentity(run.dir, { name: '' });
    assert.deepEqual(await readRunIdentity(run.dir), { notes: 'first line\nsecond line' });
    await writeRunIdentity(run.dir, { notes: null });
    assert.deepEqual(await readRunIdentity(run.dir), {});
  });

  it('a retry without a name is "attempt N"', () => {
    assert.equal(runDisplayName({ id: 'x', attempt: 2 }), 'attempt 2');
    assert.equal(runDisplayName({ id: 'x', attempt: 2 }, { name: 'n' }), 'n');
  });

  it('a run-meta.json that is a link is replaced, never written through; a hostile one reads as nothing', async () => {
    const run = await store.create(record('a'), '');
    const target = path.join(tmp, 'outside.json');
    writeFileSync(target, '{"name":"outside"}');
    symlinkSync(target, path.join(run.dir, RUN_IDENTITY_FILE));
    assert.deepEqual(await readRunIdentity(run.dir), {}, 'a link is not followed when read');
    await writeRunIdentity(run.dir, { name: 'mine' });
    assert.equal(readFileSync(target, 'utf8'), '{"name":"outside"}', 'the link target is untouched');
    assert.deepEqual(await readRunIdentity(run.dir), { name: 'mine' });
    writeFileSync(path.join(run.dir, RUN_IDENTITY_FILE), 'x'.repeat(70 * 1024));
    assert.deepEqual(await readRunIdentity(run.dir), {}, 'an oversized file is ignored');
    writeFileSync(path.join(run.dir, RUN_IDENTITY_FILE), '[1,2]');
    assert.deepEqual(await readRunIdentity(run.dir), {});
  });

  it('refuses folders that are not run folders of a workspace, or lead outside it', async () => {
    await assert.rejects(writeRunIdentity(tmp, { name: 'x' }), /not a Liftoff run folder/);
    const run = await store.create(record('a'), '');
    rmSync(path.join(run.dir, 'run.json'));
    await assert.rejects(writeRunIdentity(run.dir, { name: 'x' }), /no readable run\.json/);
    // A run folder that is a link to elsewhere.
    const elsewhere = path.join(tmp, 'elsewhere');
    mkdirSync(elsewhere);
    const linked = path.join(store.root, 'exp', '20261206-000000-aaaaaaaaaaaaaaaa');
    symlinkSync(elsewhere, linked);
    await assert.rejects(writeRunIdentity(linked, { name: 'x' }), /symbolic link/);
    assert.equal(existsSync(path.join(elsewhere, RUN_IDENTITY_FILE)), false);
  });

  it('property: any text read back is one bounded line without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const name = cleanRunName(s);
        if (name === undefined) return;
        assert.ok([...name].length <= MAX_RUN_NAME);
        assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name));
        assert.equal(name, name.trim());
        assert.deepEqual(parseRunIdentity(JSON.stringify({ name: s })).name, name);
      }),
    );
  });

  it('finds a run by id, name or the unique beginning of its id, and says why not', () => {
    const runs = [
      { dir: 'a', record: { id: '20261206-010203-aa' } },
      { dir: 'b', record: { id: '20261206-010203-ab' } },
      { dir: 'c', record: { id: '20261206-020000-cc' } },
    ] as never as Array<{ dir: string; record: RunRecord }>;
    const names = (r: { dir: string }) => (r.dir === 'c' ? { name: 'baseline' } : {});
    assert.equal((findRun(runs, '20261206-010203-ab', names) as { run: { dir: string } }).run.dir, 'b');
    assert.equal((findRun(runs, 'baseline', names) as { run: { dir: string } }).run.dir, 'c');
    assert.equal((findRun(runs, '20261206-02', names) as { run: { dir: string } }).run.dir, 'c');
    assert.match((findRun(runs, '20261206-010203', names) as { error: string }).error, /beginning of 2 run ids/);
    assert.match((findRun(runs, 'nope', names) as { error: string }).error, /no run 'nope'.*`liftoff runs` lists them/);
  });
});
