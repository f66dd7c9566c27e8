/**
 * `liftoff plan compute <plan> [--gpu-hour-price N] [--as-of YYYY-MM-DD] [--format text|json] [--workspace DIR]`:
 * the plan's compute budget for the period holding today against the GPU-hours its linked experiments' real runs used
 * (the run store under the workspace), from core/src/plan-compute, the function the preview and PLAN-020 use.
 * Exit codes: 0 within the plan's pace (or nothing to compare); 1 not a business plan, or spend ahead of the pace;
 * 2 usage or I/O error.
 */
import { phrase, say, t } from '../../core/src/l10n';
import * as path from 'node:path';
import { formatMoney } from '../../core/src/plan';
import { planComputeReport } from '../../core/src/plan-compute';
import { describeWorkspace, findWorkspace } from '../../core/src/workspace';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import type { Io } from './io';
import { readInputFile } from './read-input';

const USAGE =
  'Usage: liftoff plan compute <file.plan.yaml> [--gpu-hour-price N] [--as-of YYYY-MM-DD] [--format text|json] [--workspace DIR]\n';

export async function runPlanCompute(argv: readonly string[], io: Io): Promise<number> {
  let file: string;
  let price: number;
  let now: number;
  let format: 'text' | 'json';
  let workspace: string;
  try {
    const args = parseArgs(argv, {
      'gpu-hour-price': 'string',
      'as-of': 'string',
      format: ['text', 'json'],
      workspace: 'string',
    });
    if (args.positionals.length !== 1)
      throw new UsageError(
        args.positionals.length ? phrase('give exactly one plan file') : phrase('give the plan file'),
      );
    file = path.resolve(io.cwd, args.positionals[0]!);
    const p = args.options.get('gpu-hour-price');
    price = p === undefined ? 2.5 : Number(p);
    if (!Number.isFinite(price) || price < 0)
      throw new UsageError(phrase("--gpu-hour-price must be a number of 0 or more, not '{0}'", String(p)));
    const asOf = args.options.get('as-of');
    now = asOf === undefined ? Date.now() : Date.parse(`${asOf}T12:00:00Z`);
    if (!Number.isFinite(now) || (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)))
      throw new UsageError(phrase("--as-of must be a date such as 2026-06-30, not '{0}'", String(asOf)));
    format = (args.options.get('format') ?? 'text') as 'text' | 'json';
    const found = findWorkspace({ cwd: io.cwd, given: args.options.get('workspace'), near: [file] });
    workspace = found.dir;
    io.err(`liftoff: ${describeWorkspace(found, io.cwd, io.locale)}\n`);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff plan compute: ${usageMessage(err, io.locale)}\n${usageLine(USAGE, io.locale)}`);
    return 2;
  }
  const shown = path.relative(io.cwd, file) || file;
  const text = await readInputFile(io, 'plan compute', file);
  if (text === undefined) return 2;
  if (!/^kind:\s*["']?BusinessPlan\b/m.test(text)) {
    io.err(`liftoff plan compute: ${t(io.locale, '{0} is not a business plan (no `kind: BusinessPlan`)', shown)}\n`);
    return 1;
  }
  const r = await planComputeReport({
    planPath: file,
    planText: text,
    workspaces: [workspace],
    gpuHourPrice: price,
    now,
  });
  if (format === 'json') {
    // The phrases are for saying the report in a language; JSON keeps the English texts beside them.
    io.out(
      `${JSON.stringify(r, (k, v: unknown) => (k === 'problemPhrase' || k === 'notePhrase' ? undefined : v), 2)}\n`,
    );
    return r.pace?.ahead ? 1 : 0;
  }
  const currency = /^\s*currency:\s*["']?([A-Z]{3})\b/m.exec(text)?.[1];
  const money = (n: number) => formatMoney(Math.round(n * 100) / 100, currency);
  const h = (n: number) => n.toFixed(n >= 10 ? 1 : 2);
  const l = io.locale;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lines: string[] = [t(l, 'Compute of {0} as of {1}:', shown, day(now))];
  for (const e of r.experiments)
    lines.push(
      e.problem
        ? `  ${t(l, '{0}: not counted ({1})', e.link, e.problemPhrase ? say(l, e.problemPhrase) : e.problem)}`
        : `  ${e.runs === 1 ? t(l, '{0} ({1}): {2} GPU-h in 1 run', e.link, e.name, h(e.gpuHours)) : t(l, '{0} ({1}): {2} GPU-h in {3} runs', e.link, e.name, h(e.gpuHours), e.runs)}`,
    );
  lines.push(
    `  ${t(l, 'total: {0} GPU-h × {1} per GPU-hour = {2}', h(r.gpuHours), money(r.gpuHourPrice), money(r.spent))}`,
  );
  if (r.pace) {
    const p = r.pace;
    lines.push(
      `  ${t(l, 'budget: {0} for {1} ({2})', money(p.budget.amount), p.budget.period, `financials.periods[${p.budget.index}].costs.compute`)}`,
      p.notStarted
        ? `  ${t(l, 'the period has not started: nothing to compare yet')}`
        : `  ${
            p.ahead
              ? t(
                  l,
                  'pace: {0} by today ({1} % of the period); spent {2} AHEAD of the plan',
                  money(p.expected),
                  Math.round(p.elapsed * 100),
                  money(p.spent - p.expected),
                )
              : t(
                  l,
                  'pace: {0} by today ({1} % of the period); within the plan',
                  money(p.expected),
                  Math.round(p.elapsed * 100),
                )
          }`,
    );
    if (p.exhaustedAtMs) lines.push(`  ${t(l, 'at this rate the budget runs out on {0}', day(p.exhaustedAtMs))}`);
  }
  if (r.note) lines.push(`  ${r.notePhrase ? say(l, r.notePhrase) : r.note}`);
  io.out(`${lines.join('\n')}\n`);
  return r.pace?.ahead ? 1 : 0;
}
