/**
 * The builtin trainer as a process (bundled to dist/trainer/builtin.js; the launcher runs it as a child):
 *
 *   node dist/trainer/builtin.js --config <experiment.yaml> --run-dir <dir> [--experiment-dir <dir>]
 *
 * Environment: LIFTOFF_RUN_DIR (default for --run-dir, else the working directory), LIFTOFF_METRICS_FILE (default
 * <run-dir>/metrics.jsonl), LIFTOFF_EXPERIMENT_DIR (where relative data paths resolve; default: the config's folder
 * — pass it when --config is a snapshot copied elsewhere). Appends one JSON line per epoch to the metrics file
 * (written through at once), prints one line per epoch, writes <run-dir>/artifacts/model.onnx and model.json.
 * Exit 0: trained and exported; 1: bad input or failure (one `error: …` line on stderr); 130/143: cancelled.
 * Its own lines are in LIFTOFF_LOCALE (set by the launcher from the reader's language), else LC_ALL/LC_MESSAGES/LANG;
 * metric names and the word epoch stay as written.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { errorText, localeFromEnv, normalizeLocale, phrase, PhrasedError, say, t } from '../l10n';
import { parseExperiment } from '../vocabulary';
import { trainerConfigFromExperiment } from './config';
import { exportOnnx, modelCard } from './export-model';
import { runBuiltinTrainer } from './run';
import type { MetricsRecord, TrainerConfig } from './types';

/** The reader's language: the launcher's LIFTOFF_LOCALE, else the environment's. */
const locale = process.env.LIFTOFF_LOCALE ? normalizeLocale(process.env.LIFTOFF_LOCALE) : localeFromEnv(process.env);

const fmt = (v: number | undefined) => (v === undefined ? '–' : Math.abs(v) >= 1e4 ? v.toPrecision(6) : v.toFixed(4));

/** The validation metric shown beside the losses on each epoch line. */
function headline(config: TrainerConfig, record: MetricsRecord): string | undefined {
  const wanted = [
    config.training.best?.metric,
    config.training.earlyStopping?.metric,
    'val_auc',
    'val_accuracy',
    'val_r2',
  ];
  return wanted.find((m) => m !== undefined && m !== 'val_loss' && m !== 'train_loss' && record[m] !== undefined);
}

function readConfig(file: string, experimentDir: string): TrainerConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PhrasedError(phrase('cannot read the experiment file {0}', file));
  }
  let doc: unknown;
  try {
    doc = parseExperiment(text);
  } catch (err) {
    throw new PhrasedError(
      phrase('{0} is not valid YAML: {1}', file, err instanceof Error ? err.message : String(err)),
    );
  }
  return trainerConfigFromExperiment(doc, experimentDir);
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, 'run-dir': { type: 'string' }, 'experiment-dir': { type: 'string' } },
  });
  if (!values.config)
    throw new Error('usage: builtin.js --config <experiment.yaml> --run-dir <dir> [--experiment-dir <dir>]');
  const configFile = path.resolve(values.config);
  const runDir = path.resolve(values['run-dir'] || process.env.LIFTOFF_RUN_DIR || '.');
  const metricsFile = path.resolve(process.env.LIFTOFF_METRICS_FILE || path.join(runDir, 'metrics.jsonl'));
  const experimentDir = path.resolve(
    values['experiment-dir'] || process.env.LIFTOFF_EXPERIMENT_DIR || path.dirname(configFile),
  );
  const config = readConfig(configFile, experimentDir);

  mkdirSync(path.dirname(metricsFile), { recursive: true });
  const fd = openSync(metricsFile, 'a');
  const abort = new AbortController();
  let signalExit = 0;
  const onSignal = (code: number) => () => {
    signalExit = code;
    abort.abort();
  };
  process.once('SIGINT', onSignal(130));
  process.once('SIGTERM', onSignal(143));
  let last: MetricsRecord | undefined;
  let epochStart = performance.now();
  const result = await runBuiltinTrainer(
    config,
    {
      metrics: (record) => {
        writeSync(fd, `${JSON.stringify(record)}\n`);
        last = record;
      },
      progress: (p) => {
        const shown = last && headline(config, last);
        const parts = [`epoch ${p.epoch}/${p.epochs}`, `train_loss ${fmt(last?.train_loss)}`];
        if (last?.val_loss !== undefined) parts.push(`val_loss ${fmt(last.val_loss)}`);
        if (shown) parts.push(`${shown} ${fmt(last?.[shown])}`);
        console.log(`${parts.join('  ')}  (${((performance.now() - epochStart) / 1000).toFixed(2)} s)`);
        epochStart = performance.now();
      },
      log: (line) => console.log(line),
      note: (p) => console.log(say(locale, p)),
    },
    abort.signal,
  ).finally(() => closeSync(fd));
  if (result.aborted) {
    console.log(t(locale, 'cancelled after {0} epochs; no model exported', result.epochsRun));
    return signalExit || 130;
  }

  const artifacts = path.join(runDir, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const onnx = exportOnnx(result.model, config.export);
  const card = modelCard(result, config.export, {
    experiment: config.name,
    seed: config.training.seed,
    dropped_rows: result.data.dropped,
  });
  writeFileSync(path.join(artifacts, 'model.onnx'), onnx);
  writeFileSync(path.join(artifacts, 'model.json'), `${JSON.stringify(card, null, 2)}\n`);
  const extra = config.export.path && path.resolve(experimentDir, config.export.path.split('${run_dir}').join(runDir));
  if (extra && extra !== path.join(artifacts, 'model.onnx')) {
    mkdirSync(path.dirname(extra), { recursive: true });
    writeFileSync(extra, onnx);
  }
  const best = result.best.metric
    ? t(locale, 'best {0} {1} at epoch {2}', result.best.metric, fmt(result.best.value), result.best.epoch)
    : t(locale, 'kept epoch {0}', result.best.epoch);
  const test = Object.entries(result.test ?? {})
    .filter(([k]) => /auc|accuracy|r2|mse/.test(k))
    .map(([k, v]) => `${k} ${fmt(v)}`);
  console.log(
    [
      best,
      ...test,
      t(
        locale,
        'exported {0} (opset {1}) in {2} s',
        path.relative(runDir, path.join(artifacts, 'model.onnx')),
        config.export.opset,
        result.seconds.toFixed(2),
      ),
    ].join(t(locale, '; ')),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = errorText(locale, err);
    process.stderr.write(`${t(locale, 'error: {0}', message.replace(/\s*\n\s*/g, ' '))}\n`);
    process.exitCode = 1;
  },
);
