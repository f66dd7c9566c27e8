import { t, type Locale } from '../../../../../core/src/l10n';
import type { SlurmPartitionInfo } from '../../host';
import { at, str, type Entry } from '../../yaml-path';
import type { AsyncRuleContext } from '../rule';

export interface SlurmTarget {
  readonly partitions: readonly SlurmPartitionInfo[];
  /** `run.slurm.partition` as written, if any. */
  readonly entry: Entry | undefined;
  readonly name: string | undefined;
}

/**
 * For EXP-025/026: the cluster's partitions and the one the experiment names, or undefined when the rules have nothing
 * to say (not a Slurm run, or the host cannot tell: no Slurm here, validation of partitions off, query failed).
 */
export async function slurmTarget({ yaml, host }: AsyncRuleContext): Promise<SlurmTarget | undefined> {
  if (str(at(yaml.root, ['run', 'launcher'])) !== 'slurm') return undefined;
  const partitions = await host.slurmPartitions?.();
  if (!partitions?.length) return undefined;
  const entry = at(yaml.root, ['run', 'slurm', 'partition']);
  return { partitions, entry, name: str(entry) };
}

/** `debug* (2 nodes, 4 GPUs/node)`-style list for messages; the default partition is starred, as sinfo does. */
export function describePartitions(partitions: readonly SlurmPartitionInfo[], locale?: Locale): string {
  return partitions.map((p) => (p.isDefault ? t(locale, '`{0}` (default)', p.name) : `\`${p.name}\``)).join(', ');
}
