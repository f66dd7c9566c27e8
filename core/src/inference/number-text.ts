/**
 * Numbers straight from a string (no substring per value): decimal and exponent notation, exact when the digits
 * fit (≤ 15 significant digits, a power of ten within ±22), otherwise through V8's own `Number()`. The spellings
 * of missing values (`NaN`, `nan`, `inf`, `-Infinity`, …) come back as NaN/±Infinity with `end` set, so callers can
 * say "missing value" rather than "not a number".
 */

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];
const SPECIAL = /^(?:[+-]?(?:nan|inf|infinity)|null|none|na|n\/a)$/i;

export class TextNumberScanner {
  /** Where the last `scan` stopped; -1 when there was no number. */
  end = -1;

  /**
   * The number at `pos` (before `limit`), NaN with `end` = -1 when there is none. The character at `limit` must
   * not continue a number (a delimiter, a line break or the end): the hot loops rely on it instead of bounds checks
   * (`charCodeAt` past the end is NaN, which ends every loop).
   */
  scan(s: string, pos: number, limit: number): number {
    let i = pos;
    let c = s.charCodeAt(i);
    let neg = false;
    if (c === 45 || c === 43) {
      neg = c === 45;
      c = s.charCodeAt(++i);
    }
    const first = i;
    let mant = 0;
    while (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      c = s.charCodeAt(++i);
    }
    let digits = i - first;
    let exp = 0;
    if (c === 46) {
      const dot = ++i;
      c = s.charCodeAt(i);
      while (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        c = s.charCodeAt(++i);
      }
      exp = dot - i;
      digits += i - dot;
    }
    if (digits === 0) return this.special(s, pos, limit);
    if (c === 101 || c === 69) {
      let j = i + 1;
      let d = s.charCodeAt(j);
      let eneg = false;
      if (d === 45 || d === 43) {
        eneg = d === 45;
        d = s.charCodeAt(++j);
      }
      const start = j;
      let e = 0;
      while (d >= 48 && d <= 57) {
        if (e < 100000) e = e * 10 + (d - 48);
        d = s.charCodeAt(++j);
      }
      if (j === start) {
        this.end = -1;
        return NaN;
      }
      exp += eneg ? -e : e;
      i = j;
    }
    if (i > limit) {
      this.end = -1;
      return NaN;
    }
    this.end = i;
    // ≤ 15 digits in all (leading zeros included) keep the mantissa exact; then one IEEE operation is exact.
    if (digits > 15 || exp < -22 || exp > 22) return Number(s.slice(pos, i));
    const v = exp < 0 ? mant / POW10[-exp]! : mant * POW10[exp]!;
    return neg ? -v : v;
  }

  /** `NaN`, `inf`, `null`, `NA`… up to the next delimiter: NaN or ±Infinity with `end` set; else no number. */
  private special(s: string, pos: number, limit: number): number {
    let j = pos;
    while (j < limit && j - pos < 12) {
      const c = s.charCodeAt(j);
      if (c === 44 || c === 9 || c === 32 || c === 59 || c === 13 || c === 10 || c === 34 || c === 93 || c === 125)
        break;
      j++;
    }
    const word = s.slice(pos, j);
    if (!SPECIAL.test(word)) {
      this.end = -1;
      return NaN;
    }
    this.end = j;
    const w = word.toLowerCase();
    return w.includes('inf') ? (w.startsWith('-') ? -Infinity : Infinity) : NaN;
  }
}

/** The whole of `text` (trimmed) as a number; undefined when it is not one. Missing-value spellings give NaN. */
export function cellNumber(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const scanner = new TextNumberScanner();
  const v = scanner.scan(t, 0, t.length);
  return scanner.end === t.length ? v : undefined;
}
