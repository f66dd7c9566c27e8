/**
 * The training loop: standardization fitted on the training split, seeded initialisation and shuffling, mini-batch
 * updates, one metrics record per epoch, early stopping, and the best weights kept. It yields to the event loop
 * between epochs (and every ~50 ms), so an AbortSignal can stop it; the result is then marked `aborted`.
 */
import { lossAndGradients } from './backprop';
import { cloneMlp, initMlp, type Mlp } from './mlp';
import { createOptimizer } from './optimizer';
import { createRng, STREAM } from './prng';
import { MetricWatcher, producedMetrics } from './selection';
import { fitStandardizer, fitTargetScale, standardizeExamples } from './standardize';
import { evaluate, type TrainedModel } from './trained-model';
import { phrase, PhrasedError } from '../l10n';
import { tellNote, type MetricsRecord, type PreparedData, type TrainingSink, type TrainSettings } from './types';

export interface TrainResult {
  readonly model: TrainedModel;
  readonly history: readonly MetricsRecord[];
  /** The epoch whose weights were kept, by `metric` (undefined: the last epoch, no validation metric). */
  readonly best: { readonly metric?: string; readonly value?: number; readonly epoch: number };
  readonly epochsRun: number;
  readonly steps: number;
  readonly stoppedEarly: boolean;
  readonly aborted: boolean;
  /** Metrics of the kept weights on the test part (`test_loss`, `test_auc`, …), when there is one. */
  readonly test?: Record<string, number>;
  readonly seconds: number;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function trainModel(
  s: TrainSettings,
  data: PreparedData,
  sink: TrainingSink = {},
  signal?: AbortSignal,
): Promise<TrainResult> {
  const started = performance.now();
  const { train } = data;
  const f = train.f;
  const standardizer = fitStandardizer(train.x, train.n, f);
  const target = s.task === 'regression' ? fitTargetScale(train.y) : undefined;
  const xs = standardizeExamples(standardizer, train).x;
  const ys = target ? train.y.map((v) => (v - target.mean) / target.std) : train.y;
  const validation = data.validation && standardizeExamples(standardizer, data.validation);
  const outputs = s.task === 'classification' ? (data.labels?.length ?? 0) : 1;
  if (outputs < 1) throw new Error('classification without class labels');

  const produced = producedMetrics(s.task, data.positiveIndex !== undefined, validation !== undefined);
  const monitor = s.earlyStopping?.metric;
  if (monitor !== undefined && !produced.includes(monitor)) {
    throw new PhrasedError(
      phrase(
        '`training.early_stopping.monitor` "{0}" is not a metric this run reports ({1})',
        monitor,
        produced.join(', '),
      ),
    );
  }
  const wanted = s.best && produced.includes(s.best.metric) ? s.best : undefined;
  if (s.best && !wanted)
    tellNote(
      sink,
      (monitor ?? validation)
        ? phrase(
            'best weights: "{0}" is not reported by this run; using {1} instead',
            s.best.metric,
            monitor ?? 'val_loss',
          )
        : phrase('best weights: "{0}" is not reported by this run; using the last epoch instead', s.best.metric),
    );
  let mlp: Mlp = initMlp(f, s.hiddenLayers, outputs, createRng(s.seed, STREAM.init));
  const opt = createOptimizer(mlp, s.optimizer);
  const shuffler = createRng(s.seed, STREAM.shuffle);
  const stepsPerEpoch = Math.ceil(train.n / s.batchSize);
  const epochs = s.epochs ?? Math.ceil((s.maxSteps ?? stepsPerEpoch) / stepsPerEpoch);
  const maxSteps = s.maxSteps ?? epochs * stepsPerEpoch;
  const bestBy = wanted ?? s.earlyStopping ?? (validation ? { metric: 'val_loss', mode: 'min' as const } : undefined);
  const bestWatch = bestBy && new MetricWatcher(bestBy.metric, bestBy.mode);
  const early =
    s.earlyStopping && new MetricWatcher(s.earlyStopping.metric, s.earlyStopping.mode, s.earlyStopping.minDelta);
  const model = (weights: Mlp): TrainedModel => ({
    task: s.task,
    mlp: weights,
    standardizer,
    target,
    featureOrder: data.featureOrder,
    labels: data.labels,
    positiveIndex: data.positiveIndex,
  });

  const history: MetricsRecord[] = [];
  let bestMlp: Mlp | undefined;
  let step = 0,
    epoch = 0,
    stoppedEarly = false,
    aborted = false;
  let lastYield = performance.now();
  const order = Int32Array.from({ length: train.n }, (_, i) => i);
  while (epoch < epochs && step < maxSteps && !stoppedEarly) {
    shuffler.shuffle(order);
    let lossSum = 0,
      seen = 0;
    for (let start = 0; start < train.n && step < maxSteps; start += s.batchSize) {
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      const bn = Math.min(s.batchSize, train.n - start);
      const xb = new Float64Array(bn * f);
      const yb = new Float64Array(bn);
      for (let k = 0; k < bn; k++) {
        const r = order[start + k]!;
        xb.set(xs.subarray(r * f, (r + 1) * f), k * f);
        yb[k] = ys[r]!;
      }
      const { loss, grads } = lossAndGradients(mlp, s.task, xb, yb, bn);
      opt.step(grads);
      lossSum += loss * bn;
      seen += bn;
      step++;
      if (performance.now() - lastYield > 50) {
        await tick();
        lastYield = performance.now();
      }
    }
    if (aborted) break;
    epoch++;
    const record: MetricsRecord = {
      epoch,
      step,
      time: Date.now() / 1000,
      train_loss: (lossSum / Math.max(seen, 1)) * (target ? target.std ** 2 : 1),
      ...(validation ? evaluate(model(mlp), validation, 'val_') : {}),
    };
    history.push(record);
    sink.metrics?.(record);
    if (bestWatch?.update(record)) bestMlp = cloneMlp(mlp);
    if (early?.update(record) === false && early.stale >= s.earlyStopping!.patience) {
      stoppedEarly = true;
      tellNote(
        sink,
        phrase(
          'early stopping: {0} did not improve for {1} epochs (best {2} at epoch {3})',
          early.metric,
          early.stale,
          String(early.bestValue),
          early.bestEpoch,
        ),
      );
    }
    sink.progress?.({
      epoch,
      epochs,
      step,
      fraction: Math.min(1, stoppedEarly ? 1 : Math.max(epoch / epochs, step / maxSteps)),
    });
    await tick();
    lastYield = performance.now();
    if (signal?.aborted) aborted = true;
    if (aborted) break;
  }
  if (bestMlp) mlp = bestMlp;
  const final = model(mlp);
  const test = data.test && evaluate(final, standardizeExamples(standardizer, data.test), 'test_');
  return {
    model: final,
    history,
    steps: step,
    epochsRun: epoch,
    stoppedEarly,
    aborted,
    test,
    best:
      bestMlp && bestWatch
        ? { metric: bestWatch.metric, value: bestWatch.bestValue, epoch: bestWatch.bestEpoch }
        : { epoch },
    seconds: (performance.now() - started) / 1000,
  };
}
