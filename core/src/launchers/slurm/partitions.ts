import { describeFailure, type SlurmRunner } from './command-runner';
import { parseKeyValues, parseSlurmTime } from './key-values';

/** What validation needs to know about one partition (largest node values when its nodes differ). */
export interface SlurmPartition {
  readonly name: string;
  readonly isDefault: boolean;
  /** `up`, `down`, `drain`, `inactive`. */
  readonly state: string;
  readonly nodes: number;
  /** MaxNodes per job, undefined when unlimited. */
  readonly maxNodes?: number;
  readonly cpusPerNode: number;
  readonly memoryMBPerNode: number;
  /** The most GPUs (`gpu` GRES) one node of the partition has; 0 when none. */
  readonly gpusPerNode: number;
  /** GRES GPU types offered (`a100`, …); empty when untyped or none. */
  readonly gpuTypes: readonly string[];
  /** MaxTime in seconds; undefined when unlimited. */
  readonly maxTimeSec?: number;
  readonly maxCpusPerNode?: number;
  readonly maxMemMBPerNode?: number;
}

/** `sinfo` columns: partition (`*` marks the default), availability, time limit, nodes, CPUs, memory (MB), GRES. */
export const SINFO_FORMAT = '%P|%a|%l|%D|%c|%m|%G';

const int = (s: string | undefined): number => {
  const n = parseInt((s ?? '').replace(/\+$/, ''), 10);
  return Number.isFinite(n) ? n : 0;
};

/** `gpu:a100:4(S:0-1),gpu:2,shard:8` → the GPU count of one node and its types. */
export function parseGres(gres: string): { gpus: number; types: string[] } {
  let gpus = 0;
  const types: string[] = [];
  for (const part of gres.split(/,(?![^(]*\))/)) {
    const m = /^gpu(?::([^:(]+))?:(\d+)/.exec(part.trim());
    if (!m) continue;
    gpus += Number(m[2]);
    if (m[1] && !/^\d+$/.test(m[1])) types.push(m[1]);
  }
  return { gpus, types };
}

/** `sinfo -h -o SINFO_FORMAT`: one line per partition and node configuration; folded into one entry per partition. */
export function parseSinfo(text: string): SlurmPartition[] {
  const byName = new Map<string, SlurmPartition>();
  for (const line of text.split('\n')) {
    const [rawName, avail, limit, nodes, cpus, mem, gres] = line.trim().split('|');
    if (!rawName || avail === undefined) continue;
    const name = rawName.replace(/\*$/, '');
    const g = parseGres(gres ?? '');
    const prev = byName.get(name);
    byName.set(name, {
      name,
      isDefault: rawName.endsWith('*') || (prev?.isDefault ?? false),
      state: avail,
      nodes: (prev?.nodes ?? 0) + int(nodes),
      cpusPerNode: Math.max(prev?.cpusPerNode ?? 0, int(cpus)),
      memoryMBPerNode: Math.max(prev?.memoryMBPerNode ?? 0, int(mem)),
      gpusPerNode: Math.max(prev?.gpusPerNode ?? 0, g.gpus),
      gpuTypes: [...new Set([...(prev?.gpuTypes ?? []), ...g.types])],
      maxTimeSec: parseSlurmTime(limit),
    });
  }
  return [...byName.values()];
}

/** `scontrol show partition -o`: the per-job limits sinfo does not print. */
export function parsePartitionLimits(
  text: string,
): Map<string, Pick<SlurmPartition, 'maxNodes' | 'maxCpusPerNode' | 'maxMemMBPerNode' | 'maxTimeSec'>> {
  const out = new Map<string, Pick<SlurmPartition, 'maxNodes' | 'maxCpusPerNode' | 'maxMemMBPerNode' | 'maxTimeSec'>>();
  const limited = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  for (const line of text.split('\n')) {
    const kv = parseKeyValues(line.trim());
    const name = kv.get('PartitionName');
    if (!name) continue;
    out.set(name, {
      maxNodes: limited(kv.get('MaxNodes')),
      maxCpusPerNode: limited(kv.get('MaxCPUsPerNode')),
      maxMemMBPerNode: limited(kv.get('MaxMemPerNode')),
      maxTimeSec: parseSlurmTime(kv.get('MaxTime')),
    });
  }
  return out;
}

/** Partitions with their nodes' GPUs and limits: `sinfo` and `scontrol show partition`, two calls. Throws when sinfo fails. */
export async function readPartitions(run: SlurmRunner): Promise<SlurmPartition[]> {
  const sinfoArgv = ['sinfo', '-h', '-o', SINFO_FORMAT];
  const [sinfo, scontrol] = await Promise.all([
    run(sinfoArgv, { timeoutMs: 10_000 }),
    run(['scontrol', 'show', 'partition', '-o'], { timeoutMs: 10_000 }),
  ]);
  if (sinfo.code !== 0) throw new Error(describeFailure(sinfoArgv, sinfo));
  const limits = scontrol.code === 0 ? parsePartitionLimits(scontrol.stdout) : new Map();
  return parseSinfo(sinfo.stdout).map((p) => {
    const l = limits.get(p.name);
    return l ? { ...p, ...l, maxTimeSec: l.maxTimeSec ?? p.maxTimeSec } : p;
  });
}
