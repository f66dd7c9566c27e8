/** Percentage shares (revenue streams, use of funds): sums and rescaling to exactly 100. */

/** The sum of the shares, rounded to hide float noise (33.3 + 33.3 + 33.4 is 100, not 100.00000000000001). */
export function sumShares(values: readonly number[]): number {
  return Math.round(values.reduce((s, v) => s + v, 0) * 1e9) / 1e9;
}

/** True when shares add up to 100 (±1e-6). */
export function isHundred(values: readonly number[]): boolean {
  return Math.abs(sumShares(values) - 100) <= 1e-6;
}

/**
 * Scales non-negative shares so they sum to exactly 100, as integers when the inputs are integers (and no
 * non-zero share would round to 0), else with one decimal. Largest-remainder rounding keeps the sum exact.
 * Undefined when nothing can be scaled (a negative share, or all zero).
 */
export function rescaleTo100(values: readonly number[]): number[] | undefined {
  const sum = values.reduce((s, v) => s + v, 0);
  if (!(sum > 0) || values.some((v) => !Number.isFinite(v) || v < 0)) return undefined;
  const first = values.every((v) => Number.isInteger(v)) ? 0 : 1;
  let result: number[] = [];
  for (let decimals = first; decimals <= 1; decimals++) {
    const unit = 10 ** decimals;
    const exact = values.map((v) => (v / sum) * 100 * unit);
    const ints = exact.map(Math.floor);
    let left = 100 * unit - ints.reduce((s, n) => s + n, 0);
    const order = exact
      .map((x, i) => ({ i, r: x - Math.floor(x) }))
      .sort((a, b) => b.r - a.r || (values[b.i] ?? 0) - (values[a.i] ?? 0) || a.i - b.i);
    for (const { i } of order) {
      if (left <= 0) break;
      ints[i] = (ints[i] ?? 0) + 1;
      left--;
    }
    result = ints.map((n) => n / unit);
    if (values.every((v, i) => v === 0 || (result[i] ?? 0) > 0)) break;
  }
  return result;
}
