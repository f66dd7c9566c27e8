import { isMap } from 'yaml';
import { amountOf, revenueByYear, type PeriodInput } from '../../../../../core/src/plan';
import { formatMoney } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, field, has, mapItems, num, plain, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { planCurrency } from './read';

/**
 * PLAN-007: projected revenue of any calendar year (quarters and months summed) exceeds the SOM — warning on the
 * revenue of that year's last period.
 */
export const revenueWithinSom: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  const som = at(root, ['market', 'size', 'som']);
  const value = isMap(som?.node) ? field(som.node, 'value') : som;
  const somAmount = has(value) ? amountOf(plain(yaml.doc, value.node)) : undefined;
  if (somAmount === undefined) return [];
  const somYear = isMap(som?.node) ? num(field(som.node, 'year')) : undefined;
  const periods = mapItems(at(root, ['financials', 'periods']));
  const currency = planCurrency(root);
  const out: LiftoffDiagnostic[] = [];
  for (const [year, { revenue, indices }] of revenueByYear(
    periods.map((p) => plain(yaml.doc, p.node) as PeriodInput),
  )) {
    if (revenue <= somAmount) continue;
    const last = periods[indices[indices.length - 1] ?? -1];
    const rev = last && field(last.node, 'revenue');
    if (!rev || !has(rev)) continue;
    out.push(
      diagnostic(
        settings,
        'PLAN-007',
        'warning',
        valueRange(file, rev),
        t(
          settings.locale,
          'Revenue in {0} ({1}{2}) exceeds the SOM ({3}{4}): a plan cannot earn more than the market it can obtain; check the projection or the SOM.',
          year,
          formatMoney(revenue, currency),
          indices.length > 1 ? t(settings.locale, ', {0} periods summed', indices.length) : '',
          formatMoney(somAmount, currency),
          somYear !== undefined ? t(settings.locale, ', {0}', somYear) : '',
        ),
      ),
    );
  }
  return out;
};
