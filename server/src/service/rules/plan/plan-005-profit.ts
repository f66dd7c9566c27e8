import { isScalar } from 'yaml';
import { describeGap, parsePeriod, periodGap, type Period } from '../../../../../core/src/plan';
import { periodTotals } from '../../../../../core/src/plan';
import { formatMoney, parseMoney } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, field, has, mapItems, plain, text, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { replace, withFixes } from '../experiment/edits';
import { sameQuotes } from './edits';
import { label, planCurrency } from './read';

/**
 * PLAN-005: a period's `profit` equals revenue − Σ costs (every cost category) when all three are given — error
 * on the profit, fixed by writing the computed value in the profit's own style; periods are contiguous — warning
 * on the period that leaves a gap, overlaps or goes back in time.
 */
export const profitArithmetic: Rule = ({ file, yaml, settings }) => {
  const out: LiftoffDiagnostic[] = [];
  const currency = planCurrency(yaml.root);
  let previous: Period | undefined;
  for (const item of mapItems(at(yaml.root, ['financials', 'periods']))) {
    const js = plain(yaml.doc, item.node) as Record<string, unknown>;
    const t = periodTotals(js);
    const profit = field(item.node, 'profit');
    if (
      t.profitMatches === false &&
      has(profit) &&
      t.expectedProfit !== undefined &&
      t.revenue !== undefined &&
      t.costs !== undefined
    ) {
      const written = parseMoney(js.profit);
      const cur = currency ?? (written.ok ? written.money.currency : undefined);
      const show = (n: number) => formatMoney(n, cur);
      const parts = t.costItems.map((c) => `${c.name} ${show(c.amount)}`).join(' + ');
      const d = diagnostic(
        settings,
        'PLAN-005',
        'error',
        valueRange(file, profit),
        `Period ${label(item)}: profit is ${show(t.profit ?? 0)} but revenue ${show(t.revenue)} − costs ${show(t.costs)} (${parts}) = ${show(t.expectedProfit)}.`,
      );
      const newText =
        typeof profit.value === 'number'
          ? String(Number(t.expectedProfit.toFixed(6)))
          : sameQuotes(profit.node, formatMoney(t.expectedProfit, cur));
      out.push(withFixes(d, [{ title: `Recompute profit: ${newText}`, edits: [replace(file, profit.node, newText)] }]));
    }
    const periodEntry = field(item.node, 'period');
    if (!has(periodEntry) || !isScalar(periodEntry.node)) continue;
    const period = parsePeriod(periodEntry.value);
    if (!period) {
      out.push(
        diagnostic(
          settings,
          'PLAN-005',
          'warning',
          valueRange(file, periodEntry),
          `\`${text(periodEntry) ?? ''}\` is not a period: write a year (2026), a quarter (2026-Q1) or a month (2026-03).`,
        ),
      );
      continue;
    }
    if (previous) {
      const gap = periodGap(previous, period);
      const message =
        gap === 'gap'
          ? `Period ${period.label} follows ${previous.label}: ${describeGap(previous, period)} is missing.`
          : gap === 'overlap'
            ? `Period ${period.label} overlaps ${previous.label}.`
            : gap === 'backwards'
              ? `Period ${period.label} comes after ${previous.label}: list the periods in time order.`
              : undefined;
      if (message) {
        out.push(
          diagnostic(
            settings,
            'PLAN-005',
            'warning',
            valueRange(file, periodEntry),
            `${message} Periods should be contiguous so that totals, runway and break-even are right.`,
          ),
        );
      }
    }
    previous = period;
  }
  return out;
};
