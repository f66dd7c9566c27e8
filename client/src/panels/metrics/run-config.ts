/**
 * What a run's config snapshot (`<run>/config.yaml`) says about its metrics: the primary metric and its goal,
 * threshold lines (`evaluation.thresholds`), early stopping, the planned epochs, and where metrics are written
 * (`metrics.sources`). The snapshot, not the experiment file: the file may have changed since the run started.
 * Pure apart from reading the file; an unreadable snapshot gives an empty config, never an error.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import { goalOf, type Goal } from '../../../../core/src/metrics/metric-names';
import type { RunMeta, Threshold } from './contract';

export type MetricSource = 'jsonl' | 'stdout' | 'csv' | 'tensorboard';

export interface RunConfig {
  readonly meta: RunMeta;
  readonly sources: readonly MetricSource[];
  /** The parsed snapshot (for the comparison table's config differences); undefined when unreadable. */
  readonly config: unknown;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const goal = (v: unknown): Goal | undefined => (v === 'min' || v === 'max' ? v : undefined);
const SOURCES: readonly MetricSource[] = ['jsonl', 'stdout', 'csv', 'tensorboard'];

export function runConfigOf(config: unknown): RunConfig {
  const c = obj(config);
  const metrics = obj(c.metrics);
  const training = obj(c.training);
  const p = obj(metrics.primary);
  const primary = typeof p.name === 'string' && p.name ? { name: p.name, goal: goal(p.goal) ?? goalOf(p.name) ?? 'max' } : undefined;
  const thresholds: Threshold[] = [];
  for (const [metric, t] of Object.entries(obj(obj(c.evaluation).thresholds))) {
    const { min, max } = obj(t);
    const th = { metric, ...(typeof min === 'number' && Number.isFinite(min) && { min }), ...(typeof max === 'number' && Number.isFinite(max) && { max }) };
    if ('min' in th || 'max' in th) thresholds.push(th);
  }
  const es = obj(training.early_stopping);
  const earlyStopping = typeof es.monitor === 'string' && es.monitor
    ? { monitor: es.monitor, mode: goal(es.mode) ?? goalOf(es.monitor) ?? 'min', patience: typeof es.patience === 'number' ? es.patience : 5 }
    : undefined;
  const epochs = typeof training.epochs === 'number' && training.epochs > 0 ? training.epochs : undefined;
  const listed = Array.isArray(metrics.sources) ? metrics.sources.filter((s): s is MetricSource => SOURCES.includes(s as MetricSource)) : [];
  return {
    meta: { thresholds, ...(primary && { primary }), ...(earlyStopping && { earlyStopping }), ...(epochs !== undefined && { epochs }) },
    sources: listed.length ? listed : ['jsonl'],
    config,
  };
}

export async function readRunConfig(runDir: string, configFile = 'config.yaml'): Promise<RunConfig> {
  try {
    return runConfigOf(parse(await readFile(path.join(runDir, configFile), 'utf8')));
  } catch {
    return runConfigOf(undefined);
  }
}
