/**
 * `liftoff infer <model.onnx> <input> [--experiment e.yaml] [--top-k N] [--format csv|json] [--out results.csv]`:
 * runs the model on a CSV/TSV/JSON/JSON-lines/numbers file with the same parsing, checks and preprocessing as the
 * editor's "Run Inference on Selection". Predictions go to stdout; a summary line to stderr. Exit 0 success, 1 when
 * the input cannot be used with the model (the message names the input and what the model needs), 2 usage or I/O.
 * With `--out`, the file is scored as a stream instead (infer-file.ts): any size, constant memory. With an
 * experiment that has `inference.text`, the input's lines go through its tokenizer to a text model (infer-text.ts).
 */
import { errorText, phrase, t, type Locale } from '../../core/src/l10n';
import { cannotRead } from './read-input';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { InferenceError, type InferenceProblem } from '../../core/src/inference';
import { readExperimentSettings, type ExperimentSettings } from '../../core/src/inference';
import { runInference } from '../../core/src/inference';
import { resultCsv, resultJson } from '../../core/src/inference';
import { SessionCache } from '../../core/src/inference';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import { runInferFile } from './infer-file';
import { IMAGE_FILE, runInferImages } from './infer-images';
import { runInferText } from './infer-text';
import type { Io } from './io';

const MODEL_PROBLEMS = new Set<InferenceProblem>([
  'not-onnx',
  'unbuildable-input',
  'unsupported-operator',
  'invalid-model',
]);

/** Where the inference runtime comes from for an installed `liftoff` (an optional peer: validate never needs it). */
export function ortAdvice(locale: Locale | undefined): string {
  return t(
    locale,
    'The liftoff command runs models with onnxruntime-node, installed separately (it is 46 MB and native, and only infer needs it): npm install -g onnxruntime-node@1.30.0',
  );
}

const usage = (l: Locale | undefined) =>
  'Usage: liftoff infer <model.onnx> <input.csv|tsv|json|jsonl|txt> [--experiment e.yaml] [--top-k N] [--format csv|json]\n' +
  '       liftoff infer <model.onnx> <input.csv|tsv|jsonl> --out results.csv [--experiment e.yaml] [--top-k N]\n' +
  `       liftoff infer <model.onnx> <image.png|jpg> [${t(l, 'more images…')}] [--experiment e.yaml] [--top-k N] [--format csv|json]\n` +
  `       liftoff infer <model.onnx> <lines.txt> --experiment e.yaml (${t(l, 'with inference.text')}) [--top-k N] [--format csv|json]`;

export async function runInfer(argv: readonly string[], io: Io): Promise<number> {
  let modelPath: string;
  let inputPath: string;
  let topK: number | undefined;
  let format: string;
  let experimentPath: string | undefined;
  let outPath: string | undefined;
  let images: string[] = [];
  try {
    const args = parseArgs(argv, {
      experiment: 'string',
      'top-k': 'string',
      format: ['csv', 'json'],
      out: 'string',
    });
    const rest = args.positionals.slice(1);
    if (rest.length > 0 && rest.every((p) => IMAGE_FILE.test(p))) images = rest.map((p) => path.resolve(io.cwd, p));
    else if (args.positionals.length !== 2)
      throw new UsageError(phrase('give a model and an input file (or image files)'));
    [modelPath, inputPath] = args.positionals.map((p) => path.resolve(io.cwd, p)) as [string, string];
    if (images.length && args.options.get('out') !== undefined)
      throw new UsageError(phrase('--out scores a CSV or JSON-lines file; image predictions go to stdout'));
    const k = args.options.get('top-k');
    if (k !== undefined) {
      topK = Number(k);
      if (!Number.isInteger(topK) || topK < 1)
        throw new UsageError(phrase("--top-k needs a whole number ≥ 1, not '{0}'", String(k)));
    }
    format = args.options.get('format') ?? 'csv';
    const e = args.options.get('experiment');
    experimentPath = e === undefined ? undefined : path.resolve(io.cwd, e);
    const o = args.options.get('out');
    outPath = o === undefined ? undefined : path.resolve(io.cwd, o);
    if (outPath && args.options.get('format') === 'json')
      throw new UsageError(phrase('--out writes CSV; --format json is for stdout'));
    if (outPath === inputPath) throw new UsageError(phrase('--out must not be the input file'));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff infer: ${usageMessage(err, io.locale)}\n${usageLine(usage(io.locale), io.locale)}\n`);
    return 2;
  }
  const rel = (p: string) => path.relative(io.cwd, p) || p;
  let experiment: ExperimentSettings | undefined;
  if (experimentPath) {
    experiment = await readExperimentSettings(experimentPath);
    if (!experiment) {
      io.err(`liftoff infer: ${t(io.locale, '{0} cannot be read as an Experiment.', rel(experimentPath))}\n`);
      return 2;
    }
  }
  if (images.length) return runInferImages({ model: modelPath, files: images, experiment, topK, format }, io);
  // An experiment with inference.text makes the input lines of text for a text model (its tokenizer.json).
  if (experiment?.text?.tokenizer && !outPath)
    return runInferText({ model: modelPath, input: inputPath, experiment, topK, format }, io);
  if (outPath) return runInferFile({ model: modelPath, input: inputPath, out: outPath, experiment, topK }, io);
  let text: string;
  try {
    text = await readFile(inputPath, 'utf8');
  } catch (err) {
    io.err(`liftoff infer: ${cannotRead(io.locale, rel(inputPath), err)}\n`);
    return 2;
  }
  const cache = new SessionCache();
  try {
    const result = await runInference(cache, {
      model: modelPath,
      text,
      experiment,
      topK,
      source: { name: path.basename(inputPath) },
    });
    io.out(format === 'json' ? resultJson(result) : resultCsv(result));
    const timing = result.timing;
    const l = io.locale;
    io.err(
      `liftoff: ${result.table.n === 1 ? t(l, '1 row') : t(l, '{0} rows', result.table.n)} · ${t(l, '{0} on {1}', path.basename(modelPath), result.provider)} · ` +
        `${t(l, '{0} ms in the model, {1} ms in all', timing.runMs.toFixed(2), timing.totalMs.toFixed(1))} (${t(l, '{0} rows/s', Math.round(timing.rowsPerSecond).toLocaleString('en-US'))}) · ` +
        `${t(l, 'preprocessing: {0}', result.facts.preprocessing.kind)}\n`,
    );
    // --top-k above what the model can rank is capped: say so rather than print fewer columns without a word.
    if (topK !== undefined) {
      const p = result.predictions;
      if (p.kind === 'classification' && p.k < topK)
        io.err(
          `liftoff: ${t(l, "--top-k {0} is more than the model's {1} classes: showing the top {2}", topK, p.classes, p.k)}\n`,
        );
      else if (p.kind !== 'classification')
        io.err(`liftoff: ${t(l, "--top-k {0} ignored: the model's output is not a set of class scores", topK)}\n`);
    }
    for (const f of result.fallbacks)
      io.err(`liftoff: ${t(l, 'execution provider {0} could not be used ({1}); fell back', f.provider, f.reason)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof InferenceError)) throw err;
    if (err.code === 'onnxruntime-missing') {
      io.err(`liftoff infer: ${errorText(io.locale, err)}\n${ortAdvice(io.locale)}\n`);
      return 2;
    }
    // A problem of the model itself (not ONNX, inputs Liftoff cannot build, operators onnxruntime lacks) is the
    // model's, whatever the input; only the input's own problems are blamed on the input.
    io.err(
      MODEL_PROBLEMS.has(err.code)
        ? `liftoff infer: ${t(io.locale, '{0} cannot be run: {1}', rel(modelPath), errorText(io.locale, err))}\n`
        : `liftoff infer: ${t(io.locale, '{0} cannot be used with {1}: {2}', rel(inputPath), rel(modelPath), errorText(io.locale, err))}\n`,
    );
    return 1;
  } finally {
    await cache.dispose();
  }
}
