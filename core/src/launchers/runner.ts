import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import * as path from 'node:path';
import { RunStore } from '../runs/run-store';
import type { RunRecord } from '../runs/run-record';
import type { LaunchPlan } from './launch-plan';
import { killTree, processStartTime } from './process-tree';

/** A file another process (the Runs view, the CLI) writes before it kills a run it does not own, so the run ends `cancelled`. */
export const STOP_MARKER = 'stop-requested';

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
}

/**
 * Starts a planned run: no shell, its own process group (so Stop reaches every child), stdout and stderr teed to
 * stdout.log, run.json moved through running → succeeded | failed | cancelled with the exit code and a reason.
 */
export async function startRun(store: RunStore, runDir: string, plan: LaunchPlan, hooks: RunnerHooks = {}): Promise<RunningProcess> {
  const record = await RunStore.read(runDir);
  if (!record) throw new Error(`no run.json in ${runDir}`);
  const log = createWriteStream(path.join(runDir, record.files.stdout), { flags: 'a' });
  const out = (chunk: string) => { log.write(chunk); hooks.onOutput?.(chunk); };
  let stopRequested = false;
  const child = spawn(plan.argv[0]!, plan.argv.slice(1), {
    cwd: plan.cwd, env: { ...process.env, ...plan.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', out);
  child.stderr.setEncoding('utf8').on('data', out);

  const spawned = new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });

  if (await spawned) {
    await store.update(runDir, { state: 'running', pid: child.pid, pidStartTime: child.pid ? processStartTime(child.pid) : undefined, startedAt: new Date().toISOString() });
  }

  const done = exited.then(async ({ code, signal, error }) => {
    await new Promise<void>((r) => log.end(r));
    const endedAt = new Date().toISOString();
    if (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const reason = missing ? `\`${plan.argv[0]}\` was not found: install it or set run.python / fix run.command.` : `could not start: ${error.message}`;
      out(`liftoff: ${reason}\n`);
      return store.update(runDir, { state: 'failed', reason, exitCode: null, endedAt });
    }
    if (stopRequested || existsSync(path.join(runDir, STOP_MARKER))) return store.update(runDir, { state: 'cancelled', reason: 'stopped by the user', exitCode: code, endedAt });
    if (code === 0) return store.update(runDir, { state: 'succeeded', reason: 'exit code 0', exitCode: 0, endedAt });
    return store.update(runDir, { state: 'failed', reason: signal ? `killed by ${signal}` : `exit code ${code}`, exitCode: code, endedAt });
  });

  return {
    done,
    pid: child.pid,
    stop: async (graceMs = 5000) => {
      stopRequested = true;
      if (child.pid && child.exitCode === null) await killTree(child.pid, graceMs);
    },
  };
}
