import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic, fixTitles } from './support';

describe('PLAN-004 shares add up to 100', () => {
  it('passes 33.3 + 33.3 + 33.4 and 60 + 40', () => expectClean('plan-004/pass.plan.yaml'));

  it('flags both lists on their keys; the fixes rescale flow and block items to exactly 100', async () => {
    const checked = await check('plan-004/fail.plan.yaml');
    assert.equal(checked.diagnostics.length, 2);
    const [streams, funds] = checked.diagnostics;
    expectDiagnostic(
      streams,
      'PLAN-004',
      /`revenue_streams` adds up to 110 %, not 100 %: Licence 70 \+ Services 20 \+ Screening 20/,
      [6, 2, 6, 17],
    );
    expectDiagnostic(
      funds,
      'PLAN-004',
      /`use_of_funds` adds up to 95 %, not 100 %: R&D 40 \+ compute 15 \+ compliance 15 \+ marketing 15 \+ reserve 10/,
      [11, 2, 11, 14],
    );
    const a = await applyFix(checked, streams, /Scale revenue_streams to 100 %: 64 \/ 18 \/ 18/);
    assert.match(a.text, /share_pct: 64\}\n.*share_pct: 18\}\n.*share_pct: 18\}\n/);
    assert.equal(a.diagnostics.length, 1, 'use_of_funds is still off');
    const b = await applyFix(checked, funds, /Scale use_of_funds to 100 %: 42 \/ 16 \/ 16 \/ 16 \/ 10/);
    assert.match(b.text, /pct: 42\n.*\n      pct: 16\n.*\n      pct: 16\n.*\n      pct: 16\n.*\n      pct: 10\n/);
    assert.equal(b.diagnostics.length, 1, 'revenue_streams is still off');
  });

  it('rescales decimal shares with one decimal; offers no fix when a share is missing', async () => {
    const checked = await check('plan-004/decimal.plan.yaml');
    assert.equal(checked.diagnostics.length, 2);
    const [streams, funds] = checked.diagnostics;
    expectDiagnostic(
      streams,
      'PLAN-004',
      /adds up to 60 %, not 100 %: Licence 60 \(1 revenue stream item has no `share_pct`\)/,
      [6, 2, 6, 17],
    );
    assert.deepEqual(fixTitles(streams), []);
    expectDiagnostic(funds, 'PLAN-004', /adds up to 95\.5 %/, [10, 2, 10, 14]);
    const fixed = await applyFix(checked, funds, /37\.2 \/ 31\.4 \/ 31\.4/);
    assert.match(
      fixed.text,
      /use_of_funds: \[\{category: R&D, pct: 37\.2\}, \{category: compute, pct: 31\.4\}, \{category: other, pct: 31\.4\}\]/,
    );
    assert.equal(fixed.diagnostics.length, 1);
  });
});
