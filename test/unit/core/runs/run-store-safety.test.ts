import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deleteRun } from '../../../../core/src/launchers/delete-run';
import type { SlurmRunner } from '../../../../core/src/launchers/slurm/command-runner';
import { checkRecord } from '../../../../core/src/runs/record-check';
import { newRunId, RunStore } from '../../../../core/src/runs/run-store';

describe('run store: layout, ids and deletion that links cannot redirect', () => {
  let tmp: string;
  let ws: string;
  let store: RunStore;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-store-safety-'));
    ws = path.join(tmp, 'ws');
    mkdirSync(ws);
    store = new RunStore(ws);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  const init = { experiment: 'exp', launcher: 'local' as const, command: [], cwd: '/', resources: { gpus: 0 } };

  it('ofRunDir knows the layout; anything else is refused', async () => {
    const { dir } = await store.create(init, '');
    assert.equal(RunStore.ofRunDir(dir).workspace, ws);
    assert.throws(() => RunStore.ofRunDir(path.join(ws, 'a', 'b')), /not a Liftoff run folder/);
    assert.throws(() => RunStore.ofRunDir('/'), /not a Liftoff run folder/);
  });

  it('run ids carry 64 random bits and sort by time', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newRunId(new Date('2026-01-01T00:00:00Z'))));
    assert.equal(ids.size, 10_000);
    assert.match([...ids][0]!, /^20260101-000000-[0-9a-f]{16}$/);
    assert.ok(newRunId(new Date('2026-01-02T00:00:00Z')) > [...ids][0]!);
  });

  it('Delete refuses a run folder that is a symlink, and removes links inside a run, not their targets', async () => {
    const outside = path.join(tmp, 'precious');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'keep.txt'), 'keep');
    const expDir = path.join(store.root, 'exp');
    mkdirSync(expDir, { recursive: true });
    symlinkSync(outside, path.join(expDir, 'linked'));
    await assert.rejects(store.delete(path.join(expDir, 'linked')), /symbolic link/);
    const { dir } = await store.create(init, '');
    symlinkSync(outside, path.join(dir, 'artifacts', 'model-link'));
    await store.delete(dir);
    assert.ok(!existsSync(dir));
    assert.ok(existsSync(path.join(outside, 'keep.txt')), 'the link target is untouched');
    await assert.rejects(store.delete(path.join(expDir, '..', '..', '..')), /not a run folder/);
  });

  it('a runs folder that is a link out of the workspace is not listed, and runs are not created through it', async () => {
    const elsewhere = path.join(tmp, 'elsewhere');
    mkdirSync(path.join(elsewhere, 'runs', 'exp', 'r1'), { recursive: true });
    writeFileSync(path.join(elsewhere, 'runs', 'exp', 'r1', 'run.json'), JSON.stringify({ state: 'running', pid: 2 }));
    symlinkSync(elsewhere, path.join(ws, '.liftoff'));
    assert.deepEqual(await store.list(), []);
    await assert.rejects(store.create(init, ''), /leads outside the workspace/);
  });

  it('run.json fields that could reach outside the run are dropped on reading', () => {
    const dir = path.join(ws, '.liftoff', 'runs', 'exp', 'r1');
    const r = checkRecord(
      {
        id: '../../x',
        state: 'running',
        pid: 1,
        runnerPid: -5,
        jobId: '1; rm -rf ~',
        experimentPath: '/etc/passwd',
        files: { config: '../../../etc/passwd', stdout: '/etc/shadow', metrics: 'ok.jsonl', artifacts: '..' },
      },
      dir,
      ws,
    )!;
    assert.equal(r.id, 'r1');
    assert.deepEqual([r.pid, r.runnerPid, r.jobId, r.experimentPath], [undefined, undefined, undefined, undefined]);
    assert.deepEqual(r.files, {
      config: 'config.yaml',
      stdout: 'stdout.log',
      stderr: 'stderr.log',
      metrics: 'ok.jsonl',
      artifacts: 'artifacts',
    });
    assert.equal(
      checkRecord({ state: 'running', experimentPath: path.join(ws, 'a.yaml') }, dir, ws)?.experimentPath,
      path.join(ws, 'a.yaml'),
    );
  });

  it("deleting a queued Slurm run cancels its job first; a job that is not the run's is never cancelled", async () => {
    const calls: string[] = [];
    const slurm =
      (stdoutOf: (dir: string) => string): SlurmRunner =>
      async (argv) => {
        calls.push(argv.join(' '));
        return argv[0] === 'scontrol'
          ? { code: 0, stdout: `JobId=${argv[4]} JobState=PENDING StdOut=${stdoutOf(dirOf)}\n`, stderr: '' }
          : { code: 0, stdout: '', stderr: '' };
      };
    let dirOf = '';
    const { dir } = await store.create({ ...init, launcher: 'slurm' }, '');
    dirOf = dir;
    await store.update(dir, { jobId: '77' });
    await assert.rejects(
      deleteRun(dir, { slurmRunner: slurm(() => '/home/other/job.out') }),
      /not to this run's folder/,
    );
    assert.ok(existsSync(dir) && !calls.includes('scancel 77'));
    await assert.rejects(deleteRun(dir), /needs a trusted workspace/);
    await deleteRun(dir, { slurmRunner: slurm((d) => path.join(d, 'stdout.log')) });
    assert.ok(calls.includes('scancel 77'));
    assert.ok(!existsSync(dir));
  });
});
