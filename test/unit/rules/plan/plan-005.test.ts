import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyFix, check, expectClean, expectDiagnostic } from './support';

describe('PLAN-005 profit = revenue − Σ costs; contiguous periods', () => {
  it('passes quarters followed by a year with correct profits', () => expectClean('plan-005/pass.plan.yaml'));

  it('errs on wrong profits (naming the numbers) and warns on a missing year', async () => {
    const checked = await check('plan-005/fail.plan.yaml');
    assert.equal(checked.diagnostics.length, 3);
    const [money, plain, gap] = checked.diagnostics;
    expectDiagnostic(
      money,
      'PLAN-005',
      /Period 2026: profit is -¥2M but revenue ¥1\.2M − costs ¥4\.2M \(personnel ¥3M \+ compute ¥400k \+ marketing ¥500k \+ other ¥300k\) = -¥3M/,
      [10, 14, 10, 20],
      DiagnosticSeverity.Error,
    );
    expectDiagnostic(
      plain,
      'PLAN-005',
      /Period 2027: profit is ¥500k but revenue ¥8M − costs ¥7\.7M \(.*legal ¥200k\) = ¥300k/,
      [14, 14, 14, 20],
    );
    expectDiagnostic(
      gap,
      'PLAN-005',
      /Period 2029 follows 2027: 2028 is missing/,
      [15, 14, 15, 18],
      DiagnosticSeverity.Warning,
    );

    const a = await applyFix(checked, money, /Recompute profit: "-¥3M"/);
    assert.match(a.text, /profit: "-¥3M"\n/);
    assert.equal(a.diagnostics.length, 2);
    const b = await applyFix(checked, plain, /Recompute profit: 300000/);
    assert.match(b.text, /profit: 300000\n/);
    assert.deepEqual(
      b.diagnostics.map((d) => String(d.message).slice(0, 12)),
      ['Period 2026:', 'Period 2029 '],
    );
  });

  it('warns on periods that go back, overlap or are not periods', async () => {
    const { diagnostics } = await check('plan-005/order.plan.yaml');
    assert.equal(diagnostics.length, 3);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-005',
      /Period 2026 comes after 2027: list the periods in time order/,
      [8, 14, 8, 18],
    );
    expectDiagnostic(diagnostics[1], 'PLAN-005', /Period 2026-Q2 overlaps 2026/, [9, 14, 9, 21]);
    expectDiagnostic(diagnostics[2], 'PLAN-005', /`2026-H2` is not a period/, [10, 14, 10, 21]);
  });
});
