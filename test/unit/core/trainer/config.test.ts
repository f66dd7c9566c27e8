import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { trainerConfigFromExperiment } from '../../../../core/src/trainer/config';
import { REPO_ROOT } from '../../../support/fixtures';

const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'credit-risk');
const example = () =>
  parse(readFileSync(path.join(EXAMPLE_DIR, 'credit-risk.experiment.yaml'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;

/** The example with some fields replaced (`undefined` deletes). */
function variant(edit: (e: Record<string, Record<string, unknown>>) => void): unknown {
  const e = example();
  edit(e);
  return e;
}

describe('core builtin trainer: config from an experiment', () => {
  it('reads examples/credit-risk into trainer settings', () => {
    const c = trainerConfigFromExperiment(example(), EXAMPLE_DIR);
    assert.equal(c.data.train, path.join(EXAMPLE_DIR, 'data', 'applications.csv'));
    assert.deepEqual(c.data.split, { train: 0.7, validation: 0.15, test: 0.15, strategy: 'stratified', seed: 42 });
    assert.deepEqual(
      [c.data.target, c.data.features.length, c.data.dropMissing, c.data.labels, c.data.positiveLabel],
      ['outcome', 7, true, ['good', 'default'], 'default'],
    );
    assert.deepEqual(c.training.hiddenLayers, [32, 16]);
    assert.deepEqual(
      [
        c.training.epochs,
        c.training.batchSize,
        c.training.seed,
        c.training.optimizer.type,
        c.training.optimizer.learningRate,
      ],
      [30, 64, 42, 'adam', 0.001],
    );
    assert.deepEqual(c.training.earlyStopping, { metric: 'val_loss', mode: 'min', patience: 5, minDelta: 0 });
    assert.deepEqual(c.training.best, { metric: 'val_auc', mode: 'max' });
    assert.deepEqual(c.export, {
      opset: 17,
      inputName: 'features',
      outputName: 'probabilities',
      dynamicBatch: true,
      path: '${run_dir}/model.onnx',
    });
  });

  it('defaults: opset 13 (also for lower opsets), remaining split fraction to validation, bare metric names, regression output name', () => {
    const c = trainerConfigFromExperiment(
      variant((e) => {
        e.export = { onnx: { opset: 11 } };
        e.data!.split = { train: 0.8 };
        e.training!.early_stopping = { monitor: 'auc' };
        e.metrics = {};
      }),
      EXAMPLE_DIR,
    );
    assert.equal(c.export.opset, 13);
    assert.ok(Math.abs(c.data.split!.validation - 0.2) < 1e-12);
    assert.deepEqual(c.training.earlyStopping, { metric: 'val_auc', mode: 'max', patience: 5, minDelta: 0 });
    const r = trainerConfigFromExperiment(
      variant((e) => {
        e.task = { type: 'regression' };
        e.training!.loss = 'mse';
        e.data!.split = { train: 0.8, validation: 0.2 };
        delete e.export;
      }),
      EXAMPLE_DIR,
    );
    assert.deepEqual([r.export.inputName, r.export.outputName], ['features', 'prediction']);
  });

  const bad: Array<[string, (e: Record<string, Record<string, unknown>>) => void, RegExp]> = [
    [
      'no target',
      (e) => {
        delete e.data!.target;
      },
      /`data\.target` is missing: name the CSV column to predict/,
    ],
    [
      'no features',
      (e) => {
        delete e.data!.features;
      },
      /`data\.features` is missing: list the numeric input columns/,
    ],
    [
      'target among features',
      (e) => {
        e.data!.features = ['income', 'outcome'];
      },
      /includes the target column "outcome"/,
    ],
    [
      'not tabular',
      (e) => {
        e.task = { type: 'detection' };
      },
      /`task\.type` is "detection": the builtin trainer supports classification, regression/,
    ],
    [
      'parquet',
      (e) => {
        e.data!.format = 'parquet';
      },
      /`data\.format` is "parquet"/,
    ],
    [
      'a URI',
      (e) => {
        e.data!.train = 's3://bucket/x.csv';
      },
      /`data\.train` is a URI/,
    ],
    [
      'epochs and max_steps',
      (e) => {
        e.training!.max_steps = 100;
      },
      /give exactly one of them/,
    ],
    [
      'rmsprop',
      (e) => {
        e.training!.optimizer = { type: 'rmsprop', learning_rate: 0.01 };
      },
      /`training\.optimizer\.type` is "rmsprop"/,
    ],
    [
      'lr 0',
      (e) => {
        e.training!.optimizer = { type: 'adam', learning_rate: 0 };
      },
      /`training\.optimizer\.learning_rate` is 0: use a value > 0/,
    ],
    [
      'split sum',
      (e) => {
        e.data!.split = { train: 0.7, validation: 0.2, test: 0.2 };
      },
      /`data\.split` fractions sum to 1\.1/,
    ],
    [
      'early stopping without validation',
      (e) => {
        e.data!.split = { train: 0.9, test: 0.1 };
        delete e.metrics;
      },
      /`training\.early_stopping` needs validation data/,
    ],
    [
      'one_hot',
      (e) => {
        e.data!.preprocessing = [{ op: 'one_hot' }];
      },
      /`data\.preprocessing\[0\]\.op` "one_hot" is not supported/,
    ],
    [
      'command trainer',
      (e) => {
        e.run = { trainer: 'command' };
      },
      /`run\.trainer` is "command"/,
    ],
    [
      'bce multi-class',
      (e) => {
        e.task!.labels = ['a', 'b', 'c'];
        delete e.task!.positive_label;
      },
      /`training\.loss` is bce but `task\.labels` has 3 classes/,
    ],
    [
      'mae loss',
      (e) => {
        e.task = { type: 'regression' };
        e.training!.loss = 'mae';
      },
      /`training\.loss` is mae: the builtin trainer uses mse for regression/,
    ],
    [
      'hidden layer 0',
      (e) => {
        e.model!.hidden_layers = [0];
      },
      /`model\.hidden_layers\.0` is 0: use a value ≥ 1/,
    ],
    [
      'opset 22',
      (e) => {
        e.export = { onnx: { opset: 22 } };
      },
      /`export\.onnx\.opset` is 22: use a value ≤ 21/,
    ],
  ];
  for (const [what, edit, message] of bad) {
    it(`rejects ${what} with a message naming the field`, () => {
      assert.throws(
        () => trainerConfigFromExperiment(variant(edit), EXAMPLE_DIR),
        (err: Error) => err.name === 'TrainerConfigError' && message.test(err.message),
      );
    });
  }
});
