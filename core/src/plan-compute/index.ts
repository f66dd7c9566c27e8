/**
 * Compute cost from real runs: the plan's compute budget (core/src/plan/compute.ts) against the GPU-hours that the
 * linked experiments' runs in the run store actually used (core/src/runs/cost.ts), priced per GPU-hour. One function
 * for the plan preview, `liftoff plan compute` and (through the server's host) the plan's pace rule, so they agree.
 * Reads only: the plan's links, the linked experiment files (bounded, regular files) and run records.
 */
import { open, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { phrase, say, type Phrase } from '../l10n';
import { computeBudgetOf, computePace, planDataOf, type ComputeBudget, type ComputePace } from '../plan';
import { RunStore, runCost, sumCosts } from '../runs';

/** Linked experiment files larger than this are not read. */
const MAX_EXPERIMENT_BYTES = 2 * 1024 * 1024;
/** Experiments counted per plan at most. */
const MAX_EXPERIMENTS = 200;

export interface ExperimentSpend {
  /** The link as written in the plan. */
  readonly link: string;
  /** The experiment's `metadata.name` (its runs are stored under it). */
  readonly name?: string;
  readonly runs: number;
  readonly gpuHours: number;
  /** Why it could not be counted (missing file, no name). */
  readonly problem?: string;
  /** The same as a phrase, to say in the reader's language. */
  readonly problemPhrase?: Phrase;
}

export interface PlanComputeReport {
  readonly gpuHourPrice: number;
  readonly budget?: ComputeBudget;
  readonly pace?: ComputePace;
  readonly experiments: readonly ExperimentSpend[];
  readonly gpuHours: number;
  readonly spent: number;
  /** Why there is no comparison, when there is none. */
  readonly note?: string;
  /** The same as a phrase, to say in the reader's language. */
  readonly notePhrase?: Phrase;
}

/** The experiment files a plan links (solution, milestones, KPIs), each once, as written. */
export function experimentLinksOf(plan: unknown): string[] {
  const out = new Set<string>();
  const o = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim() && !/^[a-z][\w+.-]*:\/\//i.test(v) && !v.includes('${')) out.add(v.trim());
  };
  const linked = o(o(plan).solution).linked_experiments;
  if (Array.isArray(linked)) linked.forEach(add);
  const milestones = o(plan).milestones;
  if (Array.isArray(milestones)) for (const m of milestones) add(o(m).linked_experiment);
  const kpis = o(plan).kpis;
  if (Array.isArray(kpis)) for (const k of kpis) add(o(o(k).measured_by).experiment);
  return [...out].slice(0, MAX_EXPERIMENTS);
}

/** `metadata.name` of an experiment file, read bounded; a string saying why not otherwise. */
async function experimentName(file: string): Promise<{ name: string } | { problem: Phrase }> {
  let info;
  try {
    info = await stat(file);
  } catch {
    return { problem: phrase('the file does not exist') };
  }
  if (!info.isFile()) return { problem: phrase('not a regular file') };
  if (info.size > MAX_EXPERIMENT_BYTES)
    return { problem: phrase('larger than {0} MB', MAX_EXPERIMENT_BYTES / 1024 / 1024) };
  const handle = await open(file, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(Math.min(info.size, MAX_EXPERIMENT_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    text = buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  try {
    const data = parseDocument(text, { prettyErrors: false }).toJS({ maxAliasCount: 100 }) as unknown;
    const meta = (data as { metadata?: { name?: unknown } } | null)?.metadata;
    const name = typeof meta?.name === 'string' && meta.name.trim() ? meta.name : undefined;
    return name ? { name } : { problem: phrase('it has no `metadata.name`') };
  } catch {
    return { problem: phrase('it is not readable YAML') };
  }
}

/** GPU-hours of the runs of `experiment` started at or after `sinceMs`, over the run stores of `workspaces`. */
export async function experimentRunSpend(
  workspaces: readonly string[],
  experiment: string,
  sinceMs: number,
  now = Date.now(),
): Promise<{ runs: number; gpuHours: number }> {
  let runs = 0;
  const costs = [];
  for (const ws of workspaces) {
    for (const run of await new RunStore(ws).list(experiment)) {
      const started = Date.parse(run.record.startedAt);
      if (!Number.isFinite(started) || started < sinceMs || started > now) continue;
      runs++;
      costs.push(await runCost(run, undefined, now));
    }
  }
  return { runs, gpuHours: sumCosts(costs).gpuHours };
}

/**
 * The plan's compute budget for the period holding `now` against the linked experiments' runs started in that
 * period. `planPath` is the plan file (links resolve against its folder); `workspaces` hold the run stores.
 */
export async function planComputeReport(options: {
  readonly planPath: string;
  readonly planText: string;
  readonly workspaces: readonly string[];
  readonly gpuHourPrice: number;
  readonly now?: number;
}): Promise<PlanComputeReport> {
  const now = options.now ?? Date.now();
  const price = Number.isFinite(options.gpuHourPrice) && options.gpuHourPrice >= 0 ? options.gpuHourPrice : 0;
  const data = planDataOf(options.planText);
  const budget = computeBudgetOf(data, now);
  const since = budget?.startMs ?? 0;
  const experiments: ExperimentSpend[] = [];
  for (const link of experimentLinksOf(data)) {
    const file = path.resolve(path.dirname(options.planPath), link);
    const named = await experimentName(file);
    if ('problem' in named) {
      experiments.push({
        link,
        runs: 0,
        gpuHours: 0,
        problem: say('en', named.problem),
        problemPhrase: named.problem,
      });
      continue;
    }
    const spend = await experimentRunSpend(options.workspaces, named.name, since, now);
    experiments.push({ link, name: named.name, ...spend });
  }
  const gpuHours = experiments.reduce((s, e) => s + e.gpuHours, 0);
  const spent = gpuHours * price;
  const notePhrase = !budget
    ? phrase('The plan sets no compute budget: write `costs.compute` in a `financials.periods` entry.')
    : !experiments.length
      ? phrase(
          'The plan links no experiments (`solution.linked_experiments`, a milestone’s `linked_experiment`, a KPI’s `measured_by.experiment`).',
        )
      : undefined;
  const note = notePhrase && say('en', notePhrase);
  return {
    gpuHourPrice: price,
    ...(budget && { budget, pace: computePace(budget, spent, gpuHours, now) }),
    experiments,
    gpuHours,
    spent,
    ...(note && { note, notePhrase }),
  };
}
