/** One builtin-trainer run from its config: read the CSV files, train, and report the data notes to the sink. */
import { readFileSync } from 'node:fs';
import { prepareData, type ReadText } from './data';
import { trainModel, type TrainResult } from './train';
import { phrase } from '../l10n';
import { tellNote, type PreparedData, type TrainerConfig, type TrainingSink } from './types';

export interface RunResult extends TrainResult {
  readonly data: PreparedData;
}

export async function runBuiltinTrainer(
  config: TrainerConfig,
  sink: TrainingSink = {},
  signal?: AbortSignal,
  readText: ReadText = (p) => readFileSync(p, 'utf8'),
): Promise<RunResult> {
  const data = prepareData(config.data, config.training.task, config.experimentDir, readText);
  for (const note of data.notePhrases ?? []) tellNote(sink, note);
  const v = data.validation?.n ?? 0;
  const t = data.test?.n ?? 0;
  const rows =
    data.validation && data.test
      ? phrase('train {0}, validation {1}, test {2} rows', data.train.n, v, t)
      : data.validation
        ? phrase('train {0}, validation {1} rows', data.train.n, v)
        : data.test
          ? phrase('train {0}, test {1} rows', data.train.n, t)
          : phrase('train {0} rows', data.train.n);
  tellNote(
    sink,
    data.labels
      ? phrase('data: {0}, {1} features, classes {2}', rows, data.featureOrder.length, data.labels.join(', '))
      : phrase('data: {0}, {1} features', rows, data.featureOrder.length),
  );
  const result = await trainModel(config.training, data, sink, signal);
  return { ...result, data };
}
