/**
 * PLAN-018 at its edges: which scenarios are checked (not a mapping, no changes, a broken change, past the 50th),
 * where a finding is reported (the name's value, the `name` key, the item), findings the plan already has and
 * information-level findings left out.
 */
import * as assert from 'node:assert/strict';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { service } from './support';

let serial = 0;
async function validate(text: string): Promise<LiftoffDiagnostic[]> {
  serial += 1;
  return service.validate({ uri: `file:///tmp/plan018b-${serial}.plan.yaml`, text });
}
const of = (ds: LiftoffDiagnostic[], code: string) =>
  ds.filter((d) => d.code === code).map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message]);

const BASE = `apiVersion: liftoff/v1
kind: BusinessPlan
metadata: {name: s, date: 2026-01-15}
milestones:
  - {id: m1, title: M, due: 2999-01, status: planned}
kpis:
  - {id: k1, name: K, baseline: 10, target: 20, direction: increase}
  - {id: k2, name: K2, baseline: 10, target: 5, direction: increase}
`;
const K1_BELOW =
  'breaks PLAN-014: KPI `k1` should increase but its target 1 is below its baseline 10: fix the target, the baseline or the direction.';

describe('PLAN-018 boundaries', () => {
  it('reports on the name (or where an empty one sits) or the item; skips what the plan already has, empty and non-mapping scenarios', async () => {
    const ds = await validate(`${BASE}scenarios:
  - name: flip
    changes: {"kpis[0].direction": decrease}
  - name: same
    changes: {"kpis[1].target": 4}
  - changes: {"kpis[0].target": 1}
  - name:
    changes: {"kpis[0].target": 1}
  - name: empty
    changes: {}
  - just text
  - name: both
    changes: {"kpis[0].target": 1, "kpis[1].target": 30}
`);
    assert.deepEqual(of(ds, 'PLAN-018'), [
      [
        9,
        10,
        2,
        'Scenario `flip` breaks PLAN-014: KPI `k1` should decrease but its target 20 is above its baseline 10: fix the target, the baseline or the direction.',
      ],
      [13, 4, 2, `Scenario \`scenario 3\` ${K1_BELOW}`],
      [14, 9, 2, `Scenario \`scenario 4\` ${K1_BELOW}`],
      [19, 10, 2, `Scenario \`both\` ${K1_BELOW}`],
    ]);
  });

  it('does not apply a scenario with a broken change, and reports each broken key', async () => {
    const ds = await validate(`${BASE}scenarios:
  - name: typo
    changes: {"kpis[9].target": 1, "kpis[0].target": 1, financials.monthly_bur: 3}
`);
    assert.deepEqual(of(ds, 'PLAN-018'), [
      [10, 14, 2, 'Scenario `typo`: `kpis[9].target`: kpis has no item [9].'],
      [10, 56, 2, 'Scenario `typo`: `financials.monthly_bur`: the plan has no `financials` to change.'],
    ]);
  });

  it('reports an error finding once per place, and skips a scenario without changes', async () => {
    const withRisk = `${BASE}risks:\n  - {id: r1, title: R, category: market, likelihood: 1, impact: 1}\n`;
    const ds = await validate(`${withRisk}scenarios:
  - name: nochange
  - name: worse
    changes: {"risks[0].likelihood": 5, "risks[0].impact": 5}
`);
    assert.deepEqual(of(ds, 'PLAN-018'), [
      [
        12,
        10,
        2,
        // PLAN-010 finds no mitigation and no owner on the same id: one report.
        'Scenario `worse` breaks PLAN-010: High risk `r1` (likelihood 5 × impact 5 = 25, high from 15) has no mitigation: say how you reduce it, e.g. pilot customers, staged launch.',
      ],
    ]);
  });

  it('leaves out findings below a warning', async () => {
    const late = BASE.replace('due: 2999-01', 'due: 2001-01');
    assert.equal(of(await validate(late), 'PLAN-017').length, 1, 'an overdue milestone is information');
    const ds = await validate(`${BASE}scenarios:
  - name: late
    changes: {"milestones[0].due": 2001-01}
`);
    assert.deepEqual(of(ds, 'PLAN-018'), []);
  });

  it('checks the first 50 scenarios', async () => {
    const many = Array.from({ length: 52 }, (_, i) => `  - name: s${i}\n    changes: {"kpis[0].target": 1}\n`).join('');
    const ds = of(await validate(`${BASE}scenarios:\n${many}`), 'PLAN-018');
    assert.equal(ds.length, 50);
    assert.equal(ds[49]?.[3], `Scenario \`s49\` ${K1_BELOW}`);
  });

  it('is silent without scenarios, and with an empty list', async () => {
    assert.deepEqual(of(await validate(BASE), 'PLAN-018'), []);
    assert.deepEqual(of(await validate(`${BASE}scenarios: []\n`), 'PLAN-018'), []);
  });
});
