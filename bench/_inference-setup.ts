/**
 * Setup for bench/inference: the credit-risk example trained in this process (the built-in trainer, the same
 * export as a run: model.onnx + model.json in a temp folder) and CSV inputs of any row count cut from its data.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { readExperimentSettings, type ExperimentSettings } from '../core/src/inference/experiment-settings';
import { trainerConfigFromExperiment } from '../core/src/trainer/config';
import { exportOnnx, modelCard } from '../core/src/trainer/export-model';
import { runBuiltinTrainer } from '../core/src/trainer/run';
import { REPO_ROOT } from '../test/support/fixtures';

export const EXAMPLE = path.join(REPO_ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml');

export interface BenchModel {
  readonly model: string;
  readonly experiment: ExperimentSettings;
  readonly features: readonly string[];
}

export async function trainExample(): Promise<BenchModel> {
  const config = trainerConfigFromExperiment(parse(readFileSync(EXAMPLE, 'utf8')), path.dirname(EXAMPLE));
  const result = await runBuiltinTrainer(config);
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-bench-infer-'));
  const model = path.join(dir, 'model.onnx');
  writeFileSync(model, exportOnnx(result.model, config.export));
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelCard(result, config.export)));
  const experiment = await readExperimentSettings(EXAMPLE);
  if (!experiment) throw new Error(`cannot read ${EXAMPLE}`);
  return { model, experiment, features: result.model.featureOrder };
}

/** The example's CSV with its header (the target column included, as a user would select it), `rows` data rows. */
export function csvRows(rows: number): string {
  const lines = readFileSync(path.join(path.dirname(EXAMPLE), 'data', 'applications.csv'), 'utf8')
    .trim()
    .split('\n');
  const body = lines.slice(1);
  const out = [lines[0]!];
  for (let i = 0; i < rows; i++) out.push(body[i % body.length]!);
  return `${out.join('\n')}\n`;
}

/** The same rows as float32 features in model order: what a bare `session.run` gets. */
export function featureMatrix(text: string, features: readonly string[]): Float32Array {
  const lines = text.trim().split('\n');
  const header = lines[0]!.split(',');
  const idx = features.map((f) => header.indexOf(f));
  const out = new Float32Array((lines.length - 1) * features.length);
  lines.slice(1).forEach((l, r) => {
    const cells = l.split(',');
    idx.forEach((c, j) => {
      out[r * features.length + j] = Number(cells[c]);
    });
  });
  return out;
}
