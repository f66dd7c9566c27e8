/** Display formatting shared by the view-model builder and the renderers (numbers, months, percentages). */
import { formatMoney } from '../money';
import { t, type Locale } from '../../l10n';

/** A money amount for display: "¥1.2M", "-¥3M", "$850k"; without a currency, just the number. */
export function formatAmount(amount: number, currency?: string): string {
  return formatMoney(amount, currency, { digits: 2 });
}

/** Runway months as the rules word them: one decimal, no trailing zero ("10 months", "7.5 months"). */
export function formatMonths(months: number, locale?: Locale): string {
  const m = Number(months.toFixed(1));
  return m === 1 ? t(locale, '{0} month', m) : t(locale, '{0} months', m);
}

/** A percentage with at most one decimal: "40 %", "33.3 %". */
export function formatPct(value: number): string {
  return `${Number(value.toFixed(1))} %`;
}

/** A plain number with thousands separators and at most two decimals. */
export function formatNumber(value: number): string {
  const fixed = Number(value.toFixed(2));
  return fixed.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

const ACRONYMS = new Set([
  'ceo',
  'cto',
  'coo',
  'cfo',
  'cmo',
  'ml',
  'ai',
  'mlops',
  'api',
  'b2b',
  'b2c',
  'b2g',
  'kpi',
  'r&d',
  'qa',
  'ux',
  'ui',
  'hr',
]);

/** `ml_engineer` → "ML engineer", `legal_compliance` → "Legal compliance", `ceo` → "CEO". */
export function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim().split(/\s+/);
  return words
    .map((w, i) => {
      if (ACRONYMS.has(w.toLowerCase())) return w.toLowerCase() === 'mlops' ? 'MLOps' : w.toUpperCase();
      return i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    })
    .join(' ');
}
