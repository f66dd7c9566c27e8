/**
 * What the language service may ask of the outside world, injected by its caller (the server passes Node's file
 * system and the workspace index; the CLI the same; tests pass fakes). Rules never touch `fs` directly.
 */
import type { DocumentKind } from './types';
import { t, type Locale } from '../../../core/src/l10n';

/** What a path is. Only regular files are ever read: a FIFO, socket or device named in YAML is reported, not opened. */
export type FileType = 'file' | 'directory' | 'fifo' | 'socket' | 'device' | 'other';

export interface FileInfo {
  readonly mtimeMs: number;
  readonly size: number;
  readonly isDirectory: boolean;
  readonly type: FileType;
}

/** "a named pipe (FIFO)", for messages about a path that is not a regular file. */
export function describeFileType(type: FileType, locale?: Locale): string {
  switch (type) {
    case 'file':
      return t(locale, 'a regular file');
    case 'directory':
      return t(locale, 'a folder');
    case 'fifo':
      return t(locale, 'a named pipe (FIFO)');
    case 'socket':
      return t(locale, 'a socket');
    case 'device':
      return t(locale, 'a device');
    case 'other':
      return t(locale, 'a special file');
  }
}

/** A path that is neither a regular file nor a folder: rules report it and never read it. */
export function isSpecialFile(info: FileInfo): boolean {
  return info.type !== 'file' && info.type !== 'directory';
}

/** A detected accelerator (from core's GPU probe). */
export interface GpuInfo {
  readonly index: number;
  readonly name: string;
  readonly memoryTotalMiB: number;
}

/** A Liftoff document elsewhere in the workspace (an entry of the workspace index, for cross-document rules). */
export interface WorkspaceDocument {
  readonly uri: string;
  readonly kind: DocumentKind;
  readonly name?: string;
  /** Path relative to the workspace folder that holds it, for messages (`experiments/a.experiment.yaml`). */
  readonly relativePath?: string;
  /** Absolute paths of the files it links (a plan's experiments, an experiment's `metadata.linked_plan`). */
  readonly links?: readonly string[];
  /** Metric names an Experiment declares (`metrics`). */
  readonly metrics?: readonly string[];
}

/**
 * Workspace-wide facts a validation asked the index about, as dependency keys (next to the file paths it read):
 * when the index sees a file change, it names the facts that changed, and only the documents that asked about
 * them are validated again. Keys never look like paths.
 */
export const nameFact = (kind: DocumentKind, name: string): string => `index:name:${kind}:${name}`;
export const kindFact = (kind: DocumentKind): string => `index:kind:${kind}`;

/** One finished run of an experiment (for time-limit estimates). */
export interface PastRun {
  readonly state: string;
  readonly durationSec: number;
  readonly gpus?: number;
}

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
  /** The whole file as bytes (ONNX models), or undefined when unreadable, not a regular file or too large. */
  readBytes(fsPath: string): Promise<Uint8Array | undefined>;
  /**
   * The workspace's documents of `kind` named `name`, the current one included (callers filter it out). Answered
   * from the workspace index, never by reading the file system; records a dependency on that name.
   */
  documentsNamed(kind: DocumentKind, name: string): Promise<readonly WorkspaceDocument[]>;
  /** Every document of `kind` in the workspace (from the index; a dependency on the set of such documents). */
  documentsOfKind(kind: DocumentKind): Promise<readonly WorkspaceDocument[]>;
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
  /**
   * GPU-hours of the runs of the experiment named `name` started at or after `sinceMs` (UTC ms), from the workspace's
   * run store (core/src/plan-compute over core/src/runs/cost.ts); undefined when unknown. PLAN-020 asks.
   */
  runSpend?(name: string, sinceMs: number): Promise<{ readonly runs: number; readonly gpuHours: number } | undefined>;
}

/** A host that knows nothing: rules that need the outside world stay silent. */
export const NULL_HOST: ServiceHost = {
  stat: async () => undefined,
  readHead: async () => undefined,
  readBytes: async () => undefined,
  documentsNamed: async () => [],
  documentsOfKind: async () => [],
  gpus: async () => undefined,
  pastRuns: async () => [],
  listDir: async () => [],
  slurmPartitions: async () => undefined,
  runSpend: async () => undefined,
};
