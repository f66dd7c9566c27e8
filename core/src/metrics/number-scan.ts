/**
 * Parses a number straight from bytes (no string per value): JSON numbers, plus the non-finite spellings that Python
 * writes — `NaN`, `Infinity`, `-Infinity` (json.dumps) and `nan`, `inf`, `-inf` (repr, csv). Up to 15 significant
 * digits and a power of ten within ±22 is exact in one IEEE operation; anything longer goes through `Number()`.
 */

/** Where the last `scanNumber` stopped; -1 when there was no number there. */
export let scanEnd = -1;

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** The number starting at `pos` (before `end`), with `scanEnd` after it; NaN with `scanEnd` = -1 when none. */
export function scanNumber(b: Uint8Array, pos: number, end: number): number {
  let i = pos;
  let neg = false;
  let c = i < end ? (b[i] as number) : -1;
  if (c === 45 /* - */ || c === 43 /* + */) {
    neg = c === 45;
    i++;
    c = i < end ? (b[i] as number) : -1;
  }
  if (c < 48 || c > 57) {
    if (c !== 46 /* . */) return nonFinite(b, i, end, neg);
  }
  let mant = 0;
  let digits = 0;
  let exp = 0;
  let any = false;
  while (i < end) {
    c = b[i] as number;
    if (c < 48 || c > 57) break;
    any = true;
    if (mant !== 0 || c !== 48) { mant = mant * 10 + (c - 48); digits++; }
    i++;
  }
  if (i < end && b[i] === 46) {
    i++;
    while (i < end) {
      c = b[i] as number;
      if (c < 48 || c > 57) break;
      any = true;
      if (mant !== 0 || c !== 48) { mant = mant * 10 + (c - 48); digits++; }
      exp--;
      i++;
    }
  }
  if (!any) { scanEnd = -1; return NaN; }
  if (i < end && (b[i] === 101 || b[i] === 69) /* e E */) {
    let j = i + 1;
    let eneg = false;
    if (j < end && (b[j] === 45 || b[j] === 43)) { eneg = b[j] === 45; j++; }
    let e = 0;
    const start = j;
    while (j < end) {
      c = b[j] as number;
      if (c < 48 || c > 57) break;
      if (e < 100000) e = e * 10 + (c - 48);
      j++;
    }
    if (j === start) { scanEnd = -1; return NaN; }
    exp += eneg ? -e : e;
    i = j;
  }
  scanEnd = i;
  let v: number;
  if (mant === 0) v = 0;
  else if (digits <= 15 && exp >= -22 && exp <= 22) v = exp < 0 ? mant / (POW10[-exp] as number) : mant * (POW10[exp] as number);
  else return Number(Buffer.from(b.buffer, b.byteOffset + pos, i - pos).toString('latin1'));
  return neg ? -v : v;
}

/** nan / inf / infinity in any case, after an optional sign already consumed. */
function nonFinite(b: Uint8Array, i: number, end: number, neg: boolean): number {
  const c = (b[i] ?? 0) | 0x20;
  if (c === 110 /* n */ && i + 3 <= end && ((b[i + 1] as number) | 0x20) === 97 && ((b[i + 2] as number) | 0x20) === 110) {
    scanEnd = i + 3;
    return NaN;
  }
  if (c === 105 /* i */ && i + 3 <= end && ((b[i + 1] as number) | 0x20) === 110 && ((b[i + 2] as number) | 0x20) === 102) {
    let j = i + 3;
    if (j + 5 <= end && lower(b, j, 'inity')) j += 5;
    scanEnd = j;
    return neg ? -Infinity : Infinity;
  }
  scanEnd = -1;
  return NaN;
}

function lower(b: Uint8Array, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (((b[at + k] as number) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}
