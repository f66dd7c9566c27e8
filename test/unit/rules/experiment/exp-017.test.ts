import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import type { GpuProbeResult } from '../../../../core/src/gpu/probe';
import { fixture } from '../../../support/fixtures';
import { expectDiagnostic } from './support';

const A100 = { name: 'NVIDIA A100-SXM4-80GB', memoryTotalMiB: 81920, memoryUsedMiB: 0, utilizationPct: 0 };

/** Validates a fixture with a host whose GPU probe answers `result` (no nvidia-smi is run). */
async function check(name: string, result: GpuProbeResult): Promise<LiftoffDiagnostic[]> {
  const service = createLanguageService(
    {},
    { host: createNodeHost({ workspaceFolders: [], gpuProbe: async () => result }) },
  );
  const f = fixture(`rules/exp-017/${name}`);
  return (await service.validate({ uri: f.uri, text: f.text })).filter((d) => d.code === 'EXP-017');
}

describe('EXP-017 GPUs available locally', () => {
  it('warns when a local run asks for 4 GPUs and 2 are detected, naming them', async () => {
    const diagnostics = await check('fail.experiment.yaml', {
      status: 'ok',
      gpus: [
        { index: 0, ...A100 },
        { index: 1, ...A100 },
      ],
    });
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-017',
      /`resources.gpus: 4` asks for 4 GPUs, but only 2 GPUs are detected on this machine: 0: NVIDIA A100-SXM4-80GB \(80 GiB\), 1: NVIDIA A100-SXM4-80GB \(80 GiB\).*lower `resources.gpus` to 2/,
      [8, 8, 8, 9],
      DiagnosticSeverity.Warning,
    );
  });

  it('warns on a machine without an NVIDIA driver (no GPUs)', async () => {
    const diagnostics = await check('fail.experiment.yaml', { status: 'no-driver' });
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-017',
      /asks for 4 GPUs, but no GPU is detected on this machine/,
      [8, 8, 8, 9],
    );
  });

  it('stays silent when the probe cannot tell (driver error, timeout)', async () => {
    assert.deepEqual(
      await check('fail.experiment.yaml', { status: 'error', message: 'NVML: driver/library version mismatch' }),
      [],
    );
    assert.deepEqual(await check('fail.experiment.yaml', { status: 'timeout' }), []);
  });

  it('passes when enough GPUs are detected, and for Slurm runs', async () => {
    assert.deepEqual(await check('pass.experiment.yaml', { status: 'ok', gpus: [{ index: 0, ...A100 }] }), []);
    assert.deepEqual(await check('slurm.experiment.yaml', { status: 'no-driver' }), []);
  });
});
