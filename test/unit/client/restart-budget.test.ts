import * as assert from 'node:assert/strict';
import { RestartBudget } from '../../../client/src/restart-budget';

describe('the language server restart budget', () => {
  it('restarts 4 times within 3 minutes, then stops with a reason that says what to do', () => {
    let now = 0;
    const budget = new RestartBudget(4, 180_000, () => now);
    for (let i = 0; i < 4; i++) {
      assert.equal(budget.crashed().restart, true, `crash ${i + 1}`);
      now += 1_000;
    }
    const fifth = budget.crashed();
    assert.equal(fifth.restart, false);
    assert.match(fifth.reason ?? '', /stopped 5 times within 3 minutes/);
    assert.match(fifth.reason ?? '', /Restart Language Server/);
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const budget = new RestartBudget(2, 60_000, () => now);
    for (let i = 0; i < 20; i++) {
      assert.equal(budget.crashed().restart, true, `crash ${i + 1}`);
      now += 31_000;
    }
  });

  it('starts afresh after a restart by hand', () => {
    const budget = new RestartBudget(1, 60_000, () => 0);
    budget.crashed();
    assert.equal(budget.crashed().restart, false);
    budget.reset();
    assert.equal(budget.crashed().restart, true);
  });
});
