import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { applyVisibleDevices, parseNvidiaSmi, probeGpus } from '../../../core/src/gpu/probe';

const TWO_GPUS = '0, NVIDIA A100-SXM4-80GB, 81920, 1024, 37\n1, NVIDIA A100-SXM4-80GB, 81920, 0, 0\n';

describe('core GPU probe (nvidia-smi)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-gpu-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes an executable fake `nvidia-smi` into its own folder and returns that folder. */
  function fake(name: string, body: string): string {
    const bin = path.join(dir, name);
    const file = path.join(bin, 'nvidia-smi');
    mkdirSync(bin, { recursive: true });
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return bin;
  }
  const envWith = (bin: string, extra: NodeJS.ProcessEnv = {}) => ({
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    CUDA_VISIBLE_DEVICES: undefined,
    ...extra,
  });

  it('reports no driver when nvidia-smi is absent (ENOENT)', async () => {
    const onPath = (process.env.PATH ?? '')
      .split(path.delimiter)
      .some((d) => d && existsSync(path.join(d, 'nvidia-smi')));
    const real = await probeGpus();
    if (onPath) assert.notEqual(real.status, 'no-driver');
    else assert.deepEqual(real, { status: 'no-driver' });
    assert.deepEqual(await probeGpus({ env: { PATH: dir } }), { status: 'no-driver' });
    assert.deepEqual(await probeGpus({ command: path.join(dir, 'missing', 'nvidia-smi') }), { status: 'no-driver' });
  });

  it('lists the GPUs of a fake nvidia-smi found first on PATH, with the query it was given', async () => {
    const bin = fake('two', `echo "$@" > "${path.join(dir, 'args.txt')}"\nprintf '${TWO_GPUS.replace(/\n/g, '\\n')}'`);
    const result = await probeGpus({ env: envWith(bin) });
    assert.deepEqual(result, {
      status: 'ok',
      gpus: [
        { index: 0, name: 'NVIDIA A100-SXM4-80GB', memoryTotalMiB: 81920, memoryUsedMiB: 1024, utilizationPct: 37 },
        { index: 1, name: 'NVIDIA A100-SXM4-80GB', memoryTotalMiB: 81920, memoryUsedMiB: 0, utilizationPct: 0 },
      ],
    });
    assert.equal(
      readFileSync(path.join(dir, 'args.txt'), 'utf8').trim(),
      '--query-gpu=index,name,memory.total,memory.used,utilization.gpu --format=csv,noheader,nounits',
    );
  });

  it('reports a driver problem with its stderr when nvidia-smi exits non-zero', async () => {
    const bin = fake(
      'broken',
      'echo "NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver." >&2\nexit 9',
    );
    assert.deepEqual(await probeGpus({ command: path.join(bin, 'nvidia-smi') }), {
      status: 'error',
      message: 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.',
    });
  });

  it('applies CUDA_VISIBLE_DEVICES=1 (only the second GPU is visible)', async () => {
    const bin = fake('visible', `printf '${TWO_GPUS.replace(/\n/g, '\\n')}'`);
    const result = await probeGpus({ env: envWith(bin, { CUDA_VISIBLE_DEVICES: '1' }) });
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.status === 'ok' && result.gpus.map((g) => g.index), [1]);
  });

  it('times out on a hanging nvidia-smi', async () => {
    const bin = fake('hang', 'exec sleep 10');
    assert.deepEqual(await probeGpus({ command: path.join(bin, 'nvidia-smi'), timeoutMs: 200 }), { status: 'timeout' });
  });

  it('parses names with commas and [N/A] fields; rejects other output', () => {
    assert.deepEqual(parseNvidiaSmi('3, Tesla, K80, 11441, [N/A], [N/A]\n'), [
      { index: 3, name: 'Tesla, K80', memoryTotalMiB: 11441, memoryUsedMiB: undefined, utilizationPct: undefined },
    ]);
    assert.equal(parseNvidiaSmi('Failed to initialize NVML'), undefined);
    assert.deepEqual(parseNvidiaSmi(''), []);
  });

  it('filters and reorders by CUDA_VISIBLE_DEVICES as CUDA does', () => {
    const gpus = parseNvidiaSmi(TWO_GPUS) ?? [];
    const idx = (v: string | undefined) => applyVisibleDevices(gpus, v).map((g) => g.index);
    assert.deepEqual(idx(undefined), [0, 1]);
    assert.deepEqual(idx('1,0'), [1, 0]);
    assert.deepEqual(idx(''), []);
    assert.deepEqual(idx('-1'), []);
    assert.deepEqual(idx('0,7,1'), [0]); // CUDA stops at the first invalid index
    assert.deepEqual(idx('GPU-8f2a1b3c'), [0, 1]); // UUIDs cannot be matched: keep all
  });
});
