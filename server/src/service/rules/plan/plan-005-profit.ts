import { isScalar } from 'yaml';
import { describeGap, parsePeriod, periodGap, type Period } from '../../../../../core/src/plan';
import { periodTotals } from '../../../../../core/src/plan';
import { formatMoney, parseMoney } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, field, has, mapItems, plain, text, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
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
    const totals = periodTotals(js);
    const profit = field(item.node, 'profit');
    const l = settings.locale;
    if (
      totals.profitMatches === false &&
      has(profit) &&
      totals.expectedProfit !== undefined &&
      totals.revenue !== undefined &&
      totals.costs !== undefined
    ) {
      const written = parseMoney(js.profit);
      const cur = currency ?? (written.ok ? written.money.currency : undefined);
      const show = (n: number) => formatMoney(n, cur);
      const parts = totals.costItems.map((c) => `${c.name} ${show(c.amount)}`).join(' + ');
      const d = diagnostic(
        settings,
        'PLAN-005',
        'error',
        valueRange(file, profit),
        t(
          l,
          'Period {0}: profit is {1} but revenue {2} − costs {3} ({4}) = {5}.',
          label(item),
          show(totals.profit ?? 0),
          show(totals.revenue),
          show(totals.costs),
          parts,
          show(totals.expectedProfit),
        ),
      );
      const newText =
        typeof profit.value === 'number'
          ? String(Number(totals.expectedProfit.toFixed(6)))
          : sameQuotes(profit.node, formatMoney(totals.expectedProfit, cur));
      out.push(
        withFixes(d, [{ title: t(l, 'Recompute profit: {0}', newText), edits: [replace(file, profit.node, newText)] }]),
      );
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
          t(
            l,
            '`{0}` is not a period: write a year (2026), a quarter (2026-Q1) or a month (2026-03).',
            text(periodEntry) ?? '',
          ),
        ),
      );
      continue;
    }
    if (previous) {
      const gap = periodGap(previous, period);
      const message =
        gap === 'gap'
          ? t(
              l,
              'Period {0} follows {1}: {2} is missing. Periods should be contiguous so that totals, runway and break-even are right.',
              period.label,
              previous.label,
              describeGap(previous, period),
            )
          : gap === 'overlap'
            ? t(
                l,
                'Period {0} overlaps {1}. Periods should be contiguous so that totals, runway and break-even are right.',
                period.label,
                previous.label,
              )
            : gap === 'backwards'
              ? t(
                  l,
                  'Period {0} comes after {1}: list the periods in time order. Periods should be contiguous so that totals, runway and break-even are right.',
                  period.label,
                  previous.label,
                )
              : undefined;
      if (message) {
        out.push(diagnostic(settings, 'PLAN-005', 'warning', valueRange(file, periodEntry), message));
      }
    }
    previous = period;
  }
  return out;
};
