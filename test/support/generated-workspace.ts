/**
 * A generated workspace of N Liftoff documents for scale tests and `npm run bench -- workspace`: copies of the
 * credit-risk example experiment (unique names, one shared CSV, each linking its plan), and one BusinessPlan per
 * ten documents that links its nine experiments (solution, milestone, KPI). Files sit 100 to a folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './fixtures';

export interface GeneratedWorkspace {
  readonly dir: string;
  readonly experiments: readonly string[];
  readonly plans: readonly string[];
}

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml');
const pad = (i: number) => String(i).padStart(5, '0');

/** Writes `n` documents (the 10th, 20th, … are plans) into a new temporary folder; n = 0 gives the data alone. */
export function generateWorkspace(n: number, prefix = 'liftoff-ws-gen-'): GeneratedWorkspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  mkdirSync(path.join(dir, 'data'));
  copyFileSync(
    path.join(path.dirname(EXAMPLE), 'data', 'applications.csv'),
    path.join(dir, 'data', 'applications.csv'),
  );
  const template = readFileSync(EXAMPLE, 'utf8');
  const experiments: string[] = [];
  const plans: string[] = [];
  for (let i = 0; i < n; i++) {
    const group = Math.floor(i / 10);
    const folder = path.join(dir, `g${pad(Math.floor(i / 100))}`);
    mkdirSync(folder, { recursive: true });
    const planFile = `p-${pad(group)}.plan.yaml`;
    if (i % 10 === 9) {
      const linked = Array.from({ length: 9 }, (_, k) => `e-${pad(group * 10 + k)}.experiment.yaml`);
      const file = path.join(folder, planFile);
      writeFileSync(file, planText(group, linked));
      plans.push(file);
      continue;
    }
    const file = path.join(folder, `e-${pad(i)}.experiment.yaml`);
    writeFileSync(
      file,
      template
        .replace('name: credit-risk-mlp', `name: credit-risk-${pad(i)}\n  linked_plan: ${planFile}`)
        .replace('train: data/applications.csv', 'train: ../data/applications.csv'),
    );
    experiments.push(file);
  }
  return { dir, experiments, plans };
}

function planText(group: number, linked: readonly string[]): string {
  return `apiVersion: liftoff/v1
kind: BusinessPlan
metadata:
  name: Credit scoring plan ${group}
  date: 2026-01-15
  currency: EUR
solution:
  description: Scores loan applications with the linked experiments.
  linked_experiments: [${linked.join(', ')}]
milestones:
  - {id: m-model, title: Model trained, due: 2026-06, linked_experiment: ${linked[0]}}
kpis:
  - id: kpi-auc
    name: Default AUC
    unit: ratio
    baseline: 0.7
    target: 0.8
    direction: increase
    measured_by: {experiment: ${linked[0]}, metric: auc}
`;
}
