/** Shared types of the built-in trainer (CPU, tabular CSV, MLP / logistic / linear regression). */
import { say, type Phrase } from '../l10n';

export type TaskType = 'classification' | 'regression';
export type Goal = 'min' | 'max';

export interface SplitSettings {
  /** Fractions of `data.train` rows; `validation`/`test` are 0 when that part comes from its own file or is absent. */
  readonly train: number;
  readonly validation: number;
  readonly test: number;
  readonly strategy: 'random' | 'stratified' | 'time';
  readonly seed: number;
}

export interface OptimizerSettings {
  readonly type: 'adam' | 'adamw' | 'sgd';
  readonly learningRate: number;
  readonly weightDecay: number;
  /** sgd only. */
  readonly momentum: number;
  /** adam/adamw only. */
  readonly betas: readonly [number, number];
}

export interface MetricTarget {
  readonly metric: string;
  readonly mode: Goal;
}

export interface EarlyStoppingSettings extends MetricTarget {
  readonly patience: number;
  readonly minDelta: number;
}

/** What the training loop needs (no files). */
export interface TrainSettings {
  readonly task: TaskType;
  readonly hiddenLayers: readonly number[];
  /** Exactly one of epochs and maxSteps is set. */
  readonly epochs?: number;
  readonly maxSteps?: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerSettings;
  readonly seed: number;
  readonly earlyStopping?: EarlyStoppingSettings;
  /** The metric that picks the weights kept (default: the early-stopping monitor, else val_loss, else the last epoch). */
  readonly best?: MetricTarget;
}

export interface DataSettings {
  /** Absolute paths. */
  readonly train: string;
  readonly validation?: string;
  readonly test?: string;
  readonly split?: SplitSettings;
  readonly features: readonly string[];
  readonly target: string;
  /** `preprocessing` has drop_missing (or drop_invalid): rows with missing / non-numeric values are dropped. */
  readonly dropMissing: boolean;
  /** Classification: class names in model-output order (`task.labels`); otherwise taken from the data, sorted. */
  readonly labels?: readonly string[];
  readonly positiveLabel?: string;
}

export interface ExportSettings {
  readonly opset: number;
  readonly inputName: string;
  readonly outputName: string;
  readonly dynamicBatch: boolean;
  /** `export.onnx.path` as written (may contain `${run_dir}`); the launcher's `artifacts/model.onnx` is always written. */
  readonly path?: string;
}

export interface TrainerConfig {
  readonly name: string;
  readonly experimentDir: string;
  readonly data: DataSettings;
  readonly training: TrainSettings;
  readonly export: ExportSettings;
}

/** Row-major examples: `x` holds n × f values, `y` the class index or the target value. */
export interface Examples {
  readonly n: number;
  readonly f: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export interface PreparedData {
  readonly train: Examples;
  readonly validation?: Examples;
  readonly test?: Examples;
  readonly featureOrder: readonly string[];
  /** Classification only. */
  readonly labels?: readonly string[];
  /** Binary classification: index of the positive class in `labels`. */
  readonly positiveIndex?: number;
  /** Rows dropped by drop_missing, over all files. */
  readonly dropped: number;
  readonly notes: readonly string[];
  /** The same as phrases, to say in the reader's language. */
  readonly notePhrases?: readonly Phrase[];
}

/** One line of metrics.jsonl: `epoch`, `step`, `time` (unix seconds) and metric values. */
export type MetricsRecord = Readonly<Record<string, number>>;

export interface TrainingProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  /** 0–1 over the whole run. */
  readonly fraction: number;
}

/** Receives the trainer's output as it happens; every member is optional. */
export interface TrainingSink {
  metrics?(record: MetricsRecord): void;
  progress?(p: TrainingProgress): void;
  /** Human notes (dropped rows, early stop), in English. */
  log?(line: string): void;
  /** The same notes as phrases, to say in the reader's language; when given, `log` is not called. */
  note?(p: Phrase): void;
}

/** Tells `sink` a note: as a phrase when it takes phrases, else in English. */
export function tellNote(sink: TrainingSink, p: Phrase): void {
  if (sink.note) sink.note(p);
  else sink.log?.(say('en', p));
}
