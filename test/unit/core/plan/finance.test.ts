import * as assert from 'node:assert/strict';
import {
  breakEven,
  nextRound,
  periodTotals,
  revenueByYear,
  runway,
  runwayMonths,
} from '../../../../core/src/plan/finance';
import { formatDate } from '../../../../core/src/plan/dates';

describe('plan finance', () => {
  it('totals a period: Σ costs including extra categories, expected profit, match', () => {
    const t = periodTotals({
      period: 2027,
      revenue: 8000000,
      costs: { personnel: 5000000, compute: '¥1M', marketing: '1M', other: 500000, legal: 200000 },
      profit: 300000,
    });
    assert.equal(t.revenue, 8000000);
    assert.equal(t.costs, 7700000);
    assert.equal(t.costItems.length, 5);
    assert.equal(t.expectedProfit, 300000);
    assert.equal(t.profitMatches, true);
    assert.equal(t.period?.kind, 'year');
  });

  it('spots a wrong profit and leaves totals undefined when a cost does not parse', () => {
    const wrong = periodTotals({
      period: '2026',
      revenue: '¥1.2M',
      costs: { personnel: '¥3M', compute: '¥400k' },
      profit: '-¥2M',
    });
    assert.equal(wrong.expectedProfit, -2200000);
    assert.equal(wrong.profitMatches, false);
    const broken = periodTotals({ revenue: 10, costs: { personnel: 'lots' }, profit: 5 });
    assert.equal(broken.costs, undefined);
    assert.equal(broken.profitMatches, undefined);
    assert.equal(broken.netProfit, 5);
  });

  it('finds break-even: the first period with profit ≥ 0 (written or computed)', () => {
    const periods = [
      { period: 2026, revenue: 1, costs: { a: 5 } },
      { period: 2027, revenue: 5, costs: { a: 5 } },
      { period: 2028, profit: 10 },
    ];
    assert.equal(breakEven(periods)?.index, 1);
    assert.equal(breakEven([{ period: 2026, profit: -1 }]), undefined);
  });

  it('sums revenue per year across quarters', () => {
    const years = revenueByYear([
      { period: '2026-Q3', revenue: '1M' },
      { period: '2026-Q4', revenue: '2M' },
      { period: 2027, revenue: 5e6 },
    ]);
    assert.deepEqual(years.get(2026), { revenue: 3e6, indices: [0, 1] });
    assert.equal(years.get(2027)?.revenue, 5e6);
  });

  it('computes runway, its end and the next planned round', () => {
    assert.equal(runwayMonths('¥3M', '¥300k'), 10);
    assert.equal(runwayMonths('¥3M', 0), undefined);
    const rounds = [
      { name: 'Angel', date: '2025-10', status: 'closed' },
      { name: 'A', date: '2027-03', status: 'planned' },
      { name: 'Seed', date: '2026-06', status: 'planned' },
    ];
    assert.equal(nextRound(rounds, '2026-01-15')?.index, 2);
    assert.equal(nextRound(rounds, 'not a date'), undefined);
    const r = runway({ cash_on_hand: '¥3M', rounds }, '¥300k', '2026-01-15');
    assert.ok(r);
    assert.equal(r.months, 10);
    assert.equal(formatDate(r.end!), '2026-11-15');
    assert.equal(r.endsBeforeNextRound, false);
    const short = runway({ cash_on_hand: '¥1.2M', rounds }, '¥300k', '2026-01-15');
    assert.equal(formatDate(short!.end!), '2026-05-15');
    assert.equal(short!.endsBeforeNextRound, true);
  });
});
