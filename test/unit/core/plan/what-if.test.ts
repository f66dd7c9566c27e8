import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import {
  applyScenario,
  formatDate,
  parseChangePath,
  parseMoney,
  planFigures,
  resolveChange,
  runwayMonteCarlo,
  runwayMonths,
  scenariosOf,
  tornado,
} from '../../../../core/src/plan';
import { REPO_ROOT } from '../../../support/fixtures';

const EXAMPLE = readFileSync(path.join(REPO_ROOT, 'examples/medical-diagnosis/lung-nodule.plan.yaml'), 'utf8');
type Plan = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const base = (): Plan => parse(EXAMPLE) as Plan;
const fig = (data: unknown, id: string) => planFigures(data).find((f) => f.id === id)?.display;

describe('scenarios', () => {
  it('parses change paths: dotted keys and [index]', () => {
    assert.deepEqual(parseChangePath('financials.monthly_burn'), ['financials', 'monthly_burn']);
    assert.deepEqual(parseChangePath('financials.periods[1].revenue'), ['financials', 'periods', 1, 'revenue']);
    assert.deepEqual(parseChangePath('risks.2.likelihood'), ['risks', 2, 'likelihood']);
    for (const bad of ['', '.a', 'a.', 'a..b', '[0].a', 'a[x]', 'a]b'])
      assert.equal(parseChangePath(bad), undefined, bad);
  });

  it('applies each scenario to a copy: the pessimistic burn shortens its runway, the plan itself is untouched', () => {
    const p = base();
    p.scenarios = [
      { name: 'pessimistic', changes: { 'financials.monthly_burn': '¥400k' } },
      { name: 'late revenue', changes: { 'financials.periods[1].profit': -100000 } },
    ];
    const [pess, late] = scenariosOf(p);
    const a = applyScenario(p, pess!);
    assert.deepEqual(a.problems, []);
    assert.equal(fig(a.data, 'runway'), '7.5 months');
    assert.equal(fig(p, 'runway'), '10 months');
    assert.equal(fig(applyScenario(p, late!).data, 'break-even'), 'not reached');
    assert.equal((a.data as Plan).scenarios, undefined);
  });

  it('a change whose path the plan lacks is a problem that says what to write, not a silent new key', () => {
    const p = base();
    assert.match(
      JSON.stringify(resolveChange(p, 'financials.monthly_bur')),
      /the plan has no `financials\.monthly_bur` to change/,
    );
    assert.match(JSON.stringify(resolveChange(p, 'risks[99].impact')), /has no item \[99\]/);
    assert.match(JSON.stringify(resolveChange(p, 'a..b')), /is not a path/);
    assert.match(JSON.stringify(resolveChange(p, 'scenarios[0].name')), /cannot change the scenarios/);
  });
});

describe('money ranges', () => {
  it('"¥8M–¥12M" and "8 to 12M CNY" parse to their midpoint with the bounds', () => {
    const r = parseMoney('¥8M–¥12M');
    assert.ok(r.ok);
    assert.equal(r.money.amount, 10e6);
    assert.deepEqual(r.money.range, { low: 8e6, high: 12e6 });
    assert.equal(r.money.currency, 'CNY');
    const t = parseMoney('8 to 12M CNY');
    assert.ok(t.ok);
    assert.deepEqual(t.money.range, { low: 8e6, high: 12e6 });
  });

  it('rejects reversed bounds and mixed currencies with a reason', () => {
    const rev = parseMoney('¥12M–¥8M');
    assert.ok(!rev.ok && /low end is above the high end/.test(rev.reason));
    const mixed = parseMoney('€8M–£12M');
    assert.ok(!mixed.ok && /two different currencies/.test(mixed.reason));
    assert.ok(!parseMoney('¥8M–lots').ok);
  });

  it('a negative point amount is not a range', () => {
    const r = parseMoney('-¥3M');
    assert.ok(r.ok);
    assert.equal(r.money.amount, -3e6);
    assert.equal(r.money.range, undefined);
  });
});

describe('sensitivity (tornado)', () => {
  it('moves the runway with cash and burn, and break-even with revenue and costs; widest runway swing first', () => {
    const t = tornado(base(), 20);
    assert.equal(t.runway, 10);
    assert.equal(t.breakEven, '2027');
    assert.deepEqual(
      t.bars.map((b) => b.id),
      ['burn', 'cash', 'revenue', 'costs', 'personnel'],
    );
    const burn = t.bars.find((b) => b.id === 'burn')!;
    assert.equal(burn.runwayLow, 3e6 / 240e3);
    assert.equal(burn.runwayHigh, 3e6 / 360e3);
    const revenue = t.bars.find((b) => b.id === 'revenue')!;
    assert.equal(revenue.breakEvenLow, 'not reached'); // 2027: 6.4M − 7.7M < 0
    assert.equal(revenue.breakEvenHigh, '2027');
  });

  it('runway at ±N % of cash is the point runway scaled by (1 ± N %) for any plan', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 1, max: 1e8 }),
        fc.integer({ min: 1, max: 90 }),
        (cash, burn, pct) => {
          const t = tornado({ financing: { cash_on_hand: cash }, financials: { monthly_burn: burn } }, pct);
          const bar = t.bars.find((b) => b.id === 'cash')!;
          assert.ok(Math.abs(bar.runwayLow! - (cash * (1 - pct / 100)) / burn) < 1e-9 * (cash / burn + 1));
          assert.ok(bar.runwayLow! <= t.runway! && t.runway! <= bar.runwayHigh!);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('Monte Carlo runway', () => {
  it('P50 of a plan without ranges equals its point value, at every percentile (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 1, max: 1e8 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (cash, burn, seed) => {
          const data = { financing: { cash_on_hand: cash }, financials: { monthly_burn: burn } };
          const mc = runwayMonteCarlo(data, 1000, seed)!;
          const point = runwayMonths(cash, burn)!;
          assert.equal(mc.uncertain, false);
          assert.equal(mc.p50, point);
          assert.equal(mc.p10, point);
          assert.equal(mc.p90, point);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('with ranges: seeded (same numbers every run), ordered P10 ≤ P50 ≤ P90, 10,000 samples by default', () => {
    const p = base();
    p.financing.cash_on_hand = '¥2M–¥4M';
    p.financials.monthly_burn = '¥250k–¥350k';
    const a = runwayMonteCarlo(p)!;
    const b = runwayMonteCarlo(p)!;
    assert.deepEqual(a, b);
    assert.equal(a.samples, 10_000);
    assert.ok(a.uncertain);
    assert.ok(a.p10 < a.p50 && a.p50 < a.p90, JSON.stringify(a));
    // Cash ~ U(2M, 4M) over burn ~ U(250k, 350k): the median is near 10 months; the bounds are 5.7 and 16.
    assert.ok(Math.abs(a.p50 - 10) < 0.3, String(a.p50));
    assert.ok(a.p10 > 5.7 && a.p90 < 16);
    assert.equal(formatDate(a.end!.p50).slice(0, 7), '2026-11');
  });
});
