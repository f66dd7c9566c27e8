/**
 * Scales positive fractions so they sum to exactly 1, written with as few decimals as the input uses
 * (at least 2, at most 6); the rounding remainder goes to the largest part. Undefined if impossible.
 */
export function rescaleToOne(values: readonly number[]): string[] | undefined {
  const sum = values.reduce((s, v) => s + v, 0);
  if (!(sum > 0) || values.some((v) => !(v > 0))) return undefined;
  const decimals = Math.max(...values.map((v) => (String(v).split('.')[1] ?? '').length));
  for (let d = Math.min(Math.max(2, decimals), 6); d <= 6; d++) {
    const unit = 10 ** d;
    const ints = values.map((v) => Math.round((v / sum) * unit));
    const largest = ints.indexOf(Math.max(...ints));
    ints[largest] = (ints[largest] ?? 0) + unit - ints.reduce((s, n) => s + n, 0);
    if (ints.every((n) => n > 0 && n < unit)) return ints.map((n) => format(n, d));
  }
  return undefined;
}

function format(n: number, decimals: number): string {
  const s = (n / 10 ** decimals).toFixed(decimals);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
