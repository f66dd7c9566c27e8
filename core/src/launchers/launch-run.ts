import { errorText, phrase, PhrasedError, say, t, type Locale } from '../l10n';
import { parseExperiment } from '../vocabulary';
import type { SeriesStore } from '../metrics/series-store';
import { ACTIVE_STATES, FINISHED_STATES, type RunRecord } from '../runs/run-record';
import { RunStore } from '../runs/run-store';
import type { LaunchPlan } from './launch-plan';
import { prepareRun, type PrepareOptions, type PreparedRun } from './prepare-run';
import { startRun } from './runner';
import { settleRun } from './settle-run';
import { stopLocalRun, type StopOutcome } from './stop-run';
import type { SlurmRunner } from './slurm/command-runner';
import { SlurmJobTracker } from './slurm/job-tracker';
import { submitSlurmRun } from './slurm/submit';
import { explainRun } from '../runs/explain';
import { retryDecision, retryPolicyOf, type RetryPolicy } from '../runs/retry';

/** Where an experiment runs: `run.launcher: slurm` submits to Slurm; everything else runs on this machine. */
export function launcherOf(experiment: unknown): 'local' | 'slurm' {
  return (experiment as { run?: { launcher?: unknown } } | null)?.run?.launcher === 'slurm' ? 'slurm' : 'local';
}

export interface RunEvents {
  /** The command's (or the job's) output as it arrives. */
  readonly onOutput?: (text: string) => void;
  /** Every change of run.json: state, reason, and at the end the exit code. */
  readonly onChange?: (record: RunRecord) => void;
  /** Slurm runs: metrics tailed into this store while the job runs. */
  readonly series?: SeriesStore;
}

export interface LaunchOptions extends PrepareOptions, RunEvents {
  /** Every Slurm command goes through it (with the user's command prefix); required for Slurm experiments. */
  readonly slurmRunner?: SlurmRunner;
  /**
   * Local runs: who hosts the runner (the one writer of run.json). Absent: this process runs it (the CLI). The editor
   * passes a function that starts `liftoff-run <dir>` in a task terminal; the handle then follows run.json.
   */
  readonly hostRunner?: (prepared: PreparedRun) => Promise<void>;
  /** `run.retry`: called with each new attempt's handle (the first is the one launchRun returns). */
  readonly onAttempt?: (attempt: RunLaunch) => void;
  /** The language of whoever launched it (the editor's display language, the CLI's --lang / LANG): the lines Liftoff
   * itself prints into the run's output (run.retry's decision) are said in it; English by default. */
  readonly locale?: Locale;
}

/** One run, however it was started or found again: its state as it changes, its end, and Stop. */
export interface RunLaunch {
  readonly launcher: 'local' | 'slurm';
  readonly dir: string;
  /** run.json as last seen. */
  readonly record: RunRecord;
  /** Things the user should know about the launch (e.g. fewer GPUs than asked for). */
  readonly notes: readonly string[];
  /** The final run.json (or the last one seen, after `dispose()`). */
  readonly done: Promise<RunRecord>;
  /** Stops the run: local runs only through a proven process identity; Slurm runs with scancel. */
  stop(): Promise<StopOutcome>;
  /** Stops following the run (the run itself goes on). */
  dispose(): void;
}

/**
 * The one launch of Liftoff: the editor's ▶ Train, Re-run and `liftoff train` all come here. Decides local or Slurm,
 * creates the run, starts it and returns one handle. Throws LaunchError (or SlurmSubmitError) when it cannot start.
 */
export async function launchRun(o: LaunchOptions): Promise<RunLaunch> {
  let experiment: unknown;
  try {
    experiment = parseExperiment(o.experimentText);
  } catch {
    experiment = undefined;
  }
  const first = await launchOnce(o, experiment);
  const policy = retryPolicyOf(experiment);
  return policy ? withRetries(first, o, experiment, policy) : first;
}

/**
 * `run.retry`: the handle follows the attempts — a failed attempt whose cause a retry can get past is launched again
 * (the same experiment text, a new run folder recording `retryOf` and `attempt`, LIFTOFF_RESUME_FROM naming the
 * folder of the attempt before); `done` is the last attempt's end, `dir`/`record` the current attempt's, and Stop
 * stops the current attempt and ends the retries.
 */
function withRetries(first: RunLaunch, o: LaunchOptions, experiment: unknown, policy: RetryPolicy): RunLaunch {
  let current = first;
  let stopped = false;
  const done = (async () => {
    for (;;) {
      const final = await current.done;
      if (stopped || final.state !== 'failed') return final;
      const attempt = final.attempt ?? 1;
      const decision = retryDecision(
        policy,
        await explainRun({ dir: current.dir, record: final }),
        attempt,
        experiment,
      );
      o.onOutput?.(`\nliftoff: ${say(o.locale, decision.whyPhrase)}\n`);
      if (!decision.retry) return final;
      try {
        current = await launchOnce(
          { ...o, attempt: { retryOf: first.record.id, number: attempt + 1, previousDir: current.dir } },
          experiment,
        );
      } catch (err) {
        o.onOutput?.(`liftoff: ${t(o.locale, 'the retry could not start: {0}', errorText(o.locale, err))}\n`);
        return final;
      }
      o.onAttempt?.(current);
    }
  })();
  return {
    launcher: first.launcher,
    get dir() {
      return current.dir;
    },
    get record() {
      return current.record;
    },
    done,
    notes: first.notes,
    stop: async () => {
      stopped = true;
      return current.stop();
    },
    dispose: () => current.dispose(),
  };
}

async function launchOnce(o: LaunchOptions, experiment: unknown): Promise<RunLaunch> {
  if (launcherOf(experiment) === 'slurm') {
    if (!o.slurmRunner) throw new Error('launchRun: a Slurm experiment needs a slurmRunner');
    const run = await submitSlurmRun({ ...o, runner: o.slurmRunner });
    return followSlurm(run.store, run.dir, o.slurmRunner, o);
  }
  const prepared = await prepareRun(o);
  if (o.hostRunner) {
    await o.hostRunner(prepared);
    return followLocal(prepared.store, prepared.dir, prepared.record, o, planNotes(prepared.plan, o.locale));
  }
  const running = await startRun(prepared.store, prepared.dir, prepared.plan, {
    onOutput: o.onOutput,
    onChange: o.onChange,
  });
  let record = prepared.record;
  const done = running.done.then((r) => {
    record = r;
    return r;
  });
  return {
    launcher: 'local',
    dir: prepared.dir,
    get record() {
      return record;
    },
    done,
    notes: planNotes(prepared.plan, o.locale),
    stop: async () => {
      await running.stop();
      return { stopped: true, record: await done };
    },
    dispose: () => undefined,
  };
}

/**
 * Follows a run found in the store (after a reload, or started by another window or the CLI). Local runs are
 * watched through run.json and settled by the hand-over once runner and command are gone; Slurm runs by job id.
 */
export async function reattachRun(
  dir: string,
  o: RunEvents & { readonly slurmRunner?: SlurmRunner; readonly pollMs?: number },
): Promise<RunLaunch> {
  const store = RunStore.ofRunDir(dir);
  const record = await RunStore.read(dir);
  if (!record) throw new PhrasedError(phrase('{0} has no readable run.json', dir));
  if (record.launcher === 'slurm' && record.jobId && ACTIVE_STATES.has(record.state)) {
    if (!o.slurmRunner) throw new Error('reattachRun: a Slurm run needs a slurmRunner');
    return followSlurm(store, dir, o.slurmRunner, { ...o, firstPollMs: 0 });
  }
  return followLocal(store, dir, record, o);
}

async function followSlurm(
  store: RunStore,
  dir: string,
  runner: SlurmRunner,
  o: RunEvents & { firstPollMs?: number },
): Promise<RunLaunch> {
  const tracker = await SlurmJobTracker.track({
    runner,
    store,
    dir,
    onOutput: o.onOutput,
    onChange: o.onChange,
    series: o.series,
    firstPollMs: o.firstPollMs,
  });
  return {
    launcher: 'slurm',
    dir,
    get record() {
      return tracker.current;
    },
    done: tracker.done,
    notes: [],
    stop: async () => {
      await tracker.cancel();
      const record = await Promise.race([
        tracker.done,
        new Promise<RunRecord>((r) => setTimeout(() => r(tracker.current), 15_000)),
      ]);
      return { stopped: true, record };
    },
    dispose: () => tracker.dispose(),
  };
}

/** A local run hosted elsewhere: read run.json on a cadence (never write it), settle it once nobody owns it. */
function followLocal(
  store: RunStore,
  dir: string,
  first: RunRecord,
  o: RunEvents & { readonly pollMs?: number },
  notes: readonly string[] = [],
): RunLaunch {
  let record = first;
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let resolve!: (r: RunRecord) => void;
  const done = new Promise<RunRecord>((r) => {
    resolve = r;
  });
  const finish = () => {
    ended = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    resolve(record);
  };
  const tick = async () => {
    if (ended) return;
    const now = (await settleRun(store, dir).catch(() => undefined)) ?? record;
    if (ended) return;
    if (now.state !== record.state || now.reason !== record.reason) {
      record = now;
      o.onChange?.(now);
    }
    if (FINISHED_STATES.has(record.state)) {
      finish();
      return;
    }
    timer = setTimeout(() => void tick(), o.pollMs ?? 500);
  };
  if (FINISHED_STATES.has(record.state)) finish();
  else timer = setTimeout(() => void tick(), 0);
  return {
    launcher: 'local',
    dir,
    get record() {
      return record;
    },
    done,
    notes,
    stop: async () => {
      const outcome = await stopLocalRun(store, dir);
      if (outcome.stopped && outcome.record) {
        record = outcome.record;
        o.onChange?.(record);
        if (FINISHED_STATES.has(record.state)) finish();
      }
      return outcome;
    },
    dispose: finish,
  };
}

/** A plan's notes in `locale` (its phrases said; the English text when it has none, as in an older launch.json). */
function planNotes(plan: LaunchPlan, locale: Locale | undefined): readonly string[] {
  return plan.notePhrases ? plan.notePhrases.map((p) => say(locale, p)) : plan.notes;
}
