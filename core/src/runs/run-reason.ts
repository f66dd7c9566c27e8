/**
 * Why a run is in its state, in the reader's language. The process that writes run.json (the runner, Slurm's
 * tracker, settle, stop) does not know who will read it, so beside the English `reason` (old readers, logs, the
 * patterns diagnose.ts and explain.ts match) it stores `reasonCode`: a code from RUN_REASONS and its arguments
 * (`{"code": "command-not-found", "args": ["python3"]}`). The Runs view, the metrics panel and `liftoff runs` say it
 * with `reasonText(locale, record)`.
 *
 * run.json is a workspace file anyone can write: a code is read only when it is one of RUN_REASONS, its arguments
 * are short text, finite numbers or codes (two levels at most) matching the template's placeholders, and it says
 * in English exactly the record's `reason` (so a code left stale by an older writer that changed only `reason` is
 * not shown). Anything else is dropped and the English reason is shown, as for a run.json from before codes.
 */
import { phrase, say, t, type Locale, type Phrase } from '../l10n';

/** The reasons Liftoff writes, by code. Codes are stored in run.json: never rename one, add a new one instead. */
export const RUN_REASONS = {
  // Local runs (runner.ts, final-state.ts, exit-recorder.ts)
  'command-not-found': phrase('`{0}` was not found: install it or set run.python / fix run.command.'),
  'command-not-executable': phrase('`{0}` could not be executed (not executable?): check run.command.'),
  'could-not-start': phrase('could not start: {0}'),
  'working-dir-unusable': phrase(
    'the working folder {0} does not exist or is not a folder: create it or fix run.working_dir.',
  ),
  'time-limit': phrase('time limit {0} reached (resources.time_limit); Liftoff stopped the run'),
  'killed-by': phrase('killed by {0}'),
  'exit-code': phrase('exit code {0}'),
  'exit-code-signal': phrase('exit code {0} (killed by signal {1})'),
  'no-exit-status': phrase('ended without an exit status'),
  'stopped-by-user': phrase('stopped by the user'),
  'marked-stopped': phrase('marked stopped by the user (nothing was signalled)'),
  // Settling a run whose runner is gone (settle-run.ts)
  'runner-exit-before-start': phrase(
    'the Liftoff runner ended with exit code {0} before the run started; see its terminal',
  ),
  'runner-unknown-exit-before-start': phrase(
    'the Liftoff runner ended with exit code unknown before the run started; see its terminal',
  ),
  'runner-died-before-start': phrase(
    'the Liftoff runner ended (killed or crashed) before it started the command; nothing ran',
  ),
  'never-started': phrase(
    'it never started: no Liftoff runner took it up within {0} minutes (the window or terminal that launched it ended first)',
  ),
  'ended-unrecorded': phrase(
    'the run ended while no Liftoff runner was recording it (runner killed, window reload or crash) and left no exit status; see stdout.log',
  ),
  'recorded-after-runner': phrase('{0} (recorded after its runner ended)'),
  // Slurm runs (slurm/submit.ts, slurm/run-state.ts, slurm/job-tracker.ts); Slurm's own words stay as it wrote them
  'slurm-submitting': phrase('submitting to Slurm'),
  'slurm-submitted': phrase('PENDING (submitted)'),
  'slurm-running-on': phrase('RUNNING on {0}'),
  'slurm-completed': phrase('COMPLETED (exit code 0)'),
  'slurm-stopped': phrase('stopped by the user (scancel)'),
  'slurm-killed': phrase('FAILED (killed by signal {0})'),
  'slurm-exit-code': phrase('FAILED (exit code {0})'),
  'slurm-exit-unknown': phrase('FAILED (exit code unknown)'),
  'slurm-vanished': phrase(
    'Slurm no longer knows job {0} and it left no exit code (purged from the controller, no completion log); see stdout.log',
  ),
  /** `{0}`: Slurm's state, `{1}`: ` (Slurm's reason)` or a `slurm-time-limit` code, `{2}`: a `slurm-hint-…` code. */
  'slurm-ended': phrase('{0}{1}: {2}'),
  'slurm-time-limit': phrase(' (time limit {0})'),
  'slurm-hint-timeout': phrase('the job reached its time limit; raise resources.time_limit'),
  'slurm-hint-node-fail': phrase('a node of the job failed; Slurm ended the job'),
  'slurm-hint-oom': phrase('the job ran out of memory; raise resources.memory_gb'),
  'slurm-hint-preempted': phrase('a higher-priority job preempted it'),
  'slurm-hint-boot-fail': phrase('a node failed to boot'),
  'slurm-hint-deadline': phrase('the job missed its deadline'),
  'slurm-hint-special-exit': phrase('the job ended with a special exit (requeue-hold)'),
} satisfies Record<string, Phrase>;

export type RunReasonName = keyof typeof RUN_REASONS;
export type RunReasonArg = string | number | RunReasonCode;

/** run.json's `reasonCode`. */
export interface RunReasonCode {
  readonly code: RunReasonName;
  readonly args: readonly RunReasonArg[];
}

/** The most arguments a code takes, the longest text argument, and how deep codes nest. */
const MAX_ARGS = 4;
const MAX_ARG_CHARS = 2000;
const MAX_DEPTH = 2;

export function reasonCode(code: RunReasonName, ...args: RunReasonArg[]): RunReasonCode {
  return { code, args };
}

/** A code as a phrase (its arguments' codes said as phrases too). */
export function reasonPhrase(c: RunReasonCode): Phrase {
  return { text: RUN_REASONS[c.code].text, args: c.args.map((a) => (typeof a === 'object' ? reasonPhrase(a) : a)) };
}

/** The English `reason` and the `reasonCode` a writer stores together in run.json. */
export function because(code: RunReasonName, ...args: RunReasonArg[]): { reason: string; reasonCode: RunReasonCode } {
  const c = reasonCode(code, ...args);
  return { reason: say('en', reasonPhrase(c)), reasonCode: c };
}

/** The same, from a code built already (a nested one). */
export function becauseOf(c: RunReasonCode): { reason: string; reasonCode: RunReasonCode } {
  return { reason: say('en', reasonPhrase(c)), reasonCode: c };
}

const placeholders = (text: string): number => {
  const seen = new Set([...text.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])));
  return seen.size === 0 ? 0 : Math.max(...seen) + 1;
};

/** `v` as a reason code, or undefined when it is not exactly one (run.json is hostile input). */
export function checkReasonCode(v: unknown, depth = 0): RunReasonCode | undefined {
  if (depth > MAX_DEPTH || typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { code, args } = v as { code?: unknown; args?: unknown };
  if (typeof code !== 'string' || !Object.prototype.hasOwnProperty.call(RUN_REASONS, code)) return undefined;
  if (!Array.isArray(args) || args.length > MAX_ARGS) return undefined;
  const name = code as RunReasonName;
  if (args.length !== placeholders(RUN_REASONS[name].text)) return undefined;
  const out: RunReasonArg[] = [];
  for (const a of args as unknown[]) {
    if (typeof a === 'string' && a.length <= MAX_ARG_CHARS) out.push(a);
    else if (typeof a === 'number' && Number.isFinite(a)) out.push(a);
    else {
      const nested = checkReasonCode(a, depth + 1);
      if (!nested) return undefined;
      out.push(nested);
    }
  }
  return { code: name, args: out };
}

/** The record's reason in `locale`: its code said there when the code says its English reason, else the English. */
export function reasonText(
  locale: Locale | undefined,
  r: { readonly reason?: string; readonly reasonCode?: RunReasonCode },
): string | undefined {
  if (r.reason === undefined) return undefined;
  if (!r.reasonCode || locale !== 'zh-cn') return r.reason;
  const p = reasonPhrase(r.reasonCode);
  return say('en', p) === r.reason ? say(locale, p) : r.reason;
}

/**
 * A run's state (run.json's `state`) as a word in `locale`: the Runs view, its tooltip and `liftoff runs` show it.
 * A state that is not one of RUN_STATES (a newer writer's) is shown as written.
 */
export function stateText(locale: Locale | undefined, state: string): string {
  switch (state) {
    case 'queued':
      return t(locale, 'queued');
    case 'running':
      return t(locale, 'running');
    case 'succeeded':
      return t(locale, 'succeeded');
    case 'failed':
      return t(locale, 'failed');
    case 'cancelled':
      return t(locale, 'cancelled');
    default:
      return state;
  }
}
