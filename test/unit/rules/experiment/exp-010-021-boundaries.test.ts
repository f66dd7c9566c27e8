/**
 * EXP-010, 011, 013, 016, 019 and 021 at their edges: learning rate and momentum at 0 and 1 (by property), the
 * Adam-style warning above 0.01; metric references with the first eight known names offered and each reference's mode
 * key; the pretrained weights each mode needs; the memory estimate's copies per optimizer and precision at the exact
 * limit; the builtin trainer's task, domain and format; each sensitivity level and data source.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { parseCount } from '../../../../server/src/service/rules/experiment/exp-016-memory-estimate';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, service, only } from './support';

let n = 0;

async function rule(
  code: string,
  body: string,
): Promise<{ diagnostics: LiftoffDiagnostic[]; fixed: (d?: LiftoffDiagnostic) => string }> {
  const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: edges\n${body}`;
  const uri = `file:///tmp/exp-edges3-${n++}.experiment.yaml`;
  const diagnostics = only(await service.validate({ uri, text }), code);
  const fixed = (d = diagnostics[0]) => {
    const action = service.codeActions({ uri, text }, [d!])[0];
    assert.ok(action, 'a quick fix');
    return applyEdits(text, action.edit!.changes![uri]!);
  };
  return { diagnostics, fixed };
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));
const severities = (ds: readonly LiftoffDiagnostic[]): Array<number | undefined> => ds.map((d) => d.severity);

describe('EXP-010 boundaries', () => {
  it('learning rate in (0, 1], momentum in [0, 1); Adam and AdamW warned above 0.01 (property)', async () => {
    const values = fc.constantFrom(-1, 0, 1e-9, 0.001, 0.01, 0.0100001, 0.5, 0.999, 1, 1.0001, 2);
    await fc.assert(
      fc.asyncProperty(
        values,
        values,
        fc.constantFrom('adam', 'AdamW', 'sgd', undefined),
        async (lr, momentum, type) => {
          const typeLine = type === undefined ? '' : `    type: ${type}\n`;
          const r = await rule(
            'EXP-010',
            `training:\n  epochs: 1\n  optimizer:\n${typeLine}    learning_rate: ${lr}\n    momentum: ${momentum}\n`,
          );
          const expected: Array<[number, string]> = [];
          const lrBad = lr <= 0 || lr > 1;
          if (lrBad) {
            expected.push([
              1,
              `\`training.optimizer.learning_rate\` is ${lr}: it must be greater than 0 and at most 1 (typical values: 1e-3 for Adam, 0.01–0.1 for SGD).`,
            ]);
          } else if (type !== undefined && /^adamw?$/i.test(type) && lr > 0.01) {
            expected.push([
              2,
              `\`training.optimizer.learning_rate\` is ${lr}, high for \`${type.toLowerCase()}\`: above 0.01 Adam-style training is often unstable; common values are 1e-5 to 1e-3 (PyTorch's default is 0.001).`,
            ]);
          }
          if (momentum < 0 || momentum >= 1) {
            expected.push([
              1,
              `\`training.optimizer.momentum\` is ${momentum}: it must be at least 0 and below 1 (0.9 is the usual choice for SGD).`,
            ]);
          }
          assert.deepEqual(
            r.diagnostics.map((d) => [d.severity, String(d.message)]),
            expected,
            `${type} ${lr} ${momentum}`,
          );
        },
      ),
      { numRuns: 80 },
    );
    assert.deepEqual(
      messages(
        (
          await rule(
            'EXP-010',
            'training:\n  epochs: 1\n  optimizer: {type: adam, learning_rate: fast, momentum: high}\n',
          )
        ).diagnostics,
      ),
      [],
    );
  });
});

describe('EXP-011 boundaries', () => {
  it('an unknown metric offers the first eight known names; each reference checks its own mode key', async () => {
    const r = await rule(
      'EXP-011',
      'metrics:\n  track: [f1, val_auc]\n  primary: {name: acc, goal: max}\nevaluation:\n  metrics: [recall]\n',
    );
    assert.deepEqual(messages(r.diagnostics), [
      '`metrics.primary.name` is `acc`, which the run neither tracks (`metrics.track`) nor evaluates (`evaluation.metrics`): add it there or use one of `loss`, `train_loss`, `val_loss`, `f1`, `train_f1`, `val_f1`, `val_auc`, `recall`.',
    ]);
    assert.deepEqual(severities(r.diagnostics), [1]);
    const modes: Array<[string, string]> = [
      ['training:\n  epochs: 1\n  early_stopping: {monitor: val_loss, mode: max}\n', 'training.early_stopping.mode'],
      [
        'training:\n  epochs: 1\n  checkpoint:\n    save_best: {metric: val_loss, mode: max}\n',
        'training.checkpoint.save_best.mode',
      ],
      ['metrics:\n  primary: {name: val_loss, goal: max}\n', 'metrics.primary.goal'],
    ];
    for (const [body, where] of modes) {
      const m = await rule('EXP-011', body);
      assert.deepEqual(messages(m.diagnostics), [
        `\`${where}\` is \`max\` but for \`val_loss\` lower is better: use \`min\`.`,
      ]);
      assert.deepEqual(severities(m.diagnostics), [1]);
      const key = where.split('.').pop();
      assert.deepEqual(fixTitles(m.diagnostics[0]), [`Change \`${key}\` to \`min\``]);
      assert.match(m.fixed(), new RegExp(`${key}: min\\}`));
    }
    const wrongKey = await rule('EXP-011', 'metrics:\n  primary: {name: val_loss, mode: max}\n');
    assert.deepEqual(messages(wrongKey.diagnostics), []);
    const higher = await rule('EXP-011', 'metrics:\n  track: [accuracy]\n  primary: {name: val_accuracy, goal: min}\n');
    assert.deepEqual(messages(higher.diagnostics), [
      '`metrics.primary.goal` is `min` but for `val_accuracy` higher is better: use `max`.',
    ]);
  });
});

describe('EXP-013 boundaries', () => {
  it('each pretrained mode needs non-empty `model.pretrained`; from_scratch does not', async () => {
    for (const mode of ['finetune', 'transfer', 'feature_extraction']) {
      const r = await rule('EXP-013', `training:\n  mode: ${mode}\n  epochs: 1\nmodel:\n  architecture: bert\n`);
      assert.deepEqual(messages(r.diagnostics), [
        `\`training.mode\` is \`${mode}\`, which starts from pretrained weights, but \`model.pretrained\` is not set: name them (e.g. \`pretrained: {source: huggingface, name: bert-base-chinese}\`) or use \`mode: from_scratch\`.`,
      ]);
      assert.deepEqual(severities(r.diagnostics), [1]);
      assert.deepEqual(r.diagnostics[0]!.range.start, { line: 5, character: 8 });
      assert.equal(
        (await rule('EXP-013', `training:\n  mode: ${mode}\n  epochs: 1\nmodel:\n  pretrained: {}\n`)).diagnostics
          .length,
        1,
      );
      assert.equal(
        (await rule('EXP-013', `training:\n  mode: ${mode}\n  epochs: 1\nmodel:\n  pretrained:\n`)).diagnostics.length,
        1,
      );
      assert.deepEqual(
        messages(
          (await rule('EXP-013', `training:\n  mode: ${mode}\n  epochs: 1\nmodel:\n  pretrained: {name: x}\n`))
            .diagnostics,
        ),
        [],
      );
      assert.deepEqual(
        messages(
          (await rule('EXP-013', `training:\n  mode: ${mode}\n  epochs: 1\nmodel:\n  pretrained: resnet50\n`))
            .diagnostics,
        ),
        [],
      );
    }
    assert.deepEqual(
      messages((await rule('EXP-013', 'training:\n  mode: from_scratch\n  epochs: 1\n')).diagnostics),
      [],
    );
  });
});

describe('EXP-016 boundaries', () => {
  const GIB = 2 ** 30;

  it('parseCount: suffixes, exponents, spaces and case; nothing that is not a positive count', () => {
    assert.equal(parseCount('7B'), 7e9);
    assert.equal(parseCount(' 1.5 m '), 1.5e6);
    assert.equal(parseCount('110M'), 110e6);
    assert.equal(parseCount('2k'), 2000);
    assert.equal(parseCount('3G'), 3e9);
    assert.equal(parseCount('1t'), 1e12);
    assert.equal(parseCount('7e9'), 7e9);
    assert.equal(parseCount('7e+9'), 7e9);
    assert.equal(parseCount('1000'), 1000);
    for (const bad of [undefined, '', '0', '0B', '7 X', 'B7', '1.2.3', '-5', '7e', 'x7B', '7Bx']) {
      assert.equal(parseCount(bad), undefined, String(bad));
    }
  });

  it('warns exactly above parameters × bytes × copies, for each optimizer and precision (property)', async () => {
    const OPT: Record<string, [number, string]> = {
      sgd: [2, 'weights and gradients'],
      'sgd-m': [3, 'weights, gradients and the momentum buffer'],
      rmsprop: [3, "weights, gradients and rmsprop's running average"],
      adagrad: [3, "weights, gradients and adagrad's running average"],
      adam: [4, "weights, gradients and Adam's two moment estimates"],
      none: [4, "weights, gradients and Adam's two moment estimates (Adam assumed)"],
    };
    const BYTES: Record<string, number> = { fp32: 4, fp16: 2, bf16: 2, mixed: 2, none: 4, int8: 4 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(OPT)),
        fc.constantFrom(...Object.keys(BYTES)),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom(-1, 0, 1),
        async (opt, precision, memory, offset) => {
          const [copies, what] = OPT[opt]!;
          const bytes = BYTES[precision]!;
          // Parameters whose estimate is exactly `memory` GiB, then one parameter more or less.
          const params = (memory * GIB) / (bytes * copies) + offset;
          const optimizer =
            opt === 'none'
              ? ''
              : opt === 'sgd-m'
                ? '  optimizer: {type: SGD, momentum: 0.9}\n'
                : `  optimizer: {type: ${opt}}\n`;
          const precisionLine = precision === 'none' ? '' : `  precision: ${precision}\n`;
          const r = await rule(
            'EXP-016',
            `resources:\n  gpu_memory_gb: ${memory}\nmodel:\n  parameters: ${params}\ntraining:\n  epochs: 1\n${optimizer}${precisionLine}`,
          );
          if (offset <= 0)
            return assert.deepEqual(messages(r.diagnostics), [], `${opt} ${precision} ${memory} ${offset}`);
          const needed = ((params * bytes * copies) / GIB).toFixed(1);
          const shownPrecision = precision === 'none' ? 'fp32' : precision;
          const note = precision === 'mixed' ? ', fp32 master weights not counted' : '';
          assert.deepEqual(messages(r.diagnostics), [
            `Estimated training memory is at least ${needed} GiB per GPU, more than \`resources.gpu_memory_gb: ${memory}\`: ${params.toLocaleString('en-US')} parameters × ${bytes} bytes (${shownPrecision}${note}) × ${copies} (${what}), before activations. Use a GPU with more memory, shard the model (\`run.distributed: deepspeed\`), or train fewer parameters (e.g. a smaller model or frozen layers).`,
          ]);
          assert.deepEqual(severities(r.diagnostics), [2]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is silent on CPU, when sharded, and without a positive memory or parameter count', async () => {
    const body = (extra: string, memory = '8') =>
      `resources:\n  gpu_memory_gb: ${memory}\n${extra}model:\n  parameters: 7B\ntraining:\n  epochs: 1\n`;
    assert.equal((await rule('EXP-016', body(''))).diagnostics.length, 1);
    assert.equal((await rule('EXP-016', body('  accelerator: gpu\n'))).diagnostics.length, 1);
    assert.deepEqual(messages((await rule('EXP-016', body('  accelerator: cpu\n'))).diagnostics), []);
    for (const d of ['deepspeed', 'FSDP', 'zero3']) {
      assert.deepEqual(messages((await rule('EXP-016', `${body('')}run:\n  distributed: ${d}\n`)).diagnostics), [], d);
    }
    assert.equal((await rule('EXP-016', `${body('')}run:\n  distributed: ddp\n`)).diagnostics.length, 1);
    for (const memory of ['0', '-8', 'lots']) {
      assert.deepEqual(messages((await rule('EXP-016', body('', memory))).diagnostics), [], memory);
    }
  });
});

describe('EXP-019 boundaries', () => {
  const base = 'run:\n  trainer: builtin\n';

  it('the builtin trainer: tabular classification or regression on CSV only', async () => {
    const r = await rule('EXP-019', `${base}task:\n  type: detection\n  domain: vision\ndata:\n  format: parquet\n`);
    assert.deepEqual(messages(r.diagnostics), [
      '`task.type` is `detection` but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: use `classification` or `regression`, or use `run.trainer: command` with your own training script.',
      '`task.domain` is `vision` but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: use `tabular` data, or use `run.trainer: command` with your own training script.',
      '`data.format` is `parquet` but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: provide a `.csv` file, or use `run.trainer: command` with your own training script.',
    ]);
    assert.deepEqual(severities(r.diagnostics), [1, 1, 1]);
    for (const type of ['classification', 'regression']) {
      assert.deepEqual(
        messages((await rule('EXP-019', `${base}task:\n  type: ${type}\n  domain: tabular\n`)).diagnostics),
        [],
      );
    }
    const ext = await rule('EXP-019', `${base}data:\n  train: data/x.JSONL\n`);
    assert.deepEqual(messages(ext.diagnostics), [
      '`data.train` is a `.jsonl` file but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: provide a `.csv` file, or use `run.trainer: command` with your own training script.',
    ]);
    assert.deepEqual(severities(ext.diagnostics), [1]);
    assert.deepEqual(messages((await rule('EXP-019', `${base}data:\n  train: data/x.CSV\n`)).diagnostics), []);
    assert.deepEqual(messages((await rule('EXP-019', `${base}data:\n  train: data/x\n`)).diagnostics), []);
    assert.deepEqual(
      messages((await rule('EXP-019', `${base}data:\n  train: x.jsonl\n  format: csv\n`)).diagnostics),
      [],
    );
    assert.deepEqual(
      messages((await rule('EXP-019', 'run:\n  trainer: command\ntask:\n  type: detection\n')).diagnostics),
      [],
    );
  });
});

describe('EXP-021 boundaries', () => {
  it('each sensitive level needs a non-empty privacy section (health an error, others warnings)', async () => {
    for (const level of ['personal', 'health', 'financial']) {
      const none = await rule('EXP-021', `data:\n  sensitivity: ${level}\n`);
      assert.deepEqual(messages(none.diagnostics), [
        `\`data.sensitivity\` is \`${level}\` but there is no \`privacy\` section: say how the data is protected, e.g. \`anonymization\` (pseudonymised identifiers), \`encryption\`, \`differential_privacy\` or \`federated\`.`,
      ]);
      assert.deepEqual(severities(none.diagnostics), [level === 'health' ? 1 : 2]);
      const empty = await rule('EXP-021', `data:\n  sensitivity: ${level}\nprivacy: {}\n`);
      assert.match(messages(empty.diagnostics)[0] ?? '', /but the `privacy` section is empty/);
      assert.match(
        messages((await rule('EXP-021', `data:\n  sensitivity: ${level}\nprivacy:\n`)).diagnostics)[0] ?? '',
        /but the `privacy` section is empty/,
      );
      assert.deepEqual(
        messages((await rule('EXP-021', `data:\n  sensitivity: ${level}\nprivacy: {encryption: true}\n`)).diagnostics),
        [],
      );
    }
    assert.deepEqual(messages((await rule('EXP-021', 'data:\n  sensitivity: none\n')).diagnostics), []);
  });

  it('third-party, scraped and partner data need a licence (a warning); internal data does not', async () => {
    for (const source of ['third_party', 'scraped', 'partner']) {
      const r = await rule('EXP-021', `data:\n  source: ${source}\n`);
      assert.deepEqual(messages(r.diagnostics), [
        `\`data.source\` is \`${source}\` but \`data.license\` is not set: record the licence or data-use agreement that allows training on this data.`,
      ]);
      assert.deepEqual(severities(r.diagnostics), [2]);
      assert.equal((await rule('EXP-021', `data:\n  source: ${source}\n  license:\n`)).diagnostics.length, 1);
      assert.deepEqual(
        messages((await rule('EXP-021', `data:\n  source: ${source}\n  license: CC-BY-4.0\n`)).diagnostics),
        [],
      );
    }
    assert.deepEqual(messages((await rule('EXP-021', 'data:\n  source: internal\n')).diagnostics), []);
  });
});
