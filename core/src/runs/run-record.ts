import type { RunReasonCode } from './run-reason';

/** The states of a run, in the order a run moves through them. The one definition every tool and panel uses. */
export const RUN_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];

/** `run.json`: everything known about one run. Written atomically by the run store; read by every tool. */
export interface RunRecord {
  readonly id: string;
  readonly experiment: string;
  readonly state: RunState;
  /** Why the run is in its state, for people ("exit code 3", "stopped by the user", "PENDING (Resources)"). */
  readonly reason?: string;
  /** The same reason as a code and its arguments, said in the reader's language (run-reason.ts); none in old files. */
  readonly reasonCode?: RunReasonCode;
  readonly launcher: 'local' | 'slurm';
  readonly createdAt: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly exitCode?: number | null;
  /**
   * Local runs: the command's process group leader (the exit recorder, see exit-recorder.ts), its start time (clock
   * ticks since boot) and the random token in its environment. All three must match before Liftoff signals it.
   */
  readonly pid?: number;
  readonly pidStartTime?: number;
  readonly pidToken?: string;
  /** Local runs: the runner that owns run.json while it lives (see docs/training.md, "Who writes run.json"). */
  readonly runnerPid?: number;
  readonly runnerStartTime?: number;
  /** A retry (`run.retry`): the id of the run's first attempt, and this attempt's number (2, 3, …). */
  readonly retryOf?: string;
  readonly attempt?: number;
  /** Slurm runs: the job id. */
  readonly jobId?: string;
  /** The experiment file the run was started from (re-runs resolve relative paths against it). Inside the workspace. */
  readonly experimentPath?: string;
  readonly command: readonly string[];
  readonly cwd: string;
  readonly git?: { readonly commit: string; readonly dirty: boolean };
  readonly resources: { readonly gpus: number; readonly cudaVisibleDevices?: string; readonly nodes?: number };
  /** Files inside the run folder: plain names, never paths (record-check.ts enforces it on every read). */
  readonly files: {
    readonly config: string;
    /** The command's stdout; before stderr was kept apart (runs without a stderr file), stdout and stderr both. */
    readonly stdout: string;
    /** The command's stderr. */
    readonly stderr: string;
    readonly metrics: string;
    readonly artifacts: string;
  };
}

export const FINISHED_STATES: ReadonlySet<RunState> = new Set(['succeeded', 'failed', 'cancelled']);
export const ACTIVE_STATES: ReadonlySet<RunState> = new Set(['queued', 'running']);

export const DEFAULT_FILES: RunRecord['files'] = {
  config: 'config.yaml',
  stdout: 'stdout.log',
  stderr: 'stderr.log',
  metrics: 'metrics.jsonl',
  artifacts: 'artifacts',
};
