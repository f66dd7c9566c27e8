/**
 * The hot loop of delimited input: one pass over the string, numbers built from char codes in place (no substring,
 * no call per cell), rows written straight into the value array. Anything unusual in a row — quotes, an exponent,
 * more than 15 digits, a missing value, junk, a wrong cell count — hands that row to `slow`, the exact path, which
 * accepts it or throws the precise error. Blank lines are skipped. `charCodeAt` past the end is NaN, which ends
 * every comparison below, so no bounds checks are needed.
 */

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export interface RowSink {
  readonly values: Float64Array;
  /** 1-based document line and text offset of each row. */
  readonly lines: Int32Array;
  readonly starts: Int32Array;
  /** Re-reads row `r` (text [start, end)) exactly; throws when it cannot be used. */
  slow(r: number, start: number, end: number, line: number): void;
}

/** Reads rows from `pos` (at a line start) to the end; returns how many. `delim` is a char code; 32 means whitespace. */
export function fastRows(text: string, pos: number, line: number, delim: number, numeric: Int32Array, width: number, simple: boolean, sink: RowSink): number {
  const { values, lines, starts } = sink;
  const cols = numeric.length;
  const ws = delim === 32;
  const n = text.length;
  let r = 0;
  let i = pos;
  while (i < n) {
    const start = i;
    let c = text.charCodeAt(i);
    let ok = simple;
    let col = 0;
    const base = r * width;
    while (ok) {
      while (c === 32 || (c === 9 && delim !== 9)) c = text.charCodeAt(++i);
      if (col >= cols) { ok = false; break; }
      const f = numeric[col]!;
      if (f >= 0) {
        let neg = false;
        if (c === 45 || c === 43) { neg = c === 45; c = text.charCodeAt(++i); }
        const first = i;
        let mant = 0;
        while (c >= 48 && c <= 57) { mant = mant * 10 + (c - 48); c = text.charCodeAt(++i); }
        let digits = i - first;
        let frac = 0;
        if (c === 46) {
          const dot = ++i;
          c = text.charCodeAt(i);
          while (c >= 48 && c <= 57) { mant = mant * 10 + (c - 48); c = text.charCodeAt(++i); }
          frac = i - dot;
          digits += frac;
        }
        if (digits === 0 || digits > 15 || c === 101 || c === 69) { ok = false; break; }
        const v = frac ? mant / POW10[frac]! : mant;
        values[base + f] = neg ? -v : v;
      } else {
        if (c === 34) { ok = false; break; } // quoted: the exact path
        if (ws) while (c === c && c !== 32 && c !== 9 && c !== 10 && c !== 13) c = text.charCodeAt(++i);
        else while (c === c && c !== delim && c !== 10 && c !== 13) c = text.charCodeAt(++i);
      }
      col++;
      if (ws) {
        const before = i;
        while (c === 32 || c === 9) c = text.charCodeAt(++i);
        if (c === 10 || c === 13 || c !== c) break;
        if (i === before) ok = false; // junk right after a number
        continue;
      }
      while (c === 32 || (c === 9 && delim !== 9)) c = text.charCodeAt(++i);
      if (c === delim) { c = text.charCodeAt(++i); continue; }
      if (c === 10 || c === 13 || c !== c) break;
      ok = false;
    }
    let eol = c === 10 ? i : text.indexOf('\n', i);
    if (eol === -1) eol = n;
    if (!ok || col !== cols) {
      const end = eol > start && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
      if (isBlank(text, start, end)) { i = eol + 1; line++; continue; }
      sink.slow(r, start, end, line);
    }
    lines[r] = line;
    starts[r] = start;
    r++;
    i = eol + 1;
    line++;
  }
  return r;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) { const c = text.charCodeAt(k); if (c !== 32 && c !== 9) return false; }
  return true;
}
