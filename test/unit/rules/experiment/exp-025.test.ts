import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import type { ServiceHost } from '../../../../server/src/service/host';
import { applyEdits, fixture } from '../../../support/fixtures';
import { slurmHost } from './slurm-host';
import { expectDiagnostic } from './support';

async function check(name: string, host: ServiceHost = slurmHost(), text?: string) {
  const service = createLanguageService({}, { host });
  const f = fixture(`rules/exp-025/${name}`);
  const doc = { uri: f.uri, text: text ?? f.text };
  return {
    service,
    doc,
    diagnostics: (await service.validate(doc)).filter((d: LiftoffDiagnostic) => d.code === 'EXP-025'),
  };
}

describe('EXP-025 Slurm partition exists', () => {
  it('flags a partition the cluster does not have, naming the ones it has, with fixes closest first', async () => {
    const { service, doc, diagnostics } = await check('fail.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    const d = diagnostics[0]!;
    expectDiagnostic(
      d,
      'EXP-025',
      /Partition `gpus` does not exist on this Slurm cluster; sbatch would refuse the job \("invalid partition specified"\)\. The cluster has `cpu` \(default\), `gpu`, `maint`\./,
      [16, 15, 16, 19],
      DiagnosticSeverity.Error,
    );
    const titles = service.codeActions(doc, [d]).map((a) => a.title);
    assert.equal(titles[0], 'Change to `gpu`');
    const fix = service.codeActions(doc, [d])[0]!;
    const text = applyEdits(doc.text, fix.edit!.changes![doc.uri]!);
    assert.match(text, /partition: gpu\n/);
    assert.deepEqual((await check('fail.experiment.yaml', slurmHost(), text)).diagnostics, []);
  });

  it('warns when the partition is down', async () => {
    const { diagnostics } = await check('down.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-025',
      /Partition `maint` is down: a job submitted to it would wait.*`cpu` \(default\), `gpu`/,
      [13, 15, 13, 20],
      DiagnosticSeverity.Warning,
    );
  });

  it('passes an existing partition', async () => {
    assert.deepEqual((await check('pass.experiment.yaml')).diagnostics, []);
  });

  it('stays silent, without asking Slurm, for local runs; silent when the partitions cannot be read', async () => {
    const host = slurmHost();
    const local = fixture('rules/exp-025/fail.experiment.yaml').text.replace('launcher: slurm', 'launcher: local');
    assert.deepEqual((await check('fail.experiment.yaml', host, local)).diagnostics, []);
    assert.equal(host.asked, 0, 'a local experiment never makes the host run sinfo');
    assert.deepEqual((await check('fail.experiment.yaml', slurmHost('unknown'))).diagnostics, []);
  });
});
