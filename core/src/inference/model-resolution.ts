/**
 * Which model "Run Inference" uses: the experiment's `inference.model`; else the export of the latest succeeded
 * run of the experiment linked to the active file (the experiment itself, or the one whose data files include it);
 * else undefined, and the editor asks (a quick pick of the workspace's .onnx files).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { RunStore } from '../runs/run-store';
import { readExperimentSettings, type ExperimentSettings } from './experiment-settings';
import { phrase, type Phrase } from '../l10n';

export interface ResolvedModel {
  readonly model: string;
  /** Where it came from: the experiment's `inference.model`, or the latest succeeded run's export. */
  readonly from: 'inference.model' | 'latest-run';
  /** For people (said with `say`): `inference.model of credit.experiment.yaml`, `the latest succeeded run (…) of …`. */
  readonly how: Phrase;
}

const same = (a: string, b: string) => path.resolve(a) === path.resolve(b);

/** The experiment a file belongs to: the file itself when it is one, else one whose data files include it (nearest first). */
export async function linkedExperiment(
  file: string,
  experimentFiles: readonly string[],
): Promise<ExperimentSettings | undefined> {
  if (/\.experiment\.ya?ml$/i.test(file)) return readExperimentSettings(file);
  const byDistance = [...experimentFiles].sort((a, b) => distance(a, file) - distance(b, file) || a.localeCompare(b));
  for (const f of byDistance) {
    const s = await readExperimentSettings(f);
    if (s?.dataFiles.some((d) => same(d, file))) return s;
  }
  return undefined;
}

function distance(experiment: string, file: string): number {
  return path.relative(path.dirname(experiment), path.dirname(file)).split(path.sep).filter(Boolean).length;
}

/** The model of the latest succeeded run of `experiment` in any of the workspaces, if its file exists. */
export async function latestRunModel(
  workspaces: readonly string[],
  experiment: string,
): Promise<ResolvedModel | undefined> {
  const runs = (await Promise.all(workspaces.map((w) => new RunStore(w).list(experiment))))
    .flat()
    .filter((r) => r.record.state === 'succeeded')
    .sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt));
  for (const run of runs) {
    const model = path.join(run.dir, run.record.files.artifacts, 'model.onnx');
    if (existsSync(model))
      return {
        model,
        from: 'latest-run',
        how: phrase('the latest succeeded run ({0}) of {1}', run.record.id, experiment),
      };
  }
  return undefined;
}

const declared = (experiment: ExperimentSettings): Phrase =>
  phrase('inference.model of {0}', path.basename(experiment.file));

export async function resolveModel(
  experiment: ExperimentSettings | undefined,
  workspaces: readonly string[],
): Promise<ResolvedModel | undefined> {
  if (!experiment) return undefined;
  if (experiment.model) {
    if (existsSync(experiment.model))
      return { model: experiment.model, from: 'inference.model', how: declared(experiment) };
    // `inference.model` relative to the workspace rather than the experiment's folder.
    for (const w of workspaces) {
      const rel = path.relative(path.dirname(experiment.file), experiment.model);
      const alt = path.resolve(w, rel);
      if (existsSync(alt)) return { model: alt, from: 'inference.model', how: declared(experiment) };
    }
  }
  return latestRunModel(workspaces, experiment.name);
}
