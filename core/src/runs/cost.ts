/**
 * What runs cost: GPU-hours and CPU-hours from each attempt's real duration (start to end, or to now while it runs)
 * and its allocation (GPUs × nodes, CPU cores × nodes), summed across attempts, priced per GPU-hour. One function for
 * the Runs view, `liftoff runs` and the plan's compute rule, so they add up the same hours.
 */
import type { RunRecord } from './run-record';
import { RunStore, type RunHandle } from './run-store';
import { readRunConfig } from './run-config';

/** One attempt of a run, as far as cost goes. */
export interface Attempt {
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly gpus: number;
  readonly nodes?: number;
  /** CPU cores per node; 1 when the experiment does not say (a process uses at least one). */
  readonly cpus?: number;
}

export interface RunCost {
  readonly gpuHours: number;
  readonly cpuHours: number;
  /** gpuHours × the GPU-hour price; undefined without a price. */
  readonly cost?: number;
  readonly attempts: number;
  /** Hours of wall-clock time, summed over attempts. */
  readonly hours: number;
}

/** A count from a record anyone can write: a whole number from 0 to a million, else the fallback. */
const finite = (n: unknown, fallback: number) =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.min(Math.floor(n), 1_000_000) : fallback;

/** Hours, GPU-hours and CPU-hours of the attempts, priced with `gpuHourPrice` when given. */
export function costOf(attempts: readonly Attempt[], gpuHourPrice?: number, now = Date.now()): RunCost {
  let hours = 0;
  let gpuHours = 0;
  let cpuHours = 0;
  for (const a of attempts) {
    const start = Date.parse(a.startedAt);
    const end = a.endedAt ? Date.parse(a.endedAt) : now;
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) continue;
    const h = (end - start) / 3_600_000;
    const nodes = Math.max(1, finite(a.nodes, 1));
    hours += h;
    gpuHours += h * finite(a.gpus, 0) * nodes;
    cpuHours += h * Math.max(1, finite(a.cpus, 1)) * nodes;
  }
  const price = typeof gpuHourPrice === 'number' && Number.isFinite(gpuHourPrice) && gpuHourPrice >= 0;
  return {
    hours,
    gpuHours,
    cpuHours,
    attempts: attempts.length,
    ...(price ? { cost: gpuHours * gpuHourPrice } : {}),
  };
}

/** The attempt a run record describes; CPU cores from the experiment snapshot (`resources.cpus`). */
export function attemptOf(r: RunRecord, experiment?: unknown): Attempt {
  const res = (experiment as { resources?: { cpus?: unknown; nodes?: unknown } } | null | undefined)?.resources;
  const cpus = typeof res?.cpus === 'number' ? res.cpus : undefined;
  const nodes = r.resources.nodes ?? (typeof res?.nodes === 'number' ? res.nodes : undefined);
  return {
    startedAt: r.startedAt,
    ...(r.endedAt ? { endedAt: r.endedAt } : {}),
    gpus: r.resources.gpus,
    ...(nodes !== undefined ? { nodes } : {}),
    ...(cpus !== undefined ? { cpus } : {}),
  };
}

/** The cost of one run (its attempts), reading the CPU count from its config snapshot. Queued runs cost nothing yet. */
export async function runCost(run: RunHandle, gpuHourPrice?: number, now = Date.now()): Promise<RunCost> {
  if (run.record.state === 'queued') return costOf([], gpuHourPrice, now);
  const experiment = await readRunConfig(run);
  return costOf([attemptOf(run.record, experiment)], gpuHourPrice, now);
}

/** Every run of the workspace (of one experiment), summed: what the plan's compute budget reads as spent. */
export async function workspaceComputeSpend(
  workspace: string,
  gpuHourPrice?: number,
  experiment?: string,
  now = Date.now(),
): Promise<RunCost & { readonly runs: number }> {
  const runs = await new RunStore(workspace).list(experiment);
  const costs = await Promise.all(runs.map((r) => runCost(r, gpuHourPrice, now)));
  return { runs: runs.length, ...sumCosts(costs, gpuHourPrice) };
}

/** Several runs' costs added up, priced with `gpuHourPrice` when given. */
export function sumCosts(costs: readonly RunCost[], gpuHourPrice?: number): RunCost {
  const sum = (f: (c: RunCost) => number) => costs.reduce((a, c) => a + f(c), 0);
  const priced = typeof gpuHourPrice === 'number' && Number.isFinite(gpuHourPrice) && gpuHourPrice >= 0;
  return {
    attempts: sum((c) => c.attempts),
    hours: sum((c) => c.hours),
    gpuHours: sum((c) => c.gpuHours),
    cpuHours: sum((c) => c.cpuHours),
    ...(priced ? { cost: sum((c) => c.gpuHours) * gpuHourPrice } : {}),
  };
}

/** "0.42 GPU-h · $1.05" or "0.10 CPU-h" for a list or a table cell. */
export function formatCost(c: RunCost, currency = '$'): string {
  const h = (n: number) =>
    n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 0.01 || n === 0 ? n.toFixed(2) : n.toPrecision(2);
  if (c.gpuHours > 0)
    return `${h(c.gpuHours)} GPU-h${c.cost !== undefined ? ` · ${currency}${c.cost.toFixed(2)}` : ''}`;
  return `${h(c.cpuHours)} CPU-h`;
}

/** A run with the attempts `run.retry` made of it (oldest first, the run itself first). */
export interface RunWithAttempts {
  readonly run: RunHandle;
  readonly attempts: readonly RunHandle[];
}

/**
 * Groups retried attempts under the run they retry (`retryOf`), keeping the order of `runs` for the first attempts.
 * An attempt whose first run is gone (deleted) stands on its own.
 */
export function groupAttempts(runs: readonly RunHandle[]): RunWithAttempts[] {
  const ids = new Set(runs.map((r) => r.record.id));
  const byRoot = new Map<string, RunHandle[]>();
  for (const r of runs) {
    const root = r.record.retryOf;
    if (root && ids.has(root) && root !== r.record.id) byRoot.set(root, [...(byRoot.get(root) ?? []), r]);
  }
  return runs
    .filter((r) => !(r.record.retryOf && ids.has(r.record.retryOf) && r.record.retryOf !== r.record.id))
    .map((run) => ({
      run,
      attempts: [
        run,
        ...(byRoot.get(run.record.id) ?? []).sort((a, b) => (a.record.attempt ?? 0) - (b.record.attempt ?? 0)),
      ],
    }));
}

/** The cost of a run and all its attempts. */
export async function attemptsCost(g: RunWithAttempts, gpuHourPrice?: number, now = Date.now()): Promise<RunCost> {
  return sumCosts(await Promise.all(g.attempts.map((a) => runCost(a, gpuHourPrice, now))), gpuHourPrice);
}
