/**
 * `trainerConfigFromExperiment`: turns an Experiment document (parsed YAML) into the builtin trainer's settings,
 * checking everything the trainer relies on. Each problem is a `TrainerConfigError` naming the field and the fix.
 */
import { phrase } from '../l10n';
import { readData, readTask } from './config-data';
import { fail, Fields, TrainerConfigError } from './config-fields';
import { defaultMode } from './selection';
import type {
  EarlyStoppingSettings,
  ExportSettings,
  Goal,
  MetricTarget,
  OptimizerSettings,
  TaskType,
  TrainerConfig,
} from './types';

export { TrainerConfigError };

const ALTERNATIVE = phrase('or use `run.trainer: command` with your own training script');
const EVALUATED = ['loss', 'accuracy', 'precision', 'recall', 'f1', 'auc', 'mse', 'rmse', 'mae', 'r2'];

/** `auc` → `val_auc` (EXP-011 allows evaluated metric names); other names unchanged. */
export function metricName(name: string): string {
  return EVALUATED.includes(name) ? `val_${name}` : name;
}

function readModel(e: Fields): number[] {
  e.str('model.architecture', { oneOf: ['mlp'] });
  e.str('model.activation', { oneOf: ['relu'] });
  if ((e.num('model.dropout') ?? 0) > 0)
    fail('model.dropout', phrase('is not supported by the builtin trainer: remove it, {0}', ALTERNATIVE));
  const layers = e.list('model.hidden_layers') ?? [];
  return layers.map((_, i) => e.num(`model.hidden_layers.${i}`, { min: 1, max: 4096, integer: true })!);
}

function readOptimizer(e: Fields): OptimizerSettings {
  const type = (e.str('training.optimizer.type', { oneOf: ['adam', 'adamw', 'sgd'] }) ??
    'adam') as OptimizerSettings['type'];
  const betas = e.list('training.optimizer.betas');
  if (betas && betas.length !== 2) fail('training.optimizer.betas', phrase('needs two numbers, e.g. [0.9, 0.999]'));
  const beta = (i: number, d: number) => e.num(`training.optimizer.betas.${i}`, { min: 0, below: 1 }) ?? d;
  return {
    type,
    learningRate: e.num('training.optimizer.learning_rate', { above: 0, max: 10 }) ?? (type === 'sgd' ? 0.01 : 0.001),
    weightDecay: e.num('training.optimizer.weight_decay', { min: 0 }) ?? 0,
    momentum: e.num('training.optimizer.momentum', { min: 0, below: 1 }) ?? 0,
    betas: [beta(0, 0.9), beta(1, 0.999)],
  };
}

function readTarget(e: Fields, field: string, nameKey: string, modeKey: string): MetricTarget | undefined {
  const raw = e.str(`${field}.${nameKey}`);
  if (raw === undefined) return undefined;
  const metric = metricName(raw);
  return { metric, mode: (e.str(`${field}.${modeKey}`, { oneOf: ['min', 'max'] }) ?? defaultMode(metric)) as Goal };
}

function readEarlyStopping(e: Fields, hasValidation: boolean): EarlyStoppingSettings | undefined {
  if (!e.has('training.early_stopping')) return undefined;
  const target =
    readTarget(e, 'training.early_stopping', 'monitor', 'mode') ??
    fail('training.early_stopping.monitor', phrase('is missing: name the metric to watch, e.g. `monitor: val_loss`'));
  if (!hasValidation && target.metric !== 'train_loss') {
    fail(
      'training.early_stopping',
      phrase('needs validation data: add `data.split` with a validation fraction or a `data.validation` file'),
    );
  }
  return {
    ...target,
    patience: e.num('training.early_stopping.patience', { min: 1, integer: true }) ?? 5,
    minDelta: e.num('training.early_stopping.min_delta', { min: 0 }) ?? 0,
  };
}

function readExport(e: Fields, task: TaskType): ExportSettings {
  const opset = e.num('export.onnx.opset', { integer: true, max: 21 }) ?? 13;
  return {
    opset: Math.max(13, opset),
    inputName: e.str('export.onnx.input_name') ?? 'features',
    outputName: e.str('export.onnx.output_name') ?? (task === 'classification' ? 'probabilities' : 'prediction'),
    dynamicBatch: e.bool('export.onnx.dynamic_batch') ?? true,
    path: e.str('export.onnx.path'),
  };
}

/** The trainer's settings from an Experiment document; relative data paths resolve against `experimentDir`. */
export function trainerConfigFromExperiment(experimentJs: unknown, experimentDir: string): TrainerConfig {
  if (experimentJs === null || typeof experimentJs !== 'object' || Array.isArray(experimentJs)) {
    throw new TrainerConfigError(
      phrase(
        'the experiment file is not a YAML mapping: it should start with `apiVersion: liftoff/v1` and `kind: Experiment`',
      ),
    );
  }
  const e = new Fields(experimentJs);
  e.str('kind', { oneOf: ['Experiment'] });
  const trainer = e.str('run.trainer');
  if (trainer !== undefined && trainer !== 'builtin')
    fail(
      'run.trainer',
      phrase('is "{0}": this is the builtin trainer, which runs `trainer: builtin` experiments', trainer),
    );
  const task = readTask(e);
  const seed = e.num('training.seed', { min: 0, integer: true }) ?? 0;
  const data = readData(e, task, experimentDir, seed);
  const epochs = e.num('training.epochs', { min: 1, integer: true });
  const maxSteps = e.num('training.max_steps', { min: 1, integer: true });
  if ((epochs === undefined) === (maxSteps === undefined))
    fail('training.epochs', phrase('or `training.max_steps`: give exactly one of them, e.g. `epochs: 20`'));
  const schedule = e.str('training.schedule.type');
  if (schedule !== undefined && schedule !== 'constant')
    fail(
      'training.schedule.type',
      phrase(
        'is {0}: the builtin trainer uses a constant learning rate; remove `schedule`, {1}',
        schedule,
        ALTERNATIVE,
      ),
    );
  const batch = e.num('training.batch_size', { min: 1, integer: true }) ?? 32;
  const accumulate = e.num('training.gradient_accumulation', { min: 1, integer: true }) ?? 1;
  const hasValidation = (data.split?.validation ?? 0) > 0 || data.validation !== undefined;
  const earlyStopping = readEarlyStopping(e, hasValidation);
  const best =
    readTarget(e, 'training.checkpoint.save_best', 'metric', 'mode') ??
    readTarget(e, 'metrics.primary', 'name', 'goal');
  return {
    name: e.str('metadata.name') ?? 'experiment',
    experimentDir,
    data,
    training: {
      task,
      hiddenLayers: readModel(e),
      epochs,
      maxSteps,
      batchSize: batch * accumulate,
      optimizer: readOptimizer(e),
      seed,
      earlyStopping,
      best: best && (best.metric.startsWith('val_') || best.metric === 'train_loss') ? best : undefined,
    },
    export: readExport(e, task),
  };
}
