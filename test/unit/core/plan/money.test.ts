import * as assert from 'node:assert/strict';
import { formatMoney, isCompatible, parseMoney, sameAmount, type Money } from '../../../../core/src/plan/money';

function money(value: unknown): Money {
  const r = parseMoney(value);
  assert.ok(r.ok, `${String(value)} parses${r.ok ? '' : `: ${r.reason}`}`);
  return r.money;
}

describe('plan money: parse', () => {
  const cases: Array<[unknown, number, string | undefined]> = [
    [2500000, 2500000, undefined],
    ['¥2.5M', 2500000, 'CNY'],
    ['1.2e6 CNY', 1200000, 'CNY'],
    ['300k', 300000, undefined],
    ['$1,200', 1200, 'USD'],
    ['2.5 million', 2500000, undefined],
    ['250万元', 2500000, 'CNY'],
    ['2.5亿人民币', 250000000, 'CNY'],
    ['€3.4bn', 3400000000, 'EUR'],
    ['£12k', 12000, 'GBP'],
    ['-¥3M', -3000000, 'CNY'],
    ['−¥3M', -3000000, 'CNY'],
    ['CNY 800k', 800000, 'CNY'],
    ['RMB 5M', 5000000, 'CNY'],
    ['US$1.5M', 1500000, 'USD'],
    ['HK$2M', 2000000, 'HKD'],
    ['.5M', 500000, undefined],
    ['1_000_000', 1000000, undefined],
    ['¥ 2.5 M', 2500000, 'CNY'],
  ];
  for (const [input, amount, currency] of cases) {
    it(`reads ${JSON.stringify(input)} as ${amount}${currency ? ` ${currency}` : ''}`, () => {
      const m = money(input);
      assert.equal(m.amount, amount);
      assert.equal(m.currency, currency);
    });
  }

  it('keeps decimal amounts exact (no 1.2 × 10⁶ float noise)', () => {
    assert.equal(money('¥0.3M').amount, 300000);
    assert.equal(money('1.1k').amount, 1100);
    assert.equal(money('4.35M').amount, 4350000);
  });

  it('treats ¥ as CNY or JPY and a bare $ as any dollar, but € as EUR only', () => {
    assert.ok(isCompatible(money('¥2M'), 'CNY'));
    assert.ok(isCompatible(money('¥2M'), 'JPY'));
    assert.ok(!isCompatible(money('¥2M'), 'USD'));
    assert.ok(isCompatible(money('$2M'), 'HKD'));
    assert.ok(!isCompatible(money('US$2M'), 'HKD'));
    assert.ok(!isCompatible(money('€2M'), 'CNY'));
    assert.ok(isCompatible(money('2M'), 'CNY'), 'no currency named: compatible with any');
    assert.deepEqual(money('¥1.2M CNY').compatible, ['CNY'], 'a code narrows the symbol');
  });

  it('explains what it cannot read', () => {
    const reasons = ['abc', '', '3M2', '12 foo', '$5 CNY', 'cny 5', true, null, [1]].map((v) => {
      const r = parseMoney(v);
      assert.ok(!r.ok, `${JSON.stringify(v)} should not parse`);
      return r.reason;
    });
    assert.match(reasons[0] ?? '', /"abc" is not an amount: .*"¥2\.5M"/);
    assert.match(reasons[1] ?? '', /empty/);
    assert.match(reasons[3] ?? '', /"foo" is not a known suffix or currency/);
    assert.match(reasons[4] ?? '', /two different currencies/);
    assert.match(reasons[5] ?? '', /not an ISO 4217 currency code/);
    assert.match(reasons[6] ?? '', /expected a number or a money string/);
    assert.ok(!parseMoney(Number.POSITIVE_INFINITY).ok);
  });
});

describe('plan money: format', () => {
  it('writes exact short forms with the currency symbol', () => {
    assert.equal(formatMoney(-3000000, 'CNY'), '-¥3M');
    assert.equal(formatMoney(300000, 'CNY'), '¥300k');
    assert.equal(formatMoney(7700000, 'USD'), '$7.7M');
    assert.equal(formatMoney(12e9, 'EUR'), '€12bn');
    assert.equal(formatMoney(1234567, 'CNY'), '¥1,234,567');
    assert.equal(formatMoney(2500000, 'SGD'), '2.5M SGD');
    assert.equal(formatMoney(300000), '300k');
    assert.equal(formatMoney(0, 'CNY'), '¥0');
  });

  it('round-trips: what it writes parses back to the same amount', () => {
    for (const a of [-3e6, 300000, 1234567, 1200000.5, 12.345, 1.5e12, 999, 1000, 42.1e6]) {
      for (const c of [undefined, 'CNY', 'USD', 'GBP', 'SGD']) {
        const r = parseMoney(formatMoney(a, c));
        assert.ok(r.ok && sameAmount(r.money.amount, a) && r.money.amount === a, `${a} ${c} → ${formatMoney(a, c)}`);
      }
    }
  });

  it('rounds for display when asked', () => {
    assert.equal(formatMoney(1234567, 'USD', { digits: 2 }), '$1.23M');
    assert.equal(formatMoney(-1500, 'EUR', { digits: 1 }), '-€1.5k');
  });
});
