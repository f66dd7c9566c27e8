/** One builtin-trainer run from its config: read the CSV files, train, and report the data notes to the sink. */
import { readFileSync } from 'node:fs';
import { prepareData, type ReadText } from './data';
import { trainModel, type TrainResult } from './train';
import type { PreparedData, TrainerConfig, TrainingSink } from './types';

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
  for (const note of data.notes) sink.log?.(note);
  const parts = [
    `train ${data.train.n}`,
    data.validation && `validation ${data.validation.n}`,
    data.test && `test ${data.test.n}`,
  ];
  sink.log?.(
    `data: ${parts.filter(Boolean).join(', ')} rows, ${data.featureOrder.length} features${data.labels ? `, classes ${data.labels.join(', ')}` : ''}`,
  );
  const result = await trainModel(config.training, data, sink, signal);
  return { ...result, data };
}
