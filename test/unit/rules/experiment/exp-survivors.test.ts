/**
 * Cases found by the survivors of the 2026-12-07 mutation run of the Experiment rules (test/README.md, "Scores
 * (2026-12-07, session 13)"): values of the wrong YAML type where a rule expects text, `distributed: true`, modes
 * that are neither `min` nor `max`, severities of EXP-012/014, exponents, singular messages, a host without Slurm,
 * and the edit helpers on multi-line flow mappings and files without a final newline.
 */
import * as assert from 'node:assert/strict';
import type { YAMLMap } from 'yaml';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { NULL_HOST, type ServiceHost } from '../../../../server/src/service/host';
import { parseFile } from '../../../../server/src/service/parse';
import { appendTo, deletePair, insertAfter } from '../../../../server/src/service/rules/experiment/edits';
import { parseCount } from '../../../../server/src/service/rules/experiment/exp-016-memory-estimate';
import { metricGoal } from '../../../../server/src/service/rules/experiment/vocabulary';
import { at } from '../../../../server/src/service/yaml-path';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, only } from './support';

let n = 0;

async function rule(code: string, body: string, host: Partial<ServiceHost> = {}): Promise<LiftoffDiagnostic[]> {
  const service = createLanguageService({}, { host: { ...NULL_HOST, ...host }, incremental: false });
  const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: survivors\n${body}`;
  return only(await service.validate({ uri: `file:///tmp/survivors-${n++}.experiment.yaml`, text }), code);
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));

describe('Experiment rules: cases from mutation survivors', () => {
  it('EXP-012 and EXP-014 report errors; EXP-014 ignores a precision that is not text and offers no GPU fix then', async () => {
    const early = await rule('EXP-012', 'training:\n  epochs: 1\n  early_stopping: {monitor: val_loss, mode: min}\n');
    assert.deepEqual(
      early.map((d) => d.severity),
      [1],
    );
    const cpu = await rule('EXP-014', 'resources:\n  accelerator: cpu\ntraining:\n  epochs: 1\n  precision: fp16\n');
    assert.deepEqual(
      cpu.map((d) => d.severity),
      [1],
    );
    assert.deepEqual(
      await rule('EXP-014', 'resources:\n  accelerator: cpu\ntraining:\n  epochs: 1\n  precision: [fp16]\n'),
      [],
    );
    const listAcc = await rule(
      'EXP-014',
      'resources:\n  accelerator: [cpu]\ntraining:\n  epochs: 1\n  precision: bf16\n',
    );
    assert.match(messages(listAcc)[0] ?? '', /`resources.accelerator` is not set/);
    assert.deepEqual(fixTitles(listAcc[0]), ['Change `training.precision` to `fp32`']);
  });

  it('EXP-011: a mode that is neither min nor max is left alone; a metric that is not text is skipped', async () => {
    const body = (es: string) => `training:\n  epochs: 1\n  early_stopping: ${es}\n`;
    assert.deepEqual(await rule('EXP-011', body('{monitor: val_loss, mode: auto}')), []);
    assert.deepEqual(await rule('EXP-011', body('{monitor: [val_loss], mode: max}')), []);
    // Only a leading `train_`/`val_` counts as a split prefix: `top_val_f1` is tracked as itself and as val_top_val_f1.
    const tracked = 'metrics:\n  track: [top_val_f1]\n';
    assert.deepEqual(await rule('EXP-011', `${tracked}${body('{monitor: val_top_val_f1, mode: max}')}`), []);
  });

  it('EXP-015: `distributed: true` is a strategy (a value the normaliser keeps)', async () => {
    assert.deepEqual(await rule('EXP-015', 'resources:\n  gpus: 2\nrun:\n  distributed: true\n'), []);
  });

  it('EXP-016: exponents of several digits; EXP-017: one GPU asked where none is seen (singular)', async () => {
    assert.equal(parseCount('7e10'), 7e10);
    assert.equal(parseCount('1.5e+12'), 1.5e12);
    assert.deepEqual(messages(await rule('EXP-017', 'resources:\n  gpus: 1\n', { gpus: async () => [] })), [
      '`resources.gpus: 1` asks for 1 GPU, but no GPU is detected on this machine (nvidia-smi found none, or CUDA_VISIBLE_DEVICES hides them). A local run would fail or fall back to fewer devices: lower `resources.gpus`, or submit to a cluster with `run.launcher: slurm`.',
    ]);
  });

  it('EXP-019: the extension after the last dot; EXP-020: an `op` that is not text; EXP-021: a privacy value that is not a mapping', async () => {
    assert.match(
      messages(await rule('EXP-019', 'run:\n  trainer: builtin\ndata:\n  train: x.csv.bak\n'))[0] ?? '',
      /is a `\.bak` file/,
    );
    assert.deepEqual(await rule('EXP-020', 'data:\n  preprocessing: [{op: [flip]}, {op: {a: b}}]\n'), []);
    assert.deepEqual(await rule('EXP-021', 'data:\n  sensitivity: health\nprivacy: anonymized\n'), []);
    assert.deepEqual(await rule('EXP-021', 'data:\n  sensitivity: health\nprivacy: [anonymization]\n'), []);
  });

  it('EXP-025/026: a partition that is not text, and a host that cannot ask Slurm at all', async () => {
    const cluster = {
      slurmPartitions: async () => [
        {
          name: 'gpu',
          isDefault: true,
          state: 'up',
          nodes: 1,
          cpusPerNode: 8,
          memoryMBPerNode: 1024,
          gpusPerNode: 0,
          gpuTypes: [],
        },
      ],
    };
    const run =
      'run:\n  trainer: command\n  command: [python, t.py]\n  launcher: slurm\n  slurm:\n    partition: [gpu]\n';
    assert.deepEqual(await rule('EXP-025', run, cluster), []);
    const noSlurm: Partial<ServiceHost> = { slurmPartitions: undefined };
    const named = 'resources:\n  cpus: 99\nrun:\n  launcher: slurm\n  slurm:\n    partition: nope\n';
    assert.deepEqual(await rule('EXP-025', named, noSlurm), []);
    assert.deepEqual(await rule('EXP-026', named, noSlurm), []);
  });

  it('vocabulary: `false_…_rate` and split prefixes only where the name starts', () => {
    for (const name of ['xfalse_negative_rate', 'false_negative_rate2', 'false_positive_rates', 'auc_val_roc']) {
      assert.equal(metricGoal(name), undefined, name);
    }
    assert.equal(metricGoal('val_false_positive_rate'), 'min');
  });

  it('edits: a multi-line flow mapping owns no line; inserting mid-file without a final newline adds no blank line', () => {
    const text = 'a: {\n  b: 1,\n  c: 2}\n';
    const file = parseFile({ uri: `file:///tmp/survivors-${n++}.yaml`, text });
    const root = file.documents[0]!.root;
    assert.equal(deletePair(file, at(root, ['a', 'b'])!), undefined);
    assert.equal(insertAfter(file, at(root, ['a', 'b'])!, 'x: 1'), undefined);
    const open = 'a:\n  b: 1\nc: 2';
    const f2 = parseFile({ uri: `file:///tmp/survivors-${n++}.yaml`, text: open });
    const r2 = f2.documents[0]!.root;
    assert.equal(applyEdits(open, [insertAfter(f2, at(r2, ['a', 'b'])!, 'x: 1')!]), 'a:\n  b: 1\n  x: 1\nc: 2');
    assert.equal(applyEdits(open, [appendTo(f2, r2 as YAMLMap, 'd: 3')!]), 'a:\n  b: 1\nc: 2\nd: 3\n');
  });
});
