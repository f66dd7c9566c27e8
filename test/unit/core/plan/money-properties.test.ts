/**
 * core/src/plan/money by property and at its edges: the amount and currency a user reads from what they wrote,
 * ranges, the messages for what does not parse, and what `formatMoney` shows (it must parse back to the amount).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  currencySymbol,
  describeCurrency,
  formatMoney,
  isCompatible,
  parseMoney,
  sameAmount,
  type Money,
} from '../../../../core/src/plan/money';

function money(value: unknown): Money {
  const r = parseMoney(value);
  assert.ok(r.ok, `${String(value)} parses${r.ok ? '' : `: ${r.reason}`}`);
  return r.money;
}

function reason(value: unknown): string {
  const r = parseMoney(value);
  assert.ok(!r.ok, `${JSON.stringify(value)} should not parse`);
  return r.reason;
}

const CURRENCIES = [undefined, 'CNY', 'JPY', 'USD', 'EUR', 'GBP', 'INR', 'KRW', 'HKD', 'SGD', 'CHF'] as const;

describe('plan money (properties and edges)', () => {
  it('a written amount reads as its decimal value for any grouping, sign, suffix and currency', () => {
    const suffixes: Array<[string, number]> = [
      ['', 0],
      ['k', 3],
      ['K', 3],
      [' thousand', 3],
      ['千', 3],
      ['万', 4],
      ['M', 6],
      [' mn', 6],
      [' Mio', 6],
      [' million', 6],
      ['亿', 8],
      ['bn', 9],
      ['B', 9],
      [' billion', 9],
      ['T', 12],
      [' trillion', 12],
    ];
    const currencies: Array<[string, string, string | undefined]> = [
      ['', '', undefined],
      ['¥', '', 'CNY'],
      ['￥', '', 'CNY'],
      ['$', '', 'USD'],
      ['US$', '', 'USD'],
      ['HK$', '', 'HKD'],
      ['S$', '', 'SGD'],
      ['A$', '', 'AUD'],
      ['C$', '', 'CAD'],
      ['€', '', 'EUR'],
      ['£', '', 'GBP'],
      ['₹', '', 'INR'],
      ['₩', '', 'KRW'],
      ['', ' CNY', 'CNY'],
      ['', ' EUR', 'EUR'],
      ['', '元', 'CNY'],
      ['', ' 人民币', 'CNY'],
      ['', ' yuan', 'CNY'],
      ['', ' 美元', 'USD'],
      ['', ' dollars', 'USD'],
      ['', ' euros', 'EUR'],
      ['CNY ', '', 'CNY'],
      ['RMB ', '', 'CNY'],
      ['JPY ', '', 'JPY'],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }),
        fc.constantFrom(...suffixes),
        fc.constantFrom(...currencies),
        fc.constantFrom('', '-', '−'),
        fc.constantFrom('plain', 'comma', 'underscore'),
        (int, frac, [suffix, power], [before, after, currency], sign, grouping) => {
          // A suffix that starts with a letter after a trailing currency word would not be a suffix; keep the
          // suffix right after the number, the currency word after it (as people write "2.5 million dollars").
          const digits =
            grouping === 'plain'
              ? String(int)
              : String(int).replace(/\B(?=(\d{3})+(?!\d))/g, grouping === 'comma' ? ',' : '_');
          const text = `${sign}${before}${digits}${frac === undefined ? '' : `.${frac}`}${suffix}${after}`;
          const m = money(text);
          const expected = Number(`${int}.${frac ?? '0'}`) * 10 ** power * (sign ? -1 : 1);
          assert.ok(sameAmount(m.amount, expected), `${text} → ${m.amount}, expected ${expected}`);
          assert.ok(!Object.is(m.amount, -0), `${text} → -0`);
          assert.equal(m.currency, currency, text);
          if (currency) assert.ok(isCompatible(m, currency), text);
          else assert.equal(m.compatible, undefined, text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an exponent shifts the decimal point exactly, with or without a suffix', () => {
    assert.equal(money('1e-2').amount, 0.01);
    assert.equal(money('2.5E3').amount, 2500);
    assert.equal(money('1.5e3k').amount, 1_500_000);
    assert.equal(money('1.2e+6 CNY').amount, 1_200_000);
    assert.equal(money('.25M').amount, 250_000);
    assert.equal(money('0.5万').amount, 5000);
    assert.equal(money('2.5亿元').amount, 250_000_000);
    assert.equal(money('1,234.5').amount, 1234.5);
    assert.ok(Object.is(money('-0').amount, 0), '-0 reads as 0, not -0');
    assert.ok(Object.is(money('-¥0M').amount, 0));
    assert.equal(money('$-5').amount, -5, 'the minus sign may follow the symbol');
    assert.equal(money(' 5 ').amount, 5);
    assert.equal(money(0).amount, 0);
    assert.equal(money(-12.5).amount, -12.5);
  });

  it('a tight or spaced ISO code before the number, a code after it, and a code that narrows a symbol', () => {
    assert.deepEqual(money('USD5M'), { amount: 5e6, currency: 'USD', compatible: ['USD'] });
    assert.deepEqual(money('5M USD'), { amount: 5e6, currency: 'USD', compatible: ['USD'] });
    assert.deepEqual(money('$5 HKD'), { amount: 5, currency: 'HKD', compatible: ['HKD'] });
    assert.deepEqual(money('$5M SGD'), { amount: 5e6, currency: 'SGD', compatible: ['SGD'] });
    assert.deepEqual(money('¥5万元'), { amount: 5e4, currency: 'CNY', compatible: ['CNY'] });
    assert.deepEqual(money('CNY ¥5'), { amount: 5, currency: 'CNY', compatible: ['CNY'] });
    assert.deepEqual(money('¥5').compatible, ['CNY', 'JPY']);
    assert.deepEqual(money('$5').compatible, ['USD', 'HKD', 'SGD', 'AUD', 'CAD', 'NZD', 'TWD']);
    assert.deepEqual(money('5 dollar').compatible, ['USD', 'HKD', 'SGD', 'AUD', 'CAD', 'NZD', 'TWD']);
    assert.deepEqual(money('5 euro'), { amount: 5, currency: 'EUR', compatible: ['EUR'] });
    // Three capitals after the number are a currency code, not a suffix: "5 MIO" is 5 in "MIO", not 5 million.
    assert.deepEqual(money('5 MIO'), { amount: 5, currency: 'MIO', compatible: ['MIO'] });
    assert.equal(money('5 BN').amount, 5e9);
    assert.equal(money('5 Mio').amount, 5e6);
  });

  it('says what it cannot read, and where', () => {
    assert.match(reason('-$-5'), /"-\$-5" has two minus signs/);
    assert.match(reason('1e400'), /"1e400" is too large/);
    assert.match(reason(Number.NaN), /NaN is not a finite amount/);
    assert.match(reason(Number.NEGATIVE_INFINITY), /-Infinity is not a finite amount/);
    assert.match(reason('usd 5'), /"usd 5": "usd" is not an ISO 4217 currency code \(write it in capitals/);
    assert.match(reason('¥5 usd'), /"¥5 usd": "usd" is not a known suffix or currency/);
    assert.match(reason('5.'), /"\." is not a known suffix/);
    assert.match(reason('1,23'), /"1,23" is not an amount/);
    assert.match(reason('  '), /the amount is empty/);
    assert.match(reason('¥5 EUR'), /"¥5 EUR" names two different currencies/);
    for (const tail of ['ABCD', 'aCNY', 'CNYa', 'CN'])
      assert.match(reason(`5 ${tail}`), new RegExp(`"${tail}" is not a known suffix or currency`), tail);
    assert.match(reason('€5 dollars'), /two different currencies/);
    assert.match(reason(undefined), /found nothing$/);
    assert.match(reason(null), /found nothing$/);
    assert.match(reason([1]), /found a list$/);
    assert.match(reason({ a: 1 }), /found a mapping$/);
    assert.match(reason(true), /found boolean true$/);
  });

  it('ranges: the midpoint and both bounds, a suffix or currency written once applies to both sides', () => {
    assert.deepEqual(money('¥8M–¥12M'), {
      amount: 10e6,
      currency: 'CNY',
      compatible: ['CNY', 'JPY'],
      range: { low: 8e6, high: 12e6 },
    });
    assert.deepEqual(money('8M to 12M CNY'), {
      amount: 10e6,
      currency: 'CNY',
      compatible: ['CNY'],
      range: { low: 8e6, high: 12e6 },
    });
    assert.deepEqual(money('8M–¥12M').compatible, ['CNY', 'JPY'], 'a currency on the high side only');
    assert.deepEqual(money('¥8M–12M').compatible, ['CNY', 'JPY'], 'a currency on the low side only');
    assert.deepEqual(money('¥8M–12M CNY').compatible, ['CNY'], 'both sides narrow each other');
    assert.deepEqual(money('8–12M'), { amount: 10e6, range: { low: 8e6, high: 12e6 } });
    assert.deepEqual(money('8 – 12万').range, { low: 8e4, high: 12e4 });
    assert.deepEqual(money('¥8–12 million').range, { low: 8e6, high: 12e6 });
    assert.deepEqual(money('8 to 12bn USD').range, { low: 8e9, high: 12e9 });
    assert.deepEqual(money('8k–12M').range, { low: 8e3, high: 12e6 }, 'a suffix on both sides is kept');
    assert.deepEqual(money('8–12').range, { low: 8, high: 12 });
    assert.deepEqual(money('5M–5M'), { amount: 5e6, range: { low: 5e6, high: 5e6 } }, 'equal bounds are a range');
    assert.deepEqual(money(' 1M  to  3M ').range, { low: 1e6, high: 3e6 });
    assert.match(reason('12M–8M'), /"12M–8M": the low end is above the high end \(write the smaller amount first\)/);
    assert.match(reason('9–8M'), /low end is above the high end/, '9 is 9M here, above 8M');
    assert.match(reason('¥8M–$12M'), /"¥8M–\$12M" names two different currencies/);
    assert.match(reason('abc–12M'), /^in the range "abc–12M": "abc" is not an amount/);
    assert.match(reason('8M–abc'), /^in the range "8M–abc": "abc" is not an amount/);
    assert.ok(!parseMoney('8Mto12M').ok, '"to" needs spaces around it');
    assert.match(reason(' 12M–8M '), /^"12M–8M": the low end/);
    assert.match(reason(' ¥8M–$12M '), /^"¥8M–\$12M" names/);
    assert.match(reason(' abc–12M '), /^in the range "abc–12M": /);
    assert.match(reason(' 8M–abc '), /^in the range "8M–abc": /);
    assert.deepEqual(money('8e3–12M').range, { low: 8e3, high: 12e6 }, 'an exponent is not a bare number');
  });

  it("ranges: the high side's suffix reaches a low side written with an ISO code or a dollar prefix", () => {
    // Bug found by these tests: "CNY 8–12M" read as 8 to 12,000,000 (midpoint ¥6,000,004, not ¥10M).
    for (const text of ['CNY 8–12M', 'RMB 8–12M', 'US$8–12M', 'HK$8–12M', 'CNY8–12M', '¥ 8 – 12M']) {
      assert.deepEqual(money(text).range, { low: 8e6, high: 12e6 }, text);
      assert.equal(money(text).amount, 10e6, text);
    }
    assert.deepEqual(money('8–12万人民币').range, { low: 8e4, high: 12e4 });
    assert.deepEqual(money('-8–12M').range, { low: -8e6, high: 12e6 }, 'a loss to a profit');
    assert.deepEqual(money('−¥8–12M').range, { low: -8e6, high: 12e6 });
    assert.deepEqual(money('8–12 Mio').range, { low: 8e6, high: 12e6 });
    // ...and an ISO code after the high side is not a suffix: the K of HKD, the B of GBP, the K of NOK.
    for (const code of ['HKD', 'GBP', 'NOK', 'KRW', 'MXN', 'BRL', 'SEK']) {
      assert.deepEqual(money(`8000–12000 ${code}`), {
        amount: 10_000,
        currency: code,
        compatible: [code],
        range: { low: 8000, high: 12_000 },
      });
    }
  });

  it('a range reads as the midpoint of its bounds for any bounds and suffix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom(['k', 1e3], ['M', 1e6], ['万', 1e4], ['', 1]),
        fc.constantFrom('–', ' to '),
        (a, b, [suffix, scale], joiner) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const m = money(`${low}${joiner}${high}${suffix}`);
          assert.deepEqual(m.range, { low: low * (scale as number), high: high * (scale as number) });
          assert.equal(m.amount, ((low + high) * (scale as number)) / 2);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('formatMoney: what it writes parses back to the same amount, in the same currency', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e15, max: 1e15 }),
          fc.integer({ min: -1e11, max: 1e11 }).map((c) => c / 100),
          fc.double({ min: -1e13, max: 1e13, noNaN: true }),
        ),
        fc.constantFrom(...CURRENCIES),
        (amount, currency) => {
          const text = formatMoney(amount, currency);
          const m = money(text);
          assert.ok(sameAmount(m.amount, amount), `${amount} → ${text} → ${m.amount}`);
          if (currency) assert.ok(isCompatible(m, currency), `${text} is not ${currency}`);
          else assert.equal(m.compatible, undefined, text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('formatMoney: a short form is exact for up to three decimals of k, M or bn', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999, max: 999_999 }), fc.constantFrom(1, 1e3, 1e6, 1e9), (n, scale) => {
        const amount = n * scale;
        assert.equal(money(formatMoney(amount, 'EUR')).amount, amount, formatMoney(amount, 'EUR'));
      }),
      { numRuns: 200 },
    );
  });

  it('formatMoney at each scale boundary, with symbols, codes and display digits', () => {
    const cases: Array<[number, string | undefined, string]> = [
      [999, undefined, '999'],
      [1000, undefined, '1k'],
      [999_999, undefined, '999.999k'],
      [1_000_000, undefined, '1M'],
      [1234.5678, undefined, '1,234.5678'],
      [12.3456789, undefined, '12.345679'],
      [0.1, undefined, '0.1'],
      [1_234_000_000, undefined, '1.234bn'],
      [1_234_500_000, undefined, '1,234,500,000'],
      [1_234_500_000_000, undefined, '1,234.5bn'],
      [1.5e12, undefined, '1,500bn'],
      [500e6, undefined, '500M'],
      [-0, undefined, '0'],
      [-1, undefined, '-1'],
      [5e6, 'HKD', 'HK$5M'],
      [5e6, 'JPY', '¥5M'],
      [5e3, 'KRW', '₩5k'],
      [5e3, 'INR', '₹5k'],
      [5e3, 'GBP', '£5k'],
      [-5e3, 'CHF', '-5k CHF'],
    ];
    for (const [amount, currency, text] of cases) assert.equal(formatMoney(amount, currency), text, `${amount}`);
    // Within a billionth of a short form (float noise of sums), the short form is shown: the same amount (sameAmount).
    assert.equal(formatMoney(999_000_000.5), '999M');
    assert.equal(formatMoney(4.35 * 1e6, 'CNY'), '¥4.35M');
    assert.equal(formatMoney(999_000_001), '999,000,001', 'a whole unit off is not noise below 1bn');
    assert.equal(formatMoney(1_234_567, 'CNY', { digits: 2 }), '¥1.23M');
    assert.equal(formatMoney(999_999, undefined, { digits: 2 }), '1,000k');
    assert.equal(formatMoney(1234.5678, undefined, { digits: 0 }), '1k');
    assert.equal(formatMoney(999.5, undefined, { digits: 0 }), '1,000', 'below 1k: the whole amount, rounded');
    assert.equal(formatMoney(12.3456, 'USD', { digits: 2 }), '$12.35');
    assert.equal(formatMoney(-2_500_000_000, 'EUR', { digits: 1 }), '-€2.5bn');
    assert.equal(formatMoney(10e6, 'EUR', { digits: 2 }), '€10M', 'trailing zeros are dropped');
  });

  it('sameAmount: equal within half a cent, or a billionth of the larger amount', () => {
    assert.equal(sameAmount(0, 0.005), true, 'exactly half a cent');
    assert.equal(sameAmount(-0.005, 0), true);
    assert.equal(sameAmount(0, 0.0051), false);
    assert.equal(sameAmount(100, 100.005), true);
    assert.equal(sameAmount(100, 100.0051), false);
    assert.equal(sameAmount(-100.0051, -100), false);
    assert.equal(sameAmount(1e12, 1e12 + 1000), true);
    assert.equal(sameAmount(1e12 + 1001, 1e12), false);
    assert.equal(sameAmount(-1e12, -1e12 - 1001), false);
    assert.equal(sameAmount(-1e12 - 999, -1e12), true);
    assert.equal(sameAmount(1e12, -1e12), false);
  });

  it('describes a currency the way messages name it, and gives the symbol a plan currency is written with', () => {
    assert.equal(describeCurrency(money('¥1')), 'CNY or JPY');
    assert.equal(describeCurrency(money('$1')), 'dollars (USD or another dollar currency)');
    assert.equal(describeCurrency(money('€1')), 'EUR');
    assert.equal(describeCurrency(money('1')), 'no currency');
    assert.equal(describeCurrency({ amount: 1, compatible: ['USD', 'HKD', 'SGD'] }), 'USD, HKD or SGD');
    assert.equal(
      describeCurrency({ amount: 1, compatible: ['USD', 'HKD', 'SGD', 'AUD', 'CAD', 'NZD', 'EUR'] }),
      'USD, HKD, SGD, AUD, CAD, NZD or EUR',
      'seven codes that are not all dollars',
    );
    assert.equal(currencySymbol('CNY'), '¥');
    assert.equal(currencySymbol('USD'), '$');
    assert.equal(currencySymbol('SGD'), undefined);
    assert.equal(currencySymbol(undefined), undefined);
    assert.equal(currencySymbol(''), undefined);
  });
});
