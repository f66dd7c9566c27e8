/**
 * The local runner against real processes at the edges the first mutation round left open (issue 22, survivors of
 * `core/src/launchers/runner.ts` listed in test/README.md): what the job sees of its environment, commands the
 * recorder's shell cannot run, a recorder killed by a signal (no exit status at all), Stop after the end, log files
 * that are not files, and output cut inside a UTF-8 sequence.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  constants,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRun } from '../../../../core/src/launchers/runner';
import { isAlive } from '../../../../core/src/launchers/process-tree';
import { RUN_TOKEN_ENV } from '../../../../core/src/launchers/process-identity';
import type { LaunchPlan } from '../../../../core/src/launchers/launch-plan';
import { RunStore } from '../../../../core/src/runs/run-store';
import { TIMELINE_FILE } from '../../../../core/src/runs/timeline';

/** Descriptors of this process that point into `dir` (a log or timeline left open). */
function openFilesUnder(dir: string): string[] {
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(dir)) open.push(target);
    } catch {
      /* closed while listing (the listing's own descriptor) */
    }
  }
  return open;
}

function outputEnds(dir: string): string[] {
  return readFileSync(path.join(dir, TIMELINE_FILE), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; stream?: string; end?: number })
    .filter((r) => r.type === 'output')
    .map((r) => `${r.stream}:${r.end}`);
}

describe('local runner: environment, failed starts, lost exit status, logs that are not files (real processes)', function () {
  this.timeout(30_000);
  let ws: string;
  let store: RunStore;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-runner-proc-'));
    store = new RunStore(ws);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));
  const create = async () =>
    (await store.create({ experiment: 'exp', launcher: 'local', command: [], cwd: ws, resources: { gpus: 0 } }, ''))
      .dir;
  const script = (text: string) => {
    const file = path.join(ws, `job${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(file, text);
    return file;
  };
  const plan = (text: string, more: Partial<LaunchPlan> = {}): LaunchPlan => ({
    argv: [process.execPath, script(text)],
    cwd: ws,
    env: {},
    gpus: 0,
    notes: [],
    ...more,
  });

  it('the job reads LIFTOFF_RUN_DIR and the run token run.json records, the plan’s variables over inherited ones, and no stdin', async () => {
    const dir = await create();
    process.env.LIFTOFF_TEST_INHERITED = 'from the runner';
    process.env.LIFTOFF_TEST_OVERRIDDEN = 'from the runner';
    try {
      const final = await (
        await startRun(
          store,
          dir,
          plan(
            `const e = process.env, fs = require('node:fs');
             const st = fs.fstatSync(0);
             console.log(JSON.stringify({ dir: e.LIFTOFF_RUN_DIR, token: e.${RUN_TOKEN_ENV}, inherited: e.LIFTOFF_TEST_INHERITED,
               overridden: e.LIFTOFF_TEST_OVERRIDDEN, plan: e.PLAN_ONLY, stdin: st.isCharacterDevice() ? 'null device' : st.isFIFO() ? 'pipe' : 'other' }));`,
            // The plan cannot move the run folder the job writes into: the runner's own variable wins.
            { env: { PLAN_ONLY: 'plan', LIFTOFF_TEST_OVERRIDDEN: 'from the plan', LIFTOFF_RUN_DIR: '/elsewhere' } },
          ),
        )
      ).done;
      assert.equal(final.state, 'succeeded');
      const seen = JSON.parse(readFileSync(path.join(dir, 'stdout.log'), 'utf8')) as Record<string, string>;
      assert.deepEqual(seen, {
        dir,
        token: final.pidToken,
        inherited: 'from the runner',
        overridden: 'from the plan',
        plan: 'plan',
        stdin: 'null device',
      });
      assert.match(final.pidToken ?? '', /^[0-9a-f]{32}$/);
    } finally {
      delete process.env.LIFTOFF_TEST_INHERITED;
      delete process.env.LIFTOFF_TEST_OVERRIDDEN;
    }
  });

  it('a command that is not executable or is a folder: exit 126, the user is told to check run.command (also in stdout.log)', async () => {
    const notExecutable = path.join(ws, 'train.sh');
    writeFileSync(notExecutable, '#!/bin/sh\necho never\n');
    chmodSync(notExecutable, 0o644);
    const folder = path.join(ws, 'a folder');
    mkdirSync(folder);
    for (const command of [notExecutable, folder]) {
      const dir = await create();
      const final = await (await startRun(store, dir, { ...plan(''), argv: [command] })).done;
      assert.equal(final.state, 'failed');
      assert.equal(final.exitCode, 126);
      assert.equal(final.reason, `\`${command}\` could not be executed (not executable?): check run.command.`);
      assert.equal(final.reasonCode?.code, 'command-not-executable');
      assert.ok(readFileSync(path.join(dir, 'stdout.log'), 'utf8').endsWith(`liftoff: ${final.reason}\n`));
    }
  });

  it('a missing interpreter: exit 127, the user is told to install it or fix run.command', async () => {
    const dir = await create();
    const final = await (await startRun(store, dir, { ...plan(''), argv: ['no-such-interpreter-3', 'train.py'] })).done;
    assert.equal(final.state, 'failed');
    assert.equal(final.exitCode, 127);
    assert.equal(
      final.reason,
      '`no-such-interpreter-3` was not found: install it or set run.python / fix run.command.',
    );
    assert.ok(readFileSync(path.join(dir, 'stdout.log'), 'utf8').endsWith(`liftoff: ${final.reason}\n`));
  });

  it('a working folder that is missing or a file: failed, the user is told to fix run.working_dir (not "/bin/sh not found")', async () => {
    const file = path.join(ws, 'a file');
    writeFileSync(file, '');
    for (const cwd of [path.join(ws, 'missing'), file]) {
      const dir = await create();
      // A file as the folder makes Node throw from spawn() (ENOTDIR) instead of emitting 'error' (ENOENT, EACCES).
      const states: string[] = [];
      const run = await startRun(
        store,
        dir,
        { ...plan('console.log("never")'), cwd },
        { onChange: (r) => states.push(r.state) },
      );
      assert.equal(run.pid, undefined);
      const final = await run.done;
      assert.equal(final.state, 'failed');
      assert.equal(final.exitCode, null);
      assert.equal(
        final.reason,
        `the working folder ${cwd} does not exist or is not a folder: create it or fix run.working_dir.`,
      );
      assert.deepEqual(final.reasonCode, { code: 'working-dir-unusable', args: [cwd] });
      assert.equal((await RunStore.read(dir))?.state, 'failed', 'run.json is not left waiting');
      assert.deepEqual(states, ['failed'], 'never shown running');
      assert.equal(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), `liftoff: ${final.reason}\n`);
      await run.stop(); // nothing to stop: resolves, changes nothing
      assert.equal((await RunStore.read(dir))?.state, 'failed');
      assert.deepEqual(openFilesUnder(dir), [], 'no descriptor left open');
    }
  });

  it('a folder without run.json is refused before anything starts, naming the folder', async () => {
    const dir = path.join(ws, 'not-a-run');
    mkdirSync(dir);
    await assert.rejects(startRun(store, dir, plan('console.log("never")')), {
      message: `no run.json in ${dir}`,
    });
    assert.deepEqual(readdirSync(dir), [], 'nothing written into it');
  });

  it('the time limit’s timer is cleared when the run ends before it (it would print the limit line after the end)', async () => {
    const dir = await create();
    // A spy on the global timer functions: which timer the runner set for the limit, and whether it was cleared.
    const realSet = globalThis.setTimeout;
    const realClear = globalThis.clearTimeout;
    const limitTimers: unknown[] = [];
    const cleared = new Set<unknown>();
    globalThis.setTimeout = ((fn: () => void, ms?: number) => {
      const t = realSet(fn, ms);
      if (ms === 3_600_000) limitTimers.push(t);
      return t;
    }) as typeof setTimeout;
    globalThis.clearTimeout = ((t: NodeJS.Timeout | undefined) => {
      cleared.add(t);
      realClear(t);
    }) as typeof clearTimeout;
    try {
      const final = await (await startRun(store, dir, plan('process.exit(0)', { timeLimitSec: 3600 }))).done;
      assert.equal(final.state, 'succeeded');
    } finally {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    }
    assert.equal(limitTimers.length, 1, 'one timer for the limit');
    assert.ok(cleared.has(limitTimers[0]), 'the limit timer outlived the run');
  });

  it('the exit recorder killed by a signal (no exit status anywhere): failed, killed by the signal, exit code null', async () => {
    const dir = await create();
    // The job's parent is the recorder's shell: killing it leaves no exit-status marker and no exit code.
    const final = await (
      await startRun(store, dir, plan('console.log("before"); process.kill(process.ppid, "SIGKILL")'))
    ).done;
    assert.equal(final.state, 'failed');
    assert.equal(final.exitCode, null);
    assert.equal(final.reason, 'killed by SIGKILL');
    assert.deepEqual(final.reasonCode, { code: 'killed-by', args: ['SIGKILL'] });
    assert.equal(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), 'before\n', 'no Liftoff line added');
  });

  it('a stop asked for through the stop marker, then the recorder killed: cancelled by the user, not "killed by"', async () => {
    const dir = await create();
    const final = await (
      await startRun(
        store,
        dir,
        plan(
          'require("node:fs").writeFileSync(require("node:path").join(process.env.LIFTOFF_RUN_DIR, "stop-requested"), ""); process.kill(process.ppid, "SIGKILL")',
        ),
      )
    ).done;
    assert.equal(final.state, 'cancelled');
    assert.equal(final.exitCode, null);
    assert.equal(final.reason, 'stopped by the user');
    assert.equal(final.reasonCode?.code, 'stopped-by-user');
  });

  it('the time limit reached and the recorder killed: failed by the time limit, exit code null', async () => {
    const dir = await create();
    // The job kills its recorder only once Liftoff's time-limit line is out (it watches stdout.log), then lingers.
    const final = await (
      await startRun(
        store,
        dir,
        plan(
          `const fs = require('node:fs'), log = require('node:path').join(process.env.LIFTOFF_RUN_DIR, 'stdout.log');
           process.on('SIGTERM', () => {});
           const t = setInterval(() => { if (fs.readFileSync(log, 'utf8').includes('time limit')) { clearInterval(t); process.kill(process.ppid, 'SIGKILL'); process.exit(0); } }, 20);`,
          { timeLimitSec: 1 },
        ),
      )
    ).done;
    assert.equal(final.state, 'failed');
    assert.equal(final.exitCode, null);
    assert.equal(final.reasonCode?.code, 'time-limit');
  });

  it('Stop after the run ended signals nothing: the group’s leader is gone (its id may be reused), a leftover is not touched', async () => {
    const dir = await create();
    const run = await startRun(
      store,
      dir,
      plan(
        `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
         console.log(c.pid); c.unref();`,
      ),
    );
    const final = await run.done;
    assert.equal(final.state, 'succeeded');
    const leftover = Number(readFileSync(path.join(dir, 'stdout.log'), 'utf8').trim());
    try {
      assert.ok(isAlive(leftover), 'the leftover outlives the run');
      await run.stop(200);
      assert.ok(isAlive(leftover), 'Stop after the end signalled the finished run’s group');
      assert.equal((await RunStore.read(dir))?.state, 'succeeded');
    } finally {
      try {
        process.kill(leftover, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });

  it('a FIFO in place of stdout.log: never blocks on it without a reader, never writes into it with one', async () => {
    for (const reader of [false, true]) {
      const dir = await create();
      const log = path.join(dir, 'stdout.log');
      unlinkSync(log);
      assert.equal(spawnSync('mkfifo', [log]).status, 0);
      const fd = reader ? openSync(log, constants.O_RDONLY | constants.O_NONBLOCK) : -1;
      try {
        const output: string[] = [];
        const final = await (
          await startRun(store, dir, plan('console.log("to the terminal")'), { onOutput: (t) => output.push(t) })
        ).done;
        assert.equal(final.state, 'succeeded');
        assert.equal(output.join(''), 'to the terminal\n', 'the output still reaches the terminal');
        assert.deepEqual(outputEnds(dir), ['stdout:0']);
        if (reader) {
          const buf = Buffer.alloc(64);
          let n = 0;
          try {
            n = readSync(fd, buf, 0, buf.length, null);
          } catch (err) {
            assert.equal((err as NodeJS.ErrnoException).code, 'EAGAIN');
          }
          assert.equal(n, 0, `written into the FIFO: ${buf.subarray(0, n).toString()}`);
        }
        assert.deepEqual(openFilesUnder(dir), reader ? [log] : [], 'no descriptor left open but the test’s reader');
      } finally {
        if (fd >= 0) closeSync(fd);
      }
    }
  });

  it('a folder in place of stderr.log: the run goes on, its stderr reaches the terminal, and no descriptor is left open', async () => {
    const dir = await create();
    unlinkSync(path.join(dir, 'stderr.log'));
    mkdirSync(path.join(dir, 'stderr.log'));
    const output: string[] = [];
    const final = await (
      await startRun(store, dir, plan('console.log("o"); console.error("e")'), { onOutput: (t) => output.push(t) })
    ).done;
    assert.equal(final.state, 'succeeded');
    assert.deepEqual([...output].sort(), ['e\n', 'o\n']);
    assert.equal(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), 'o\n');
    assert.deepEqual(readdirSync(path.join(dir, 'stderr.log')), []);
    assert.deepEqual(outputEnds(dir).sort(), ['stderr:0', 'stdout:2']);
    assert.deepEqual(openFilesUnder(dir), [], 'no descriptor left open');
  });

  it('after a run no log or timeline descriptor stays open', async () => {
    const dir = await create();
    await (
      await startRun(store, dir, plan('console.log("o"); console.error("e")'))
    ).done;
    assert.deepEqual(openFilesUnder(dir), []);
  });

  it('UTF-8 cut across chunks is decoded whole; a cut at the very end is flushed once; no empty chunk is passed on', async () => {
    const dir = await create();
    const output: string[] = [];
    const job = `
      // Pauses so that the lead byte of the euro sign comes alone in a chunk of its own (it decodes to nothing).
      process.stdout.write(Buffer.from([0x61]));
      setTimeout(() => process.stdout.write(Buffer.from([0xe2])), 100);
      setTimeout(() => { process.stdout.write(Buffer.from([0x82, 0xac, 0x0a])); process.stderr.write(Buffer.from([0x65, 0xe2, 0x82])); }, 200);`;
    const final = await (await startRun(store, dir, plan(job), { onOutput: (t) => output.push(t) })).done;
    assert.equal(final.state, 'succeeded');
    assert.ok(
      output.every((c) => c.length > 0),
      `an empty chunk: ${JSON.stringify(output)}`,
    );
    assert.equal(output.filter((c) => c.includes('\ufffd')).length, 1, JSON.stringify(output));
    const text = output.join('');
    assert.ok(text.includes('a€\n'), JSON.stringify(text));
    assert.ok(text.endsWith('\ufffd') || text.includes('e\ufffd'), JSON.stringify(text));
    assert.equal(text.replace('a€\n', '').replace('e\ufffd', ''), '', JSON.stringify(text));
    assert.deepEqual(
      readFileSync(path.join(dir, 'stderr.log')),
      Buffer.from([0x65, 0xe2, 0x82]),
      'the log keeps bytes',
    );
  });

  it('without an output hook a run whose output ends inside a UTF-8 sequence still ends', async () => {
    const dir = await create();
    const states: string[] = [];
    const final = await (
      await startRun(store, dir, plan('process.stdout.write(Buffer.from([0x61, 0xe2, 0x82]))'), {
        onChange: (r) => states.push(r.state),
      })
    ).done;
    assert.equal(final.state, 'succeeded');
    assert.deepEqual(states, ['running', 'succeeded']);
  });
});
