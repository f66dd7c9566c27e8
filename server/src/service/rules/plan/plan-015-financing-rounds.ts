import { compareDates, formatDate, parseDate, type PlanDate } from '../../../../../core/src/plan';
import { amountOf } from '../../../../../core/src/plan';
import { t } from '../../../../../core/src/l10n';
import { diagnostic } from '../../diagnostic';
import { at, field, has, list, mapItems, plain, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { label } from './read';

/**
 * PLAN-015: `financing.rounds` are listed in date order (error on the date that goes back) and raise a positive
 * amount (error on a zero amount; negative amounts are PLAN-002's); a single financing channel is a warning.
 */
export const financingRounds: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  const out: LiftoffDiagnostic[] = [];
  let latest: { date: PlanDate; name: string } | undefined;
  for (const round of mapItems(at(root, ['financing', 'rounds']))) {
    const dateEntry = field(round.node, 'date');
    const date = parseDate(dateEntry?.value);
    if (date && dateEntry) {
      if (latest && compareDates(date, latest.date) < 0) {
        out.push(
          diagnostic(
            settings,
            'PLAN-015',
            'error',
            valueRange(file, dateEntry),
            t(
              settings.locale,
              'Round `{0}` ({1}) is listed after `{2}` ({3}): list the rounds in date order.',
              label(round),
              formatDate(date),
              latest.name,
              formatDate(latest.date),
            ),
          ),
        );
      } else latest = { date, name: label(round) };
    }
    const amountEntry = field(round.node, 'amount');
    if (has(amountEntry) && amountOf(plain(yaml.doc, amountEntry.node)) === 0) {
      out.push(
        diagnostic(
          settings,
          'PLAN-015',
          'error',
          valueRange(file, amountEntry),
          t(
            settings.locale,
            "Round `{0}` raises 0: a round's amount must be positive (remove the round or write the target amount).",
            label(round),
          ),
        ),
      );
    }
  }
  const channels = at(root, ['financing', 'channels']);
  const items = list(channels);
  if (channels && items?.length === 1) {
    out.push(
      diagnostic(
        settings,
        'PLAN-015',
        'warning',
        valueRange(file, channels),
        t(
          settings.locale,
          'Only one financing channel ({0}): relying on a single source is a financing risk; consider others (angel, venture_capital, government_grant, bank_loan, strategic…).',
          String(items[0]?.value ?? ''),
        ),
      ),
    );
  }
  return out;
};
