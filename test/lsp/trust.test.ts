/**
 * Workspace Trust in the real server process: untold (or told "untrusted"), it starts no process for EXP-017
 * (nvidia-smi) or EXP-025/026 (sinfo/scontrol through the commandPrefix) and says which rules it skipped; told
 * "trusted", the same documents make it ask both. The commands are shims that log each call (test/support/shims).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import { PROBES_SKIPPED, type LiftoffSettings, type ProbesSkippedParams } from '../../server/src/protocol';
import { REPO_ROOT } from '../support/fixtures';
import { ServerProcess } from '../support/lsp-process';
import { makeShims, type Shims } from '../support/shims';
import { waitFor } from '../support/wait';

const example = readFileSync(path.join(REPO_ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml'), 'utf8');
const gpuText = example
  .replace('name: credit-risk-mlp', 'name: trust-gpu')
  .replace('  accelerator: cpu\n', '  accelerator: gpu\n  gpus: 8\n');
const slurmText = example
  .replace('name: credit-risk-mlp', 'name: trust-slurm')
  .replace('  launcher: local', '  launcher: slurm\n  slurm:\n    partition: gpu');
const gpuUri = pathToFileURL('/tmp/liftoff-trust/gpu.experiment.yaml').toString();
const slurmUri = pathToFileURL('/tmp/liftoff-trust/slurm.experiment.yaml').toString();

describe('the language server in an untrusted workspace', function () {
  this.timeout(30_000);
  let shims: Shims;
  let server: ServerProcess;
  const notices: ProbesSkippedParams[] = [];

  beforeEach(() => {
    shims = makeShims({ gpuLine: '0, Fake GPU, 16384, 0, 0' });
    server = new ServerProcess(undefined, {
      ...process.env,
      PATH: `${shims.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    });
    notices.length = 0;
    server.connection.onNotification(PROBES_SKIPPED, (p: ProbesSkippedParams) => {
      notices.push(p);
    });
  });
  afterEach(() => server.stop());

  const settings = (trusted: boolean | undefined): LiftoffSettings => ({
    slurm: { commandPrefix: [shims.prefix], validatePartitions: true },
    ...(trusted === undefined ? {} : { workspaceTrusted: trusted }),
  });

  for (const told of [undefined, false] as const) {
    it(`starts no process and says which rules it skipped (trust ${told === undefined ? 'not sent' : 'false'})`, async () => {
      await server.initialize(null, { settings: settings(told) });
      await server.open(gpuUri, gpuText);
      await server.open(slurmUri, slurmText);
      const gpu = await server.diagnostics(gpuUri, () => true, 15_000);
      await server.diagnostics(slurmUri, () => true, 15_000);
      await waitFor(
        () => notices.some((n) => n.rules.includes('EXP-017')) && notices.some((n) => n.rules.includes('EXP-025')),
        { timeoutMs: 10_000, what: 'the skipped-probes notice' },
      );
      const last = notices[notices.length - 1]!;
      assert.match(last.reason, /not trusted/);
      assert.deepEqual([...last.rules].sort(), ['EXP-017', 'EXP-025', 'EXP-026']);
      assert.deepEqual(shims.calls(), [], 'no nvidia-smi, no Slurm command');
      assert.ok(!gpu.diagnostics.some((d) => d.code === 'EXP-017'), 'EXP-017 stays silent without its probe');
    });
  }

  it('once trusted, asks nvidia-smi and the cluster (through the commandPrefix) again', async () => {
    await server.initialize(null, { settings: settings(false) });
    await server.open(gpuUri, gpuText);
    await server.open(slurmUri, slurmText);
    await server.diagnostics(gpuUri, () => true, 15_000);
    assert.deepEqual(shims.calls(), []);
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { liftoff: settings(true) },
    });
    const gpu = await server.diagnostics(gpuUri, (p) => p.diagnostics.some((d) => d.code === 'EXP-017'), 15_000);
    assert.match(String(gpu.diagnostics.find((d) => d.code === 'EXP-017')!.message), /only 1 GPU is detected/);
    await waitFor(() => shims.calls().some((c) => c.startsWith('slurm-prefix ')), {
      timeoutMs: 10_000,
      what: 'a Slurm command through the prefix',
    });
    assert.ok(
      shims.calls().some((c) => c.startsWith('nvidia-smi ')),
      shims.calls().join('\n'),
    );
    assert.ok(
      notices.some((n) => n.rules.length === 0 && /trusted/.test(n.reason)),
      'the server says the probes run again',
    );
  });
});
