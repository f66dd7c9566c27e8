/**
 * What the language service may ask of the outside world, injected by its caller (the server passes Node's file
 * system and the workspace index; the CLI the same; tests pass fakes). Rules never touch `fs` directly.
 */
import type { DocumentKind } from './types';

export interface FileInfo { readonly mtimeMs: number; readonly size: number; readonly isDirectory: boolean }

/** A detected accelerator (from core's GPU probe). */
export interface GpuInfo { readonly index: number; readonly name: string; readonly memoryTotalMiB: number }

/** A Liftoff document elsewhere in the workspace (for uniqueness and cross-document rules). */
export interface WorkspaceDocument {
  readonly uri: string;
  readonly kind: DocumentKind;
  readonly name?: string;
  /** Path relative to the workspace folder that holds it, for messages (`experiments/a.experiment.yaml`). */
  readonly relativePath?: string;
}

/** One finished run of an experiment (for time-limit estimates). */
export interface PastRun { readonly state: string; readonly durationSec: number; readonly gpus?: number }

/** A Slurm partition as `sinfo` / `scontrol show partition` describe it (largest node values when its nodes differ). */
export interface SlurmPartitionInfo {
  readonly name: string;
  readonly isDefault: boolean;
  /** `up`, `down`, `drain`, `inactive`. */
  readonly state: string;
  readonly nodes: number;
  /** Per-job limits; undefined when unlimited. */
  readonly maxNodes?: number;
  readonly maxTimeSec?: number;
  readonly maxCpusPerNode?: number;
  readonly maxMemMBPerNode?: number;
  readonly cpusPerNode: number;
  readonly memoryMBPerNode: number;
  /** The most GPUs (`gpu` GRES) one node has; 0 when none. */
  readonly gpusPerNode: number;
  readonly gpuTypes: readonly string[];
}

export interface ServiceHost {
  stat(fsPath: string): Promise<FileInfo | undefined>;
  /** The first `maxBytes` of a file as UTF-8 (enough for a CSV header), or undefined when unreadable. */
  readHead(fsPath: string, maxBytes: number): Promise<string | undefined>;
  /** The whole file as bytes (ONNX models), or undefined when unreadable. */
  readBytes(fsPath: string): Promise<Uint8Array | undefined>;
  /** Liftoff documents of the workspace, excluding none (callers filter out the current one). */
  workspaceDocuments(): Promise<readonly WorkspaceDocument[]>;
  /** Local GPUs; undefined when unknown (probe failed or not run), [] when there are none. */
  gpus(): Promise<readonly GpuInfo[] | undefined>;
  /** Past runs of the experiment named `name`, newest first. */
  pastRuns(name: string): Promise<readonly PastRun[]>;
  /** Files under `dirPath` (relative names), for path completion; at most `limit`. */
  listDir(dirPath: string, limit: number): Promise<ReadonlyArray<{ name: string; isDirectory: boolean }>>;
  /**
   * The Slurm cluster's partitions (cached by the host); undefined when unknown: no Slurm here, not enabled, or the
   * query failed. Only rules about `run.launcher: slurm` experiments ask.
   */
  slurmPartitions?(): Promise<readonly SlurmPartitionInfo[] | undefined>;
}

/** A host that knows nothing: rules that need the outside world stay silent. */
export const NULL_HOST: ServiceHost = {
  stat: async () => undefined,
  readHead: async () => undefined,
  readBytes: async () => undefined,
  workspaceDocuments: async () => [],
  gpus: async () => undefined,
  pastRuns: async () => [],
  listDir: async () => [],
  slurmPartitions: async () => undefined,
};
