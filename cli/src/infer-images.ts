/**
 * `liftoff infer <model.onnx> <image.png|jpg> [more images…]`: image files through an image model (core
 * runImageInference: preprocessing from the experiment's `inference.image`). One line per image: the file, then
 * the top labels and probabilities (CSV), or the same as JSON.
 */
import * as path from 'node:path';
import type { ExperimentSettings } from '../../core/src/inference';
import { csvCell, formatNumber, InferenceError, runImageInference, SessionCache } from '../../core/src/inference';
import { errorText, t } from '../../core/src/l10n';
import type { Io } from './io';

export const IMAGE_FILE = /\.(png|jpe?g)$/i;

export interface ImageJob {
  readonly model: string;
  readonly files: readonly string[];
  readonly experiment: ExperimentSettings | undefined;
  readonly topK: number | undefined;
  readonly format: string;
}

export async function runInferImages(job: ImageJob, io: Io): Promise<number> {
  const rel = (p: string) => path.relative(io.cwd, p) || p;
  const cache = new SessionCache();
  try {
    const r = await runImageInference(cache, {
      model: job.model,
      files: job.files,
      ...(job.experiment && { experiment: job.experiment }),
      ...(job.topK !== undefined && { topK: job.topK }),
    });
    const p = r.predictions;
    const rows = job.files.map((f, i) => {
      if (p.kind === 'classification')
        return {
          file: rel(f),
          top: Array.from({ length: p.k }, (_, j) => ({
            label: p.labels[p.top[i * p.k + j]!] ?? '',
            probability: Number(formatNumber(p.topP[i * p.k + j]!)),
          })),
        };
      if (p.kind === 'values')
        return {
          file: rel(f),
          values: Array.from(p.values.subarray(i * p.width, (i + 1) * p.width), (v) => Number(formatNumber(v))),
        };
      return { file: rel(f) };
    });
    if (job.format === 'json')
      io.out(`${JSON.stringify({ model: r.modelPath, provider: r.provider, predictions: rows }, null, 2)}\n`);
    else {
      const k = p.kind === 'classification' ? p.k : 0;
      const head = ['file', 'prediction', 'probability'];
      for (let j = 2; j <= k; j++) head.push(`label_${j}`, `probability_${j}`);
      const lines = [p.kind === 'values' ? ['file', ...p.names].join(',') : head.join(',')];
      for (const row of rows) {
        const cells = [row.file];
        if ('top' in row) for (const t of row.top!) cells.push(t.label, String(t.probability));
        if ('values' in row) cells.push(...row.values!.map(String));
        lines.push(cells.map((c) => csvCell(c)).join(','));
      }
      io.out(`${lines.join('\n')}\n`);
    }
    const timing = r.timing;
    const l = io.locale;
    const n = job.files.length;
    io.err(
      `liftoff: ${n === 1 ? t(l, '1 image') : t(l, '{0} images', n)} · ${t(l, '{0} on {1}', path.basename(r.modelPath), r.provider)} · ` +
        `${t(l, 'decode {0} ms, preprocess {1} ms, model {2} ms', timing.decodeMs.toFixed(1), timing.preprocessMs.toFixed(1), timing.runMs.toFixed(1))}\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof InferenceError)) throw err;
    io.err(`liftoff infer: ${errorText(io.locale, err)}\n`);
    return 1;
  } finally {
    await cache.dispose();
  }
}
