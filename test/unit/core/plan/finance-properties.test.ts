/**
 * core/src/plan/finance by property and at its edges: the runway, its end date and the next round a reviewer reads,
 * break-even, per-year revenue and a period's totals.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDate } from '../../../../core/src/plan/dates';
import {
  amountOf,
  breakEven,
  costItems,
  nextRound,
  periodTotals,
  revenueByYear,
  runway,
  runwayEnd,
  runwayMonths,
} from '../../../../core/src/plan/finance';
import { formatMoney } from '../../../../core/src/plan/money';

describe('plan finance (properties and edges)', () => {
  it('runway months: cash ÷ burn for cash ≥ 0 and burn > 0, however the amounts are written', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.constantFrom(undefined, 'CNY', 'USD', 'EUR'),
        (cash, burn, currency) => {
          const months = runwayMonths(formatMoney(cash, currency), formatMoney(burn, currency));
          assert.ok(months !== undefined);
          // formatMoney is exact up to a billionth of the amount (sameAmount), so the ratio up to two billionths.
          assert.ok(Math.abs(months - cash / burn) <= 1e-8 * (cash / burn), `${cash} / ${burn} → ${months}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('runway months at the edges: no cash is 0 months; a burn of 0 or below, negative cash or a bad value give none', () => {
    assert.equal(runwayMonths(0, '¥1k'), 0);
    assert.equal(runwayMonths('¥0', 1), 0);
    assert.equal(runwayMonths('¥1', '¥1'), 1);
    assert.equal(runwayMonths(-1, 1), undefined);
    assert.equal(runwayMonths('-¥0.01', 1), undefined);
    assert.equal(runwayMonths(1000, 0), undefined);
    assert.equal(runwayMonths(1000, -100), undefined);
    assert.equal(runwayMonths(1000, 0.01), 100_000);
    assert.equal(runwayMonths(null, 100), undefined);
    assert.equal(runwayMonths(1000, undefined), undefined);
    assert.equal(runwayMonths('lots', 100), undefined);
    assert.equal(runwayMonths(1000, 'some'), undefined);
  });

  it('the runway reports cash, burn, the cash-out day and whether it comes before the next round', () => {
    const base = { cash_on_hand: '¥1M' };
    const r = runway(base, '¥400k', '2026-01-15');
    assert.deepEqual(r, {
      months: 2.5,
      cash: 1e6,
      burn: 4e5,
      end: { year: 2026, month: 3, day: 31 },
      endsBeforeNextRound: false,
    });
    // Without a plan date: the months, but no end and so nothing "before" a round.
    const undated = runway({ ...base, rounds: [{ date: '2026-02' }] }, '¥400k', undefined);
    assert.deepEqual(undated, { months: 2.5, cash: 1e6, burn: 4e5, endsBeforeNextRound: false });
    assert.equal(runway(base, 0, '2026-01-15'), undefined);
    assert.equal(runway({}, '¥400k', '2026-01-15'), undefined);
    // Cash runs out on 2026-03-31 (2026-01-15 + 2.5 months).
    const roundOn = (date: string) =>
      runway({ ...base, rounds: [{ name: 'Seed', date, status: 'planned' }] }, '¥400k', '2026-01-15')!;
    assert.equal(roundOn('2026-04-01').endsBeforeNextRound, true, 'the day before the round');
    assert.equal(roundOn('2026-03-31').endsBeforeNextRound, false, 'on the round day');
    assert.equal(roundOn('2026-03-30').endsBeforeNextRound, false, 'after the round');
    assert.equal(roundOn('2026-04').endsBeforeNextRound, true, 'a month-precision round the month after');
    assert.equal(roundOn('2026-03').endsBeforeNextRound, false, 'a round in the cash-out month');
    assert.deepEqual(roundOn('2026-04').nextRound, { index: 0, date: { year: 2026, month: 4 } });
  });

  it('the cash-out day: whole months keep the day, a fraction adds that share of the month', () => {
    assert.equal(formatDate(runwayEnd('2026-01-15', 10)!), '2026-11-15');
    assert.equal(formatDate(runwayEnd('2026-01-15', 2.5)!), '2026-03-31');
    assert.equal(formatDate(runwayEnd('2026-01', 1)!), '2026-02-01');
    assert.equal(formatDate(runwayEnd('2026-01-31', 1)!), '2026-02-28');
    assert.equal(formatDate(runwayEnd(new Date(Date.UTC(2026, 0, 15)), 0)!), '2026-01-15');
    assert.equal(runwayEnd('15 January', 3), undefined);
    assert.equal(runwayEnd(undefined, 3), undefined);
  });

  it('the next round: the earliest not closed and dated after the plan date (ties: the first written)', () => {
    const plan = '2026-01-15';
    assert.equal(nextRound([{ date: '2026-01-15' }], plan), undefined, 'on the plan date');
    assert.equal(nextRound([{ date: '2026-01' }], plan), undefined, 'in the plan month');
    assert.equal(nextRound([{ date: '2026-01-16' }], plan)?.index, 0, 'the day after');
    assert.equal(nextRound([{ date: '2026-06', status: 'closed' }], plan), undefined);
    assert.equal(nextRound([{ date: '2026-06', status: 'in progress' }], plan)?.index, 0);
    assert.equal(nextRound([{ date: 'soon' }, { date: 20270101 }], plan), undefined);
    assert.equal(nextRound([], plan), undefined);
    const rounds = [{ date: '2026-09' }, { date: '2026-06-01' }, { date: '2026-06-01' }, { date: '2026-07' }];
    assert.deepEqual(nextRound(rounds, plan), { index: 1, date: { year: 2026, month: 6, day: 1 } });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            date: fc.date({ min: new Date('2024-01-01'), max: new Date('2029-12-31'), noInvalidDate: true }),
            status: fc.constantFrom(undefined, 'planned', 'closed', 'in progress'),
          }),
          { maxLength: 8 },
        ),
        (list) => {
          const start = Date.UTC(2026, 0, 15);
          const day = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
          const open = list
            .map((r, i) => ({ i, t: day(r.date), closed: r.status === 'closed' }))
            .filter((r) => !r.closed && r.t > start);
          const expected = open.reduce<(typeof open)[number] | undefined>(
            (b, r) => (!b || r.t < b.t ? r : b),
            undefined,
          );
          assert.equal(nextRound(list, plan)?.index, expected?.i);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('break-even: the first period whose profit (written, else computed) is ≥ 0', () => {
    assert.equal(breakEven([{ profit: -1 }, { profit: 0 }, { profit: 5 }])?.index, 1, 'a profit of exactly 0');
    assert.equal(breakEven([{ profit: '-¥0.01' }]), undefined);
    assert.equal(breakEven([{ revenue: 5, costs: 5 }])?.index, 0, 'computed: revenue = costs');
    assert.equal(breakEven([{ revenue: 10, costs: 5, profit: -1 }]), undefined, 'the written profit wins');
    assert.equal(breakEven([{ revenue: 10 }, { costs: 3 }]), undefined, 'nothing to compute from');
    assert.equal(breakEven([]), undefined);
    assert.equal(breakEven([{ profit: -2 }, { period: 2027, profit: '¥1M' }])?.totals.netProfit, 1e6);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 10 }), (profits) => {
        const first = profits.findIndex((p) => p >= 0);
        assert.equal(breakEven(profits.map((profit) => ({ profit })))?.index, first < 0 ? undefined : first);
      }),
    );
  });

  it('revenue per year sums its quarters and months; periods without a period or a revenue are left out', () => {
    const years = revenueByYear([
      { period: '2026-01', revenue: '¥100k' },
      { period: '2026-Q2', revenue: '¥1M' },
      { period: '2026-Q3' },
      { revenue: '¥9M' },
      { period: '2026-12', revenue: 'lots' },
      { period: 2027, revenue: 0 },
    ]);
    assert.deepEqual(
      [...years.entries()],
      [
        [2026, { revenue: 1.1e6, indices: [0, 1] }],
        [2027, { revenue: 0, indices: [5] }],
      ],
    );
    assert.equal(revenueByYear([]).size, 0);
  });

  it('a period: totals only for what is written and parses; a profit within half a cent matches', () => {
    assert.deepEqual(periodTotals({}), { costItems: [] });
    assert.deepEqual(periodTotals({ period: 2026, revenue: '¥3M', costs: { a: '¥2M' }, profit: '¥1M' }), {
      period: { label: '2026', kind: 'year', year: 2026, first: 2026 * 12, last: 2026 * 12 + 11 },
      costItems: [{ name: 'a', amount: 2e6 }],
      revenue: 3e6,
      costs: 2e6,
      profit: 1e6,
      expectedProfit: 1e6,
      profitMatches: true,
      netProfit: 1e6,
    });
    assert.deepEqual(periodTotals({ profit: 0 }), { costItems: [], profit: 0, netProfit: 0 });
    const single = periodTotals({ period: '2026-Q1', revenue: '¥3M', costs: '¥2M', profit: '¥1000000.004' });
    assert.deepEqual(single.costItems, [{ name: 'total', amount: 2e6 }]);
    assert.equal(single.costs, 2e6);
    assert.equal(single.expectedProfit, 1e6);
    assert.equal(single.profitMatches, true);
    assert.equal(single.profit, 1000000.004);
    assert.equal(single.netProfit, 1000000.004, 'the profit as written');
    assert.equal(single.period?.kind, 'quarter');
    assert.equal(periodTotals({ revenue: 3, costs: 2, profit: 1.006 }).profitMatches, false);
    const computed = periodTotals({ revenue: '¥3M', costs: { a: '¥1M', b: '¥500k' } });
    assert.equal(computed.netProfit, 1.5e6, 'no profit written: revenue − Σ costs');
    assert.ok(!('profit' in computed) && !('profitMatches' in computed));
    const noRevenue = periodTotals({ costs: { a: 1 }, profit: -1 });
    assert.ok(!('revenue' in noRevenue) && !('expectedProfit' in noRevenue) && !('period' in noRevenue));
    assert.equal(noRevenue.costs, 1);
    assert.equal(periodTotals({ revenue: 0, costs: 0 }).netProfit, 0);
    assert.equal(periodTotals({ revenue: 5, costs: {} }).expectedProfit, 5, 'no cost categories: costs 0');
  });

  it('cost items: a mapping of categories or one total; nothing when any category does not parse', () => {
    assert.deepEqual(costItems({ people: '¥2M', compute: 500 }), [
      { name: 'people', amount: 2e6 },
      { name: 'compute', amount: 500 },
    ]);
    assert.deepEqual(costItems('¥2M'), [{ name: 'total', amount: 2e6 }]);
    assert.deepEqual(costItems(0), [{ name: 'total', amount: 0 }]);
    assert.equal(costItems({ people: '¥2M', compute: 'a lot' }), undefined);
    assert.equal(costItems({ people: null }), undefined);
    assert.equal(costItems([1, 2]), undefined);
    assert.equal(costItems('lots'), undefined);
    assert.equal(costItems(null), undefined);
    assert.equal(costItems(undefined), undefined);
    assert.equal(amountOf(null), undefined);
    assert.equal(amountOf(undefined), undefined);
    assert.equal(amountOf(0), 0);
    assert.equal(amountOf('¥8M–¥12M'), 10e6, 'a range counts at its midpoint');
    assert.equal(amountOf('x'), undefined);
  });
});
