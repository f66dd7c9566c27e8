import * as assert from 'node:assert/strict';
import { check, expectClean, expectDiagnostic } from './support';

describe('PLAN-013 team roles and responsibilities', () => {
  it('passes a team with a project lead and a data scientist', () => expectClean('plan-013/pass.plan.yaml'));

  it('warns on missing roles on `members` and on a member without responsibilities', async () => {
    const { diagnostics } = await check('plan-013/fail.plan.yaml');
    assert.equal(diagnostics.length, 3);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-013',
      /no product or project lead \(`role: product_manager` or `project_manager`\)/,
      [6, 2, 6, 9],
    );
    expectDiagnostic(
      diagnostics[1],
      'PLAN-013',
      /no ML role \(`role: data_scientist`, `ml_engineer` or `algorithm_engineer`\)/,
      [6, 2, 6, 9],
    );
    expectDiagnostic(diagnostics[2], 'PLAN-013', /Team member `be1` has no responsibilities/, [9, 10, 9, 13]);
  });

  it('warns once when the team lists nobody', async () => {
    const { diagnostics } = await check('plan-013/empty.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'PLAN-013', /The team lists no members/, [6, 2, 6, 9]);
  });
});
