import { formatDate } from '../../../../../core/src/plan';
import { compareDates, runway, runwayMonteCarlo, type RoundInput } from '../../../../../core/src/plan';
import { formatMoney } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, has, mapItems, plain, valueRange } from '../../yaml-path';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { label, planCurrency } from './read';

/**
 * PLAN-006: runway = `financing.cash_on_hand` / `financials.monthly_burn` months from `metadata.date`; warns on
 * the cash when the money runs out in a month before the next planned (not closed) round's date. With cash or burn
 * written as a range, the check uses the midpoints (P50) and also warns when the P10 runway of the seeded Monte
 * Carlo run (core runwayMonteCarlo) ends before that round.
 */
export const runwayReachesRound: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  const cash = at(root, ['financing', 'cash_on_hand']);
  const rounds = mapItems(at(root, ['financing', 'rounds']));
  if (!has(cash)) return [];
  const r = runway(
    { cash_on_hand: plain(yaml.doc, cash.node), rounds: rounds.map((i) => plain(yaml.doc, i.node) as RoundInput) },
    plain(yaml.doc, at(root, ['financials', 'monthly_burn'])?.node),
    plain(yaml.doc, at(root, ['metadata', 'date'])?.node),
  );
  if (r && !r.endsBeforeNextRound && r.nextRound) {
    const mc = runwayMonteCarlo({
      financing: { cash_on_hand: plain(yaml.doc, cash.node) },
      financials: { monthly_burn: plain(yaml.doc, at(root, ['financials', 'monthly_burn'])?.node) },
      metadata: { date: plain(yaml.doc, at(root, ['metadata', 'date'])?.node) },
    });
    if (mc?.uncertain && mc.end && compareDates(mc.end.p10, r.nextRound.date) < 0) {
      const round = rounds[r.nextRound.index];
      return [
        diagnostic(
          settings,
          'PLAN-006',
          'warning',
          valueRange(file, cash),
          t(
            settings.locale,
            'With the ranges written for cash and burn, 1 run in 10 of {0} runs out of cash by {1} (P10 runway {2} months), before the next planned round{3} ({4}); the midpoints (P50, {5} months) reach it. Narrow the ranges, raise more cash or plan the round earlier.',
            mc.samples.toLocaleString('en-US'),
            formatDate(mc.end.p10),
            Number(mc.p10.toFixed(1)),
            round ? ` \`${label(round)}\`` : '',
            formatDate(r.nextRound.date),
            Number(mc.p50.toFixed(1)),
          ),
        ),
      ];
    }
  }
  if (!r?.endsBeforeNextRound || !r.end || !r.nextRound) return [];
  const round = rounds[r.nextRound.index];
  const currency = planCurrency(root);
  const months = Number(r.months.toFixed(1));
  const planDate = String(at(root, ['metadata', 'date'])?.value ?? '');
  const args = [
    months,
    formatMoney(r.cash, currency),
    formatMoney(r.burn, currency),
    planDate,
    formatDate(r.end),
    round ? ` \`${label(round)}\`` : '',
    formatDate(r.nextRound.date),
  ];
  return [
    diagnostic(
      settings,
      'PLAN-006',
      'warning',
      valueRange(file, cash),
      months === 1
        ? t(
            settings.locale,
            'Runway is {0} month (cash_on_hand {1} ÷ monthly_burn {2}): from the plan date {3} the cash runs out around {4}, before the next planned round{5} ({6}). Raise more cash, cut the burn or plan the round earlier.',
            ...args,
          )
        : t(
            settings.locale,
            'Runway is {0} months (cash_on_hand {1} ÷ monthly_burn {2}): from the plan date {3} the cash runs out around {4}, before the next planned round{5} ({6}). Raise more cash, cut the burn or plan the round earlier.',
            ...args,
          ),
    ),
  ];
};
