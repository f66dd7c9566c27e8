/** Reads and checks the `task` and `data` sections for the builtin trainer. */
import * as path from 'node:path';
import { phrase } from '../l10n';
import { fail, type Fields } from './config-fields';
import type { DataSettings, SplitSettings, TaskType } from './types';

const SUPPORTED_OPS = ['drop_missing', 'drop_invalid', 'standardize'];
const ALTERNATIVE = phrase('or use `run.trainer: command` with your own training script');

function localCsv(e: Fields, field: string, experimentDir: string): string | undefined {
  const p = e.str(field);
  if (p === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(p))
    fail(field, phrase('is a URI ({0}): the builtin trainer reads local CSV files only; download it first', p));
  if (!e.has('data.format') && !/\.csv$/i.test(p))
    fail(field, phrase('is not a .csv file ({0}): the builtin trainer reads CSV only, {1}', p, ALTERNATIVE));
  return path.resolve(experimentDir, p);
}

function split(e: Fields, task: TaskType, seed: number): SplitSettings | undefined {
  if (!e.has('data.split')) return undefined;
  const frac = (k: string) => e.num(`data.split.${k}`, { above: 0, below: 1 });
  const train =
    frac('train') ?? fail('data.split.train', phrase('is missing: give the fraction of rows to train on, e.g. 0.8'));
  const valFile = e.has('data.validation');
  const testFile = e.has('data.test');
  if (valFile && testFile)
    fail('data.split', phrase('is not needed when `data.validation` and `data.test` are both files: remove it'));
  if (valFile && e.has('data.split.validation'))
    fail('data.split.validation', phrase('and `data.validation` are both given: keep one'));
  if (testFile && e.has('data.split.test')) fail('data.split.test', phrase('and `data.test` are both given: keep one'));
  const rest = (used: number) => (1 - used < 1e-9 ? 0 : 1 - used);
  let validation = frac('validation');
  let test = frac('test');
  // What is not given takes the rest: validation first, test when validation is a file.
  if (validation === undefined) validation = valFile ? 0 : rest(train + (test ?? 0));
  test ??= valFile ? rest(train + validation) : 0;
  const sum = train + validation + test;
  if (Math.abs(sum - 1) > 1e-6)
    fail('data.split', phrase('fractions sum to {0}: make train + validation + test = 1', Number(sum.toFixed(6))));
  const strategy = e.str('data.split.strategy', { oneOf: ['random', 'stratified', 'time'] }) ?? 'random';
  if (strategy === 'stratified' && task !== 'classification')
    fail('data.split.strategy', phrase('is stratified, which needs a classification task: use random'));
  const splitSeed = e.num('data.split.seed', { min: 0, integer: true }) ?? seed;
  return { train, validation, test, strategy: strategy as SplitSettings['strategy'], seed: splitSeed };
}

export function readTask(e: Fields): TaskType {
  const type = e.str('task.type', {
    required: phrase('set `task.type: classification` or `regression`'),
    oneOf: ['classification', 'regression'],
  });
  e.str('task.domain', { oneOf: ['tabular'] });
  return type as TaskType;
}

export function readData(e: Fields, task: TaskType, experimentDir: string, seed: number): DataSettings {
  e.str('data.format', { oneOf: ['csv'] });
  const train =
    localCsv(e, 'data.train', experimentDir) ??
    fail('data.train', phrase('is missing: give the CSV file to train on, e.g. `train: data/train.csv`'));
  const features = e.names('data.features');
  if (!features || features.length === 0)
    fail('data.features', phrase('is missing: list the numeric input columns, e.g. `features: [age, income]`'));
  const target = e.str('data.target', { required: phrase('name the CSV column to predict, e.g. `target: outcome`') })!;
  if (features.includes(target))
    fail('data.features', phrase('includes the target column "{0}": remove it from the features', target));
  const ops = (e.list('data.preprocessing') ?? []).map(
    (step, i) => e.str(`data.preprocessing.${i}.op`) ?? (typeof step === 'string' ? step : ''),
  );
  ops.forEach((op, i) => {
    if (!SUPPORTED_OPS.includes(op)) {
      fail(
        `data.preprocessing[${i}].op`,
        phrase(
          '"{0}" is not supported by the builtin trainer (it supports {1}; features are always standardized): remove it, {2}',
          op,
          SUPPORTED_OPS.join(', '),
          ALTERNATIVE,
        ),
      );
    }
  });
  const labels = task === 'classification' ? e.names('task.labels') : undefined;
  if (labels && labels.length < 2) fail('task.labels', phrase('needs at least 2 classes'));
  const positiveLabel = task === 'classification' ? e.str('task.positive_label') : undefined;
  if (labels && positiveLabel !== undefined && !labels.includes(positiveLabel))
    fail('task.positive_label', phrase('"{0}" is not one of `task.labels` ({1})', positiveLabel, labels.join(', ')));
  const loss = e.str('training.loss');
  const losses = task === 'classification' ? ['cross_entropy', 'bce', 'nll'] : ['mse'];
  if (loss !== undefined && !losses.includes(loss))
    fail('training.loss', phrase('is {0}: the builtin trainer uses {1} for {2}', loss, losses.join(' / '), task));
  if (loss === 'bce' && labels && labels.length > 2)
    fail('training.loss', phrase('is bce but `task.labels` has {0} classes: use cross_entropy', labels.length));
  return {
    train,
    validation: localCsv(e, 'data.validation', experimentDir),
    test: localCsv(e, 'data.test', experimentDir),
    split: split(e, task, seed),
    features,
    target,
    dropMissing: ops.includes('drop_missing') || ops.includes('drop_invalid'),
    labels,
    positiveLabel,
  };
}
