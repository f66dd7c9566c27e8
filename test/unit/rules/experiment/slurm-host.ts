/** A fake cluster for the EXP-025/026 tests: the partitions a `sinfo` would show, through the ServiceHost seam. */
import { NULL_HOST, type ServiceHost, type SlurmPartitionInfo } from '../../../../server/src/service/host';

export const PARTITIONS: readonly SlurmPartitionInfo[] = [
  {
    name: 'cpu',
    isDefault: true,
    state: 'up',
    nodes: 10,
    cpusPerNode: 64,
    memoryMBPerNode: 256_000,
    gpusPerNode: 0,
    gpuTypes: [],
    maxTimeSec: 2 * 86400,
  },
  {
    name: 'gpu',
    isDefault: false,
    state: 'up',
    nodes: 4,
    maxNodes: 2,
    cpusPerNode: 64,
    memoryMBPerNode: 512_000,
    gpusPerNode: 4,
    gpuTypes: ['a100'],
    maxTimeSec: 86400,
  },
  {
    name: 'maint',
    isDefault: false,
    state: 'down',
    nodes: 2,
    cpusPerNode: 16,
    memoryMBPerNode: 64_000,
    gpusPerNode: 0,
    gpuTypes: [],
  },
];

/** A host whose cluster has `partitions` ('unknown': Slurm cannot be asked); counts the questions. */
export function slurmHost(
  partitions: readonly SlurmPartitionInfo[] | 'unknown' = PARTITIONS,
): ServiceHost & { asked: number } {
  const host = {
    ...NULL_HOST,
    asked: 0,
    slurmPartitions: async () => {
      host.asked++;
      return partitions === 'unknown' ? undefined : partitions;
    },
  };
  return host;
}
