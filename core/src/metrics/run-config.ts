/**
 * What a run's config snapshot (`<run>/config.yaml`) says about its metrics: the primary metric and its goal,
 * threshold lines (`evaluation.thresholds`), early stopping, the planned epochs, and where metrics are written
 * (`metrics.sources`). The snapshot, not the experiment file: the file may have changed since the run started.
 * Pure apart from reading the file; an unreadable, odd or oversized snapshot gives an empty config, never an error.
 *
 * One name per metric format: `MetricFormat` (`jsonl`, `csv`, `tfevents`, `stdout`). YAML's `metrics.sources` says
 * `tensorboard` for event files (the schema's word, kept for users); it is read as `tfevents` here and nowhere else.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { MetricFormat } from './ingest';
import { goalOf, type Goal } from './metric-names';
import type { RunMeta, Threshold } from './run-meta';

export type { RunMeta, Threshold } from './run-meta';

export interface RunConfig {
  readonly meta: RunMeta;
  /** Where the run writes metrics (`metrics.sources`; `jsonl` when none is listed). */
  readonly sources: readonly MetricFormat[];
  /** The parsed snapshot (for the comparison table's config differences); undefined when unreadable. */
  readonly config: unknown;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const goal = (v: unknown): Goal | undefined => (v === 'min' || v === 'max' ? v : undefined);
/** `metrics.sources` values (the schema's enum) → the format read. */
const SOURCES: Readonly<Record<string, MetricFormat>> = {
  jsonl: 'jsonl',
  stdout: 'stdout',
  csv: 'csv',
  tensorboard: 'tfevents',
};
/** A config snapshot larger than this is not a config (it is not read). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function runConfigOf(config: unknown): RunConfig {
  const c = obj(config);
  const metrics = obj(c.metrics);
  const training = obj(c.training);
  const p = obj(metrics.primary);
  const primary =
    typeof p.name === 'string' && p.name ? { name: p.name, goal: goal(p.goal) ?? goalOf(p.name) ?? 'max' } : undefined;
  const thresholds: Threshold[] = [];
  for (const [metric, t] of Object.entries(obj(obj(c.evaluation).thresholds))) {
    const { min, max } = obj(t);
    const th = {
      metric,
      ...(typeof min === 'number' && Number.isFinite(min) && { min }),
      ...(typeof max === 'number' && Number.isFinite(max) && { max }),
    };
    if ('min' in th || 'max' in th) thresholds.push(th);
  }
  const es = obj(training.early_stopping);
  const earlyStopping =
    typeof es.monitor === 'string' && es.monitor
      ? {
          monitor: es.monitor,
          mode: goal(es.mode) ?? goalOf(es.monitor) ?? 'min',
          patience: typeof es.patience === 'number' ? es.patience : 5,
        }
      : undefined;
  const epochs = typeof training.epochs === 'number' && training.epochs > 0 ? training.epochs : undefined;
  const listed: MetricFormat[] = [];
  for (const s of Array.isArray(metrics.sources) ? (metrics.sources as unknown[]) : []) {
    const f = typeof s === 'string' && Object.hasOwn(SOURCES, s) ? SOURCES[s] : undefined;
    if (f && !listed.includes(f)) listed.push(f);
  }
  return {
    meta: {
      thresholds,
      ...(primary && { primary }),
      ...(earlyStopping && { earlyStopping }),
      ...(epochs !== undefined && { epochs }),
    },
    sources: listed.length ? listed : ['jsonl'],
    config,
  };
}

/** Reads `<runDir>/<configFile>`: a regular file of at most 1 MiB (a FIFO or device never blocks the read). */
export async function readRunConfig(runDir: string, configFile = 'config.yaml'): Promise<RunConfig> {
  let fh;
  try {
    // O_NONBLOCK: opening a FIFO does not wait for a writer; the regular-file check then refuses it.
    fh = await open(path.join(runDir, configFile), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = await fh.stat();
    if (!st.isFile() || st.size > MAX_CONFIG_BYTES) return runConfigOf(undefined);
    const buf = Buffer.alloc(st.size);
    const { bytesRead } = await fh.read(buf, 0, st.size, 0);
    return runConfigOf(parse(buf.toString('utf8', 0, bytesRead), { maxAliasCount: 100 }));
  } catch {
    return runConfigOf(undefined);
  } finally {
    await fh?.close();
  }
}
