/**
 * The GPU probe's parser on nvidia-smi's real output (an H200, idle and while the PyTorch example trained on it),
 * recorded by test/gpu/run.sh with exactly the arguments the probe passes (NVIDIA_SMI_ARGS).
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { applyVisibleDevices, parseNvidiaSmi } from '../../../../core/src/gpu/probe';
import { chooseGpus } from '../../../../core/src/launchers/launch-plan';
import { FIXTURES } from '../../../support/fixtures';

const DIR = path.join(FIXTURES, 'gpu', 'nvidia-smi');
const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');

describe('GPU probe on real nvidia-smi output (NVIDIA H200)', () => {
  it('idle: one H200 with its memory, nothing used', () => {
    assert.deepEqual(parseNvidiaSmi(read('nvidia-smi-idle.csv')), [
      { index: 0, name: 'NVIDIA H200', memoryTotalMiB: 143771, memoryUsedMiB: 0, utilizationPct: 0 },
    ]);
    assert.match(read('nvidia-smi-idle.txt'), /143771MiB/, 'the same total as the human-readable table');
  });

  for (const file of readdirSync(DIR).filter((f) => f.startsWith('nvidia-smi-load-'))) {
    it(`${file}: every sample under load parses to the figures nvidia-smi printed`, () => {
      const lines = read(file).split('\n').filter(Boolean);
      assert.ok(lines.length > 3);
      for (const line of lines) {
        const [index, name, total, used, util] = line.split(', ');
        assert.deepEqual(parseNvidiaSmi(`${line}\n`), [
          {
            index: Number(index),
            name,
            memoryTotalMiB: Number(total),
            memoryUsedMiB: Number(used),
            utilizationPct: Number(util),
          },
        ]);
      }
      assert.ok(
        lines.some((l) => Number(l.split(', ')[3]) > 0),
        'the training process used GPU memory',
      );
    });
  }

  it('the launch chose that GPU for CUDA_VISIBLE_DEVICES, and CUDA_VISIBLE_DEVICES=0 keeps it visible', () => {
    const gpus = parseNvidiaSmi(read('nvidia-smi-idle.csv'))!;
    assert.deepEqual(chooseGpus(gpus, 1), [0]);
    assert.deepEqual(
      applyVisibleDevices(gpus, '0').map((g) => g.name),
      ['NVIDIA H200'],
    );
    assert.deepEqual(applyVisibleDevices(gpus, ''), []);
    for (const run of ['gpu-bf16', 'gpu-torchrun']) {
      const launch = JSON.parse(readFileSync(path.join(FIXTURES, 'gpu', 'runs', run, 'launch.json'), 'utf8')) as {
        env: Record<string, string>;
        gpus: number;
      };
      assert.equal(launch.env.CUDA_VISIBLE_DEVICES, '0', run);
      assert.equal(launch.gpus, 1, run);
    }
  });
});
