import { diagnostic } from '../../diagnostic';
import type { LiftoffDiagnostic } from '../../types';
import { at, num, str, valueRange, type Entry } from '../../yaml-path';
import type { AsyncRule } from '../rule';
import { replace, withFixes } from './edits';
import { formatTimeLimit, parseTimeLimit } from './exp-024-time-limit';
import { slurmTarget } from './slurm-partition-of';
import { t } from '../../../../../core/src/l10n';

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
  const l = settings.locale;
  const where =
    target.name === undefined ? t(l, 'partition `{0}` (the default)', p.name) : t(l, 'partition `{0}`', p.name);
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
      t(l, '{0} sbatch would refuse the job, or it would wait forever.', problem),
    );
    const f = fix?.(e);
    out.push(f ? withFixes(d, [{ title: f.title, edits: [replace(file, e.node, f.text)] }]) : d);
  };

  check(
    ['gpus'],
    (v) =>
      v > p.gpusPerNode
        ? p.gpusPerNode
          ? t(
              l,
              '`resources.gpus: {0}` asks for {0} GPUs per node, but the nodes of {1} have at most {2}.',
              v,
              where,
              p.gpusPerNode,
            )
          : v === 1
            ? t(l, '`resources.gpus: {0}` asks for {0} GPU per node, but {1} has no GPUs (no `gpu` GRES).', v, where)
            : t(l, '`resources.gpus: {0}` asks for {0} GPUs per node, but {1} has no GPUs (no `gpu` GRES).', v, where)
        : undefined,
    () =>
      p.gpusPerNode > 0 ? { title: t(l, 'Change to {0}', p.gpusPerNode), text: String(p.gpusPerNode) } : undefined,
  );
  check(
    ['nodes'],
    (v) => {
      const max = Math.min(p.nodes, p.maxNodes ?? Infinity);
      return v > max
        ? p.maxNodes !== undefined && p.maxNodes <= p.nodes
          ? t(l, '`resources.nodes: {0}` is more than {1} allows for one job ({2}, its MaxNodes).', v, where, max)
          : p.nodes === 1
            ? t(
                l,
                '`resources.nodes: {0}` is more than {1} allows for one job ({2} of its {3} node).',
                v,
                where,
                max,
                p.nodes,
              )
            : t(
                l,
                '`resources.nodes: {0}` is more than {1} allows for one job ({2} of its {3} nodes).',
                v,
                where,
                max,
                p.nodes,
              )
        : undefined;
    },
    () => ({
      title: t(l, 'Change to {0}', Math.min(p.nodes, p.maxNodes ?? Infinity)),
      text: String(Math.min(p.nodes, p.maxNodes ?? Infinity)),
    }),
  );
  check(['cpus'], (v) => {
    const max = Math.min(p.cpusPerNode, p.maxCpusPerNode ?? Infinity);
    return max > 0 && v > max
      ? t(l, '`resources.cpus: {0}` is more than a node of {1} offers ({2} CPUs).', v, where, max)
      : undefined;
  });
  check(['memory_gb'], (v) => {
    const maxMb = Math.min(p.memoryMBPerNode, p.maxMemMBPerNode ?? Infinity);
    return maxMb > 0 && v * 1024 > maxMb
      ? t(
          l,
          '`resources.memory_gb: {0}` is more than a node of {1} offers ({2} GiB).',
          v,
          where,
          (maxMb / 1024).toFixed(1).replace(/\.0$/, ''),
        )
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
        t(
          l,
          '`resources.gpu_type: {0}` is used as the GRES type (`--gres=gpu:{0}:N`), but {1} offers {2}.',
          type,
          where,
          p.gpuTypes.map((g) => `\`${g}\``).join(', '),
        ),
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
      t(
        l,
        '`resources.time_limit` {0} is longer than the MaxTime of {1} ({2}). sbatch would refuse the job.',
        formatTimeLimit(seconds),
        where,
        max,
      ),
    );
    out.push(withFixes(d, [{ title: t(l, 'Change to "{0}"', max), edits: [replace(file, time.node, `"${max}"`)] }]));
  }
  return out;
};
