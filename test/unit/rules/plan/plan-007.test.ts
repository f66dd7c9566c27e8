import * as assert from 'node:assert/strict';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-007 revenue within SOM', () => {
  it('passes revenue that stays within the SOM per year', () => expectClean('plan-007/pass.plan.yaml'));

  it('warns on a year, and on quarters that add up, above the SOM', async () => {
    const { diagnostics } = await check('plan-007/fail.plan.yaml');
    assert.equal(diagnostics.length, 2);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-007',
      /Revenue in 2027 \(¥80M\) exceeds the SOM \(¥60M, 2026\)/,
      [11, 30, 11, 36],
    );
    expectDiagnostic(
      diagnostics[1],
      'PLAN-007',
      /Revenue in 2028 \(¥70M, 2 periods summed\) exceeds the SOM/,
      [13, 33, 13, 39],
    );
  });
});
