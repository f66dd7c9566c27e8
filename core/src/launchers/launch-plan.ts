import * as path from 'node:path';
import { englishAndPhrase, phrase, say, type Locale, type Phrase } from '../l10n';
import { parseTimeLimit } from '../runs/diagnose';

/** How to start one run: an argument array (never a shell string), its folder and environment. */
export interface LaunchPlan {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly gpus: number;
  readonly cudaVisibleDevices?: string;
  /** `resources.time_limit` in seconds: the runner stops the run when it runs longer (Liftoff's own limit). */
  readonly timeLimitSec?: number;
  /** Things the user should know (e.g. fewer GPUs than asked for). */
  readonly notes: readonly string[];
  /** The same notes as phrases, to say them in the reader's language (`say`); `notes` is their English. */
  readonly notePhrases?: readonly Phrase[];
}

export interface LaunchContext {
  readonly workspace: string;
  /** The experiment file (relative paths in it resolve against its folder). */
  readonly experimentPath: string;
  readonly runDir: string;
  readonly configPath: string;
  readonly metricsFile: string;
  /** The built-in trainer's entry script and the Node binary that runs it (VS Code's own, with ELECTRON_RUN_AS_NODE). */
  readonly builtinTrainer: string;
  readonly nodePath: string;
  /** Variables a retry adds (LIFTOFF_ATTEMPT, LIFTOFF_RESUME_FROM): set after run.env, so they cannot be overridden. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** The reader's language, told to the built-in trainer (LIFTOFF_LOCALE) so it prints its lines in it. */
  readonly locale?: Locale;
  /** Local GPUs from the probe ([] when none), to choose CUDA_VISIBLE_DEVICES. */
  readonly gpus: ReadonlyArray<{
    readonly index: number;
    readonly memoryUsedMiB?: number;
    readonly utilizationPct?: number;
  }>;
}

/** The run cannot be started as the experiment says; the message says what to change (`phrase`: see errorText). */
export class LaunchError extends Error {
  readonly phrase?: Phrase;
  constructor(message: string | Phrase) {
    const m = englishAndPhrase(message);
    super(m.english);
    if (m.phrase) this.phrase = m.phrase;
  }
}

export const KNOWN_VARIABLES = ['config', 'run_dir', 'metrics_file', 'workspace', 'gpus'] as const;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** The number of GPUs per node the experiment asks for (accelerator gpu without a count means 1). */
export function requestedGpus(experiment: unknown): number {
  const res = obj(obj(experiment).resources);
  if (typeof res.gpus === 'number' && res.gpus >= 0) return Math.floor(res.gpus);
  return res.accelerator === 'gpu' ? 1 : 0;
}

/** Chooses the least busy GPUs (least memory used, then least utilised). */
export function chooseGpus(gpus: LaunchContext['gpus'], count: number): number[] {
  return [...gpus]
    .sort(
      (a, b) =>
        (a.memoryUsedMiB ?? 0) - (b.memoryUsedMiB ?? 0) ||
        (a.utilizationPct ?? 0) - (b.utilizationPct ?? 0) ||
        a.index - b.index,
    )
    .slice(0, count)
    .map((g) => g.index)
    .sort((a, b) => a - b);
}

export function planLaunch(experiment: unknown, ctx: LaunchContext): LaunchPlan {
  const run = obj(obj(experiment).run);
  const dir = path.dirname(ctx.experimentPath);
  const gpus = requestedGpus(experiment);
  const notePhrases: Phrase[] = [];
  const chosen = chooseGpus(ctx.gpus, gpus);
  if (gpus > 0 && chosen.length < gpus)
    notePhrases.push(
      gpus === 1
        ? phrase('The experiment asks for 1 GPU; this machine has {0}.', ctx.gpus.length)
        : phrase('The experiment asks for {0} GPUs; this machine has {1}.', gpus, ctx.gpus.length),
    );
  const notes = notePhrases.map((p) => say('en', p));
  const vars: Record<string, string> = {
    config: ctx.configPath,
    run_dir: ctx.runDir,
    metrics_file: ctx.metricsFile,
    workspace: ctx.workspace,
    gpus: String(chosen.length || gpus),
  };
  const expand = (s: string) =>
    s.replace(/\$\{([^}]*)\}/g, (m, name: string) => {
      if (!Object.hasOwn(vars, name))
        throw new LaunchError(
          phrase(
            'Unknown variable {0} in run.command: use one of {1}.',
            m,
            KNOWN_VARIABLES.map((v) => `\${${v}}`).join(', '),
          ),
        );
      return vars[name]!;
    });
  const env: Record<string, string> = {
    LIFTOFF_RUN_DIR: ctx.runDir,
    LIFTOFF_METRICS_FILE: ctx.metricsFile,
    LIFTOFF_CONFIG: ctx.configPath,
    PYTHONUNBUFFERED: '1',
    // The config snapshot lives in the run folder; relative paths in it still mean the experiment's folder.
    LIFTOFF_EXPERIMENT_DIR: dir,
  };
  // defineProperty, not env[k] = …: a variable named __proto__ (a valid name) must become a key, not a prototype.
  for (const [k, v] of Object.entries(obj(run.env)))
    if (typeof v === 'string' || typeof v === 'number')
      Object.defineProperty(env, k, { value: expand(String(v)), enumerable: true, writable: true, configurable: true });
  if (chosen.length) env.CUDA_VISIBLE_DEVICES = chosen.join(',');
  for (const [k, v] of Object.entries(ctx.extraEnv ?? {}))
    Object.defineProperty(env, k, { value: v, enumerable: true, writable: true, configurable: true });

  const timeLimitSec = parseTimeLimit(obj(obj(experiment).resources).time_limit);
  const limit = timeLimitSec ? { timeLimitSec } : {};
  const trainer = run.trainer ?? (run.command ? 'command' : 'builtin');
  if (trainer === 'builtin') {
    return checked({
      argv: [ctx.nodePath, ctx.builtinTrainer, '--config', ctx.configPath, '--run-dir', ctx.runDir],
      cwd: dir,
      env: { ...env, ELECTRON_RUN_AS_NODE: '1', ...(ctx.locale && { LIFTOFF_LOCALE: ctx.locale }) },
      gpus: 0,
      ...limit,
      notes,
      notePhrases,
    });
  }
  const command = run.command;
  if (
    !Array.isArray(command) ||
    command.length === 0 ||
    !command.every((a) => typeof a === 'string' || typeof a === 'number')
  ) {
    throw new LaunchError(
      phrase('run.command must be a non-empty list of arguments, e.g. [python, train.py, --config, "${config}"].'),
    );
  }
  let argv = command.map((a) => expand(String(a)));
  if (typeof run.python === 'string' && /^python3?$/.test(argv[0] ?? '')) argv[0] = path.resolve(dir, run.python);
  const nodes =
    typeof obj(obj(experiment).resources).nodes === 'number' ? (obj(obj(experiment).resources).nodes as number) : 1;
  if (gpus > 1 && nodes <= 1 && run.distributed === 'torchrun') {
    // torchrun replaces the interpreter: drop `python [-u]` and hand it the script and its arguments.
    const rest = /python/.test(path.basename(argv[0] ?? ''))
      ? argv.slice(1).filter((a, i) => !(i === 0 && a === '-u'))
      : argv;
    argv = ['torchrun', '--standalone', `--nproc_per_node=${gpus}`, ...rest];
  }
  const cwd = typeof run.working_dir === 'string' ? path.resolve(dir, expand(run.working_dir)) : dir;
  return checked({ argv, cwd, env, gpus, cudaVisibleDevices: env.CUDA_VISIBLE_DEVICES, ...limit, notes, notePhrases });
}

/** A plan the OS can start as written: no NUL in any word (it would cut the word), valid variable names. */
function checked(plan: LaunchPlan): LaunchPlan {
  const nul = (field: string, v: string) => {
    if (v.includes('\0')) throw new LaunchError(phrase('{0} contains a NUL character; remove it.', field));
  };
  plan.argv.forEach((a) => nul('run.command', a));
  nul('run.working_dir', plan.cwd);
  for (const [k, v] of Object.entries(plan.env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
      throw new LaunchError(
        phrase(
          'run.env: {0} is not a valid environment variable name (letters, digits and _, not starting with a digit); rename it.',
          JSON.stringify(k.slice(0, 60)),
        ),
      );
    nul(`run.env.${k}`, v);
  }
  return plan;
}
