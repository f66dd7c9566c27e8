/**
 * A temporary workspace for the plan's compute cost from real runs (core/src/plan-compute, PLAN-020, `liftoff plan
 * compute`): a plan with a compute budget, linked experiments, and run records in the run store.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface FakeRun {
  readonly experiment: string;
  readonly id: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly gpus: number;
  readonly nodes?: number;
  readonly state?: string;
}

/** The plan: 2026 compute budget of $12,000 (so $1,000 a month of pace), linked to `a` and `b`. */
export const COMPUTE_PLAN = `apiVersion: liftoff/v1
kind: BusinessPlan
metadata:
  name: Compute pace
  date: 2026-01-15
  currency: USD
solution:
  description: Two experiments.
  linked_experiments: [a.experiment.yaml, b.experiment.yaml]
financials:
  periods:
    - period: 2026
      revenue: "$0"
      costs: {personnel: "$200k", compute: "$12,000"}
      profit: "-$212k"
`;

const experiment = (name: string) => `apiVersion: liftoff/v1
kind: Experiment
metadata:
  name: ${name}
task: {type: classification, domain: vision, labels: [a, b], positive_label: b}
resources: {accelerator: gpu, gpus: 8}
run: {trainer: command, command: [python, train.py]}
`;

/** A workspace folder with the plan, experiments `exp-a` / `exp-b` and `runs` in `.liftoff/runs`. */
export function computeWorkspace(runs: readonly FakeRun[], plan = COMPUTE_PLAN): { dir: string; plan: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-compute-'));
  writeFileSync(path.join(dir, 'pace.plan.yaml'), plan);
  writeFileSync(path.join(dir, 'a.experiment.yaml'), experiment('exp-a'));
  writeFileSync(path.join(dir, 'b.experiment.yaml'), experiment('exp-b'));
  for (const r of runs) {
    const runDir = path.join(dir, '.liftoff', 'runs', r.experiment, r.id);
    mkdirSync(runDir, { recursive: true });
    writeFileSync(
      path.join(runDir, 'run.json'),
      JSON.stringify({
        id: r.id,
        experiment: r.experiment,
        state: r.state ?? 'succeeded',
        launcher: 'local',
        createdAt: r.startedAt,
        startedAt: r.startedAt,
        ...(r.endedAt && { endedAt: r.endedAt }),
        command: ['python', 'train.py'],
        cwd: dir,
        resources: { gpus: r.gpus, ...(r.nodes && { nodes: r.nodes }) },
      }),
    );
  }
  return { dir, plan: path.join(dir, 'pace.plan.yaml') };
}
