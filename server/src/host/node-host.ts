/**
 * The ServiceHost of the real server and the CLI: Node's file system (regular files only, bounded reads: see
 * ./safe-read), the workspace index, the nvidia-smi GPU probe, Slurm partitions and the run history.
 */
import { statSync, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { probeGpus, type GpuProbeResult } from '../../../core/src/gpu';
import { readRunHistory, RUNS_DIR } from '../../../core/src/runs';
import { experimentRunSpend } from '../../../core/src/plan-compute';
import { createSlurmRunner, readPartitions, type SlurmRunner } from '../../../core/src/launchers';
import type { FileInfo, GpuInfo, PastRun, ServiceHost, SlurmPartitionInfo, WorkspaceDocument } from '../service/host';
import { fileType, readRegular, readRegularSync } from './safe-read';
import { WorkspaceIndex, type FileChange, type WorkspaceIndexOptions } from './workspace-index';
import { readDocumentFactsSync } from './document-facts';

/** The most `readBytes` returns (ONNX models are checked up to 200 MB); larger files read as undefined. */
const MAX_READ_BYTES = 256 * 1024 * 1024;

export interface NodeHostOptions {
  readonly workspaceFolders: readonly string[];
  /** Replaces the nvidia-smi probe (tests, or a caller with its own). */
  readonly gpuProbe?: () => Promise<GpuProbeResult>;
  /** How long a probe result is reused; default 60 s. */
  readonly gpuCacheMs?: number;
  /**
   * The workspace index: by default queries wait for its first scan (the CLI, tests); the server passes
   * `waitForScan: false` and `onScanned` so diagnostics of open documents never wait for a large workspace.
   */
  readonly index?: Omit<WorkspaceIndexOptions, 'read'>;
  /**
   * The files do not change while this host lives (one `liftoff validate` run): what `stat` says and which
   * experiments have run history are remembered instead of asked again for every document. Never in the server.
   */
  readonly snapshot?: boolean;
  /** Reading Slurm partitions for validation (EXP-025/026); absent: off, Slurm is never run. */
  readonly slurm?: SlurmHostOptions;
}

export interface SlurmHostOptions {
  /** `liftoff.slurm.commandPrefix`, e.g. ["ssh", "login.cluster"]. */
  readonly commandPrefix?: readonly string[];
  /** Replaces the real commands (tests). */
  readonly runner?: SlurmRunner;
  /** How long partitions are reused; default 5 min. */
  readonly cacheMs?: number;
  /** How long a failure (no Slurm here, controller down) is remembered before trying again; default 10 min. */
  readonly failureCacheMs?: number;
}

export interface NodeHost extends ServiceHost {
  /** Every document of the workspace index (all kinds, sorted by path). */
  workspaceDocuments(): Promise<readonly WorkspaceDocument[]>;
  /** Starts the index's first scan now (the server, at initialize); resolves when it is done. */
  indexReady(): Promise<void>;
  /** File-system events for the index; resolves with the index facts that changed (see `nameFact`, `kindFact`). */
  filesChanged(changes: readonly FileChange[]): Promise<string[]>;
  /** Scans the workspace again (events were lost or too many to trust). */
  invalidate(): void;
  slurmPartitions(): Promise<readonly SlurmPartitionInfo[] | undefined>;
  /** Turns Slurm partition reading on (with these options) or off (undefined); forgets what was cached. */
  configureSlurm(options: SlurmHostOptions | undefined): void;
}

export function createNodeHost(options: NodeHostOptions): NodeHost {
  const folders = options.workspaceFolders.map((f) => path.resolve(f));
  const gpuCacheMs = options.gpuCacheMs ?? 60_000;
  const probe = options.gpuProbe ?? (() => probeGpus());
  let gpuCache: { at: number; value: Promise<GpuInfo[] | undefined> } | undefined;
  // A snapshot (one `liftoff validate` run, nothing else in the process) reads with blocking calls: several times
  // cheaper per file than the asynchronous calls' round trips, and nothing waits on this thread meanwhile.
  const sync = options.snapshot === true;
  const index = new WorkspaceIndex(folders, {
    ...options.index,
    ...(sync && { read: async (file: string, folder: string | undefined) => readDocumentFactsSync(file, folder) }),
  });
  let slurm = options.slurm;
  let slurmCache: { at: number; failed: boolean; value: Promise<SlurmPartitionInfo[] | undefined> } | undefined;
  const stats = new Map<string, Promise<FileInfo | undefined>>();
  let withHistory: Promise<Set<string>> | undefined;
  const hasHistory = (name: string) => (withHistory ??= runHistoryNames(folders)).then((names) => names.has(name));

  return {
    stat(fsPath) {
      if (!sync) return statOf(fsPath);
      let hit = stats.get(fsPath);
      if (!hit) stats.set(fsPath, (hit = Promise.resolve(statOfSync(fsPath))));
      return hit;
    },
    readHead: sync ? async (fsPath, maxBytes) => readHeadSync(fsPath, maxBytes) : readHead,
    async readBytes(fsPath) {
      try {
        return new Uint8Array(
          sync ? readRegularSync(fsPath, MAX_READ_BYTES, true) : await readRegular(fsPath, MAX_READ_BYTES, true),
        );
      } catch {
        return undefined;
      }
    },
    documentsNamed: (kind, name) => index.documentsNamed(kind, name),
    documentsOfKind: (kind) => index.documentsOfKind(kind),
    workspaceDocuments: () => index.all(),
    indexReady: () => index.ready(),
    filesChanged: (changes) => index.update(changes),
    invalidate() {
      void index.rescan();
    },
    gpus() {
      if (!gpuCache || Date.now() - gpuCache.at > gpuCacheMs) {
        gpuCache = { at: Date.now(), value: probe().then(toGpuInfo, () => undefined) };
      }
      return gpuCache.value;
    },
    async pastRuns(name) {
      if (options.snapshot && !(await hasHistory(name))) return [];
      const runs = (await Promise.all(folders.map((f) => readRunHistory(f, name))))
        .flat()
        .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
      return runs.map((r): PastRun => ({
        state: r.state,
        durationSec: r.durationSec,
        ...(r.gpus !== undefined ? { gpus: r.gpus } : {}),
      }));
    },
    async runSpend(name, sinceMs) {
      try {
        return await experimentRunSpend(folders, name, sinceMs);
      } catch {
        return undefined;
      }
    },
    async listDir(dirPath, limit) {
      try {
        const entries = await readdir(dirPath, { withFileTypes: true });
        return entries.slice(0, Math.max(0, limit)).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
      } catch {
        return [];
      }
    },
    // Every validation of a Slurm experiment asks: answers and failures are both cached, so a machine without Slurm
    // spawns `sinfo` once per failureCacheMs at most, never per keystroke.
    slurmPartitions() {
      if (!slurm) return Promise.resolve(undefined);
      const now = Date.now();
      if (
        slurmCache &&
        now - slurmCache.at < (slurmCache.failed ? (slurm.failureCacheMs ?? 600_000) : (slurm.cacheMs ?? 300_000))
      )
        return slurmCache.value;
      const runner = slurm.runner ?? createSlurmRunner({ commandPrefix: slurm.commandPrefix });
      const entry: NonNullable<typeof slurmCache> = { at: now, failed: false, value: Promise.resolve(undefined) };
      entry.value = readPartitions(runner).catch(() => {
        entry.failed = true;
        return undefined;
      });
      slurmCache = entry;
      return entry.value;
    },
    configureSlurm(o) {
      slurm = o;
      slurmCache = undefined;
    },
  };
}

/** Experiment names with a folder under `.liftoff/runs` in any workspace folder. */
async function runHistoryNames(folders: readonly string[]): Promise<Set<string>> {
  const lists = await Promise.all(folders.map((f) => readdir(path.join(f, RUNS_DIR)).catch(() => [] as string[])));
  return new Set(lists.flat());
}

function toGpuInfo(result: GpuProbeResult): GpuInfo[] | undefined {
  if (result.status === 'no-driver') return [];
  if (result.status !== 'ok') return undefined;
  return result.gpus.map((g) => ({ index: g.index, name: g.name, memoryTotalMiB: g.memoryTotalMiB }));
}

/** What the path is (following symlinks); `stat` never opens it, so a FIFO or device cannot block here. */
async function statOf(fsPath: string): Promise<FileInfo | undefined> {
  try {
    return infoOf(await stat(fsPath));
  } catch {
    return undefined;
  }
}

function statOfSync(fsPath: string): FileInfo | undefined {
  try {
    return infoOf(statSync(fsPath));
  } catch {
    return undefined;
  }
}

function infoOf(s: Stats): FileInfo {
  return { mtimeMs: s.mtimeMs, size: s.size, isDirectory: s.isDirectory(), type: fileType(s) };
}

/** The first `maxBytes` bytes of a regular file as UTF-8 (a character cut at the end is dropped). */
async function readHead(fsPath: string, maxBytes: number): Promise<string | undefined> {
  try {
    return headText(await readRegular(fsPath, maxBytes));
  } catch {
    return undefined;
  }
}

function readHeadSync(fsPath: string, maxBytes: number): string | undefined {
  try {
    return headText(readRegularSync(fsPath, maxBytes));
  } catch {
    return undefined;
  }
}

const headText = (bytes: Buffer) => bytes.toString('utf8').replace(/\uFFFD$/, '');
