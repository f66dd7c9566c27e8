/**
 * The run store at its edges (run-store.ts, safe-read.ts, atomic-write.ts): folder names from any experiment name,
 * ids from any instant, the layout checks, which state changes reach the timeline, the order of the list, and the
 * files a hostile workspace puts where run.json should be.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { processStartTime } from '../../../../core/src/launchers/process-tree';
import { writeFileAtomic } from '../../../../core/src/runs/atomic-write';
import { reattachRuns } from '../../../../core/src/runs/reattach';
import { ACTIVE_STATES, FINISHED_STATES, RUN_STATES } from '../../../../core/src/runs/run-record';
import { newRunId, RUNS_DIR, RunStore, safeName } from '../../../../core/src/runs/run-store';
import { readRunFile, readRunFileSync } from '../../../../core/src/runs/safe-read';

const init = { experiment: 'exp', launcher: 'local' as const, command: [], cwd: '/', resources: { gpus: 0 } };

describe('run store at its edges', () => {
  let tmp: string;
  let ws: string;
  let store: RunStore;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-store-edges-'));
    ws = path.join(tmp, 'ws');
    mkdirSync(ws);
    store = new RunStore(ws);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  const timeline = (dir: string) =>
    readFileSync(path.join(dir, 'timeline.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; state?: string; reason?: string });
  const runJson = (exp: string, id: string, record: object) => {
    const dir = path.join(store.root, exp, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(record));
    return dir;
  };

  it('safeName: runs of other characters become one dash, leading dots and dashes go, nothing left is "experiment"', () => {
    assert.equal(safeName('credit risk  v2'), 'credit-risk-v2');
    assert.equal(safeName('a/../b'), 'a-..-b');
    assert.equal(safeName('../x'), 'x');
    assert.equal(safeName('.hidden'), 'hidden');
    assert.equal(safeName('-.-x.y_z-'), 'x.y_z-');
    assert.equal(safeName('Ab9._-'), 'Ab9._-');
    for (const empty of ['', '.', '..', '///', '-', '☃']) assert.equal(safeName(empty), 'experiment', empty);
  });

  it('property: any experiment name gives one folder name of safe characters, the same every time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const s = safeName(name);
        assert.match(s, /^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
        assert.equal(safeName(s), s);
        assert.ok(!store.holds(path.join(store.root, s)), 'one level is not a run');
        assert.ok(store.holds(path.join(store.root, s, 'id')));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('run ids: the UTC date and time, each field two digits, then 16 hex digits', () => {
    assert.match(newRunId(new Date('2026-12-31T23:59:58.999Z')), /^20261231-235958-[0-9a-f]{16}$/);
    assert.match(newRunId(new Date('2026-02-03T04:05:06Z')), /^20260203-040506-[0-9a-f]{16}$/);
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        const want = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}-`;
        assert.equal(newRunId(d).slice(0, 16), want);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('ofRunDir needs both .liftoff and runs above <experiment>/<id>', () => {
    assert.equal(RunStore.ofRunDir(path.join(ws, RUNS_DIR, 'e', 'i')).workspace, ws);
    assert.throws(() => RunStore.ofRunDir(path.join(ws, 'other', 'runs', 'e', 'i')), /not a Liftoff run folder/);
    assert.throws(() => RunStore.ofRunDir(path.join(ws, '.liftoff', 'other', 'e', 'i')), /not a Liftoff run folder/);
    assert.throws(() => RunStore.ofRunDir(path.join(ws, RUNS_DIR, 'e')), /not a Liftoff run folder/);
  });

  it('holds: exactly <root>/<experiment>/<id>, nothing shallower, deeper or outside', () => {
    assert.ok(store.holds(path.join(store.root, 'e', 'i')));
    assert.ok(!store.holds(store.root));
    assert.ok(!store.holds(path.join(store.root, 'e')));
    assert.ok(!store.holds(path.join(store.root, 'e', 'i', 'artifacts')));
    assert.ok(!store.holds(path.join(ws, 'x', 'e')));
    assert.ok(!store.holds(path.join(store.root, '..', 'runs2', 'e')));
  });

  it('the file of a role is the name run.json gives it, in the run folder', async () => {
    const run = await store.create(init, '');
    assert.equal(RunStore.file(run, 'stdout'), path.join(run.dir, 'stdout.log'));
    assert.equal(RunStore.file(run, 'metrics'), path.join(run.dir, 'metrics.jsonl'));
  });

  it('a new run is queued with its creation time as its start, all four files empty but the config', async () => {
    const before = Date.now();
    const { dir, record } = await store.create({ ...init, reason: 'retry of r0' }, 'cfg: 1\n', 'fixed-id');
    assert.equal(path.basename(dir), 'fixed-id');
    assert.equal(record.id, 'fixed-id');
    assert.equal(record.state, 'queued');
    assert.equal(record.startedAt, record.createdAt);
    assert.ok(Date.parse(record.createdAt) >= before - 1000 && Date.parse(record.createdAt) <= Date.now() + 1000);
    for (const f of ['stdout.log', 'stderr.log', 'metrics.jsonl'])
      assert.equal(readFileSync(path.join(dir, f), 'utf8'), '');
    assert.deepEqual(await RunStore.read(dir), record);
    assert.deepEqual(timeline(dir), [{ t: record.createdAt, type: 'state', state: 'queued', reason: 'retry of r0' }]);
    await assert.rejects(store.create(init, '', 'fixed-id'), /EEXIST/, 'an id is never reused');
  });

  it('the timeline gets a line when the state or the reason changes, not for other fields; long reasons are cut', async () => {
    const { dir } = await store.create(init, '');
    await store.update(dir, { pid: 1234 });
    assert.equal(timeline(dir).length, 1, 'a pid is no state change');
    await store.update(dir, { state: 'running' });
    await store.update(dir, { reason: 'PENDING (Resources)' });
    await store.update(dir, { reason: 'PENDING (Resources)' });
    await store.update(dir, { state: 'failed', reason: 'x'.repeat(3000) });
    const t = timeline(dir);
    assert.ok(t.every((l) => l.type === 'state'));
    assert.deepEqual(
      t.map((l) => [l.state, l.reason?.length ?? 0]),
      [
        ['queued', 0],
        ['running', 0],
        ['running', 19],
        ['failed', 1000],
      ],
    );
    assert.ok(!('reason' in t[1]!));
    assert.equal((await RunStore.read(dir))?.reason?.length, 3000, 'run.json keeps the reason whole');
  });

  it('update refuses a folder without a readable run.json, and writes nothing there', async () => {
    const dir = path.join(store.root, 'e', 'i');
    mkdirSync(dir, { recursive: true });
    await assert.rejects(store.update(dir, { state: 'failed' }), /no readable run.json/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('read: run.json of another layout still reads, with no experiment file (no workspace to bound it)', async () => {
    const dir = path.join(tmp, 'loose', 'r1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'run.json'),
      JSON.stringify({ state: 'running', experimentPath: path.join(tmp, 'e.yaml') }),
    );
    const r = await RunStore.read(dir);
    assert.equal(r?.state, 'running');
    assert.equal(r?.experimentPath, undefined);
    const inStore = runJson('e', 'r2', { state: 'running', experimentPath: path.join(ws, 'e.yaml') });
    assert.equal((await RunStore.read(inStore))?.experimentPath, path.join(ws, 'e.yaml'));
    assert.equal(await RunStore.readJson(path.join(tmp, 'nowhere')), undefined);
  });

  it('list: newest creation first, then the greater id; one experiment when asked; files and links skipped', async () => {
    runJson('a', 'r1', { state: 'running', createdAt: '2026-01-01T00:00:00Z' });
    runJson('a', 'r3', { state: 'running', createdAt: '2026-01-02T00:00:00Z' });
    runJson('b', 'r2', { state: 'running', createdAt: '2026-01-02T00:00:00Z' });
    runJson('b', 'r0', { state: 'running', createdAt: '2026-01-03T00:00:00Z' });
    writeFileSync(path.join(store.root, 'a', 'stray.txt'), '');
    writeFileSync(path.join(store.root, 'stray'), '');
    symlinkSync(path.join(store.root, 'a', 'r1'), path.join(store.root, 'b', 'linked'));
    assert.deepEqual(
      (await store.list()).map((h) => h.record.id),
      ['r0', 'r3', 'r2', 'r1'],
    );
    assert.deepEqual(
      (await store.list('a')).map((h) => [h.record.experiment, h.record.id]),
      [
        ['a', 'r3'],
        ['a', 'r1'],
      ],
    );
    assert.deepEqual(await store.runDirs('b'), [path.join(store.root, 'b', 'r0'), path.join(store.root, 'b', 'r2')]);
    assert.deepEqual(await new RunStore(path.join(tmp, 'empty')).list(), []);
    assert.deepEqual(await new RunStore(path.join(tmp, 'empty')).runDirs(), [], 'no runs folder: no run folders');
    assert.deepEqual(await store.runDirs('nope'), [], 'no such experiment: no run folders');
  });

  it('run folders are listed in name order, whatever order they were made in', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `r${String((i * 17) % 40).padStart(2, '0')}`);
    for (const n of names) mkdirSync(path.join(store.root, 'e', n), { recursive: true });
    for (const n of ['m', 'c', 'x']) mkdirSync(path.join(store.root, n, 'i'), { recursive: true });
    const dirs = await store.runDirs();
    assert.deepEqual(
      dirs.map((d) => path.relative(store.root, d)),
      [
        path.join('c', 'i'),
        ...[...names].sort().map((n) => path.join('e', n)),
        path.join('m', 'i'),
        path.join('x', 'i'),
      ],
    );
  });

  it('create never overwrites a file already in the run folder (a reused id, or files a repository committed)', async () => {
    const { dir } = await store.create(init, 'first\n', 'id1');
    writeFileSync(path.join(dir, 'stdout.log'), 'output');
    await assert.rejects(store.create(init, 'second\n', 'id1'), /EEXIST/);
    assert.equal(readFileSync(path.join(dir, 'config.yaml'), 'utf8'), 'first\n');
    assert.equal(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), 'output');
    for (const file of ['stdout.log', 'stderr.log', 'metrics.jsonl']) {
      const id = `pre-${file}`;
      const pre = path.join(store.root, 'exp', id);
      mkdirSync(pre, { recursive: true });
      writeFileSync(path.join(pre, file), 'committed');
      await assert.rejects(store.create(init, '', id), /EEXIST/, file);
      assert.equal(readFileSync(path.join(pre, file), 'utf8'), 'committed', file);
    }
  });

  it('a run refused because the experiment folder links outside leaves nothing behind out there', async () => {
    const outside = path.join(tmp, 'outside');
    mkdirSync(outside);
    mkdirSync(store.root, { recursive: true });
    symlinkSync(outside, path.join(store.root, 'exp'));
    await assert.rejects(store.create(init, 'cfg'), /leads outside the workspace/);
    assert.deepEqual(readdirSync(outside), []);
  });

  it('delete: a missing run is no error; a file in a run slot is refused; a run is removed whole', async () => {
    await store.delete(path.join(store.root, 'e', 'gone'));
    mkdirSync(path.join(store.root, 'e'), { recursive: true });
    writeFileSync(path.join(store.root, 'e', 'file'), 'x');
    await assert.rejects(store.delete(path.join(store.root, 'e', 'file')), /symbolic link or not a folder/);
    assert.ok(existsSync(path.join(store.root, 'e', 'file')));
    await assert.rejects(store.delete(path.join(store.root, 'e')), /not <experiment>\/<run-id>/);
    const { dir } = await store.create(init, '');
    await store.delete(dir);
    assert.ok(!existsSync(dir));
    assert.ok(existsSync(path.dirname(dir)), 'the experiment folder stays');
  });

  it('delete: an experiment folder that links elsewhere in the store resolves to another depth and is refused', async () => {
    const { dir } = await store.create(init, '');
    // <root>/deep -> <root>/exp/<id>: <root>/deep/artifacts is two levels down lexically, three for real.
    symlinkSync(dir, path.join(store.root, 'deep'));
    await assert.rejects(store.delete(path.join(store.root, 'deep', 'artifacts')), /resolves outside the runs folder/);
    assert.ok(existsSync(path.join(dir, 'artifacts')));
  });
});

describe('re-attaching after a reload (reattach)', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-reattach-'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('only active local runs are watched again: a finished run or a Slurm run with a live pid is not', async () => {
    const store = new RunStore(ws);
    // A live process with its real start time: this test's own.
    const live = { pid: process.pid, pidStartTime: processStartTime(process.pid)! };
    const make = async (experiment: string, patch: object) => {
      const { dir } = await store.create({ ...init, experiment }, '');
      return store.update(dir, patch as never);
    };
    const running = await make('running', { state: 'running', ...live });
    await make('finished', { state: 'succeeded', exitCode: 0, ...live });
    await make('slurm', { state: 'running', launcher: 'slurm', jobId: '77', ...live });
    const result = await reattachRuns(store);
    assert.deepEqual(
      result.alive.map((r) => r.record.id),
      [running.id],
    );
    assert.deepEqual(result.settled, []);
    assert.deepEqual(
      (await store.list()).map((r) => [r.record.experiment, r.record.state]).sort(),
      [
        ['finished', 'succeeded'],
        ['running', 'running'],
        ['slurm', 'running'],
      ],
      'nothing was settled',
    );
  });
});

describe('run states', () => {
  it('every state is either active or finished, never both', () => {
    for (const s of RUN_STATES) assert.notEqual(ACTIVE_STATES.has(s), FINISHED_STATES.has(s), s);
    assert.deepEqual([...FINISHED_STATES].sort(), ['cancelled', 'failed', 'succeeded']);
    assert.equal(ACTIVE_STATES.size + FINISHED_STATES.size, RUN_STATES.length);
  });
});

describe('reading run files a workspace may have replaced (safe-read)', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-safe-read-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads a file up to the limit, byte for byte; one byte more is not read', async () => {
    const f = path.join(tmp, 'run.json');
    writeFileSync(f, 'é'.repeat(8)); // 16 bytes
    assert.equal(await readRunFile(f, 16), 'é'.repeat(8));
    assert.equal(readRunFileSync(f, 15), undefined);
    writeFileSync(f, '');
    assert.equal(readRunFileSync(f), '');
    writeFileSync(f, Buffer.alloc(1024 * 1024, 0x61));
    assert.equal(readRunFileSync(f)?.length, 1024 * 1024, 'the default limit is 1 MiB, inclusive');
    writeFileSync(f, Buffer.alloc(1024 * 1024 + 1, 0x61));
    assert.equal(readRunFileSync(f), undefined);
  });

  it('reading closes what it opened, whether it reads the file or refuses it', async () => {
    if (!existsSync('/proc/self/fd')) return;
    const f = path.join(tmp, 'run.json');
    writeFileSync(f, '{}');
    mkdirSync(path.join(tmp, 'dir'));
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 200; i++) {
      assert.equal(readRunFileSync(f), '{}');
      assert.equal(readRunFileSync(f, 1), undefined);
      assert.equal(readRunFileSync(path.join(tmp, 'dir')), undefined);
    }
    assert.ok(open() - before < 20, `${open() - before} descriptors left open`);
  });

  it('a missing file, a folder, a symlink and a FIFO read as nothing, at once', async () => {
    const target = path.join(tmp, 'target');
    writeFileSync(target, 'secret');
    symlinkSync(target, path.join(tmp, 'link'));
    mkdirSync(path.join(tmp, 'dir'));
    execFileSync('mkfifo', [path.join(tmp, 'fifo')]);
    for (const name of ['missing', 'dir', 'link', 'fifo'])
      assert.equal(await readRunFile(path.join(tmp, name)), undefined, name);
  });
});

describe('atomic writes', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-atomic-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('replaces the content whole and leaves no temporary file', async () => {
    const f = path.join(tmp, 'run.json');
    writeFileSync(f, 'old content that is longer');
    await writeFileAtomic(f, 'new');
    assert.equal(readFileSync(f, 'utf8'), 'new');
    assert.deepEqual(readdirSync(tmp), ['run.json']);
  });

  it('when the rename fails the target is untouched, the error is thrown and the temporary file removed', async () => {
    const f = path.join(tmp, 'run.json');
    mkdirSync(f);
    writeFileSync(path.join(f, 'inside'), 'x');
    await assert.rejects(writeFileAtomic(f, '{}'), /EISDIR|ENOTEMPTY|EEXIST/);
    assert.deepEqual(readdirSync(tmp), ['run.json']);
    assert.deepEqual(readdirSync(f), ['inside']);
  });

  it('closes its temporary file: a long-lived writer does not run out of descriptors', async () => {
    if (!existsSync('/proc/self/fd')) return;
    const f = path.join(tmp, 'run.json');
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 100; i++) await writeFileAtomic(f, `{"i": ${i}}`);
    assert.equal(readFileSync(f, 'utf8'), '{"i": 99}');
    assert.ok(open() - before < 20, `${open() - before} descriptors left open`);
  });

  it('a folder that does not exist is an error, and nothing is created', async () => {
    await assert.rejects(writeFileAtomic(path.join(tmp, 'no', 'run.json'), '{}'), /ENOENT/);
    assert.deepEqual(readdirSync(tmp), []);
  });
});
