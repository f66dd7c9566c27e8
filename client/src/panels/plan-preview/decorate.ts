/**
 * What the preview and the export add to the server's view model from files next to the plan: the review threads of
 * `<plan>.review.yaml` (beside their sections, outdated ones apart) and the compute spent by the linked experiments'
 * real runs against the plan's compute budget (a summary figure; core/src/plan-compute, the same function as
 * `liftoff plan compute` and PLAN-020).
 */
import * as vscode from 'vscode';
import { formatMoney } from '../../../../core/src/plan';
import { attachReview, type Figure, type PlanViewModel } from '../../../../core/src/plan/render';
import { planComputeReport, type PlanComputeReport } from '../../../../core/src/plan-compute';
import { readReview, reviewName } from '../../plan-review/store';

/** Run-store reads are reused for this long (typing redraws the preview every 150 ms). */
const COMPUTE_TTL_MS = 10_000;
const computeCache = new Map<string, { at: number; links: string; report: Promise<PlanComputeReport> }>();

export async function decorateModel(model: PlanViewModel, uri: vscode.Uri): Promise<PlanViewModel> {
  if (model.status === 'not-a-plan' || model.status === 'too-big') return model;
  const text = await planText(uri);
  if (text === undefined) return model;
  let out = model;
  const review = await readReview(uri);
  if (review.exists) out = attachReview(out, review, text, reviewName(uri));
  const figure = await computeFigure(uri, text, model.currency).catch(() => undefined);
  if (figure) out = { ...out, summary: [...out.summary, figure] };
  return out;
}

async function planText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

function price(): number {
  const v = vscode.workspace.getConfiguration('liftoff').get<unknown>('gpuHourPrice');
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 2.5;
}

async function computeFigure(uri: vscode.Uri, text: string, currency?: string): Promise<Figure | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const workspaces = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  if (!workspaces.length) return undefined;
  // The links and the compute costs decide the report: re-read the run store when they change or the cache is old.
  const links = (text.match(/(linked_experiments?|experiment|compute)\s*:.*$/gm) ?? []).join('\n') + `|${price()}`;
  const key = uri.toString();
  const hit = computeCache.get(key);
  const now = Date.now();
  let report: Promise<PlanComputeReport>;
  if (hit && hit.links === links && now - hit.at < COMPUTE_TTL_MS) report = hit.report;
  else {
    report = planComputeReport({ planPath: uri.fsPath, planText: text, workspaces, gpuHourPrice: price(), now });
    computeCache.set(key, { at: now, links, report });
  }
  const r = await report;
  if (!r.pace || !r.experiments.length) return undefined;
  const money = (n: number) => formatMoney(Math.round(n * 100) / 100, currency);
  const p = r.pace;
  const runs = r.experiments.reduce((s, e) => s + e.runs, 0);
  return {
    id: 'compute-spend',
    label: 'Compute spent',
    value: `${money(r.spent)} of ${money(p.budget.amount)}`,
    hint:
      `${r.gpuHours.toFixed(r.gpuHours >= 10 ? 0 : 2)} GPU-h in ${runs} run${runs === 1 ? '' : 's'} of the linked experiments since ${new Date(p.budget.startMs).toISOString().slice(0, 10)} × ${money(r.gpuHourPrice)}/GPU-h; ` +
      (p.notStarted
        ? `the ${p.budget.period} budget has not started.`
        : `the ${p.budget.period} pace allows ${money(p.expected)} by today (${Math.round(p.elapsed * 100)} % of the period)${p.ahead ? ' — ahead of plan (PLAN-020)' : ''}.`),
    tone: p.ahead ? 'bad' : 'good',
    ref: { path: ['financials', 'periods', p.budget.index, 'costs', 'compute'] },
  };
}
