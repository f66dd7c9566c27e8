/**
 * `liftoff infer <model.onnx> <lines.txt> --experiment e.yaml`, when the experiment has an `inference.text`
 * section: each non-blank line through the tokenizer and the text model (core runTextInference). One CSV line per
 * input line — its line number, the text, then the top labels and probabilities — or the same as JSON.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ExperimentSettings } from '../../core/src/inference';
import {
  csvCell,
  formatNumber,
  InferenceError,
  predictionHeader,
  runTextInference,
  SessionCache,
} from '../../core/src/inference';
import { errorText, t } from '../../core/src/l10n';
import { cannotRead } from './read-input';
import type { Io } from './io';

export interface TextJob {
  readonly model: string;
  readonly input: string;
  readonly experiment: ExperimentSettings;
  readonly topK: number | undefined;
  readonly format: string;
}

export async function runInferText(job: TextJob, io: Io): Promise<number> {
  const rel = (p: string) => path.relative(io.cwd, p) || p;
  let text: string;
  try {
    text = await readFile(job.input, 'utf8');
  } catch (err) {
    io.err(`liftoff infer: ${cannotRead(io.locale, rel(job.input), err)}\n`);
    return 2;
  }
  const lines: string[] = [];
  const numbers: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (l.trim()) {
      lines.push(l);
      numbers.push(i + 1);
    }
  });
  const cache = new SessionCache();
  try {
    const r = await runTextInference(cache, {
      model: job.model,
      lines,
      names: numbers.map((n) => t(io.locale, '{0} line {1}', path.basename(job.input), n)),
      experiment: job.experiment,
      ...(job.topK !== undefined && { topK: job.topK }),
    });
    const p = r.predictions;
    const top = (i: number) =>
      p.kind === 'classification'
        ? Array.from({ length: p.k }, (_, j) => ({
            label: p.labels[p.top[i * p.k + j]!] ?? '',
            probability: Number(formatNumber(p.topP[i * p.k + j]!)),
          }))
        : [];
    const values = (i: number) =>
      p.kind === 'values' ? Array.from(p.values.subarray(i * p.width, (i + 1) * p.width), formatNumber) : [];
    if (job.format === 'json') {
      const predictions = lines.map((l, i) => ({
        line: numbers[i],
        text: l,
        ...(p.kind === 'classification' && { label: top(i)[0]?.label, top: top(i) }),
        ...(p.kind === 'values' && { values: values(i).map(Number) }),
      }));
      io.out(`${JSON.stringify({ model: r.modelPath, provider: r.provider, predictions }, null, 2)}\n`);
    } else {
      const out = [['line', 'text', ...predictionHeader(p)].join(',')];
      lines.forEach((l, i) => {
        const cells = [String(numbers[i]), l];
        for (const t of top(i)) cells.push(t.label, String(t.probability));
        cells.push(...values(i));
        out.push(cells.map((c) => csvCell(c)).join(','));
      });
      io.out(`${out.join('\n')}\n`);
    }
    const l = io.locale;
    io.err(
      `liftoff: ${lines.length === 1 ? t(l, '1 line') : t(l, '{0} lines', lines.length)} · ${t(l, '{0} on {1}', path.basename(r.modelPath), r.provider)} · ` +
        `${t(l, 'tokenizer {0}', rel(r.tokenizer))} · ${t(l, 'tokenize {0} ms, model {1} ms', r.timing.tokenizeMs.toFixed(1), r.timing.runMs.toFixed(1))}\n`,
    );
    if (r.truncated.length)
      io.err(
        `liftoff: ${t(l, '{0} line(s) cut to max_length: {1}', r.truncated.length, r.truncated.map((i) => numbers[i]).join(', '))}\n`,
      );
    return 0;
  } catch (err) {
    if (!(err instanceof InferenceError)) throw err;
    io.err(`liftoff infer: ${errorText(io.locale, err)}\n`);
    return err.code === 'onnxruntime-missing' ? 2 : 1;
  } finally {
    await cache.dispose();
  }
}
