import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean } from './support';

describe('PLAN-000 a complete plan without its header', () => {
  it('passes a complete plan that names `apiVersion` and `kind`', () => expectClean('plan-000/pass.plan.yaml'));

  it('flags a complete plan with no `kind` line once, and the fix adds `kind: BusinessPlan`', async () => {
    const checked = await check('plan-000/fail.plan.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const fixed = await applyFix(checked, checked.diagnostics[0], /kind/i);
    assert.match(fixed.text, /^kind: BusinessPlan$/m);
    assert.deepEqual(fixed.diagnostics, []);
  });
});
