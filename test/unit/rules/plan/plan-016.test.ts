import * as assert from 'node:assert/strict';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-016 low technical feasibility needs a technical risk', () => {
  it('passes a score of 2 with a technical risk', () => expectClean('plan-016/pass.plan.yaml'));

  it('warns on the score', async () => {
    const { diagnostics } = await check('plan-016/fail.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-016',
      /`selection.technical_feasibility` scores 2 \(≤ 2\) but no risk has `category: technical`/,
      [6, 33, 6, 34],
    );
  });
});
