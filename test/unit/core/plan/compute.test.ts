import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { computeBudgetOf, computePace, planDataOf } from '../../../../core/src/plan';
import { experimentLinksOf, planComputeReport } from '../../../../core/src/plan-compute';
import { phrase, say } from '../../../../core/src/l10n';
import { COMPUTE_PLAN, computeWorkspace } from '../../../support/compute-workspace';

const MARCH_1 = Date.parse('2026-03-01T00:00:00Z');
const JAN_1 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

describe('compute budget against real runs', () => {
  describe('core/src/plan/compute (pure)', () => {
    it('takes the compute cost of the period holding the day, else the first period with one', () => {
      const plan = {
        financials: {
          periods: [
            { period: 2026, costs: { compute: '$12,000' } },
            { period: '2027-Q1', costs: { compute: 3000 } },
            { period: 2028, costs: { personnel: 5 } },
          ],
        },
      };
      assert.deepEqual(computeBudgetOf(plan, MARCH_1), {
        amount: 12_000,
        period: '2026',
        index: 0,
        startMs: JAN_1,
        endMs: Date.parse('2027-01-01T00:00:00Z'),
      });
      const q1 = computeBudgetOf(plan, Date.parse('2027-02-10T00:00:00Z'))!;
      assert.equal(q1.index, 1);
      assert.equal(q1.endMs - q1.startMs, 90 * DAY);
      assert.equal(computeBudgetOf(plan, Date.parse('2030-01-01T00:00:00Z'))?.index, 0);
      assert.equal(
        computeBudgetOf({ financials: { periods: [{ period: 'soon', costs: { compute: 1 } }] } }),
        undefined,
      );
      assert.equal(computeBudgetOf('not a plan'), undefined);
    });

    it('spreads the budget evenly over the period: ahead only when spend outruns the pace', () => {
      const budget = computeBudgetOf(planDataOf(COMPUTE_PLAN), MARCH_1)!;
      const pace = computePace(budget, 2400, 240, MARCH_1);
      assert.equal(pace.elapsed, 59 / 365);
      assert.equal(Math.round(pace.expected * 100) / 100, 1939.73);
      assert.equal(pace.ahead, true);
      // 2400 in 59 days: 12,000 is reached 295 days into the year.
      assert.equal(new Date(pace.exhaustedAtMs!).toISOString().slice(0, 10), '2026-10-23');
      assert.equal(computePace(budget, 600, 60, MARCH_1).ahead, false);
      assert.equal(computePace(budget, 0, 0, MARCH_1).ahead, false);
      const before = computePace(budget, 500, 50, Date.parse('2025-12-01T00:00:00Z'));
      assert.equal(before.notStarted, true);
      assert.equal(before.ahead, false);
    });

    it('never flags spend at or under the pace, whatever the day and amount', () => {
      const budget = computeBudgetOf(planDataOf(COMPUTE_PLAN))!;
      fc.assert(
        fc.property(fc.integer({ min: JAN_1, max: JAN_1 + 364 * DAY }), fc.double({ min: 0, max: 1 }), (now, share) => {
          const expected = budget.amount * ((now - budget.startMs) / (budget.endMs - budget.startMs));
          assert.equal(computePace(budget, expected * share, 1, now).ahead, false);
        }),
      );
    });
  });

  describe('core/src/plan-compute (the run store)', () => {
    const runs = [
      { experiment: 'exp-a', id: 'r1', startedAt: '2026-02-01T00:00:00Z', endedAt: '2026-02-01T10:00:00Z', gpus: 8 },
      {
        experiment: 'exp-b',
        id: 'r2',
        startedAt: '2026-02-10T00:00:00Z',
        endedAt: '2026-02-10T10:00:00Z',
        gpus: 8,
        nodes: 2,
      },
      // Before the period: not part of its spend.
      { experiment: 'exp-a', id: 'r0', startedAt: '2025-12-01T00:00:00Z', endedAt: '2025-12-01T12:30:00Z', gpus: 8 },
      // Another experiment's run, not linked.
      { experiment: 'other', id: 'r3', startedAt: '2026-02-01T00:00:00Z', endedAt: '2026-02-05T00:00:00Z', gpus: 8 },
    ];
    let ws: ReturnType<typeof computeWorkspace>;
    before(() => (ws = computeWorkspace(runs)));
    after(() => rmSync(ws.dir, { recursive: true, force: true }));

    it("adds up the linked experiments' runs in the period and prices them", async () => {
      const r = await planComputeReport({
        planPath: ws.plan,
        planText: COMPUTE_PLAN,
        workspaces: [ws.dir],
        gpuHourPrice: 10,
        now: MARCH_1,
      });
      assert.deepEqual(
        r.experiments.map((e) => [e.link, e.name, e.runs, e.gpuHours]),
        [
          ['a.experiment.yaml', 'exp-a', 1, 80],
          ['b.experiment.yaml', 'exp-b', 1, 160],
        ],
      );
      assert.equal(r.gpuHours, 240);
      assert.equal(r.spent, 2400);
      assert.equal(r.pace?.ahead, true);
      const cheap = await planComputeReport({
        planPath: ws.plan,
        planText: COMPUTE_PLAN,
        workspaces: [ws.dir],
        gpuHourPrice: 2.5,
        now: MARCH_1,
      });
      assert.equal(cheap.spent, 600);
      assert.equal(cheap.pace?.ahead, false);
    });

    it('says why an experiment is not counted, and when there is nothing to compare', async () => {
      const text = COMPUTE_PLAN.replace('b.experiment.yaml]', 'missing.experiment.yaml]');
      const r = await planComputeReport({ planPath: ws.plan, planText: text, workspaces: [ws.dir], gpuHourPrice: 1 });
      assert.deepEqual(r.experiments[1], {
        link: 'missing.experiment.yaml',
        runs: 0,
        gpuHours: 0,
        problem: 'the file does not exist',
        problemPhrase: phrase('the file does not exist'),
      });
      assert.equal(say('zh-cn', r.experiments[1]!.problemPhrase!), '文件不存在');
      const none = await planComputeReport({
        planPath: ws.plan,
        planText: COMPUTE_PLAN.replace(/compute: "\$12,000"/, 'other: "$1"'),
        workspaces: [ws.dir],
        gpuHourPrice: 1,
      });
      assert.equal(none.pace, undefined);
      assert.match(none.note!, /no compute budget/);
    });

    it('reads the links a plan makes from solution, milestones and KPIs, once each, never URLs', () => {
      assert.deepEqual(
        experimentLinksOf({
          solution: { linked_experiments: ['a.yaml', 'https://x/y.yaml', 'a.yaml'] },
          milestones: [{ linked_experiment: 'b.yaml' }, { linked_experiment: '${HOME}/c.yaml' }],
          kpis: [{ measured_by: { experiment: 'c.yaml' } }],
        }),
        ['a.yaml', 'b.yaml', 'c.yaml'],
      );
    });
  });
});
