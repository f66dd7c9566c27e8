/**
 * The hot loop of delimited input (CSV, TSV, semicolon, whitespace), in AssemblyScript → WebAssembly. The text is
 * in linear memory as UTF-16 code units (`readRows`: offsets are string indices) or as the file's own ASCII bytes
 * (`readRowsBytes`: a whole file is scored without ever decoding it to a string), one 0 unit past its end. One pass: numbers are
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

/** How many rows a text of `n` UTF-16 units from `pos` can have at most: its line feeds, plus one (8 units at a time). */
export function maxRows(text: usize, pos: i32, n: i32): i32 {
  let rows = 1;
  let i = pos;
  const lf = i16x8.splat(10);
  for (; i + 8 <= n; i += 8) rows += popcnt<i32>(i16x8.bitmask(i16x8.eq(v128.load(text + (<usize>i << 1)), lf)));
  for (; i < n; i++) if (load<u16>(text + (<usize>i << 1)) == 10) rows++;
  return rows;
}

/** The same for `n` bytes (16 at a time). */
export function maxRowsBytes(text: usize, pos: i32, n: i32): i32 {
  let rows = 1;
  let i = pos;
  const lf = i8x16.splat(10);
  for (; i + 16 <= n; i += 16) rows += popcnt<i32>(i8x16.bitmask(i8x16.eq(v128.load(text + <usize>i), lf)));
  for (; i < n; i++) if (load<u8>(text + <usize>i) == 10) rows++;
  return rows;
}

let slowCount: i32 = 0;

/** Rows put on the slow list by the last `readRows`. */
export function slowRows(): i32 {
  return slowCount;
}

@inline function at<T>(text: usize, i: i32): i32 {
  return sizeof<T>() == 1 ? <i32>load<u8>(text + <usize>i) : <i32>load<u16>(text + (<usize>i << 1));
}

@inline function isSpace(c: i32, delim: i32): bool {
  return c == 32 || (c == 9 && delim != 9);
}

/**
 * Reads rows from `pos` (at a line start) to `n`; returns how many. `delim` is a code unit, 32 meaning whitespace.
 * `numeric[col]` is the feature a source column feeds, or -1 (not fed, or categorical). `simple` is false when some
 * column is categorical: every row then takes the exact path. Per row it writes `width` values, its 1-based line and
 * start and end offsets (the end before any CR); slow rows are 4 × i32 each.
 */
export function readRows(text: usize, pos: i32, n: i32, line: i32, delim: i32, numeric: usize, cols: i32, width: i32, simple: bool,
  values: usize, lines: usize, starts: usize, ends: usize, slow: usize): i32 {
  return rowsOf<u16>(text, pos, n, line, delim, numeric, cols, width, simple, values, lines, starts, ends, slow);
}

/** `readRows` over bytes (ASCII): offsets are byte offsets. */
export function readRowsBytes(text: usize, pos: i32, n: i32, line: i32, delim: i32, numeric: usize, cols: i32, width: i32,
  simple: bool, values: usize, lines: usize, starts: usize, ends: usize, slow: usize): i32 {
  return rowsOf<u8>(text, pos, n, line, delim, numeric, cols, width, simple, values, lines, starts, ends, slow);
}

@inline function rowsOf<T>(text: usize, pos: i32, n: i32, line: i32, delim: i32, numeric: usize, cols: i32, width: i32,
  simple: bool, values: usize, lines: usize, starts: usize, ends: usize, slow: usize): i32 {
  const ws = delim == 32;
  let r = 0;
  let i = pos;
  slowCount = 0;
  while (i < n) {
    const start = i;
    let c = at<T>(text, i);
    let ok = simple;
    let col = 0;
    const base = values + ((<usize>r * <usize>width) << 3);
    while (ok) {
      while (isSpace(c, delim)) c = at<T>(text, ++i);
      if (col >= cols) { ok = false; break; }
      const f = load<i32>(numeric + (<usize>col << 2));
      if (f >= 0) {
        let neg = false;
        if (c == 45 || c == 43) { neg = c == 45; c = at<T>(text, ++i); }
        const first = i;
        let mant: i64 = 0;
        while (<u32>(c - 48) <= 9) { mant = mant * 10 + (c - 48); c = at<T>(text, ++i); }
        let digits = i - first;
        let frac = 0;
        if (c == 46) {
          const dot = ++i;
          c = at<T>(text, i);
          while (<u32>(c - 48) <= 9) { mant = mant * 10 + (c - 48); c = at<T>(text, ++i); }
          frac = i - dot;
          digits += frac;
        }
        if (digits == 0 || digits > 15 || c == 101 || c == 69) { ok = false; break; }
        let v = <f64>mant;
        if (frac) v = v / unchecked(POW10[frac]);
        store<f64>(base + (<usize>f << 3), neg ? -v : v);
      } else {
        if (c == 34) { ok = false; break; } // quoted: the exact path
        if (ws) while (i < n && c != 32 && c != 9 && c != 10 && c != 13) c = at<T>(text, ++i);
        else while (i < n && c != delim && c != 10 && c != 13) c = at<T>(text, ++i);
      }
      col++;
      if (ws) {
        const before = i;
        while (c == 32 || c == 9) c = at<T>(text, ++i);
        if (c == 10 || c == 13 || i >= n) break;
        if (i == before) ok = false; // junk right after a number
        continue;
      }
      while (isSpace(c, delim)) c = at<T>(text, ++i);
      if (c == delim) { c = at<T>(text, ++i); continue; }
      if (c == 10 || c == 13 || i >= n) break;
      ok = false;
    }
    let eol = i;
    if (!(c == 10 && i < n)) { while (eol < n && at<T>(text, eol) != 10) eol++; }
    const end = eol > start && at<T>(text, eol - 1) == 13 ? eol - 1 : eol;
    if (!ok || col != cols) {
      if (isBlank<T>(text, start, end)) { i = eol + 1; line++; continue; }
      const s = slow + (<usize>slowCount << 4);
      store<i32>(s, r);
      store<i32>(s, start, 4);
      store<i32>(s, end, 8);
      store<i32>(s, line, 12);
      slowCount++;
    }
    store<i32>(lines + (<usize>r << 2), line);
    store<i32>(starts + (<usize>r << 2), start);
    store<i32>(ends + (<usize>r << 2), end);
    r++;
    i = eol + 1;
    line++;
  }
  return r;
}

@inline function isBlank<T>(text: usize, start: i32, end: i32): bool {
  for (let k = start; k < end; k++) { const c = at<T>(text, k); if (c != 32 && c != 9) return false; }
  return true;
}

// Results of a scored file (core/src/inference/score-output.ts): rows of `line,<the input row's bytes>,label,
// probability[,label,probability…],` and a line feed, written to memory as the TypeScript writer would, but without
// a bounds check or a call per byte. The caller lays out the chunk once (`src`, the row arrays, the top classes and
// their probabilities, the labels) and formats it in segments between the rows that failed.

let outLength: i32 = 0;

/** Bytes written by the last `formatRows`. */
export function formattedBytes(): i32 {
  return outLength;
}

/** x / 10 for any u32, by a multiply and a shift (a division costs several times more, and digits chain them). */
@inline function div10(x: u32): u32 {
  return <u32>((<u64>x * 0xcccccccd) >> 35);
}

@inline function writeUint(out: usize, v: u32): usize {
  let digits: usize = 1;
  for (let t: u64 = 10; <u64>v >= t; t *= 10) digits++;
  const end = out + digits;
  let p = end;
  let x = v;
  do {
    const q = div10(x);
    store<u8>(--p, <u8>(48 + x - q * 10));
    x = q;
  } while (x);
  return end;
}

/**
 * Copies `len` bytes from `from` to `to` 16 at a time (a row is a few dozen bytes: cheaper than a bulk copy call);
 * it may read and write up to 15 bytes past the end, which the caller leaves room for. Returns the end.
 */
@inline function copy16(to: usize, from: usize, len: usize): usize {
  const end = to + len;
  for (let d = to, s = from; d < end; d += 16, s += 16) v128.store(d, v128.load(s));
  return end;
}

/**
 * Rows `r0` to `r1` (exclusive) of the laid-out chunk into `out`; returns the rows written. It stops before a row
 * whose probability is outside [0.001, 1] (the caller writes that one with its general number format). `labels`
 * holds (offset, length) pairs into `labelBytes`, one per class; a class without a label writes nothing. Every
 * region read is followed by 16 bytes that may be read, and `out` by 16 that may be written.
 */
export function formatRows(src: usize, starts: usize, ends: usize, lines: usize, r0: i32, r1: i32, top: usize,
  topP: usize, k: i32, labels: usize, classes: i32, labelBytes: usize, copy: bool, out: usize): i32 {
  let at = out;
  let r = r0;
  for (; r < r1; r++) {
    const rowStart = at;
    const ri = <usize>r << 2;
    at = writeUint(at, <u32>load<i32>(lines + ri));
    store<u8>(at++, 44);
    if (copy) {
      const s = load<i32>(starts + ri);
      at = copy16(at, src + <usize>s, <usize>(load<i32>(ends + ri) - s));
      store<u8>(at++, 44);
    }
    let ok = true;
    for (let j = 0; j < k; j++) {
      const slot = (<usize>r * <usize>k + <usize>j) << 2;
      if (j) store<u8>(at++, 44);
      const c = load<i32>(top + slot);
      if (c >= 0 && c < classes) {
        const l = labels + (<usize>c << 3);
        at = copy16(at, labelBytes + <usize>load<i32>(l), <usize>load<i32>(l, 4));
      }
      store<u8>(at++, 44);
      const p = <f64>load<f32>(topP + slot);
      if (!(p >= 0.001 && p <= 1)) { ok = false; break; }
      // JavaScript's Math.round(p × 10⁶): the nearest whole number, halves up.
      const v = p * 1e6;
      let xf = Math.ceil(v);
      if (xf - 0.5 > v) xf -= 1;
      let x = <u32>xf;
      if (x == 1000000) { store<u8>(at++, 49); continue; }
      let digits: usize = 6;
      for (let q = div10(x); x == q * 10; q = div10(x)) { x = q; digits--; }
      store<u8>(at, 48);
      store<u8>(at + 1, 46);
      let end = at + 2 + digits;
      at = end;
      for (; digits > 0; digits--) {
        const q = div10(x);
        store<u8>(--end, <u8>(48 + x - q * 10));
        x = q;
      }
    }
    if (!ok) { at = rowStart; break; }
    store<u8>(at++, 44);
    store<u8>(at++, 10);
  }
  outLength = <i32>(at - out);
  return r - r0;
}
