/**
 * The hot loop of delimited input (CSV, TSV, semicolon, whitespace), in AssemblyScript → WebAssembly. The text is
 * UTF-16 code units in linear memory (so offsets are string indices), one 0 unit past its end. One pass: numbers are
 * built from the code units in place and written straight into the row-major f64 value array. Anything unusual in a
 * row — quotes, an exponent, more than 15 digits, a missing value, junk, a wrong cell count — puts the row on the
 * `slow` list (row, start, end, line) for the exact path in TypeScript, which accepts it or throws the precise error.
 * Blank lines are skipped. Up to 15 digits, `mantissa / 10^fraction` is exactly JavaScript's `Number(text)`.
 *
 * Built by `npm run build` (asc) into dist/wasm/delimited-rows.wasm; read by core/src/inference/rows-kernel.ts.
 */

const POW10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Where the caller may put its buffers: the first free byte after this module's static data. */
export function heapBase(): usize {
  return __heap_base;
}

/** How many rows a text of `n` units from `pos` can have at most: its line feeds, plus one (8 units at a time). */
export function maxRows(text: usize, pos: i32, n: i32): i32 {
  let rows = 1;
  let i = pos;
  const lf = i16x8.splat(10);
  for (; i + 8 <= n; i += 8) rows += popcnt<i32>(i16x8.bitmask(i16x8.eq(v128.load(text + (<usize>i << 1)), lf)));
  for (; i < n; i++) if (load<u16>(text + (<usize>i << 1)) == 10) rows++;
  return rows;
}

let slowCount: i32 = 0;

/** Rows put on the slow list by the last `readRows`. */
export function slowRows(): i32 {
  return slowCount;
}

@inline function at(text: usize, i: i32): i32 {
  return <i32>load<u16>(text + (<usize>i << 1));
}

@inline function isSpace(c: i32, delim: i32): bool {
  return c == 32 || (c == 9 && delim != 9);
}

/**
 * Reads rows from `pos` (at a line start) to `n`; returns how many. `delim` is a code unit, 32 meaning whitespace.
 * `numeric[col]` is the feature a source column feeds, or -1 (not fed, or categorical). `simple` is false when some
 * column is categorical: every row then takes the exact path. Per row it writes `width` values, its 1-based line and
 * start offset; slow rows are 4 × i32 each.
 */
export function readRows(text: usize, pos: i32, n: i32, line: i32, delim: i32, numeric: usize, cols: i32, width: i32, simple: bool,
  values: usize, lines: usize, starts: usize, slow: usize): i32 {
  const ws = delim == 32;
  let r = 0;
  let i = pos;
  slowCount = 0;
  while (i < n) {
    const start = i;
    let c = at(text, i);
    let ok = simple;
    let col = 0;
    const base = values + ((<usize>r * <usize>width) << 3);
    while (ok) {
      while (isSpace(c, delim)) c = at(text, ++i);
      if (col >= cols) { ok = false; break; }
      const f = load<i32>(numeric + (<usize>col << 2));
      if (f >= 0) {
        let neg = false;
        if (c == 45 || c == 43) { neg = c == 45; c = at(text, ++i); }
        const first = i;
        let mant: i64 = 0;
        while (<u32>(c - 48) <= 9) { mant = mant * 10 + (c - 48); c = at(text, ++i); }
        let digits = i - first;
        let frac = 0;
        if (c == 46) {
          const dot = ++i;
          c = at(text, i);
          while (<u32>(c - 48) <= 9) { mant = mant * 10 + (c - 48); c = at(text, ++i); }
          frac = i - dot;
          digits += frac;
        }
        if (digits == 0 || digits > 15 || c == 101 || c == 69) { ok = false; break; }
        let v = <f64>mant;
        if (frac) v = v / unchecked(POW10[frac]);
        store<f64>(base + (<usize>f << 3), neg ? -v : v);
      } else {
        if (c == 34) { ok = false; break; } // quoted: the exact path
        if (ws) while (i < n && c != 32 && c != 9 && c != 10 && c != 13) c = at(text, ++i);
        else while (i < n && c != delim && c != 10 && c != 13) c = at(text, ++i);
      }
      col++;
      if (ws) {
        const before = i;
        while (c == 32 || c == 9) c = at(text, ++i);
        if (c == 10 || c == 13 || i >= n) break;
        if (i == before) ok = false; // junk right after a number
        continue;
      }
      while (isSpace(c, delim)) c = at(text, ++i);
      if (c == delim) { c = at(text, ++i); continue; }
      if (c == 10 || c == 13 || i >= n) break;
      ok = false;
    }
    let eol = i;
    if (!(c == 10 && i < n)) { while (eol < n && at(text, eol) != 10) eol++; }
    if (!ok || col != cols) {
      const end = eol > start && at(text, eol - 1) == 13 ? eol - 1 : eol;
      if (isBlank(text, start, end)) { i = eol + 1; line++; continue; }
      const s = slow + (<usize>slowCount << 4);
      store<i32>(s, r);
      store<i32>(s, start, 4);
      store<i32>(s, end, 8);
      store<i32>(s, line, 12);
      slowCount++;
    }
    store<i32>(lines + (<usize>r << 2), line);
    store<i32>(starts + (<usize>r << 2), start);
    r++;
    i = eol + 1;
    line++;
  }
  return r;
}

function isBlank(text: usize, start: i32, end: i32): bool {
  for (let k = start; k < end; k++) { const c = at(text, k); if (c != 32 && c != 9) return false; }
  return true;
}
