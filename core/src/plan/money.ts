import { phrase, say, type Phrase } from '../l10n';
/**
 * Money in a plan: a number, or a string such as "¥2.5M", "1.2e6 CNY", "300k", "$1,200", "2.5 million",
 * "250万元", "€3.4bn", "-¥3M". The currency, when the text names one, is inferred as ISO 4217; some symbols
 * are ambiguous (¥ is CNY or JPY, a bare $ any dollar), so a parsed amount carries every code it is compatible
 * with and only a clearly different currency counts as a mismatch.
 */

export interface Money {
  readonly amount: number;
  /** The most likely ISO 4217 code (¥ → CNY); absent when the text names no currency. */
  readonly currency?: string;
  /** Every ISO code the notation is compatible with (¥ → CNY, JPY); absent when no currency is named. */
  readonly compatible?: readonly string[];
  /**
   * For a range ("¥8M–¥12M", "8M to 12M CNY"): its bounds; `amount` is then the midpoint, the P50 of a uniform
   * draw, which is what every rule and total uses. The Monte Carlo runway draws from the bounds.
   */
  readonly range?: { readonly low: number; readonly high: number };
}

export type MoneyResult =
  | { readonly ok: true; readonly money: Money }
  | { readonly ok: false; readonly reason: string; readonly phrase: Phrase };

const DOLLARS = ['USD', 'HKD', 'SGD', 'AUD', 'CAD', 'NZD', 'TWD'];
const YEN = ['CNY', 'JPY'];

/** Currency symbols and words → the ISO codes they may mean, the first being the default. */
const SYMBOLS: Record<string, readonly string[]> = {
  US$: ['USD'],
  HK$: ['HKD'],
  S$: ['SGD'],
  A$: ['AUD'],
  C$: ['CAD'],
  '¥': YEN,
  '￥': YEN,
  $: DOLLARS,
  '€': ['EUR'],
  '£': ['GBP'],
  '₹': ['INR'],
  '₩': ['KRW'],
};
const WORDS: Record<string, readonly string[]> = {
  元: ['CNY'],
  人民币: ['CNY'],
  yuan: ['CNY'],
  rmb: ['CNY'],
  美元: ['USD'],
  dollar: DOLLARS,
  dollars: DOLLARS,
  euro: ['EUR'],
  euros: ['EUR'],
};

/** Multiplier suffixes as powers of ten. */
const SUFFIXES: Record<string, number> = {
  k: 3,
  thousand: 3,
  千: 3,
  m: 6,
  mn: 6,
  mio: 6,
  million: 6,
  b: 9,
  bn: 9,
  billion: 9,
  t: 12,
  trillion: 12,
  万: 4,
  亿: 8,
};

const PATTERN = new RegExp(
  [
    '^([-−])?\\s*',
    '(?:([A-Za-z]{3})\\s+|([A-Z]{3})(?=[\\d$¥￥€£₹₩.]))?', // leading code: "CNY 800k", "USD5M"
    '(US\\$|HK\\$|S\\$|A\\$|C\\$|[¥￥$€£₹₩])?\\s*',
    '([-−])?',
    '(\\d{1,3}(?:[,_]\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)',
    '(?:[eE]([+-]?\\d+))?',
    '\\s*([^\\d]*?)\\s*$',
  ].join(''),
);

/** A range: two amounts joined by an en dash ("¥8M–¥12M") or " to " ("8M to 12M CNY"). */
const RANGE = /^(.+?)\s*(?:–|\s+to\s+)\s*(.+)$/;
/** A range's low side without a suffix ("8", "¥8", "US$8", "CNY 8"): the high side's suffix applies to it. */
const BARE = /^\s*[-−]?\s*(?:[A-Za-z]{3}\s*)?(?:US\$|HK\$|S\$|A\$|C\$|[¥￥$€£₹₩])?\s*[\d.,_]+\s*$/;
/** The high side's suffix ("12M", "12 million CNY", "12万元"), a whole word: not the K of "HKD" or the B of "GBP". */
const HIGH_SUFFIX = new RegExp(`(?<![A-Za-z])(${Object.keys(SUFFIXES).join('|')})(?![A-Za-z])[^\\d]*$`, 'i');

/**
 * Parses a money value; negative amounts parse (profits may be negative), callers decide whether they are allowed.
 * A range ("¥8M–¥12M") parses to its midpoint with `range` set; a currency written on one side applies to both.
 */
export function parseMoney(value: unknown): MoneyResult {
  const range = typeof value === 'string' ? RANGE.exec(value.trim()) : null;
  if (range) return parseRange(value as string, range[1]!, range[2]!);
  return parsePoint(value);
}

function parseRange(text: string, lowText: string, highText: string): MoneyResult {
  const low = parsePoint(lowText);
  const high = parsePoint(highText);
  if (!low.ok) return { ok: false, ...fail(phrase('in the range "{0}": {1}', text.trim(), low.phrase)) };
  if (!high.ok) return { ok: false, ...fail(phrase('in the range "{0}": {1}', text.trim(), high.phrase)) };
  const a = low.money;
  const b = high.money;
  if (a.range || b.range) return { ok: false, ...fail(phrase('"{0}" has more than two bounds', text.trim())) };
  const compatible =
    a.compatible && b.compatible
      ? a.compatible.filter((c) => b.compatible!.includes(c))
      : (a.compatible ?? b.compatible);
  if (compatible && compatible.length === 0)
    return { ok: false, ...fail(phrase('"{0}" names two different currencies', text.trim())) };
  // "8–12M": a suffix written only on the high side applies to the low side too.
  let lowAmount = a.amount;
  const bare = BARE.test(lowText);
  const suffix = HIGH_SUFFIX.exec(highText);
  if (bare && suffix) {
    const scaled = parsePoint(`${lowText.trim()}${suffix[1]}`);
    if (scaled.ok) lowAmount = scaled.money.amount;
  }
  if (lowAmount > b.amount)
    return {
      ok: false,
      ...fail(phrase('"{0}": the low end is above the high end (write the smaller amount first)', text.trim())),
    };
  const money: Money = {
    amount: (lowAmount + b.amount) / 2,
    ...(compatible && { currency: compatible[0], compatible }),
    range: { low: lowAmount, high: b.amount },
  };
  return { ok: true, money };
}

function parsePoint(value: unknown): MoneyResult {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { ok: true, money: { amount: value } }
      : { ok: false, ...fail(phrase('{0} is not a finite amount', String(value))) };
  }
  if (typeof value !== 'string')
    return {
      ok: false,
      ...fail(phrase('expected a number or a money string such as "¥2.5M", found {0}', describe(value))),
    };
  const text = value.trim();
  if (!text) return { ok: false, ...fail(phrase('the amount is empty')) };
  const m = PATTERN.exec(text);
  if (!m)
    return {
      ok: false,
      ...fail(
        phrase(
          '"{0}" is not an amount: write a number with an optional currency and suffix, e.g. "¥2.5M", "1.2e6 CNY", "300k" or "250万元"',
          text,
        ),
      ),
    };
  const [, sign1, codeSpaced, codeTight, symbol, sign2, digits = '', exponent, tail = ''] = m;
  if (sign1 && sign2) return { ok: false, ...fail(phrase('"{0}" has two minus signs', text)) };
  const unit = splitTail(tail);
  if (!unit)
    return {
      ok: false,
      ...fail(
        phrase(
          '"{0}": "{1}" is not a known suffix or currency (suffixes: k, M, bn, million, 万, 亿; currencies: an ISO code such as CNY, or ¥ $ € £ 元)',
          text,
          tail,
        ),
      ),
    };
  const sets: Array<readonly string[]> = [];
  const code = codeSpaced ?? codeTight;
  if (code) {
    const known = WORDS[code.toLowerCase()] ?? (/^[A-Z]{3}$/.test(code) ? [code] : undefined);
    if (!known)
      return {
        ok: false,
        ...fail(phrase('"{0}": "{1}" is not an ISO 4217 currency code (write it in capitals, e.g. CNY)', text, code)),
      };
    sets.push(known);
  }
  if (symbol) sets.push(SYMBOLS[symbol] ?? []);
  if (unit.currency) sets.push(unit.currency);
  const compatible = sets.reduce<readonly string[] | undefined>(
    (acc, s) => (acc ? acc.filter((c) => s.includes(c)) : s),
    undefined,
  );
  if (compatible && compatible.length === 0)
    return { ok: false, ...fail(phrase('"{0}" names two different currencies', text)) };
  const [whole, fraction = ''] = digits.replace(/[,_]/g, '').split('.');
  const power = Number(exponent ?? 0) + unit.power - fraction.length;
  const amount = Number(`${whole ?? ''}${fraction}e${power}`) * (sign1 || sign2 ? -1 : 1);
  if (!Number.isFinite(amount)) return { ok: false, ...fail(phrase('"{0}" is too large', text)) };
  const money: Money = compatible
    ? { amount: amount === 0 ? 0 : amount, currency: compatible[0], compatible }
    : { amount: amount === 0 ? 0 : amount };
  return { ok: true, money };
}

/** Splits what follows the number ("M", "bn CNY", "万元", "million dollars") into a power of ten and a currency. */
function splitTail(tail: string): { power: number; currency?: readonly string[] } | undefined {
  const words = tail.match(/[A-Za-z]+|[^\sA-Za-z]+/g) ?? [];
  let power = 0;
  let currency: readonly string[] | undefined;
  let i = 0;
  const first = words[0];
  if (first !== undefined) {
    const chinese = /^[千万亿]/.exec(first);
    const suffix = SUFFIXES[first.toLowerCase()] ?? (chinese ? SUFFIXES[chinese[0]] : undefined);
    if (suffix !== undefined && !(first === first.toUpperCase() && first.length === 3 && /^[A-Z]+$/.test(first))) {
      power = suffix;
      if (chinese && first.length > 1) words.splice(1, 0, first.slice(1));
      i = 1;
    }
  }
  const rest = words.slice(i).join('');
  if (rest) {
    currency = WORDS[rest.toLowerCase()] ?? (/^[A-Z]{3}$/.test(rest) ? [rest] : undefined);
    if (!currency) return undefined;
  }
  return currency ? { power, currency } : { power };
}

function describe(value: unknown): Phrase {
  if (value === null || value === undefined) return phrase('nothing');
  if (Array.isArray(value)) return phrase('a list');
  return typeof value === 'object' ? phrase('a mapping') : phrase('{0} {1}', typeof value, String(value));
}

/** A parse failure: the English reason, and the same as a phrase for other languages. */
function fail(p: Phrase): { reason: string; phrase: Phrase } {
  return { reason: say('en', p), phrase: p };
}

/** True when the amount is in `code` or names no currency (¥ is compatible with both CNY and JPY). */
export function isCompatible(money: Money, code: string): boolean {
  return !money.compatible || money.compatible.includes(code);
}

/** How a currency's name reads in messages: "¥ (CNY or JPY)", "EUR". */
export function describeCurrency(money: Money): string {
  const c = money.compatible;
  if (!c) return 'no currency';
  if (c.length === DOLLARS.length && c.every((x) => DOLLARS.includes(x)))
    return 'dollars (USD or another dollar currency)';
  return c.length === 1 ? (c[0] ?? '') : `${c.slice(0, -1).join(', ')} or ${c[c.length - 1] ?? ''}`;
}

const SYMBOL_OF: Record<string, string> = {
  CNY: '¥',
  JPY: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
  INR: '₹',
  KRW: '₩',
  HKD: 'HK$',
};
const SCALES: ReadonlyArray<[number, string]> = [
  [1e9, 'bn'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Formats an amount as a money string that parses back to exactly the same number: "¥2.5M", "-¥3M", "$1,234,567",
 * "2.5M SGD" (codes without a symbol follow the number). With `digits`, rounds to that many decimals of the
 * chosen scale instead (for display: "¥1.23M").
 */
export function formatMoney(amount: number, currency?: string, options: { digits?: number } = {}): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  let body: string | undefined;
  for (const [scale, suffix] of SCALES) {
    if (abs < scale) continue;
    const scaled = abs / scale;
    if (options.digits !== undefined) {
      body = `${group(trim(scaled.toFixed(options.digits)))}${suffix}`;
      break;
    }
    const thousandths = Math.round(scaled * 1000);
    const exact = Math.abs(thousandths / 1000 - scaled) < 1e-9 * Math.max(1, scaled);
    if (exact && (scaled < 1000 || scale === 1e9)) {
      body = `${group(trim((thousandths / 1000).toFixed(3)))}${suffix}`;
      break;
    }
  }
  body ??= group(trim(abs.toFixed(options.digits ?? 6)));
  if (!currency) return `${sign}${body}`;
  const symbol = SYMBOL_OF[currency];
  return symbol ? `${sign}${symbol}${body}` : `${sign}${body} ${currency}`;
}

function trim(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** Thousands separators for the integer part: 1234567.5 → 1,234,567.5. */
function group(n: string): string {
  const [int = '', frac] = n.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** The symbol a plan's currency is written with (¥ for CNY), if it has one. */
export function currencySymbol(currency: string | undefined): string | undefined {
  return currency ? SYMBOL_OF[currency] : undefined;
}

/** Two amounts equal up to rounding (half a cent, or a billionth of the larger). */
export function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.005, 1e-9 * Math.max(Math.abs(a), Math.abs(b)));
}
