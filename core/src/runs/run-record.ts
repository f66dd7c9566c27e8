import type { RunState } from './history';

export type { RunState } from './history';

/** `run.json`: everything known about one run. Written atomically by the run store; read by every tool. */
export interface RunRecord {
  readonly id: string;
  readonly experiment: string;
  readonly state: RunState;
  /** Why the run is in its state, for people ("exit code 3", "stopped by the user", "PENDING (Resources)"). */
  readonly reason?: string;
  readonly launcher: 'local' | 'slurm';
  readonly createdAt: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly exitCode?: number | null;
  /** Local runs: the runner's pid and its start time (clock ticks since boot) to recognise it after a reload. */
  readonly pid?: number;
  readonly pidStartTime?: number;
  /** Slurm runs: the job id. */
  readonly jobId?: string;
  /** The experiment file the run was started from (re-runs resolve relative paths against it). */
  readonly experimentPath?: string;
  readonly command: readonly string[];
  readonly cwd: string;
  readonly git?: { readonly commit: string; readonly dirty: boolean };
  readonly resources: { readonly gpus: number; readonly cudaVisibleDevices?: string; readonly nodes?: number };
  /** Files inside the run folder. */
  readonly files: { readonly config: string; readonly stdout: string; readonly metrics: string; readonly artifacts: string };
}

export const FINISHED_STATES: ReadonlySet<RunState> = new Set(['succeeded', 'failed', 'cancelled']);
