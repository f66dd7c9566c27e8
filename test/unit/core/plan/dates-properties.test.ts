/**
 * Plan dates by property, against JavaScript's own calendar (Date.UTC) as the oracle: which strings are dates, how
 * dates compare at the coarser precision, month arithmetic with clamped days and fractional months, periods as spans
 * of months, and gap labels that name exactly the months missing between two periods.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addMonths,
  compareDates,
  daysInMonth,
  describeGap,
  formatDate,
  fromMonthIndex,
  monthIndex,
  monthsBetween,
  parseDate,
  parsePeriod,
  periodGap,
  type Period,
  type PlanDate,
} from '../../../../core/src/plan/dates';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** The days of a month by the oracle: the day before the 1st of the next month. */
const oracleDays = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const year = fc.integer({ min: 1000, max: 9999 });
const validDate = fc
  .tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]): PlanDate => ({ year: y, month: m, day: Math.min(d, oracleDays(y, m)) }));
const monthDate = fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]): PlanDate => ({ year: y, month: m }));
const anyDate = fc.oneof(validDate, monthDate);

describe('plan dates (properties)', () => {
  it('parseDate accepts exactly the real days and months, trimmed, and reads them back', () => {
    fc.assert(
      fc.property(
        year,
        fc.integer({ min: 0, max: 13 }),
        fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined }),
        fc.constantFrom('', ' ', '\t'),
        (y, m, d, space) => {
          const text = `${space}${y}-${pad(m)}${d === undefined ? '' : `-${pad(d)}`}${space}`;
          const valid = m >= 1 && m <= 12 && (d === undefined || (d >= 1 && d <= oracleDays(y, m)));
          assert.deepEqual(
            parseDate(text),
            valid ? { year: y, month: m, ...(d !== undefined ? { day: d } : {}) } : undefined,
            text,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parseDate refuses other shapes, non-strings and invalid Date objects', () => {
    for (const bad of ['2026-1-05', '2026-01-5', '02026-01', '2026-01-015', '2026-01-', 'x2026-01', '2026-01x', '']) {
      assert.equal(parseDate(bad), undefined, bad);
    }
    for (const bad of [undefined, null, 202601, {}, ['2026-01'], new Date(NaN)])
      assert.equal(parseDate(bad), undefined);
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
        (dt) => {
          assert.deepEqual(parseDate(dt), {
            year: dt.getUTCFullYear(),
            month: dt.getUTCMonth() + 1,
            day: dt.getUTCDate(),
          });
        },
      ),
    );
  });

  it('daysInMonth is the calendar’s (leap years included)', () => {
    assert.deepEqual(
      [daysInMonth(2024, 2), daysInMonth(2100, 2), daysInMonth(2000, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)],
      [29, 28, 29, 30, 31],
    );
  });

  it('compareDates: by month, and by day only when both have one; antisymmetric', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        const byMonth = a.year * 12 + a.month - (b.year * 12 + b.month);
        const expected = byMonth !== 0 || a.day === undefined || b.day === undefined ? byMonth : a.day - b.day;
        // Math.sign keeps NaN: a comparison that is not a number fails here.
        assert.equal(Math.sign(compareDates(a, b)), Math.sign(expected));
        assert.equal(Math.sign(compareDates(b, a)), -Math.sign(expected) || 0);
        assert.equal(compareDates(a, a), 0);
      }),
      { numRuns: 500 },
    );
    assert.equal(
      compareDates({ year: 2026, month: 3, day: 15 }, { year: 2026, month: 3 }),
      0,
      'a day within the month it is compared with',
    );
  });

  it('monthIndex and fromMonthIndex are inverse, negative indices included; monthsBetween counts months', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 200_000 }), (i) => {
        const d = fromMonthIndex(i);
        assert.ok(d.month >= 1 && d.month <= 12);
        assert.equal(monthIndex(d), i);
      }),
    );
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        assert.equal(monthsBetween(a, b), (b.year - a.year) * 12 + (b.month - a.month));
      }),
    );
  });

  it('addMonths: whole months keep the day (clamped), a fraction adds that share of the month’s days', () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.integer({ min: -240, max: 240 }),
        fc.integer({ min: 0, max: 99 }),
        (d, whole, hundredths) => {
          const months = whole + hundredths / 100;
          const w = Math.floor(months);
          const t = new Date(Date.UTC(d.year, d.month - 1 + w, 1));
          const [by, bm] = [t.getUTCFullYear(), t.getUTCMonth() + 1];
          const dim = oracleDays(by, bm);
          const day = Math.min(d.day ?? 1, dim) + Math.round((months - w) * dim);
          const end = new Date(Date.UTC(by, bm - 1, day));
          assert.deepEqual(addMonths(d, months), {
            year: end.getUTCFullYear(),
            month: end.getUTCMonth() + 1,
            day: end.getUTCDate(),
          });
        },
      ),
      { numRuns: 1000 },
    );
    assert.deepEqual(addMonths({ year: 2026, month: 3, day: 31 }, -1), { year: 2026, month: 2, day: 28 });
    assert.deepEqual(addMonths({ year: 2026, month: 1, day: 1 }, 0.5), { year: 2026, month: 1, day: 17 });
    assert.deepEqual(addMonths({ year: 2026, month: 1, day: 1 }, 0.49), { year: 2026, month: 1, day: 16 });
  });

  it('formatDate pads year, month and day and round-trips through parseDate', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        assert.deepEqual(parseDate(formatDate(d)), d);
      }),
    );
    assert.equal(formatDate({ year: 999, month: 1 }), '0999-01');
    assert.equal(formatDate({ year: 2026, month: 3, day: 5 }), '2026-03-05');
  });
});

/** Periods by the oracle: a year, a quarter or a month as [first, last] month indices; `years` picks the year. */
const periodsIn = (years: fc.Arbitrary<number>) =>
  fc.oneof(
    years.map((y) => ({ text: String(y), first: y * 12, last: y * 12 + 11 })),
    fc.tuple(years, fc.integer({ min: 1, max: 4 })).map(([y, q]) => ({
      text: `${y}-Q${q}`,
      first: y * 12 + (q - 1) * 3,
      last: y * 12 + (q - 1) * 3 + 2,
    })),
    fc.tuple(years, fc.integer({ min: 1, max: 12 })).map(([y, m]) => ({
      text: `${y}-${pad(m)}`,
      first: y * 12 + m - 1,
      last: y * 12 + m - 1,
    })),
  );
const periodArb = periodsIn(year);
/** Neighbouring years, so that periods touch, overlap by one month and leave one-month gaps often. */
const nearPeriod = periodsIn(fc.integer({ min: 2024, max: 2027 }));

function period(text: unknown): Period {
  const p = parsePeriod(text);
  assert.ok(p, `${String(text)} is a period`);
  return p;
}

/** The months a gap label names, as [first, last] month indices. */
function spanOf(label: string): [number, number] {
  const one = (s: string): [number, number] => {
    const p = period(s);
    return [p.first, p.last];
  };
  const parts = label.split(' … ');
  if (parts.length === 1) return one(parts[0]!);
  assert.equal(parts.length, 2, label);
  return [one(parts[0]!)[0], one(parts[1]!)[1]];
}

describe('plan periods (properties)', () => {
  it('parsePeriod reads years, quarters and months (trimmed; integers as years) as spans; refuses the rest', () => {
    fc.assert(
      fc.property(periodArb, fc.constantFrom('', ' '), (p, space) => {
        const got = period(`${space}${p.text}${space}`);
        assert.deepEqual([got.first, got.last, got.label], [p.first, p.last, p.text]);
      }),
    );
    assert.deepEqual([period(2026).first, period(2026).last, period(2026).kind], [2026 * 12, 2026 * 12 + 11, 'year']);
    assert.equal(period('2026-Q3').kind, 'quarter');
    assert.equal(period('2026-07').kind, 'month');
    assert.equal(period('2026-07').year, 2026);
    for (const bad of [
      '2026-Q0',
      '2026-Q5',
      '2026-00',
      '2026-13',
      '2026-7',
      '2026-Q1-01',
      'x2026',
      '2026x',
      2026.5,
      null,
      {},
    ])
      assert.equal(parsePeriod(bad), undefined, String(bad));
  });

  it('periodGap follows the spans; describeGap names exactly the missing months, in the shortest form', () => {
    fc.assert(
      fc.property(nearPeriod, nearPeriod, (a, b) => {
        const gap = periodGap(period(a.text), period(b.text));
        const expected =
          b.first === a.last + 1
            ? 'contiguous'
            : b.first > a.last + 1
              ? 'gap'
              : b.last < a.first
                ? 'backwards'
                : 'overlap';
        assert.equal(gap, expected, `${a.text} → ${b.text}`);
        if (gap !== 'gap') return;
        const label = describeGap(period(a.text), period(b.text));
        assert.deepEqual(spanOf(label), [a.last + 1, b.first - 1], `${a.text} → ${b.text}: ${label}`);
        const [from, to] = [a.last + 1, b.first - 1];
        const wholeYears = from % 12 === 0 && to % 12 === 11;
        if (wholeYears) assert.match(label, /^\d{4}( … \d{4})?$/, label);
        else if (to - from === 2 && from % 3 === 0) assert.match(label, /^\d{4}-Q[1-4]$/, label);
        else assert.match(label, /^\d{4}-\d\d( … \d{4}-\d\d)?$/, label);
        if (wholeYears && to - from === 11) assert.match(label, /^\d{4}$/);
        if (from === to) assert.match(label, /^\d{4}-\d\d$/);
      }),
      { numRuns: 2000 },
    );
  });
});
