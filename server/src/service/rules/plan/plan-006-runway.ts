import { formatDate } from '../../../../../core/src/plan';
import { compareDates, runway, runwayMonteCarlo, type RoundInput } from '../../../../../core/src/plan';
import { formatMoney } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, has, mapItems, plain, valueRange } from '../../yaml-path';
import type { Rule } from '../rule';
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
          `With the ranges written for cash and burn, 1 run in 10 of ${mc.samples.toLocaleString('en-US')} runs out of cash by ${formatDate(mc.end.p10)} (P10 runway ${Number(mc.p10.toFixed(1))} months), before the next planned round${round ? ` \`${label(round)}\`` : ''} (${formatDate(r.nextRound.date)}); the midpoints (P50, ${Number(mc.p50.toFixed(1))} months) reach it. Narrow the ranges, raise more cash or plan the round earlier.`,
        ),
      ];
    }
  }
  if (!r?.endsBeforeNextRound || !r.end || !r.nextRound) return [];
  const round = rounds[r.nextRound.index];
  const currency = planCurrency(root);
  const months = Number(r.months.toFixed(1));
  const planDate = String(at(root, ['metadata', 'date'])?.value ?? '');
  return [
    diagnostic(
      settings,
      'PLAN-006',
      'warning',
      valueRange(file, cash),
      `Runway is ${months} month${months === 1 ? '' : 's'} (cash_on_hand ${formatMoney(r.cash, currency)} ÷ monthly_burn ${formatMoney(r.burn, currency)}): from the plan date ${planDate} the cash runs out around ${formatDate(r.end)}, before the next planned round${round ? ` \`${label(round)}\`` : ''} (${formatDate(r.nextRound.date)}). Raise more cash, cut the burn or plan the round earlier.`,
    ),
  ];
};
