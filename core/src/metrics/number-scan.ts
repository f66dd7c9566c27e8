/**
 * Parses a number straight from bytes (no string per value): JSON numbers, plus the non-finite spellings that Python
 * writes — `NaN`, `Infinity`, `-Infinity` (json.dumps) and `nan`, `inf`, `-inf` (repr, csv). Digits that make an
 * integer below 2^53 and a power of ten within ±22 are exact in one IEEE operation; the rest goes through `Number()`.
 */

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];

/** One per parser: `scan` returns the number and leaves `end` after it (-1 when there was none). */
export class NumberScanner {
  /** Where the last `scan` stopped; -1 when there was no number there. */
  end = -1;

  /** The number starting at `pos` (before `end`); NaN with `this.end` = -1 when there is none. */
  scan(b: Buffer, pos: number, end: number): number {
    let i = pos;
    let neg = false;
    let c = i < end ? (b[i] as number) : -1;
    if (c === 45 /* - */ || c === 43 /* + */) {
      neg = c === 45;
      i++;
      c = i < end ? (b[i] as number) : -1;
    }
    if (c < 48 || c > 57) {
      if (c !== 46 /* . */) return this.nonFinite(b, i, end, neg);
    }
    let mant = 0;
    let exp = 0;
    const intStart = i;
    while (i < end) {
      c = b[i] as number;
      if (c < 48 || c > 57) break;
      mant = mant * 10 + (c - 48);
      i++;
    }
    let any = i > intStart;
    if (i < end && b[i] === 46) {
      const fracStart = ++i;
      while (i < end) {
        c = b[i] as number;
        if (c < 48 || c > 57) break;
        mant = mant * 10 + (c - 48);
        i++;
      }
      exp = fracStart - i;
      any ||= i > fracStart;
    }
    if (!any) {
      this.end = -1;
      return NaN;
    }
    if (i < end && (b[i] === 101 || b[i] === 69) /* e E */) {
      let j = i + 1;
      let eneg = false;
      if (j < end && (b[j] === 45 || b[j] === 43)) {
        eneg = b[j] === 45;
        j++;
      }
      let e = 0;
      const start = j;
      while (j < end) {
        c = b[j] as number;
        if (c < 48 || c > 57) break;
        if (e < 100000) e = e * 10 + (c - 48);
        j++;
      }
      if (j === start) {
        this.end = -1;
        return NaN;
      }
      exp += eneg ? -e : e;
      i = j;
    }
    this.end = i;
    let v: number;
    if (mant === 0) v = 0;
    // The digits as an integer are exact while below 2^53 (each partial value is smaller, so exact too).
    else if (mant <= 9007199254740991 && exp >= -22 && exp <= 22)
      v = exp < 0 ? mant / (POW10[-exp] as number) : mant * (POW10[exp] as number);
    else return Number(b.toString('latin1', pos, i)); // exact, via V8's own parser
    return neg ? -v : v;
  }

  /**
   * A wall time (seconds since the epoch, e.g. Python's `time.time()`: 16–17 digits, past the exact path): the whole
   * and fractional parts are parsed apart and added, within one unit in the last place (0.24 µs for today's times)
   * instead of exactly, which would need a string per value. Anything else goes to `scan`.
   */
  scanWallTime(b: Buffer, pos: number, end: number): number {
    let i = pos;
    let whole = 0;
    while (i < end) {
      const c = b[i] as number;
      if (c < 48 || c > 57) break;
      whole = whole * 10 + (c - 48);
      i++;
    }
    const wholeDigits = i - pos;
    if (wholeDigits === 0 || wholeDigits > 15 || i >= end || b[i] !== 46 /* . */) return this.scan(b, pos, end);
    const fs = ++i;
    let frac = 0;
    while (i < end) {
      const c = b[i] as number;
      if (c < 48 || c > 57) break;
      frac = frac * 10 + (c - 48);
      i++;
    }
    const fracDigits = i - fs;
    if (fracDigits === 0 || fracDigits > 15 || (i < end && (b[i] === 101 || b[i] === 69)))
      return this.scan(b, pos, end);
    this.end = i;
    return whole + frac / (POW10[fracDigits] as number);
  }

  /** nan / inf / infinity in any case, after an optional sign already consumed. */
  private nonFinite(b: Buffer, i: number, end: number, neg: boolean): number {
    const c = (b[i] ?? 0) | 0x20;
    if (
      c === 110 /* n */ &&
      i + 3 <= end &&
      ((b[i + 1] as number) | 0x20) === 97 &&
      ((b[i + 2] as number) | 0x20) === 110
    ) {
      this.end = i + 3;
      return NaN;
    }
    if (
      c === 105 /* i */ &&
      i + 3 <= end &&
      ((b[i + 1] as number) | 0x20) === 110 &&
      ((b[i + 2] as number) | 0x20) === 102
    ) {
      let j = i + 3;
      if (j + 5 <= end && lower(b, j, 'inity')) j += 5;
      this.end = j;
      return neg ? -Infinity : Infinity;
    }
    this.end = -1;
    return NaN;
  }
}

function lower(b: Uint8Array, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (((b[at + k] as number) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}
