/**
 * The chart's keyboard equivalent of drag-to-zoom and double-click-to-reset, as a pure function of the key and
 * the ranges (no DOM: unit-tested in test/unit/metrics-panel). With focus on a chart's plot:
 *   + or =  zoom in ×2 around the centre      −  zoom out ×2 (back to all points when it would cover them)
 *   ← →     pan by a quarter of the range     0, Home or Escape  reset to every point
 * Ranges never leave the data's extent and never shrink below a millionth of it.
 */

export const ZOOM_KEYS_HELP = '+ and − zoom, ← and → pan, 0 shows all points';

export type ZoomAction =
  { readonly kind: 'zoom'; readonly range: [number, number] } | { readonly kind: 'reset' } | { readonly kind: 'none' };

export function keyboardZoom(
  key: string,
  zoom: readonly [number, number] | undefined,
  all: readonly [number, number],
): ZoomAction {
  const [lo, hi] = all;
  const full = hi - lo;
  if (!(full > 0) || !Number.isFinite(full)) return { kind: 'none' };
  const [a, b] = zoom ?? all;
  const span = b - a;
  const centre = (a + b) / 2;
  const clamp = (from: number, width: number): ZoomAction => {
    const w = Math.max(full * 1e-6, Math.min(full, width));
    // (Within rounding of the whole extent is the whole extent: zooming out lands back on "all points".)
    if (w >= full * (1 - 1e-9)) return zoom ? { kind: 'reset' } : { kind: 'none' };
    const start = Math.min(hi - w, Math.max(lo, from));
    return { kind: 'zoom', range: [start, start + w] };
  };
  switch (key) {
    case '+':
    case '=':
    case 'Add':
      return clamp(centre - span / 4, span / 2);
    case '-':
    case '_':
    case 'Subtract':
      return clamp(centre - span, span * 2);
    case 'ArrowLeft':
      return zoom ? clamp(a - span / 4, span) : { kind: 'none' };
    case 'ArrowRight':
      return zoom ? clamp(a + span / 4, span) : { kind: 'none' };
    case '0':
    case 'Home':
    case 'Escape':
      return zoom ? { kind: 'reset' } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}
