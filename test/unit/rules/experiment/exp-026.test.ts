import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { applyEdits, fixture } from '../../../support/fixtures';
import { slurmHost } from './slurm-host';
import { expectDiagnostic } from './support';

async function check(name: string, text?: string) {
  const service = createLanguageService({}, { host: slurmHost() });
  const f = fixture(`rules/exp-026/${name}`);
  const doc = { uri: f.uri, text: text ?? f.text };
  return {
    service,
    doc,
    diagnostics: (await service.validate(doc)).filter((d: LiftoffDiagnostic) => d.code === 'EXP-026'),
  };
}

describe('EXP-026 Slurm request fits the partition', () => {
  it('flags GPUs, GPU type, nodes, CPUs, memory and time beyond the partition, each on its own value', async () => {
    const { diagnostics } = await check('fail.experiment.yaml');
    const byLine = new Map(diagnostics.map((d) => [d.range.start.line, d]));
    assert.equal(diagnostics.length, 6, diagnostics.map((d) => d.message).join('\n'));
    expectDiagnostic(
      byLine.get(8),
      'EXP-026',
      /`resources.gpus: 8` asks for 8 GPUs per node, but the nodes of partition `gpu` have at most 4\. sbatch would refuse the job/,
      [8, 8, 8, 9],
      DiagnosticSeverity.Error,
    );
    expectDiagnostic(
      byLine.get(9),
      'EXP-026',
      /`resources.gpu_type: h100` is used as the GRES type \(`--gres=gpu:h100:N`\), but partition `gpu` offers `a100`/,
      [9, 12, 9, 16],
    );
    expectDiagnostic(
      byLine.get(10),
      'EXP-026',
      /`resources.nodes: 4` is more than partition `gpu` allows for one job \(2, its MaxNodes\)/,
      [10, 9, 10, 10],
    );
    expectDiagnostic(
      byLine.get(11),
      'EXP-026',
      /`resources.cpus: 128` is more than a node of partition `gpu` offers \(64 CPUs\)/,
      [11, 8, 11, 11],
    );
    expectDiagnostic(
      byLine.get(12),
      'EXP-026',
      /`resources.memory_gb: 1024` is more than a node of partition `gpu` offers \(500 GiB\)/,
      [12, 13, 12, 17],
    );
    expectDiagnostic(
      byLine.get(13),
      'EXP-026',
      /`resources.time_limit` 3-00:00:00 is longer than the MaxTime of partition `gpu` \(1-00:00:00\)/,
      [13, 14, 13, 26],
    );
  });

  it('offers fixes that bring the request within the partition', async () => {
    const checked = await check('fail.experiment.yaml');
    let text = checked.doc.text;
    for (const d of checked.diagnostics) {
      const fix = checked.service.codeActions(checked.doc, [d])[0];
      if (fix) text = applyEdits(text, fix.edit!.changes![checked.doc.uri]!);
    }
    assert.match(text, /gpus: 4\n/);
    assert.match(text, /nodes: 2\n/);
    assert.match(text, /time_limit: "1-00:00:00"\n/);
  });

  it('checks against the default partition when none is named', async () => {
    const { diagnostics } = await check('default-partition.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-026',
      /asks for 1 GPU per node, but partition `cpu` \(the default\) has no GPUs \(no `gpu` GRES\)/,
      [8, 8, 8, 9],
    );
  });

  it('passes a request within the partition', async () => {
    assert.deepEqual((await check('pass.experiment.yaml')).diagnostics, []);
  });
});
