import { diagnostic } from '../../diagnostic';
import type { LiftoffDiagnostic } from '../../types';
import { at, num, str, valueRange, type Entry } from '../../yaml-path';
import type { AsyncRule } from '../rule';
import { replace, withFixes } from './edits';
import { formatTimeLimit, parseTimeLimit } from './exp-024-time-limit';
import { slurmTarget } from './slurm-partition-of';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * EXP-026 (error): the request fits the partition it goes to (`run.slurm.partition`, else the default one): GPUs per
 * node ≤ the most any of its nodes has (and the GPU type is one it offers), nodes ≤ its node count and MaxNodes, CPUs
 * and memory per node ≤ its largest node and per-node limits, time limit ≤ MaxTime. With EnforcePartLimits sbatch
 * refuses such a job; without, it pends forever. Silent when the partitions cannot be read or the partition is unknown
 * (EXP-025's case).
 */
export const slurmLimits: AsyncRule = async (ctx) => {
  const target = await slurmTarget(ctx);
  if (!target) return [];
  const p =
    target.name !== undefined
      ? target.partitions.find((x) => x.name === target.name)
      : target.partitions.find((x) => x.isDefault);
  if (!p) return [];
  const { file, settings, yaml } = ctx;
  const out: LiftoffDiagnostic[] = [];
  const where = `partition \`${p.name}\`${target.name === undefined ? ' (the default)' : ''}`;
  const check = (
    path: string[],
    over: (v: number) => string | undefined,
    fix?: (e: Entry) => { title: string; text: string } | undefined,
  ) => {
    const e = at(yaml.root, ['resources', ...path]);
    const v = num(e);
    if (!e?.node || v === undefined) return;
    const problem = over(v);
    if (!problem) return;
    const d = diagnostic(
      settings,
      'EXP-026',
      'error',
      valueRange(file, e),
      `${problem} sbatch would refuse the job, or it would wait forever.`,
    );
    const f = fix?.(e);
    out.push(f ? withFixes(d, [{ title: f.title, edits: [replace(file, e.node, f.text)] }]) : d);
  };

  check(
    ['gpus'],
    (v) =>
      v > p.gpusPerNode
        ? `\`resources.gpus: ${v}\` asks for ${plural(v, 'GPU')} per node, but ${p.gpusPerNode ? `the nodes of ${where} have at most ${p.gpusPerNode}` : `${where} has no GPUs (no \`gpu\` GRES)`}.`
        : undefined,
    () => (p.gpusPerNode > 0 ? { title: `Change to ${p.gpusPerNode}`, text: String(p.gpusPerNode) } : undefined),
  );
  check(
    ['nodes'],
    (v) => {
      const max = Math.min(p.nodes, p.maxNodes ?? Infinity);
      return v > max
        ? `\`resources.nodes: ${v}\` is more than ${where} allows for one job (${max}${p.maxNodes !== undefined && p.maxNodes <= p.nodes ? ', its MaxNodes' : ` of its ${plural(p.nodes, 'node')}`}).`
        : undefined;
    },
    () => ({
      title: `Change to ${Math.min(p.nodes, p.maxNodes ?? Infinity)}`,
      text: String(Math.min(p.nodes, p.maxNodes ?? Infinity)),
    }),
  );
  check(['cpus'], (v) => {
    const max = Math.min(p.cpusPerNode, p.maxCpusPerNode ?? Infinity);
    return max > 0 && v > max
      ? `\`resources.cpus: ${v}\` is more than a node of ${where} offers (${max} CPUs).`
      : undefined;
  });
  check(['memory_gb'], (v) => {
    const maxMb = Math.min(p.memoryMBPerNode, p.maxMemMBPerNode ?? Infinity);
    return maxMb > 0 && v * 1024 > maxMb
      ? `\`resources.memory_gb: ${v}\` is more than a node of ${where} offers (${(maxMb / 1024).toFixed(1).replace(/\.0$/, '')} GiB).`
      : undefined;
  });

  const gpuType = at(yaml.root, ['resources', 'gpu_type']);
  const type = str(gpuType);
  if (
    gpuType?.node &&
    type &&
    p.gpuTypes.length &&
    !p.gpuTypes.includes(type) &&
    (num(at(yaml.root, ['resources', 'gpus'])) ?? 0) > 0
  ) {
    out.push(
      diagnostic(
        settings,
        'EXP-026',
        'error',
        valueRange(file, gpuType),
        `\`resources.gpu_type: ${type}\` is used as the GRES type (\`--gres=gpu:${type}:N\`), but ${where} offers ${p.gpuTypes.map((t) => `\`${t}\``).join(', ')}.`,
      ),
    );
  }
  const time = at(yaml.root, ['resources', 'time_limit']);
  const seconds = str(time) === undefined ? undefined : parseTimeLimit(str(time)!);
  if (time?.node && seconds !== undefined && p.maxTimeSec !== undefined && seconds > p.maxTimeSec) {
    const max = formatTimeLimit(p.maxTimeSec);
    const d = diagnostic(
      settings,
      'EXP-026',
      'error',
      valueRange(file, time),
      `\`resources.time_limit\` ${formatTimeLimit(seconds)} is longer than the MaxTime of ${where} (${max}). sbatch would refuse the job.`,
    );
    out.push(withFixes(d, [{ title: `Change to "${max}"`, edits: [replace(file, time.node, `"${max}"`)] }]));
  }
  return out;
};
