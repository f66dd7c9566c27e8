import * as assert from 'node:assert/strict';
import {
  parseGres,
  parsePartitionLimits,
  parseSinfo,
  readPartitions,
} from '../../../../../core/src/launchers/slurm/partitions';
import type { SlurmRunner } from '../../../../../core/src/launchers/slurm/command-runner';

const SINFO = [
  'debug*|up|infinite|1|2|4000|(null)',
  'gpu|up|1-00:00:00|2|64|512000|gpu:a100:4(S:0-1)',
  'gpu|up|1-00:00:00|1|128|1024000+|gpu:h100:8(S:0-1),shard:8',
  'maint|down|30:00|3|16|64000|(null)',
].join('\n');
const SCONTROL = [
  'PartitionName=debug AllowGroups=ALL Default=YES MaxNodes=UNLIMITED MaxTime=UNLIMITED MaxCPUsPerNode=UNLIMITED State=UP TotalCPUs=2 TotalNodes=1 DefMemPerNode=UNLIMITED MaxMemPerNode=UNLIMITED',
  'PartitionName=gpu Default=NO MaxNodes=2 MaxTime=12:00:00 MaxCPUsPerNode=96 State=UP TotalNodes=3 MaxMemPerNode=768000',
].join('\n');

describe('Slurm partitions (sinfo, scontrol show partition)', () => {
  it('reads GPU GRES', () => {
    assert.deepEqual(parseGres('gpu:a100:4(S:0-1)'), { gpus: 4, types: ['a100'] });
    assert.deepEqual(parseGres('gpu:2,shard:8'), { gpus: 2, types: [] });
    assert.deepEqual(parseGres('(null)'), { gpus: 0, types: [] });
  });

  it('folds sinfo lines into partitions with their largest nodes', () => {
    const [debug, gpu, maint] = parseSinfo(SINFO);
    assert.deepEqual(debug, {
      name: 'debug',
      isDefault: true,
      state: 'up',
      nodes: 1,
      cpusPerNode: 2,
      memoryMBPerNode: 4000,
      gpusPerNode: 0,
      gpuTypes: [],
      maxTimeSec: undefined,
    });
    assert.deepEqual(gpu, {
      name: 'gpu',
      isDefault: false,
      state: 'up',
      nodes: 3,
      cpusPerNode: 128,
      memoryMBPerNode: 1_024_000,
      gpusPerNode: 8,
      gpuTypes: ['a100', 'h100'],
      maxTimeSec: 86400,
    });
    assert.equal(maint?.state, 'down');
    assert.equal(maint?.maxTimeSec, 1800);
  });

  it('adds the per-job limits of scontrol show partition', async () => {
    const limits = parsePartitionLimits(SCONTROL);
    assert.deepEqual(limits.get('gpu'), {
      maxNodes: 2,
      maxCpusPerNode: 96,
      maxMemMBPerNode: 768000,
      maxTimeSec: 43200,
    });
    assert.deepEqual(limits.get('debug'), {
      maxNodes: undefined,
      maxCpusPerNode: undefined,
      maxMemMBPerNode: undefined,
      maxTimeSec: undefined,
    });
    const calls: string[] = [];
    const runner: SlurmRunner = async (argv) => {
      calls.push(argv.join(' '));
      return { code: 0, stderr: '', stdout: argv[0] === 'sinfo' ? SINFO : SCONTROL };
    };
    const parts = await readPartitions(runner);
    assert.deepEqual(calls.sort(), ['scontrol show partition -o', 'sinfo -h -o %P|%a|%l|%D|%c|%m|%G']);
    assert.equal(parts.find((p) => p.name === 'gpu')?.maxTimeSec, 43200);
    assert.equal(parts.find((p) => p.name === 'debug')?.maxTimeSec, undefined);
  });

  it("fails with sinfo's words when it fails", async () => {
    const runner: SlurmRunner = async () => ({
      code: 1,
      stdout: '',
      stderr: 'sinfo: error: Unable to contact slurm controller',
    });
    await assert.rejects(readPartitions(runner), /Unable to contact slurm controller/);
  });
});
