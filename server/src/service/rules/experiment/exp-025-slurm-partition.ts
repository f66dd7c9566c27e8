import { distance } from 'fastest-levenshtein';
import { diagnostic } from '../../diagnostic';
import { valueRange } from '../../yaml-path';
import type { AsyncRule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { replace, withFixes } from './edits';
import { describePartitions, slurmTarget } from './slurm-partition-of';

/**
 * EXP-025: `run.slurm.partition` names a partition the cluster has (error: sbatch would refuse the job with
 * "invalid partition specified"), and that partition is up (warning: jobs would pend). Partitions come from
 * `sinfo` through the host, cached; silent when they cannot be read.
 */
export const slurmPartition: AsyncRule = async (ctx) => {
  const target = await slurmTarget(ctx);
  if (!target?.entry?.node || target.name === undefined) return [];
  const { file, settings } = ctx;
  const { partitions, entry, name } = target;
  const found = partitions.find((p) => p.name === name);
  if (!found) {
    const ranked = [...partitions].sort(
      (a, b) => distance(name, a.name) - distance(name, b.name) || Number(b.isDefault) - Number(a.isDefault),
    );
    const d = diagnostic(
      settings,
      'EXP-025',
      'error',
      valueRange(file, entry),
      t(
        settings.locale,
        'Partition `{0}` does not exist on this Slurm cluster; sbatch would refuse the job ("invalid partition specified"). The cluster has {1}.',
        name,
        describePartitions(partitions, settings.locale),
      ),
    );
    return [
      withFixes(
        d,
        ranked.slice(0, 5).map((p) => ({
          title: t(settings.locale, 'Change to `{0}`', p.name),
          edits: [replace(file, entry.node!, p.name)],
        })),
      ),
    ];
  }
  if (!/^up$/i.test(found.state)) {
    return [
      diagnostic(
        settings,
        'EXP-025',
        'warning',
        valueRange(file, entry),
        t(
          settings.locale,
          'Partition `{0}` is {1}: a job submitted to it would wait until an administrator brings it up. Choose another of {2}.',
          name,
          found.state.toLowerCase(),
          describePartitions(
            partitions.filter((p) => /^up$/i.test(p.state)),
            settings.locale,
          ),
        ),
      ),
    ];
  }
  return [];
};
