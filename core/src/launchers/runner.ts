import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import * as path from 'node:path';
import { RunStore } from '../runs/run-store';
import type { RunRecord } from '../runs/run-record';
import type { LaunchPlan } from './launch-plan';
import { readExitMarker, withExitRecorder } from './exit-recorder';
import { RUN_TOKEN_ENV } from './process-identity';
import { killTree, processStartTime, spawnedGroup } from './process-tree';
import { finalState } from './final-state';
import { because } from '../runs/run-reason';
import { formatTimeLimit } from '../runs/diagnose';
import { OutputMarks, type LogStream } from '../runs/timeline';

export { STOP_MARKER } from './final-state';

export interface RunningProcess {
  /** Resolves with the final run.json once the process has ended and its state is written. */
  readonly done: Promise<RunRecord>;
  /** Stops the whole process tree (SIGTERM, then SIGKILL after the grace period); the run ends `cancelled`. */
  stop(graceMs?: number): Promise<void>;
  readonly pid: number | undefined;
}

export interface RunnerHooks {
  /** Every chunk of stdout/stderr, as it arrives (the terminal, the CLI's progress). */
  onOutput?(chunk: string): void;
  /** Every state this runner writes to run.json. */
  onChange?(record: RunRecord): void;
}

/**
 * The runner: the one writer of run.json while it lives. Starts a planned run under the exit recorder (no shell
 * of the user's, its own process group so Stop reaches every child), tees stdout to stdout.log and stderr to
 * stderr.log (with timeline.jsonl saying which bytes came when), and moves
 * run.json through running → succeeded | failed | cancelled with the command's exit status and a reason. It records
 * the command's identity (pid, start time, token) so a later session can prove it before signalling it, and its own
 * (runnerPid) so others know who owns run.json.
 */
export async function startRun(
  store: RunStore,
  runDir: string,
  plan: LaunchPlan,
  hooks: RunnerHooks = {},
): Promise<RunningProcess> {
  const record = await RunStore.read(runDir);
  if (!record) throw new Error(`no run.json in ${runDir}`);
  // stdout.log and stderr.log, written synchronously so that a timeline record (timeline.ts) never names bytes that
  // are not on disk yet; the records interleave the two files in the order the chunks came.
  const logs = {
    stdout: new LogFile(path.join(runDir, record.files.stdout)),
    stderr: new LogFile(path.join(runDir, record.files.stderr)),
  };
  const marks = new OutputMarks(runDir);
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  const capture = (stream: LogStream, data: Buffer) => {
    marks.grew(stream, logs[stream].write(data));
    const text = decoders[stream].write(data);
    if (text) hooks.onOutput?.(text);
  };
  /** Liftoff's own words about the run (time limit, command not found): in stdout.log, after the command's. */
  const out = (text: string) => {
    marks.grew('stdout', logs.stdout.write(Buffer.from(text, 'utf8')));
    hooks.onOutput?.(text);
  };
  let stopRequested = false;
  const token = randomBytes(16).toString('hex');
  const argv = withExitRecorder(plan.argv, runDir);
  // Who owns the run, before there is a command: if this runner dies between spawning the command and recording its
  // pid, a settler sees the dead runner and finds the command by its token (settle-run.ts) instead of waiting forever.
  await store.update(runDir, {
    pidToken: token,
    runnerPid: process.pid,
    runnerStartTime: processStartTime(process.pid),
  });
  // Node throws from spawn() for some failures (ENOTDIR: the working folder is a file) and emits 'error' for others
  // (ENOENT, EACCES): both end the run the same way, never leave run.json waiting.
  let thrown: Error | undefined;
  let child: ChildProcess | undefined;
  try {
    child = spawn(argv[0]!, argv.slice(1), {
      cwd: plan.cwd,
      env: { ...process.env, ...plan.env, LIFTOFF_RUN_DIR: runDir, [RUN_TOKEN_ENV]: token },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    thrown = err instanceof Error ? err : new Error(String(err));
  }
  child?.stdout?.on('data', (d: Buffer) => capture('stdout', d));
  child?.stderr?.on('data', (d: Buffer) => capture('stderr', d));
  const write = async (patch: Partial<RunRecord>) => {
    // The output before a state change is in the timeline before it.
    marks.flush();
    const r = await store.update(runDir, patch);
    hooks.onChange?.(r);
    return r;
  };

  const spawned = new Promise<boolean>((resolve) => {
    if (!child) return resolve(false);
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    if (!child) return resolve({ code: null, signal: null, error: thrown });
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });

  // Until the command's output has closed, its process group may hold more than the shell: a job it put in the
  // background keeps the run going after the shell has exited, and is stopped with the rest.
  let settled = false;
  // Liftoff's own time limit (resources.time_limit): the whole tree is stopped and the run fails with that reason.
  let timedOut = false;
  let limitTimer: NodeJS.Timeout | undefined;
  const limit = plan.timeLimitSec;
  const limitText = limit ? formatTimeLimit(limit) : '';
  if (limit && limit * 1000 < 2 ** 31) {
    limitTimer = setTimeout(() => {
      timedOut = true;
      out(`\nliftoff: time limit ${limitText} reached (resources.time_limit): stopping the run\n`);
      const group = spawnedGroup(child?.pid);
      if (group && !settled) void killTree(group, 5000);
    }, limit * 1000);
    limitTimer.unref();
  }

  if (await spawned) {
    await write({
      state: 'running',
      pid: child?.pid,
      pidStartTime: child?.pid ? processStartTime(child.pid) : undefined,
      pidToken: token,
      runnerPid: process.pid,
      runnerStartTime: processStartTime(process.pid),
      startedAt: new Date().toISOString(),
    });
  }

  const done = exited.then(async ({ code, signal, error }) => {
    settled = true;
    if (limitTimer) clearTimeout(limitTimer);
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = decoders[stream].end();
      if (rest) hooks.onOutput?.(rest);
    }
    const endedAt = new Date().toISOString();
    if (error) {
      // A working folder that is not one fails the same way as a missing shell (ENOENT) or throws (ENOTDIR).
      const folder = await stat(plan.cwd).then(
        (st) => st.isDirectory(),
        () => false,
      );
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const why = !folder
        ? because('working-dir-unusable', plan.cwd)
        : missing
          ? because('command-not-found', argv[0] ?? '')
          : because('could-not-start', error.message);
      out(`liftoff: ${why.reason}\n`);
      return write({ state: 'failed', ...why, exitCode: null, endedAt });
    }
    // The recorder's marker is the command's own status; the shell's exit code says the same unless it was killed.
    const status = (await readExitMarker(runDir)) ?? code;
    if (timedOut && !stopRequested)
      return write({
        state: 'failed',
        ...because('time-limit', limitText),
        exitCode: status,
        endedAt,
      });
    const patch = await finalState(runDir, status, plan.argv[0] ?? '', stopRequested);
    if (status === null)
      return write({
        ...patch,
        ...(patch.state === 'cancelled' ? {} : signal ? because('killed-by', signal) : because('no-exit-status')),
        endedAt,
      });
    if (status === 127 || status === 126) out(`liftoff: ${patch.reason}\n`);
    return write({ ...patch, endedAt });
  });

  const closed = done.finally(() => {
    marks.close();
    logs.stdout.close();
    logs.stderr.close();
  });

  return {
    done: closed,
    pid: child?.pid,
    stop: async (graceMs = 5000) => {
      stopRequested = true;
      const group = spawnedGroup(child?.pid);
      if (group && !settled) await killTree(group, graceMs);
    },
  };
}

/** A log file of the run, appended synchronously; its size is the end offset a timeline record names. */
class LogFile {
  private fd: number;
  private size = 0;

  constructor(file: string) {
    try {
      // The run store created it; never write through a link or into a FIFO someone put in its place.
      this.fd = openSync(
        file,
        constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
        0o644,
      );
      const st = fstatSync(this.fd);
      if (!st.isFile()) {
        closeSync(this.fd);
        this.fd = -1;
      } else this.size = st.size;
    } catch {
      this.fd = -1;
    }
  }

  /** Appends `data`; returns the file's size after it. */
  write(data: Buffer): number {
    if (this.fd < 0) return this.size;
    let off = 0;
    try {
      while (off < data.length) off += writeSync(this.fd, data, off);
    } catch {
      /* a full disk loses log lines, not the run */
    }
    this.size += off;
    return this.size;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
