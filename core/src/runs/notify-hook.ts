/**
 * `run.notify`: a command the experiment asks Liftoff to run when a run ends (chat, mail), from the run's config
 * snapshot — what ran, not what the file says now. An argument array, never a shell; the run's id, state, cause and a
 * one-line message as `${…}` variables and LIFTOFF_* environment variables. Only shells that may start processes
 * call it (the CLI, the editor in a trusted workspace). It never throws and never waits more than its timeout.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { phrase, say, type Phrase } from '../l10n';
import type { Diagnosis } from './diagnose';
import { runEndMessage } from './run-end';
import type { RunHandle } from './run-store';
import { readRunConfig } from './run-config';

export interface NotifyHook {
  readonly command: readonly string[];
  readonly on: 'all' | 'failure';
}

/** `run.notify` of an experiment, when it is well formed. */
export function notifyHookOf(experiment: unknown): NotifyHook | undefined {
  const run = (experiment as { run?: { notify?: unknown } } | null | undefined)?.run;
  const n = run && typeof run === 'object' ? run.notify : undefined;
  if (!n || typeof n !== 'object') return undefined;
  const { command, on } = n as { command?: unknown; on?: unknown };
  if (!Array.isArray(command) || command.length === 0 || !command.every((a) => typeof a === 'string')) return undefined;
  return { command: command as string[], on: on === 'all' ? 'all' : 'failure' };
}

export interface HookOutcome {
  readonly ran: boolean;
  /** Exit code, or null when it could not start, was killed or timed out. */
  readonly exitCode?: number | null;
  /** For a log line: what ran and how it ended, or why it did not run. */
  readonly detail: string;
  /** The same as a phrase, to say in the reader's language. */
  readonly detailPhrase?: Phrase;
}

/** An outcome with its detail in English and as a phrase. */
function outcome(o: { ran: boolean; exitCode?: number | null }, p: Phrase): HookOutcome {
  return { ...o, detail: say('en', p), detailPhrase: p };
}

/** Runs the run's `run.notify` command if its `on` matches how the run ended. */
export async function runNotifyHook(
  run: RunHandle,
  diagnosis: Diagnosis | undefined,
  timeoutMs = 30_000,
): Promise<HookOutcome> {
  const r = run.record;
  const experiment = await readRunConfig(run);
  const hook = notifyHookOf(experiment);
  if (!hook) return { ran: false, detail: 'no run.notify command' };
  const failure = r.state === 'failed' || (r.state === 'cancelled' && diagnosis?.cause !== 'stopped-by-user');
  if (r.state !== 'succeeded' && r.state !== 'failed' && r.state !== 'cancelled')
    return { ran: false, detail: 'the run has not ended' };
  if (hook.on === 'failure' && !failure)
    return { ran: false, detail: `run.notify runs on failure; the run ${r.state}` };
  const message =
    runEndMessage(r, 'all', diagnosis ? { diagnosis } : {})?.message ?? `Run ${r.id} of ${r.experiment} ${r.state}.`;
  const vars: Record<string, string> = {
    run_id: r.id,
    experiment: r.experiment,
    state: r.state,
    cause: diagnosis?.cause ?? '',
    message,
    run_dir: run.dir,
  };
  const expand = (s: string) => s.replace(/\$\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? vars[k]! : m));
  const argv = hook.command.map(expand);
  if (argv.some((a) => a.includes('\0'))) return { ran: false, detail: 'run.notify.command contains a NUL character' };
  const cwd = r.experimentPath ? path.dirname(r.experimentPath) : r.cwd;
  return new Promise<HookOutcome>((resolve) => {
    let out = '';
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd,
      env: {
        ...process.env,
        LIFTOFF_RUN_ID: r.id,
        LIFTOFF_EXPERIMENT: r.experiment,
        LIFTOFF_RUN_STATE: r.state,
        LIFTOFF_RUN_CAUSE: vars.cause!,
        LIFTOFF_RUN_MESSAGE: message,
        LIFTOFF_RUN_DIR: run.dir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    const keep = (c: Buffer) => {
      if (out.length < 2000) out += c.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (err) =>
      resolve(outcome({ ran: false, exitCode: null }, phrase('run.notify.command could not start: {0}', err.message))),
    );
    child.once('close', (code, signal) => {
      const tail = out.trim().split('\n').pop()?.slice(0, 200) ?? '';
      const how =
        code === 0
          ? phrase('run.notify.command ran')
          : signal
            ? phrase('run.notify.command was killed ({0}; timeout {1} s)', signal, timeoutMs / 1000)
            : phrase('run.notify.command exited with {0}', String(code));
      resolve(outcome({ ran: true, exitCode: code }, tail ? phrase('{0}: {1}', how, tail) : how));
    });
  });
}
