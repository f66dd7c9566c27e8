import * as assert from 'node:assert/strict';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-002 one currency, parseable money, amounts ≥ 0', () => {
  it('passes a JPY plan written with ¥, codes, suffixes and plain numbers', () =>
    expectClean('plan-002/pass.plan.yaml'));

  it('flags other currencies, unreadable amounts and negative amounts on their values', async () => {
    const { diagnostics } = await check('plan-002/fail.plan.yaml');
    assert.equal(diagnostics.length, 4);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-002',
      /`go_to_market.budget` \(€1\.5M\) is in EUR, but the plan's currency \(`metadata.currency`\) is CNY/,
      [6, 10, 6, 17],
    );
    expectDiagnostic(
      diagnostics[1],
      'PLAN-002',
      /`financing.cash_on_hand` is not a money amount: "lots" is not an amount/,
      [8, 16, 8, 20],
    );
    expectDiagnostic(
      diagnostics[2],
      'PLAN-002',
      /`financing.rounds\[Seed\].amount` \(\$2M\) is in dollars .* but the plan's currency .* is CNY/,
      [10, 42, 10, 47],
    );
    expectDiagnostic(
      diagnostics[3],
      'PLAN-002',
      /`financials.monthly_burn` is -¥300k: amounts must be ≥ 0/,
      [14, 16, 14, 23],
    );
  });

  it('without metadata.currency, asks for one and still compares the amounts with each other', async () => {
    const { diagnostics } = await check('plan-002/no-currency.plan.yaml');
    assert.equal(diagnostics.length, 2);
    expectDiagnostic(diagnostics[0], 'PLAN-002', /money amounts but no `metadata.currency`/, [2, 0, 2, 8]);
    expectDiagnostic(
      diagnostics[1],
      'PLAN-002',
      /\(€1M\) is in EUR, but `financing.cash_on_hand` is in CNY or JPY/,
      [7, 27, 7, 32],
    );
  });

  it('flags a currency that is not an ISO 4217 code', async () => {
    const { diagnostics } = await check('plan-002/bad-code.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-002',
      /`metadata.currency` is `yuan`: write the ISO 4217 code/,
      [4, 12, 4, 16],
    );
  });
});
