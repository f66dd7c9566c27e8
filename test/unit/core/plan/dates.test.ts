import * as assert from 'node:assert/strict';
import {
  addMonths,
  compareDates,
  describeGap,
  formatDate,
  monthsBetween,
  parseDate,
  parsePeriod,
  periodGap,
  type Period,
  type PlanDate,
} from '../../../../core/src/plan/dates';

function date(s: string): PlanDate {
  const d = parseDate(s);
  assert.ok(d, `${s} parses`);
  return d;
}
function period(v: unknown): Period {
  const p = parsePeriod(v);
  assert.ok(p, `${String(v)} is a period`);
  return p;
}

describe('plan dates', () => {
  it('parses days, months and YAML Date objects; rejects the rest', () => {
    assert.deepEqual(parseDate('2026-01-15'), { year: 2026, month: 1, day: 15 });
    assert.deepEqual(parseDate('2026-03'), { year: 2026, month: 3 });
    assert.deepEqual(parseDate(new Date(Date.UTC(2025, 9, 1))), { year: 2025, month: 10, day: 1 });
    for (const bad of ['2026-13', '2026-02-30', '2026/01/01', '26-01', 2026, null, 'soon'])
      assert.equal(parseDate(bad), undefined, String(bad));
    assert.deepEqual(parseDate('2024-02-29'), { year: 2024, month: 2, day: 29 });
  });

  it('compares at the coarser precision', () => {
    assert.ok(compareDates(date('2026-03'), date('2026-04-01')) < 0);
    assert.equal(compareDates(date('2026-03'), date('2026-03-31')), 0);
    assert.ok(compareDates(date('2026-03-31'), date('2026-03-01')) > 0);
    assert.ok(compareDates(date('2027-01'), date('2026-12')) > 0);
  });

  it('adds months, clamping the day and spreading fractions over the month', () => {
    assert.equal(formatDate(addMonths(date('2026-01-15'), 10)), '2026-11-15');
    assert.equal(formatDate(addMonths(date('2026-01-31'), 1)), '2026-02-28');
    assert.equal(formatDate(addMonths(date('2026-11'), 3)), '2027-02-01');
    assert.equal(formatDate(addMonths(date('2026-01-01'), 2.5)), '2026-03-17');
    assert.equal(monthsBetween(date('2026-01'), date('2026-11-30')), 10);
  });

  it('reads years, quarters and months as spans of months', () => {
    assert.deepEqual([period(2026).kind, period('2026-Q2').kind, period('2026-03').kind], ['year', 'quarter', 'month']);
    assert.equal(period('2026-Q2').last - period('2026-Q2').first, 2);
    assert.equal(parsePeriod('2026-H1'), undefined);
    assert.equal(parsePeriod(2026.5), undefined);
  });

  it('tells contiguous periods from gaps, overlaps and reversals', () => {
    assert.equal(periodGap(period(2026), period(2027)), 'contiguous');
    assert.equal(periodGap(period('2026-Q4'), period(2027)), 'contiguous');
    assert.equal(periodGap(period('2026-12'), period('2027-Q1')), 'contiguous');
    assert.equal(periodGap(period(2026), period(2028)), 'gap');
    assert.equal(periodGap(period(2026), period('2026-Q3')), 'overlap');
    assert.equal(periodGap(period(2027), period(2026)), 'backwards');
    assert.equal(describeGap(period(2026), period(2028)), '2027');
    assert.equal(describeGap(period('2026-Q1'), period('2026-Q3')), '2026-Q2');
    assert.equal(describeGap(period('2026-01'), period('2026-05')), '2026-02 … 2026-04');
  });
});
