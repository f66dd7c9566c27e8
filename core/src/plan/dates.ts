/**
 * Plan dates: `YYYY-MM-DD` or `YYYY-MM` (a month), plus YAML `Date` objects. A month-precision date stands for
 * the whole month, so comparisons between a month and a day compare months only (`2026-03` is neither before
 * nor after `2026-03-15`).
 */

export interface PlanDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31; absent for a month-precision date. */
  readonly day?: number;
}

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** Parses a plan date; undefined for anything else (including impossible days such as 2026-02-30). */
export function parseDate(value: unknown): PlanDate | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  if (typeof value !== 'string') return undefined;
  const m = DATE.exec(value.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return { year, month };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months since year 0 (January of year 0 is 0): month arithmetic without Date objects. */
export function monthIndex(d: { year: number; month: number }): number {
  return d.year * 12 + (d.month - 1);
}

export function fromMonthIndex(index: number): PlanDate {
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/**
 * Compares two dates at the coarser precision of the two: negative when `a` is before `b`, 0 when they fall
 * in the same month (or day), positive when after.
 */
export function compareDates(a: PlanDate, b: PlanDate): number {
  const months = monthIndex(a) - monthIndex(b);
  if (months !== 0 || a.day === undefined || b.day === undefined) return months;
  return a.day - b.day;
}

/**
 * Adds `months` (may be fractional or negative) to a date. Whole months keep the day (clamped to the month's
 * length: 2026-01-31 + 1 month = 2026-02-28); the fraction adds that share of the resulting month's days.
 * A month-precision date counts from its first day; the result always has a day.
 */
export function addMonths(d: PlanDate, months: number): PlanDate {
  const whole = Math.floor(months);
  const base = fromMonthIndex(monthIndex(d) + whole);
  const day = Math.min(d.day ?? 1, daysInMonth(base.year, base.month));
  const extra = Math.round((months - whole) * daysInMonth(base.year, base.month));
  const t = new Date(Date.UTC(base.year, base.month - 1, day + extra));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Whole months from `a` to `b` (month precision), e.g. 2026-01 → 2026-11 is 10. */
export function monthsBetween(a: PlanDate, b: PlanDate): number {
  return monthIndex(b) - monthIndex(a);
}

export function formatDate(d: PlanDate): string {
  const mm = String(d.month).padStart(2, '0');
  const base = `${String(d.year).padStart(4, '0')}-${mm}`;
  return d.day === undefined ? base : `${base}-${String(d.day).padStart(2, '0')}`;
}

/** A financial period: a year (`2026`), a quarter (`2026-Q1`) or a month (`2026-03`), as a span of months. */
export interface Period {
  readonly label: string;
  readonly kind: 'year' | 'quarter' | 'month';
  readonly year: number;
  /** Month index (see `monthIndex`) of the first month. */
  readonly first: number;
  /** Month index of the last month (inclusive). */
  readonly last: number;
}

const PERIOD = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

export function parsePeriod(value: unknown): Period | undefined {
  const text =
    typeof value === 'number' && Number.isInteger(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : undefined;
  const m = text === undefined ? null : PERIOD.exec(text);
  if (!m || text === undefined) return undefined;
  const year = Number(m[1]);
  const jan = monthIndex({ year, month: 1 });
  if (m[2] !== undefined) {
    const first = jan + (Number(m[2]) - 1) * 3;
    return { label: text, kind: 'quarter', year, first, last: first + 2 };
  }
  if (m[3] !== undefined) {
    const first = jan + Number(m[3]) - 1;
    return { label: text, kind: 'month', year, first, last: first };
  }
  return { label: text, kind: 'year', year, first: jan, last: jan + 11 };
}

/** How `next` relates to `previous` in a list of periods that should be contiguous. */
export function periodGap(previous: Period, next: Period): 'contiguous' | 'gap' | 'overlap' | 'backwards' {
  if (next.first === previous.last + 1) return 'contiguous';
  if (next.first > previous.last + 1) return 'gap';
  if (next.last < previous.first) return 'backwards';
  return 'overlap';
}

/** The months missing between two periods, as a label (`2027`, `2026-Q3`, `2026-04 … 2026-06`). */
export function describeGap(previous: Period, next: Period): string {
  const from = previous.last + 1;
  const to = next.first - 1;
  const a = fromMonthIndex(from);
  const b = fromMonthIndex(to);
  if (a.month === 1 && b.month === 12 && a.year === b.year) return String(a.year);
  if (a.month === 1 && b.month === 12) return `${a.year} … ${b.year}`;
  if (to - from === 2 && (a.month - 1) % 3 === 0) return `${a.year}-Q${(a.month - 1) / 3 + 1}`;
  return from === to ? formatDate(a) : `${formatDate(a)} … ${formatDate(b)}`;
}
