import * as assert from 'node:assert/strict';
import type { SlurmRunner } from '../../core/src/launchers/slurm/command-runner';
import { createNodeHost } from '../../server/src/host/node-host';

const SINFO = 'debug*|up|infinite|1|8|8192|(null)\ngpu|up|1-00:00:00|2|64|512000|gpu:a100:4\n';

function counting(answer: (argv: readonly string[]) => { code: number; stdout: string; stderr: string }) {
  const calls: string[] = [];
  const runner: SlurmRunner = async (argv) => {
    calls.push(argv[0]!);
    return answer(argv);
  };
  return { calls, runner };
}

describe('NodeHost Slurm partitions (for EXP-025/026)', () => {
  it('is off unless configured: never runs sinfo', async () => {
    const { calls, runner } = counting(() => ({ code: 0, stdout: SINFO, stderr: '' }));
    const host = createNodeHost({ workspaceFolders: [] });
    assert.equal(await host.slurmPartitions(), undefined);
    host.configureSlurm({ runner });
    host.configureSlurm(undefined);
    assert.equal(await host.slurmPartitions(), undefined);
    assert.deepEqual(calls, []);
  });

  it('reads partitions once and reuses them', async () => {
    const { calls, runner } = counting((argv) => ({ code: 0, stdout: argv[0] === 'sinfo' ? SINFO : '', stderr: '' }));
    const host = createNodeHost({ workspaceFolders: [], slurm: { runner } });
    const [a, b] = await Promise.all([host.slurmPartitions(), host.slurmPartitions()]);
    await host.slurmPartitions();
    assert.deepEqual(
      a?.map((p) => [p.name, p.isDefault, p.gpusPerNode]),
      [
        ['debug', true, 0],
        ['gpu', false, 4],
      ],
    );
    assert.equal(a, b);
    assert.deepEqual(calls.sort(), ['scontrol', 'sinfo'], 'two commands, once');
  });

  it('remembers a failure (no Slurm on this machine) instead of spawning sinfo on every validation', async () => {
    const { calls, runner } = counting(() => ({
      code: 1,
      stdout: '',
      stderr: 'sinfo: error: Could not establish a configuration source',
    }));
    const host = createNodeHost({ workspaceFolders: [], slurm: { runner } });
    for (let i = 0; i < 20; i++) assert.equal(await host.slurmPartitions(), undefined);
    assert.equal(calls.filter((c) => c === 'sinfo').length, 1);
    host.configureSlurm({ runner, failureCacheMs: 0 });
    await host.slurmPartitions();
    assert.equal(calls.filter((c) => c === 'sinfo').length, 2, 'new settings ask again');
  });
});
