/** Number, duration and axis-label formatting for the charts, tooltips and the comparison table. */

/** 4 significant digits; exponent form for very large or small magnitudes. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(3).replace(/\.?0+e/, 'e');
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Number(v.toPrecision(4)).toString();
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** 75 → "1m 15s", 5400 → "1h 30m". */
export function formatDuration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '—';
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** Seconds since the run's start as an axis label: "45s", "12:30", "1:02:03". */
export function formatElapsed(sec: number): string {
  const neg = sec < 0;
  const s = Math.abs(sec);
  if (s < 60) return `${neg ? '−' : ''}${Number(s.toFixed(s < 10 ? 1 : 0))}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = Math.floor(s % 60);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${neg ? '−' : ''}${h ? `${h}:${p(m)}` : m}:${p(r)}`;
}

/** Axis tick labels with no more digits than the tick spacing needs. */
export function formatTick(v: number, step: number): string {
  if (!Number.isFinite(v)) return '';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(1).replace(/\.0e/, 'e');
  const digits = step > 0 && step < 1 ? Math.min(6, Math.ceil(-Math.log10(step) + 0.001)) : 0;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
