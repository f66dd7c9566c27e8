import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { diffPlans, isEmptyDiff, planFigures, type PlanDiff, type PlanSnapshot } from '../../../../core/src/plan';
import { renderPlanDiffBody, renderPlanDiffMarkdown } from '../../../../core/src/plan/render';
import { REPO_ROOT } from '../../../support/fixtures';

const EXAMPLE = readFileSync(path.join(REPO_ROOT, 'examples/medical-diagnosis/lung-nodule.plan.yaml'), 'utf8');
type Plan = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const base = (): Plan => parse(EXAMPLE) as Plan;
const snap = (data: unknown): PlanSnapshot => ({ data });

function diffWith(change: (p: Plan) => void): PlanDiff {
  const b = base();
  change(b);
  return diffPlans(snap(base()), snap(b));
}

const figure = (d: PlanDiff, id: string) => d.figures.find((f) => f.id === id);
const ids = (d: PlanDiff) => d.figures.map((f) => f.id).sort();

describe('plan diff: derived figures move for a known reason', () => {
  it('a higher burn shortens the runway and brings the cash-out date forward', () => {
    const d = diffWith((p) => (p.financials.monthly_burn = '¥400k'));
    assert.deepEqual(ids(d), ['burn', 'cash-out', 'runway']);
    const runway = figure(d, 'runway')!;
    assert.equal(runway.old, '10 months');
    assert.equal(runway.new, '7.5 months');
    assert.equal(runway.delta, '-2.5 months');
    assert.equal(runway.direction, 'worse');
    assert.equal(figure(d, 'cash-out')!.old, '2026-11-15');
    assert.equal(figure(d, 'cash-out')!.new, '2026-08-31');
    assert.equal(figure(d, 'burn')!.direction, 'worse');
    assert.deepEqual(
      d.inputs.map((c) => [c.pathText, c.old, c.new]),
      [['financials.monthly_burn', '¥300k', '¥400k']],
    );
  });

  it('more cash on hand lengthens the runway without touching the burn', () => {
    const d = diffWith((p) => (p.financing.cash_on_hand = '¥6M'));
    assert.deepEqual(ids(d), ['cash-out', 'runway']);
    assert.equal(figure(d, 'runway')!.new, '20 months');
    assert.equal(figure(d, 'runway')!.direction, 'better');
    assert.match(figure(d, 'cash-out')!.delta, /^later by 10 months$/);
  });

  it('a loss in the last period means break-even is not reached any more; revenue and profit per period move', () => {
    const d = diffWith((p) => {
      p.financials.periods[1].revenue = 7000000;
      p.financials.periods[1].profit = -700000;
    });
    assert.deepEqual(ids(d), ['break-even', 'profit:2027', 'revenue:2027']);
    const be = figure(d, 'break-even')!;
    assert.equal(be.old, '2027');
    assert.equal(be.new, 'not reached');
    assert.equal(be.delta, 'not reached any more');
    assert.equal(be.direction, 'worse');
    assert.equal(figure(d, 'revenue:2027')!.delta, '-1,000,000');
    assert.equal(figure(d, 'profit:2027')!.old, '300,000');
  });

  it('break-even one period earlier when the first period turns a profit', () => {
    const d = diffWith((p) => (p.financials.periods[0].profit = 0));
    const be = figure(d, 'break-even')!;
    assert.equal(be.new, '2026');
    assert.equal(be.delta, 'earlier by 12 months');
    assert.equal(be.direction, 'better');
  });

  it('market sizes: SOM, SAM and TAM each move with their value', () => {
    const d = diffWith((p) => {
      p.market.size.som.value = '90M CNY';
      p.market.size.sam.value = '¥1.5bn';
      p.market.size.tam.value = '¥15bn';
    });
    assert.deepEqual(ids(d), ['sam', 'som', 'tam']);
    assert.equal(figure(d, 'som')!.delta, '+30,000,000');
    assert.equal(figure(d, 'som')!.direction, 'neutral');
  });

  it('use-of-funds shares moved between categories', () => {
    const d = diffWith((p) => {
      p.financing.use_of_funds[0].pct = 30;
      p.financing.use_of_funds[1].pct = 25;
    });
    assert.deepEqual(ids(d), ['use-of-funds:R&D', 'use-of-funds:compute']);
    assert.equal(figure(d, 'use-of-funds:R&D')!.delta, '-10 pts');
  });

  it('a risk rated higher raises the count of high risks', () => {
    const d = diffWith((p) => (p.risks[2].likelihood = 4)); // 4 × 4 = 16 ≥ 15
    assert.deepEqual(ids(d), ['high-risks']);
    assert.equal(figure(d, 'high-risks')!.delta, '+1');
    assert.equal(figure(d, 'high-risks')!.direction, 'worse');
  });

  it('a milestone due later has slipped', () => {
    const d = diffWith((p) => (p.milestones[2].due = '2026-11-30'));
    assert.deepEqual(ids(d), ['milestone:m-pilot']);
    assert.equal(figure(d, 'milestone:m-pilot')!.delta, 'slipped 2 months');
    assert.equal(figure(d, 'milestone:m-pilot')!.direction, 'worse');
  });

  it('a figure that can no longer be computed is listed, not dropped', () => {
    const d = diffWith((p) => delete p.financials.monthly_burn);
    const runway = figure(d, 'runway')!;
    assert.equal(runway.new, undefined);
    assert.equal(runway.delta, 'no longer computed');
    assert.deepEqual(
      d.inputs.map((c) => [c.kind, c.pathText]),
      [['removed', 'financials.monthly_burn']],
    );
  });

  it('a text-only edit moves no figure', () => {
    const d = diffWith((p) => (p.overview.background = 'Founded in 2024.'));
    assert.equal(d.figures.length, 0);
    assert.equal(d.inputs.length, 1);
  });
});

describe('plan diff: inputs', () => {
  it('matches list items by id: inserting a risk first adds one item instead of changing every later one', () => {
    const d = diffWith((p) => p.risks.unshift({ id: 'r-new', title: 'New risk', likelihood: 1, impact: 1 }));
    assert.deepEqual(
      d.inputs.map((c) => [c.kind, c.pathText]),
      [['added', 'risks[0]']],
    );
  });

  it('a moved item keeps its old path alongside the new one', () => {
    const d = diffWith((p) => {
      p.risks.unshift({ id: 'r-new', title: 'New', likelihood: 1, impact: 1 });
      p.risks[1].likelihood = 1;
    });
    const change = d.inputs.find((c) => c.kind === 'changed')!;
    assert.deepEqual(change.path, ['risks', 1, 'likelihood']);
    assert.deepEqual(change.oldPath, ['risks', 0, 'likelihood']);
  });

  it('gives each change the line on each side from lineOf', () => {
    const a: PlanSnapshot = { data: { financials: { monthly_burn: 1 } }, lineOf: () => 3 };
    const b: PlanSnapshot = { data: { financials: { monthly_burn: 2 } }, lineOf: () => 5 };
    const [c] = diffPlans(a, b).inputs;
    assert.equal(c?.oldLine, 3);
    assert.equal(c?.newLine, 5);
  });

  it('compares dates by value, not object identity', () => {
    const d = diffPlans(
      snap({ metadata: { date: new Date('2026-01-15') } }),
      snap({ metadata: { date: new Date('2026-01-15') } }),
    );
    assert.ok(isEmptyDiff(d));
  });
});

describe('plan diff: rules', () => {
  const finding = (code: string, p: (string | number)[], severity: 'error' | 'warning' | 'info' = 'warning') => ({
    code,
    severity,
    message: `${code} message`,
    path: p,
  });
  it('lists rules newly failing and newly passing, matched by code and path, ignoring information', () => {
    const a = { data: {}, findings: [finding('PLAN-006', ['financing']), finding('PLAN-010', ['risks', 1])] };
    const b = {
      data: {},
      findings: [
        finding('PLAN-010', ['risks', 1]),
        finding('PLAN-004', ['financing', 'use_of_funds']),
        finding('PLAN-017', ['milestones', 0], 'info'),
      ],
    };
    const d = diffPlans(a, b);
    assert.deepEqual(
      d.rules.map((r) => [r.status, r.code]),
      [
        ['fails', 'PLAN-004'],
        ['passes', 'PLAN-006'],
      ],
    );
  });
});

describe('plan diff: properties', () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  it('diff(a, a) is empty for any YAML-like value', () => {
    fc.assert(
      fc.property(json, (v) => {
        assert.ok(isEmptyDiff(diffPlans(snap(v), snap(structuredClone(v)))));
      }),
    );
  });

  it('diff(a, a) is empty for any variation of the example plan, and the figures are finite or Infinity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 5 }),
        (burn, cash, likelihood) => {
          const p = base();
          p.financials.monthly_burn = burn;
          p.financing.cash_on_hand = cash;
          p.risks[0].likelihood = likelihood;
          assert.ok(isEmptyDiff(diffPlans(snap(p), snap(structuredClone(p)))));
          for (const f of planFigures(p)) assert.ok(!Number.isNaN(f.value), f.id);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a higher burn is never reported as a longer runway', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (x, y) => {
        const [lo, hi] = x < y ? [x, y] : [y, x];
        const a = base();
        a.financials.monthly_burn = lo;
        const b = base();
        b.financials.monthly_burn = hi;
        const r = diffPlans(snap(a), snap(b)).figures.find((f) => f.id === 'runway');
        if (lo === hi) assert.equal(r, undefined);
        else assert.equal(r?.direction, 'worse');
      }),
      { numRuns: 40 },
    );
  });
});

describe('plan diff report', () => {
  const d = diffWith((p) => {
    p.financials.monthly_burn = '¥400k';
    p.overview.background = '<script>alert(1)</script> | pipes';
  });
  it('Markdown lists figures, inputs and escapes plan text', () => {
    const md = renderPlanDiffMarkdown(d, { a: 'HEAD:plan.yaml', b: 'plan.yaml' });
    assert.match(md, /^## Plan changes: HEAD:plan\.yaml → plan\.yaml/);
    assert.match(md, /\| Runway \| 10 months \| 7\\\.5 months \| \\-2\.5 months ▼ worse \|/);
    assert.match(md, /\| `financials\.monthly_burn` \| ¥300k \| ¥400k \|/);
    assert.doesNotMatch(md, /<script>/);
  });
  it('HTML rows carry the path to reveal when interactive, and nothing a script needs when not', () => {
    const html = renderPlanDiffBody(d, { a: 'a', b: 'b' }, { interactive: true });
    assert.match(html, /data-figure="runway" data-path="\[&quot;financing&quot;,&quot;cash_on_hand&quot;\]"/);
    assert.doesNotMatch(html, /<script>/);
    assert.doesNotMatch(renderPlanDiffBody(d, { a: 'a', b: 'b' }, { interactive: false }), /data-path/);
  });
  it('says so when nothing changed', () => {
    const empty = diffPlans(snap(base()), snap(base()));
    assert.match(renderPlanDiffMarkdown(empty, { a: 'a', b: 'b' }), /No changes\./);
  });
});
