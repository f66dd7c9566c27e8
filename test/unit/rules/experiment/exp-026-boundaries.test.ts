/**
 * EXP-026 at its limits: a request equal to what the partition offers passes and one more is flagged, for GPUs, nodes
 * (count and MaxNodes), CPUs (node and MaxCPUsPerNode), memory (node and MaxMemPerNode) and the time limit; the
 * singular and plural messages; the fixes' values; a GPU type checked only when GPUs are asked for.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import type { SlurmPartitionInfo } from '../../../../server/src/service/host';
import { applyEdits } from '../../../support/fixtures';
import { slurmHost } from './slurm-host';
import { fixTitles, only } from './support';

const BASE: SlurmPartitionInfo = {
  name: 'p',
  isDefault: false,
  state: 'up',
  nodes: 4,
  cpusPerNode: 64,
  memoryMBPerNode: 512 * 1024,
  gpusPerNode: 4,
  gpuTypes: ['a100'],
  maxTimeSec: 86400,
};

let n = 0;

/** An Experiment on Slurm with these `resources` lines, validated against one partition (named unless `named` is false). */
async function exp026(
  resources: string,
  partition: Partial<SlurmPartitionInfo> = {},
  named = true,
): Promise<{
  text: string;
  uri: string;
  diagnostics: LiftoffDiagnostic[];
  service: ReturnType<typeof createLanguageService>;
}> {
  const p: SlurmPartitionInfo = { ...BASE, ...partition };
  const others: SlurmPartitionInfo[] = [
    { ...BASE, name: 'other', isDefault: !p.isDefault, gpusPerNode: 99, nodes: 99 },
  ];
  const service = createLanguageService({}, { host: slurmHost([...others, p]) });
  const text = [
    'apiVersion: liftoff/v1',
    'kind: Experiment',
    'metadata:',
    '  name: limits',
    'task:',
    '  type: classification',
    'resources:',
    ...resources
      .split('\n')
      .filter(Boolean)
      .map((l) => `  ${l}`),
    'run:',
    '  trainer: command',
    '  command: [python, train.py]',
    '  launcher: slurm',
    ...(named ? ['  slurm:', `    partition: ${p.name}`] : []),
    '',
  ].join('\n');
  const uri = `file:///tmp/exp026-${n++}.experiment.yaml`;
  const diagnostics = only(await service.validate({ uri, text }), 'EXP-026');
  for (const d of diagnostics) assert.equal(d.severity, 1, `an error: ${d.message}`);
  return { text, uri, diagnostics, service };
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));

describe('EXP-026 boundaries', () => {
  it('GPUs: as many as a node has pass, one more is flagged with a fix to the node count (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 20 }), async (per, asked) => {
        const { diagnostics } = await exp026(`gpus: ${asked}`, { gpusPerNode: per });
        if (asked <= per) assert.deepEqual(messages(diagnostics), [], `${asked} of ${per}`);
        else {
          assert.equal(diagnostics.length, 1);
          assert.equal(
            String(diagnostics[0]!.message),
            `\`resources.gpus: ${asked}\` asks for ${asked} GPUs per node, but the nodes of partition \`p\` have at most ${per}. sbatch would refuse the job, or it would wait forever.`,
          );
          assert.deepEqual(fixTitles(diagnostics[0]), [`Change to ${per}`]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('GPUs on a partition without any: 0 passes, 1 GPU (singular) and 2 GPUs (plural) are flagged without a fix', async () => {
    assert.deepEqual(messages((await exp026('gpus: 0', { gpusPerNode: 0 })).diagnostics), []);
    const one = (await exp026('gpus: 1', { gpusPerNode: 0 })).diagnostics;
    assert.deepEqual(messages(one), [
      '`resources.gpus: 1` asks for 1 GPU per node, but partition `p` has no GPUs (no `gpu` GRES). sbatch would refuse the job, or it would wait forever.',
    ]);
    assert.deepEqual(fixTitles(one[0]), []);
    const two = (await exp026('gpus: 2', { gpusPerNode: 0 })).diagnostics;
    assert.deepEqual(messages(two), [
      '`resources.gpus: 2` asks for 2 GPUs per node, but partition `p` has no GPUs (no `gpu` GRES). sbatch would refuse the job, or it would wait forever.',
    ]);
    assert.deepEqual(fixTitles(two[0]), []);
  });

  it('nodes: the node count and MaxNodes, whichever is smaller, each at its limit', async () => {
    assert.deepEqual(messages((await exp026('nodes: 4', { nodes: 4 })).diagnostics), []);
    const over = await exp026('nodes: 5', { nodes: 4 });
    assert.deepEqual(messages(over.diagnostics), [
      '`resources.nodes: 5` is more than partition `p` allows for one job (4 of its 4 nodes). sbatch would refuse the job, or it would wait forever.',
    ]);
    assert.deepEqual(fixTitles(over.diagnostics[0]), ['Change to 4']);
    const fix = over.service.codeActions({ uri: over.uri, text: over.text }, over.diagnostics)[0];
    assert.match(applyEdits(over.text, fix!.edit!.changes![over.uri]!), /\n {2}nodes: 4\n/);
    assert.deepEqual(messages((await exp026('nodes: 2', { nodes: 1 })).diagnostics), [
      '`resources.nodes: 2` is more than partition `p` allows for one job (1 of its 1 node). sbatch would refuse the job, or it would wait forever.',
    ]);
    // MaxNodes below the node count is the limit; equal to it, it is still named as MaxNodes.
    assert.deepEqual(messages((await exp026('nodes: 2', { nodes: 4, maxNodes: 2 })).diagnostics), []);
    const max = (await exp026('nodes: 3', { nodes: 4, maxNodes: 2 })).diagnostics;
    assert.deepEqual(messages(max), [
      '`resources.nodes: 3` is more than partition `p` allows for one job (2, its MaxNodes). sbatch would refuse the job, or it would wait forever.',
    ]);
    assert.deepEqual(fixTitles(max[0]), ['Change to 2']);
    assert.match(
      messages((await exp026('nodes: 5', { nodes: 4, maxNodes: 4 })).diagnostics)[0] ?? '',
      /\(4, its MaxNodes\)/,
    );
    // MaxNodes above the node count: the node count limits.
    assert.deepEqual(messages((await exp026('nodes: 4', { nodes: 4, maxNodes: 8 })).diagnostics), []);
    assert.match(
      messages((await exp026('nodes: 5', { nodes: 4, maxNodes: 8 })).diagnostics)[0] ?? '',
      /\(4 of its 4 nodes\)/,
    );
  });

  it('CPUs: the node and MaxCPUsPerNode, each at its limit; an unknown CPU count (0) is never a limit', async () => {
    assert.deepEqual(messages((await exp026('cpus: 64', { cpusPerNode: 64 })).diagnostics), []);
    const over = (await exp026('cpus: 65', { cpusPerNode: 64 })).diagnostics;
    assert.deepEqual(messages(over), [
      '`resources.cpus: 65` is more than a node of partition `p` offers (64 CPUs). sbatch would refuse the job, or it would wait forever.',
    ]);
    assert.deepEqual(fixTitles(over[0]), []);
    assert.deepEqual(messages((await exp026('cpus: 32', { cpusPerNode: 64, maxCpusPerNode: 32 })).diagnostics), []);
    assert.match(
      messages((await exp026('cpus: 33', { cpusPerNode: 64, maxCpusPerNode: 32 })).diagnostics)[0] ?? '',
      /offers \(32 CPUs\)/,
    );
    assert.deepEqual(messages((await exp026('cpus: 1000', { cpusPerNode: 0 })).diagnostics), []);
  });

  it('memory: GiB against MiB at the exact limit, MaxMemPerNode, a fractional GiB shown to one decimal', async () => {
    assert.deepEqual(messages((await exp026('memory_gb: 512', { memoryMBPerNode: 512 * 1024 })).diagnostics), []);
    assert.deepEqual(messages((await exp026('memory_gb: 513', { memoryMBPerNode: 512 * 1024 })).diagnostics), [
      '`resources.memory_gb: 513` is more than a node of partition `p` offers (512 GiB). sbatch would refuse the job, or it would wait forever.',
    ]);
    assert.deepEqual(
      messages(
        (await exp026('memory_gb: 100', { memoryMBPerNode: 512 * 1024, maxMemMBPerNode: 100 * 1024 })).diagnostics,
      ),
      [],
    );
    assert.match(
      messages(
        (await exp026('memory_gb: 101', { memoryMBPerNode: 512 * 1024, maxMemMBPerNode: 100 * 1024 })).diagnostics,
      )[0] ?? '',
      /offers \(100 GiB\)/,
    );
    assert.match(
      messages((await exp026('memory_gb: 64', { memoryMBPerNode: 63 * 1024 + 512 })).diagnostics)[0] ?? '',
      /offers \(63\.5 GiB\)/,
    );
    assert.deepEqual(messages((await exp026('memory_gb: 4096', { memoryMBPerNode: 0 })).diagnostics), []);
  });

  it('GPU type: checked only with GPUs asked for, a type the partition offers, and a partition that names types', async () => {
    const flagged = (await exp026('gpus: 1\ngpu_type: h100', { gpuTypes: ['a100', 'v100'] })).diagnostics;
    assert.deepEqual(messages(flagged), [
      '`resources.gpu_type: h100` is used as the GRES type (`--gres=gpu:h100:N`), but partition `p` offers `a100`, `v100`.',
    ]);
    assert.deepEqual(
      messages((await exp026('gpus: 1\ngpu_type: v100', { gpuTypes: ['a100', 'v100'] })).diagnostics),
      [],
    );
    assert.deepEqual(messages((await exp026('gpus: 0\ngpu_type: h100', { gpuTypes: ['a100'] })).diagnostics), []);
    assert.deepEqual(messages((await exp026('gpu_type: h100', { gpuTypes: ['a100'] })).diagnostics), []);
    assert.deepEqual(messages((await exp026('gpus: 1\ngpu_type: [h100]', { gpuTypes: ['a100'] })).diagnostics), []);
    assert.deepEqual(messages((await exp026('gpus: 1\ngpu_type: h100', { gpuTypes: [] })).diagnostics), []);
  });

  it('time limit: MaxTime itself passes, a second more is flagged with a fix to MaxTime; no MaxTime, no limit', async () => {
    assert.deepEqual(messages((await exp026('time_limit: "24:00:00"', { maxTimeSec: 86400 })).diagnostics), []);
    const over = await exp026('time_limit: "24:00:01"', { maxTimeSec: 86400 });
    assert.deepEqual(messages(over.diagnostics), [
      '`resources.time_limit` 1-00:00:01 is longer than the MaxTime of partition `p` (1-00:00:00). sbatch would refuse the job.',
    ]);
    assert.deepEqual(fixTitles(over.diagnostics[0]), ['Change to "1-00:00:00"']);
    const fix = over.service.codeActions({ uri: over.uri, text: over.text }, over.diagnostics)[0];
    assert.match(applyEdits(over.text, fix!.edit!.changes![over.uri]!), /time_limit: "1-00:00:00"\n/);
    assert.deepEqual(messages((await exp026('time_limit: "99:00:00"', { maxTimeSec: undefined })).diagnostics), []);
    assert.deepEqual(messages((await exp026('time_limit: soon', { maxTimeSec: 60 })).diagnostics), []);
  });

  it('names the default partition as such, and is silent for an unknown partition or no Slurm launcher', async () => {
    const dflt = (await exp026('cpus: 65', { isDefault: true }, false)).diagnostics;
    assert.match(messages(dflt)[0] ?? '', /a node of partition `p` \(the default\) offers \(64 CPUs\)/);
    const service = createLanguageService({}, { host: slurmHost([BASE]) });
    const text =
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: x\nresources:\n  cpus: 999\nrun:\n  trainer: command\n  command: [python, train.py]\n  launcher: slurm\n  slurm:\n    partition: nope\n';
    const uri = `file:///tmp/exp026-${n++}.experiment.yaml`;
    assert.deepEqual(only(await service.validate({ uri, text }), 'EXP-026'), []);
    const local = text
      .replace('launcher: slurm', 'launcher: local')
      .replace('partition: nope', `partition: ${BASE.name}`);
    const uri2 = `file:///tmp/exp026-${n++}.experiment.yaml`;
    assert.deepEqual(only(await service.validate({ uri: uri2, text: local }), 'EXP-026'), []);
    const named = local.replace('launcher: local', 'launcher: slurm');
    const uri3 = `file:///tmp/exp026-${n++}.experiment.yaml`;
    assert.equal(only(await service.validate({ uri: uri3, text: named }), 'EXP-026').length, 1);
  });
});
