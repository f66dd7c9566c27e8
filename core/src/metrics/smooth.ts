/**
 * Exponential moving average as TensorBoard draws it: `last = last·w + (1−w)·v`, divided by `1 − w^n` so the first
 * points are not pulled towards 0 (debiased). Non-finite values give NaN and leave the average as it was. The state
 * is returned so live appends extend the smoothed series without starting over.
 */

export interface EmaState {
  /** The running (biased) average. */
  last: number;
  /** w^n for the n finite values seen so far. */
  weightPow: number;
}

export const MAX_SMOOTHING = 0.99;
/** The metrics panel's smoothing until the user moves it (the weight finished runs' caches smooth at). */
export const DEFAULT_SMOOTHING = 0.6;

export function emaStart(): EmaState {
  return { last: 0, weightPow: 1 };
}

/** Writes the smoothed values of `values[from, to)` into `out[from, to)` and returns the state after `to - 1`. */
export function emaSmooth(
  values: ArrayLike<number>,
  weight: number,
  out: { [i: number]: number; readonly length: number },
  from = 0,
  to = values.length,
  state: EmaState = emaStart(),
): EmaState {
  const w = Math.min(Math.max(Number.isFinite(weight) ? weight : 0, 0), MAX_SMOOTHING);
  let last = state.last;
  let pow = state.weightPow;
  const end = Math.min(to, values.length, out.length);
  for (let i = from; i < end; i++) {
    const v = values[i] as number;
    if (v - v !== 0) {
      out[i] = NaN;
      continue;
    }
    last = last * w + (1 - w) * v;
    pow *= w;
    out[i] = w === 0 ? v : last / (1 - pow);
  }
  return { last, weightPow: pow };
}
