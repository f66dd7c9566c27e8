/**
 * The ServiceHost of the real server and the CLI: Node's file system, a workspace index of Liftoff documents, the
 * nvidia-smi GPU probe and the run history. Everything here is cached, since rules ask on every validation.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { parseAllDocuments } from 'yaml';
import { probeGpus, type GpuProbeResult } from '../../../core/src/gpu/probe';
import { readRunHistory } from '../../../core/src/runs/history';
import { createSlurmRunner, type SlurmRunner } from '../../../core/src/launchers/slurm/command-runner';
import { readPartitions } from '../../../core/src/launchers/slurm/partitions';
import type { FileInfo, GpuInfo, PastRun, ServiceHost, SlurmPartitionInfo, WorkspaceDocument } from '../service/host';
import { isKnownKind, kindFromUriOrModeline } from '../service/kind';

export interface NodeHostOptions {
  readonly workspaceFolders: readonly string[];
  /** Replaces the nvidia-smi probe (tests, or a caller with its own). */
  readonly gpuProbe?: () => Promise<GpuProbeResult>;
  /** How long a probe result is reused; default 60 s. */
  readonly gpuCacheMs?: number;
  /** How long the list of workspace files is reused before globbing again; default 2 s. Contents are cached by mtime. */
  readonly scanCacheMs?: number;
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
  /** Forgets the workspace file list (call on file-system create/delete events), so the next query globs again. */
  invalidate(): void;
  slurmPartitions(): Promise<readonly SlurmPartitionInfo[] | undefined>;
  /** Turns Slurm partition reading on (with these options) or off (undefined); forgets what was cached. */
  configureSlurm(options: SlurmHostOptions | undefined): void;
}

const PATTERNS = ['**/*.experiment.yaml', '**/*.experiment.yml', '**/*.plan.yaml', '**/*.plan.yml'];
const IGNORE = ['**/node_modules/**', '**/.liftoff/**', '**/.git/**'];
/** Workspace documents larger than this are not indexed (the validation limit's default). */
const MAX_INDEXED_BYTES = 2 * 1024 * 1024;

export function createNodeHost(options: NodeHostOptions): NodeHost {
  const folders = options.workspaceFolders.map((f) => path.resolve(f));
  const gpuCacheMs = options.gpuCacheMs ?? 60_000;
  const scanCacheMs = options.scanCacheMs ?? 2_000;
  const probe = options.gpuProbe ?? (() => probeGpus());
  let gpuCache: { at: number; value: Promise<GpuInfo[] | undefined> } | undefined;
  let scan: { at: number; files: Promise<string[]> } | undefined;
  const parsed = new Map<string, { mtimeMs: number; size: number; docs: WorkspaceDocument[] }>();
  let slurm = options.slurm;
  let slurmCache: { at: number; failed: boolean; value: Promise<SlurmPartitionInfo[] | undefined> } | undefined;

  async function describe(file: string): Promise<WorkspaceDocument[]> {
    const info = await statOf(file);
    if (!info || info.isDirectory || info.size > MAX_INDEXED_BYTES) return [];
    const hit = parsed.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.docs;
    const folder = folders.find((f) => file.startsWith(f + path.sep));
    const relativePath = folder ? path.relative(folder, file).split(path.sep).join('/') : undefined;
    const docs = (await readDocuments(file)).map((d) => (relativePath ? { ...d, relativePath } : d));
    parsed.set(file, { mtimeMs: info.mtimeMs, size: info.size, docs });
    return docs;
  }

  return {
    stat: statOf,
    readHead,
    async readBytes(fsPath) {
      try { return new Uint8Array(await readFile(fsPath)); } catch { return undefined; }
    },
    async workspaceDocuments() {
      if (!scan || Date.now() - scan.at > scanCacheMs) {
        scan = { at: Date.now(), files: Promise.all(folders.map((cwd) => glob(PATTERNS, { cwd, absolute: true, ignore: IGNORE })
          .catch(() => [] as string[]))).then((lists) => [...new Set(lists.flat().map((f) => path.normalize(f)))].sort()) };
      }
      const files = await scan.files;
      for (const cached of parsed.keys()) if (!files.includes(cached)) parsed.delete(cached);
      return (await Promise.all(files.map(describe))).flat();
    },
    gpus() {
      if (!gpuCache || Date.now() - gpuCache.at > gpuCacheMs) {
        gpuCache = { at: Date.now(), value: probe().then(toGpuInfo, () => undefined) };
      }
      return gpuCache.value;
    },
    async pastRuns(name) {
      const runs = (await Promise.all(folders.map((f) => readRunHistory(f, name)))).flat()
        .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
      return runs.map((r): PastRun => ({ state: r.state, durationSec: r.durationSec, ...(r.gpus !== undefined ? { gpus: r.gpus } : {}) }));
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
      if (slurmCache && now - slurmCache.at < (slurmCache.failed ? slurm.failureCacheMs ?? 600_000 : slurm.cacheMs ?? 300_000)) return slurmCache.value;
      const runner = slurm.runner ?? createSlurmRunner({ commandPrefix: slurm.commandPrefix });
      const entry: NonNullable<typeof slurmCache> = { at: now, failed: false, value: Promise.resolve(undefined) };
      entry.value = readPartitions(runner).catch(() => { entry.failed = true; return undefined; });
      slurmCache = entry;
      return entry.value;
    },
    invalidate() { scan = undefined; },
    configureSlurm(o) { slurm = o; slurmCache = undefined; },
  };
}

function toGpuInfo(result: GpuProbeResult): GpuInfo[] | undefined {
  if (result.status === 'no-driver') return [];
  if (result.status !== 'ok') return undefined;
  return result.gpus.map((g) => ({ index: g.index, name: g.name, memoryTotalMiB: g.memoryTotalMiB }));
}

async function statOf(fsPath: string): Promise<FileInfo | undefined> {
  try {
    const s = await stat(fsPath);
    return { mtimeMs: s.mtimeMs, size: s.size, isDirectory: s.isDirectory() };
  } catch {
    return undefined;
  }
}

/** The first `maxBytes` bytes as UTF-8 (a character cut at the end is dropped). */
async function readHead(fsPath: string, maxBytes: number): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(fsPath, 'r');
    const buffer = Buffer.alloc(Math.max(0, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/\uFFFD$/, '');
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The kind and `metadata.name` of each Liftoff document in a file (a file may hold several, split by `---`). */
async function readDocuments(file: string): Promise<WorkspaceDocument[]> {
  let text: string;
  try { text = await readFile(file, 'utf8'); } catch { return []; }
  const uri = pathToFileURL(file).toString();
  const implied = kindFromUriOrModeline(uri, text.slice(0, 4096));
  const out: WorkspaceDocument[] = [];
  try {
    for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
      const declared = doc.get('kind');
      const kind = isKnownKind(declared) ? declared : implied;
      if (!kind) continue;
      const name = doc.getIn(['metadata', 'name']);
      out.push(typeof name === 'string' && name ? { uri, kind, name } : { uri, kind });
    }
  } catch {
    return out;
  }
  return out;
}

