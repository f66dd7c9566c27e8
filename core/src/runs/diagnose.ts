/**
 * Why a run failed, from what it left behind: the exit status and signal, the Slurm state and reason, the tails of
 * stdout and stderr, and the last metric values. One pure function, so the Runs view, the tooltip and the CLI give the
 * same cause, the same evidence (the lines that show it) and the same fix — a plan of experiment edits (YAML path →
 * new value) that each shell turns into its own edit (a workspace edit shown before it applies, or a printed hint).
 * The patterns are those of the tools' real messages (PyTorch, CUDA, NCCL, torchrun, Python, Slurm, the Linux OOM killer).
 * Titles, details and fixes are English text with the same words as phrases beside them: `diagnosisIn` says a
 * diagnosis in the reader's language (the Runs view with VS Code's, the CLI with --lang / LANG).
 */
import { phrase, say, type Locale, type Phrase } from '../l10n';

export type FailureCause =
  | 'cuda-oom'
  | 'host-oom'
  | 'time-limit'
  | 'preempted'
  | 'node-failure'
  | 'distributed'
  | 'missing-module'
  | 'missing-file'
  | 'diverged'
  | 'stopped-by-user'
  | 'exit-status';

export interface Evidence {
  /** `log`: Liftoff's run log, stdout and stderr interleaved as they came. */
  readonly source: 'stderr' | 'stdout' | 'log' | 'slurm' | 'metrics' | 'exit';
  readonly text: string;
  /** The text as a phrase when Liftoff wrote it (an exit status), not a line of the run's output. */
  readonly phrase?: Phrase;
}

/** An edit to the experiment: set `path` (dotted, as in the YAML) to `value`. */
export interface ExperimentChange {
  readonly path: string;
  readonly value: unknown;
}

export interface FixPlan {
  readonly title: string;
  readonly titlePhrase?: Phrase;
  readonly changes: readonly ExperimentChange[];
}

export interface Diagnosis {
  readonly cause: FailureCause;
  /** One line for a list or a tooltip title: "CUDA out of memory". */
  readonly title: string;
  /** What happened and what to change, in a sentence or two. */
  readonly detail: string;
  /** The title and the detail as phrases (said in the reader's language by `diagnosisIn`). */
  readonly titlePhrase?: Phrase;
  readonly detailPhrase?: Phrase;
  readonly evidence: readonly Evidence[];
  /** Edits that address the cause, when the experiment can express them; a retry would repeat the failure otherwise. */
  readonly fix?: FixPlan;
  /** Other edits that also address the cause (saving checkpoints so a longer or retried run can resume). */
  readonly alternatives?: readonly FixPlan[];
  /** Whether running the same experiment again could succeed (preemption, node failure): retries skip the rest. */
  readonly transient: boolean;
}

export interface RunFacts {
  readonly state: 'failed' | 'cancelled' | 'succeeded' | 'running' | 'queued' | string;
  readonly exitCode?: number | null;
  /** `SIGKILL`, `SIGTERM`, … when a signal ended the process. */
  readonly signal?: string | null;
  /** Slurm's final job state (`TIMEOUT`, `OUT_OF_MEMORY`, `PREEMPTED`, `NODE_FAIL`, `CANCELLED`, `FAILED`). */
  readonly slurmState?: string;
  /** The run's recorded reason (`stopped by user`, `exit code 1`, Slurm's reason). */
  readonly reason?: string;
  readonly stdoutTail?: string;
  readonly stderrTail?: string;
  /** The run's one log (stdout and stderr interleaved), when they were not kept apart. */
  readonly logTail?: string;
  /** Last values of the run's metrics (NaN/Infinity kept). */
  readonly lastMetrics?: Readonly<Record<string, number>>;
  /** The experiment as parsed, for fixes that scale a current value. */
  readonly experiment?: unknown;
  /** Seconds the run ran, and how far it got (epochs done of the total), to size a new time limit. */
  readonly elapsedSec?: number;
  readonly progress?: { readonly done: number; readonly total: number };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A line of either log that matches, newest last (the lines nearest the failure). */
function find(
  f: RunFacts,
  pattern: RegExp,
  sources: ReadonlyArray<'stderr' | 'stdout' | 'log'> = ['stderr', 'stdout', 'log'],
): Evidence | undefined {
  for (const source of sources) {
    const text = source === 'stderr' ? f.stderrTail : source === 'stdout' ? f.stdoutTail : f.logTail;
    if (!text) continue;
    const lines = text.split(/\r?\n|\r/);
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i]!.replace(/\x1b\[[0-9;]*m/g, '').trim();
      if (pattern.test(line)) return { source, text: line.length > 300 ? `${line.slice(0, 300)}…` : line };
    }
  }
  return undefined;
}

const CUDA_OOM =
  /CUDA out of memory|OutOfMemoryError: CUDA|CUDA error: out of memory|CUBLAS_STATUS_ALLOC_FAILED|cudaErrorMemoryAllocation|HIP out of memory|RESOURCE_EXHAUSTED: Out of memory while trying to allocate|failed to allocate .* on device/i;
const HOST_OOM =
  /\bMemoryError\b|std::bad_alloc|Cannot allocate memory|oom[-_]kill|Out of memory: Killed process|Detected \d+ oom[-_]kill event|Some of your processes may have been killed by the cgroup out-of-memory handler|DataLoader worker \(pid \d+\) is killed by signal: Killed/i;
const TIME_LIMIT = /DUE TO TIME LIMIT|time limit exceeded/i;
const PREEMPTED = /DUE TO PREEMPTION/i;
const NODE_FAIL = /DUE TO NODE FAILURE|node failure/i;
// torchrun ends every failed child with ChildFailedError, whatever the cause: it is not evidence of a distributed fault.
const DISTRIBUTED =
  /NCCL error|ncclUnhandledCudaError|ncclSystemError|ncclInternalError|ncclRemoteError|ProcessGroupNCCL.*(timeout|Watchdog caught)|RendezvousTimeoutError|RendezvousConnectionError|DistNetworkError|DistStoreError|Timed out initializing process group|Connection reset by peer.*(gloo|c10d)|\[c10d\].*(failed|refused)/i;
const MISSING_MODULE = /(?:ModuleNotFoundError|ImportError): No module named '?([\w.]+)'?/;
const MISSING_FILE =
  /(?:FileNotFoundError|IsADirectoryError): \[Errno 2\] No such file or directory: '([^']+)'|can't open file '([^']+)': \[Errno 2\]|No such file or directory: '([^']+)'/;
const NAN_LOG = /\bloss\b[^\n]*\b(nan|inf)\b|\b(nan|inf) loss\b|Loss is (NaN|Inf)|detected (nan|inf)|non-finite loss/i;

const LOSS_LIKE = /loss|perplexity|nll/i;

/** `HH:MM:SS` / `D-HH:MM:SS` / minutes, the forms Slurm and the schema accept. */
export function parseTimeLimit(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v * 60;
  if (typeof v !== 'string') return undefined;
  const m = /^(?:(\d+)-)?(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(v.trim());
  if (!m) return /^\d+$/.test(v.trim()) ? Number(v) * 60 : undefined;
  const [, d, a, b, c] = m;
  const [h, min, s] = c === undefined ? [0, Number(a), Number(b)] : [Number(a), Number(b), Number(c)];
  return (Number(d ?? 0) * 24 + h) * 3600 + min * 60 + s;
}

export function formatTimeLimit(sec: number): string {
  const s = Math.ceil(sec);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d ? `${d}-` : ''}${pad(h)}:${pad(m)}:${pad(s % 60)}`;
}

/** A fix's title, in English and as a phrase. */
const titled = (p: Phrase) => ({ title: say('en', p), titlePhrase: p });

function halveBatch(e: unknown): FixPlan | undefined {
  const t = obj(obj(e).training);
  const batch = num(t.batch_size);
  if (batch === undefined || batch < 2) return undefined;
  const accumulation = num(t.gradient_accumulation) ?? 1;
  const half = Math.max(1, Math.floor(batch / 2));
  return {
    ...titled(
      phrase(
        'Halve training.batch_size ({0} → {1}) and double gradient_accumulation ({2} → {3}): same effective batch',
        batch,
        half,
        accumulation,
        accumulation * 2,
      ),
    ),
    changes: [
      { path: 'training.batch_size', value: half },
      { path: 'training.gradient_accumulation', value: accumulation * 2 },
    ],
  };
}

function moreMemory(e: unknown): FixPlan | undefined {
  const r = obj(obj(e).resources);
  const gb = num(r.memory_gb);
  if (gb === undefined)
    return {
      ...titled(phrase('Ask for memory explicitly: resources.memory_gb: 32')),
      changes: [{ path: 'resources.memory_gb', value: 32 }],
    };
  return {
    ...titled(phrase('Double resources.memory_gb ({0} → {1})', gb, gb * 2)),
    changes: [{ path: 'resources.memory_gb', value: gb * 2 }],
  };
}

function longerTime(f: RunFacts): FixPlan | undefined {
  const current = parseTimeLimit(obj(obj(f.experiment).resources).time_limit);
  const p = f.progress;
  // From the measured speed when the run says how far it got; otherwise double. 20 % margin either way.
  const needed =
    p && p.done > 0 && p.total > p.done && f.elapsedSec
      ? ((f.elapsedSec * p.total) / p.done) * 1.2
      : current
        ? current * 2
        : undefined;
  if (!needed) return undefined;
  const value = formatTimeLimit(Math.max(needed, (current ?? 0) + 60));
  return {
    ...titled(
      p && p.done > 0
        ? phrase(
            'Raise resources.time_limit to {0} ({1}/{2} done in {3})',
            value,
            p.done,
            p.total,
            formatTimeLimit(f.elapsedSec ?? 0),
          )
        : phrase('Raise resources.time_limit to {0}', value),
    ),
    changes: [{ path: 'resources.time_limit', value }],
  };
}

/** Save checkpoints, when the experiment does not yet: a longer, retried or resubmitted run can then resume. */
function enableCheckpoints(e: unknown): FixPlan | undefined {
  const t = obj(e).training;
  if (!t || typeof t !== 'object' || obj(t).checkpoint !== undefined) return undefined;
  return {
    ...titled(
      phrase('Save checkpoints (training.checkpoint.dir: checkpoints, keep_last: 2) so the next run can resume'),
    ),
    changes: [
      { path: 'training.checkpoint.dir', value: 'checkpoints' },
      { path: 'training.checkpoint.keep_last', value: 2 },
    ],
  };
}

function lowerLearningRate(e: unknown): FixPlan | undefined {
  const lr = num(obj(obj(obj(e).training).optimizer).learning_rate);
  if (lr === undefined) return undefined;
  const value = Number((lr / 10).toPrecision(3));
  return {
    ...titled(phrase('Lower training.optimizer.learning_rate ({0} → {1})', lr, value)),
    changes: [{ path: 'training.optimizer.learning_rate', value }],
  };
}

const make = (
  cause: FailureCause,
  title: Phrase,
  detail: Phrase,
  evidence: Array<Evidence | undefined>,
  fix?: FixPlan,
  transient = false,
  alternatives: Array<FixPlan | undefined> = [],
): Diagnosis => {
  const more = alternatives.filter((x): x is FixPlan => x !== undefined);
  return {
    cause,
    title: say('en', title),
    detail: say('en', detail),
    titlePhrase: title,
    detailPhrase: detail,
    evidence: evidence.filter((x): x is Evidence => x !== undefined),
    ...(fix ? { fix } : {}),
    ...(more.length ? { alternatives: more } : {}),
    transient,
  };
};

/** Evidence Liftoff writes itself (an exit status, Slurm's state), in English and as a phrase. */
const said = (source: Evidence['source'], p: Phrase): Evidence => ({ source, text: say('en', p), phrase: p });

/**
 * A diagnosis in `locale`: its title, detail, fixes and Liftoff's own evidence said again from their phrases; the
 * lines of the run's output, paths and values as they are. English (or a diagnosis without phrases) is returned as is.
 */
export function diagnosisIn(locale: Locale | undefined, d: Diagnosis): Diagnosis {
  if (locale !== 'zh-cn') return d;
  const fix = (p: FixPlan) => fixPlanIn(locale, p);
  return {
    ...d,
    ...(d.titlePhrase && { title: say(locale, d.titlePhrase) }),
    ...(d.detailPhrase && { detail: say(locale, d.detailPhrase) }),
    evidence: d.evidence.map((e) => (e.phrase ? { ...e, text: say(locale, e.phrase) } : e)),
    ...(d.fix && { fix: fix(d.fix) }),
    ...(d.alternatives && { alternatives: d.alternatives.map(fix) }),
  };
}

/** A fix with its title in `locale` (the quick pick of Apply Fix and Re-run). */
export function fixPlanIn(locale: Locale | undefined, p: FixPlan): FixPlan {
  return locale === 'zh-cn' && p.titlePhrase ? { ...p, title: say(locale, p.titlePhrase) } : p;
}

/** The cause of a failed or cancelled run, or undefined for a run that did not fail. */
export function diagnoseRun(f: RunFacts): Diagnosis | undefined {
  if (f.state !== 'failed' && f.state !== 'cancelled') return undefined;
  const slurm = (f.slurmState ?? '').toUpperCase();
  const slurmEv = slurm
    ? said('slurm', f.reason ? phrase('Slurm state {0} ({1})', slurm, f.reason) : phrase('Slurm state {0}', slurm))
    : undefined;
  if (
    /stopped by (the )?user|cancelled by (the )?user/i.test(f.reason ?? '') ||
    (f.state === 'cancelled' &&
      slurm !== 'TIMEOUT' &&
      slurm !== 'PREEMPTED' &&
      !/DUE TO/i.test(`${f.stderrTail ?? ''}\n${f.logTail ?? ''}`))
  ) {
    return make(
      'stopped-by-user',
      phrase('Stopped by the user'),
      phrase('The run was stopped from Liftoff or with scancel; nothing to fix.'),
      [f.reason ? { source: 'exit', text: f.reason } : said('exit', phrase('cancelled'))],
    );
  }
  const timeEv = find(f, TIME_LIMIT);
  if (slurm === 'TIMEOUT' || timeEv || /time limit/i.test(f.reason ?? '')) {
    return make(
      'time-limit',
      phrase('Time limit reached'),
      phrase(
        'The run was killed when its time limit ran out. Give it more time (sized from its measured speed), or make it resume from a checkpoint.',
      ),
      [
        slurmEv,
        timeEv,
        !slurmEv && f.reason && /time limit/i.test(f.reason) ? { source: 'exit', text: f.reason } : undefined,
      ],
      longerTime(f),
      false,
      [enableCheckpoints(f.experiment)],
    );
  }
  const preempt = find(f, PREEMPTED);
  if (slurm === 'PREEMPTED' || preempt) {
    return make(
      'preempted',
      phrase('Preempted by the cluster'),
      phrase(
        'A higher-priority job took the nodes. Running it again can succeed; add run.retry to resubmit it by itself.',
      ),
      [slurmEv, preempt],
      undefined,
      true,
      [enableCheckpoints(f.experiment)],
    );
  }
  const nodeFail = find(f, NODE_FAIL);
  if (slurm === 'NODE_FAIL' || nodeFail) {
    return make(
      'node-failure',
      phrase('A node failed'),
      phrase(
        'A node of the job stopped answering. Running it again can succeed; add run.retry to resubmit it by itself.',
      ),
      [slurmEv, nodeFail],
      undefined,
      true,
      [enableCheckpoints(f.experiment)],
    );
  }
  const cuda = find(f, CUDA_OOM);
  if (cuda) {
    return make(
      'cuda-oom',
      phrase('CUDA out of memory'),
      phrase(
        'The GPU ran out of memory. A smaller batch with gradient accumulation keeps the effective batch size; bf16 precision or a smaller model also help.',
      ),
      [cuda],
      halveBatch(f.experiment),
    );
  }
  const killed = f.signal === 'SIGKILL' || f.exitCode === 137;
  // A bare "Killed" (the shell's word for SIGKILL) is OOM evidence only next to a SIGKILL.
  const host = find(f, HOST_OOM) ?? (killed ? find(f, /^Killed$/) : undefined);
  if (slurm === 'OUT_OF_MEMORY' || host) {
    return make(
      'host-oom',
      phrase('Out of memory (host)'),
      phrase(
        'The process used more memory than the machine or the job allows and was killed. Ask for more memory, or load less data at once (fewer DataLoader workers, a smaller batch).',
      ),
      [
        slurmEv,
        host,
        killed
          ? f.signal
            ? { source: 'exit', text: f.signal }
            : said('exit', phrase('exit code {0}', String(f.exitCode)))
          : undefined,
      ],
      moreMemory(f.experiment),
    );
  }
  const dist = find(f, DISTRIBUTED);
  if (dist) {
    return make(
      'distributed',
      phrase('Distributed training failed (NCCL / rendezvous)'),
      phrase(
        'The processes of a distributed run could not talk to each other. Check that every node reaches the first one (MASTER_ADDR/port), set NCCL_DEBUG=INFO in run.env to see why, or try a single node first.',
      ),
      [dist],
    );
  }
  const mod = find(f, MISSING_MODULE);
  if (mod) {
    const name = MISSING_MODULE.exec(mod.text)?.[1] ?? 'the module';
    return make(
      'missing-module',
      phrase("Python module '{0}' is not installed", name),
      phrase(
        'The interpreter the run used cannot import {0}. Install it there (pip install {1}), or point run.python at the environment that has it.',
        name,
        name.split('.')[0]!,
      ),
      [mod],
    );
  }
  const file = find(f, MISSING_FILE);
  if (file) {
    const m = MISSING_FILE.exec(file.text);
    const name = m?.[1] ?? m?.[2] ?? m?.[3] ?? 'a file';
    return make(
      'missing-file',
      phrase('File not found: {0}', name),
      phrase(
        "The run could not open {0}. Paths in run.command resolve against the experiment's folder (or run.working_dir); check that the file exists there on the machine that ran it.",
        name,
      ),
      [file],
    );
  }
  const nonFinite = Object.entries(f.lastMetrics ?? {}).filter(
    ([name, v]) => LOSS_LIKE.test(name) && !Number.isFinite(v),
  );
  const nanLog = find(f, NAN_LOG);
  if (nonFinite.length || nanLog) {
    return make(
      'diverged',
      phrase('Training diverged (loss became NaN or Inf)'),
      phrase(
        'The loss stopped being a number. A lower learning rate, gradient clipping or fp32/bf16 instead of fp16 usually cures it.',
      ),
      [...nonFinite.map(([name, v]) => ({ source: 'metrics' as const, text: `${name} = ${String(v)}` })), nanLog],
      lowerLearningRate(f.experiment),
    );
  }
  const last = find(f, /(Error|Exception|error:|FATAL|Traceback)/);
  const status = f.signal
    ? phrase('signal {0}', f.signal)
    : f.exitCode !== undefined && f.exitCode !== null
      ? phrase('exit code {0}', String(f.exitCode))
      : slurm
        ? phrase('Slurm state {0}', slurm)
        : phrase('no exit status');
  return make(
    'exit-status',
    phrase('Failed ({0})', status),
    last
      ? phrase('The command failed; the last error line of its output is below.')
      : phrase('The command failed without an error message in its output; open its log.'),
    [last, said('exit', status)],
  );
}
