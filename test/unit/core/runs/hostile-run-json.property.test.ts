/**
 * Property: a run.json is a workspace file, so any content may be there. Through every path that reads it — list,
 * re-attach, the read-only view, Stop, Delete, Re-run's source and the last metric — Liftoff sends no signal to a
 * process it did not start (a live process of this user, with its real start time, is among the targets), starts
 * no process, touches no file outside the run folder (reads: the runs folder and /proc), and throws nothing uncaught.
 */
import * as assert from 'node:assert/strict';
// Default imports are the modules themselves (not esModuleInterop's read-only namespaces): their functions can be spied on.
import childProcess from 'node:child_process';
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { deleteRun } from '../../../../core/src/launchers/delete-run';
import { reattachRun } from '../../../../core/src/launchers/launch-run';
import { processStartTime } from '../../../../core/src/launchers/process-tree';
import { observedRecord } from '../../../../core/src/launchers/settle-run';
import { stopLocalRun } from '../../../../core/src/launchers/stop-run';
import type { SlurmRunner } from '../../../../core/src/launchers/slurm/command-runner';
import { isInside } from '../../../../core/src/runs/record-check';
import { lastMetric } from '../../../../core/src/runs/last-metric';
import { reattachRuns } from '../../../../core/src/runs/reattach';
import { RunStore } from '../../../../core/src/runs/run-store';
import { readRunFile } from '../../../../core/src/runs/safe-read';
import { waitFor } from '../../../support/wait';

const RUNS = Number(process.env.LIFTOFF_RUNJSON_PROPERTY_RUNS ?? 2000);

type Access = { op: string; file: string; write: boolean };

/** Replaces the functions of `target` named in `names` by recording wrappers; returns the undo. */
function spyOn(
  target: Record<string, unknown>,
  names: readonly string[],
  record: (name: string, args: unknown[]) => void,
): () => void {
  const saved = names.map((n) => [n, target[n]] as const);
  for (const [n, fn] of saved) {
    if (typeof fn !== 'function') continue;
    target[n] = function (this: unknown, ...args: unknown[]) {
      record(n, args);
      return (fn as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  return () => {
    for (const [n, fn] of saved) target[n] = fn;
  };
}

describe('hostile run.json: no signal, no process, no file outside the run (property)', function () {
  this.timeout(600_000);
  let tmp: string;
  let ws: string;
  let sentinel: childProcess.ChildProcess;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liftoff-hostile-'));
    ws = path.join(tmp, 'ws');
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(tmp, 'outside.txt'), "not the run's");
    // A live process of this user in its own group, as a run would be: the strongest target a record can name.
    sentinel = childProcess.spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      detached: true,
      stdio: 'ignore',
    });
    await waitFor(() => processStartTime(sentinel.pid!) !== undefined, {
      timeoutMs: 5000,
      what: 'the sentinel to start',
    });
  });
  after(() => {
    sentinel.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it(`${RUNS} hostile records through list, re-attach, view, stop, delete, re-run and metrics`, async () => {
    const pid = () =>
      fc.constantFrom<unknown>(
        1,
        -1,
        0,
        2 ** 31,
        -(2 ** 31),
        process.pid,
        process.ppid,
        sentinel.pid,
        '123',
        1.5,
        null,
        99_999_999,
        undefined,
      );
    const startOf = (p: unknown) =>
      typeof p === 'number' && Number.isInteger(p) && p > 0 ? processStartTime(p) : undefined;
    const record = fc.record({
      state: fc.constantFrom<unknown>('queued', 'running', 'succeeded', 'failed', 'cancelled', 'weird', 5, undefined),
      launcher: fc.constantFrom<unknown>('local', 'slurm', 'other', undefined),
      pid: pid(),
      runnerPid: pid(),
      startTime: fc.constantFrom('real', 'wrong', 'string', 'missing'),
      pidToken: fc.constantFrom<unknown>(undefined, 'a'.repeat(32), 'zz', 123),
      file: fc.constantFrom(
        '..',
        '../../../../outside.txt',
        path.join(tmp, 'outside.txt'),
        'a/b',
        '',
        '.',
        '..\\x',
        'stdout.log',
        'ok.log',
        '\0x',
      ),
      fileRole: fc.constantFrom('config', 'stdout', 'stderr', 'metrics', 'artifacts'),
      experimentPath: fc.constantFrom<unknown>(
        '/etc/passwd',
        '../x.yaml',
        path.join(ws, '..', 'outside.yaml'),
        'relative.yaml',
        path.join(ws, 'exp.yaml'),
        5,
        undefined,
      ),
      jobId: fc.constantFrom<unknown>('1; rm -rf ~', '42', '-1', '$(touch x)', '', 42, '42_1', undefined),
      special: fc.constantFrom(
        'none',
        'metrics-fifo',
        'stdout-link-out',
        'config-link-out',
        'run-json-link',
        'exit-marker',
        'not-json',
      ),
    });

    const kills: Array<[unknown, unknown]> = [];
    const spawns: string[] = [];
    const slurmCalls: string[] = [];
    const access: Access[] = [];
    const errors: unknown[] = [];
    const fakeSlurm: SlurmRunner = async (argv) => {
      slurmCalls.push(argv.join(' '));
      // A job of this user that is not the run's: scontrol says it writes elsewhere.
      if (argv[0] === 'scontrol')
        return {
          code: 0,
          stdout: `JobId=${argv[4]} JobState=PENDING Reason=Priority StdOut=/home/someone/other.out\n`,
          stderr: '',
        };
      return { code: 0, stdout: '', stderr: '' };
    };
    const pathOf = (a: unknown) => (typeof a === 'string' ? a : a instanceof URL ? a.pathname : undefined);
    const WRITES = new Set([
      'writeFile',
      'writeFileSync',
      'rename',
      'renameSync',
      'rm',
      'rmSync',
      'unlink',
      'unlinkSync',
      'mkdir',
      'mkdirSync',
      'createWriteStream',
      'appendFile',
    ]);
    const fsRecord = (op: string, args: unknown[]) => {
      const flags = op === 'open' || op === 'openSync' ? args[1] : undefined;
      const write =
        WRITES.has(op) ||
        (typeof flags === 'string' && /[wa+]/.test(flags)) ||
        (typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0);
      for (const a of op.startsWith('rename') ? args.slice(0, 2) : args.slice(0, 1)) {
        const f = pathOf(a);
        if (f) access.push({ op, file: f, write });
      }
    };
    const FS_NAMES = [
      'readFileSync',
      'openSync',
      'existsSync',
      'writeFileSync',
      'realpathSync',
      'readdirSync',
      'statSync',
      'lstatSync',
      'rmSync',
      'unlinkSync',
      'mkdirSync',
      'renameSync',
      'createWriteStream',
      'createReadStream',
      'watch',
      'watchFile',
    ];
    const FSP_NAMES = [
      'readFile',
      'writeFile',
      'open',
      'rm',
      'rename',
      'mkdir',
      'readdir',
      'lstat',
      'stat',
      'realpath',
      'unlink',
      'appendFile',
    ];
    const onError = (e: unknown) => errors.push(e);

    let n = 0;
    await fc.assert(
      fc.asyncProperty(record, async (h) => {
        n++;
        const dir = path.join(ws, '.liftoff', 'runs', 'exp', `r${n}`);
        fs.mkdirSync(dir, { recursive: true });
        for (const f of ['config.yaml', 'stdout.log', 'metrics.jsonl'])
          fs.writeFileSync(path.join(dir, f), f === 'metrics.jsonl' ? '{"loss": 1}\n' : '');
        const start =
          h.startTime === 'real'
            ? startOf(h.pid)
            : h.startTime === 'wrong'
              ? 12345
              : h.startTime === 'string'
                ? 'x'
                : undefined;
        const json = {
          id: '../../escape',
          experiment: 'exp',
          state: h.state,
          launcher: h.launcher,
          createdAt: '2026-01-01T00:00:00Z',
          startedAt: '2026-01-01T00:00:00Z',
          pid: h.pid,
          pidStartTime: start,
          pidToken: h.pidToken,
          runnerPid: h.runnerPid,
          runnerStartTime: h.startTime === 'real' ? startOf(h.runnerPid) : start,
          jobId: h.jobId,
          experimentPath: h.experimentPath,
          command: ['python', 'x.py'],
          cwd: '/',
          resources: { gpus: 0 },
          files: {
            config: 'config.yaml',
            stdout: 'stdout.log',
            stderr: 'stderr.log',
            metrics: 'metrics.jsonl',
            artifacts: 'artifacts',
            [h.fileRole]: h.file,
          },
        };
        fs.writeFileSync(
          path.join(dir, 'run.json'),
          h.special === 'not-json' ? '{"state": "running", "pid": 1' : JSON.stringify(json),
        );
        if (h.special === 'metrics-fifo') {
          fs.rmSync(path.join(dir, 'metrics.jsonl'));
          childProcess.execFileSync('mkfifo', [path.join(dir, 'metrics.jsonl')]);
        }
        if (h.special === 'stdout-link-out') {
          fs.rmSync(path.join(dir, 'stdout.log'));
          fs.symlinkSync(path.join(tmp, 'outside.txt'), path.join(dir, 'stdout.log'));
        }
        if (h.special === 'config-link-out') {
          fs.rmSync(path.join(dir, 'config.yaml'));
          fs.symlinkSync(path.join(tmp, 'outside.txt'), path.join(dir, 'config.yaml'));
        }
        if (h.special === 'run-json-link') {
          fs.rmSync(path.join(dir, 'run.json'));
          fs.symlinkSync(path.join(tmp, 'outside.txt'), path.join(dir, 'run.json'));
        }
        if (h.special === 'exit-marker') fs.writeFileSync(path.join(dir, 'exit-status'), '0\n');

        const realKill = process.kill;
        process.kill = ((p: number, s?: string | number) => {
          if (s !== 0 && s !== undefined) kills.push([p, s]);
          else if (typeof p !== 'number' || p <= 1) kills.push([p, s]);
          return realKill.call(process, p, s);
        }) as typeof process.kill;
        const undo = [
          spyOn(
            childProcess as unknown as Record<string, unknown>,
            ['spawn', 'execFile', 'exec', 'fork', 'spawnSync', 'execFileSync', 'execSync'],
            (name, args) => spawns.push(`${name} ${String(args[0])}`),
          ),
          spyOn(fs as unknown as Record<string, unknown>, FS_NAMES, fsRecord),
          spyOn(fs.promises as unknown as Record<string, unknown>, FSP_NAMES, fsRecord),
        ];
        process.on('unhandledRejection', onError);
        const before = access.length;
        try {
          const store = new RunStore(ws);
          const settle = async (p: Promise<unknown>) => {
            try {
              await p;
            } catch (e) {
              assert.ok(e instanceof Error && e.message.length > 0, `a bare throw: ${String(e)}`);
            }
          };
          const handles = await store.list();
          await settle(reattachRuns(store));
          for (const run of handles) {
            await settle(observedRecord(run));
            if (run.record.experimentPath !== undefined)
              assert.ok(
                isInside(ws, run.record.experimentPath),
                `experimentPath ${run.record.experimentPath} is outside the workspace`,
              );
            await settle(readRunFile(RunStore.file(run, 'config')));
            await settle(lastMetric(RunStore.file(run, 'metrics'), 'loss'));
            await settle(stopLocalRun(store, run.dir, 20));
            await settle(
              (async () => {
                const h2 = await reattachRun(run.dir, { slurmRunner: fakeSlurm, pollMs: 5 });
                await settle(h2.stop());
                h2.dispose();
              })(),
            );
          }
          await settle(deleteRun(dir, { slurmRunner: fakeSlurm }));
        } finally {
          process.kill = realKill;
          for (const u of undo) u();
          process.removeListener('unhandledRejection', onError);
        }
        const runsRoot = path.join(ws, '.liftoff', 'runs');
        for (const a of access.slice(before)) {
          const ok = a.write
            ? isInside(dir, a.file)
            : isInside(runsRoot, a.file) || a.file === ws || a.file === '/proc' || a.file.startsWith('/proc/');
          assert.ok(ok, `${a.op} ${a.file} (${a.write ? 'write' : 'read'}) is outside the run folder ${dir}`);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: RUNS, seed: 19 },
    );

    assert.deepEqual(kills, [], 'no signal to a process Liftoff did not start');
    assert.deepEqual(spawns, [], 'no process started');
    assert.ok(
      slurmCalls.every((c) => !c.startsWith('scancel')),
      `no job cancelled that is not the run's: ${slurmCalls.filter((c) => c.startsWith('scancel')).join(', ')}`,
    );
    assert.ok(
      slurmCalls.every((c) => /^(scontrol show job -o|squeue|sacct|grep) ?/.test(c) && !/[;$`]/.test(c)),
      `only job ids reach Slurm: ${slurmCalls.find((c) => /[;$`]/.test(c))}`,
    );
    assert.deepEqual(errors, [], 'no unhandled rejection');
    assert.ok(n >= RUNS);
    assert.ok(
      fs.existsSync(path.join(tmp, 'outside.txt')) &&
        fs.readFileSync(path.join(tmp, 'outside.txt'), 'utf8') === "not the run's",
    );
    assert.ok(sentinel.exitCode === null && sentinel.signalCode === null, 'the sentinel still runs');
  });
});
