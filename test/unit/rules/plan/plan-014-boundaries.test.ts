/**
 * PLAN-014 by property and at its edges: a KPI is flagged exactly when its target does not move from the baseline in
 * its direction (equal counts as not moving), with the matching message and the flip fix only for a real reversal;
 * a `unit: pct` baseline or target is flagged exactly outside 0–100 (0 and 100 pass).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { diagnosticsOf, fixTitles } from './support';

let serial = 0;
async function plan014(kpis: readonly string[]): Promise<LiftoffDiagnostic[]> {
  serial += 1;
  const text = [
    'apiVersion: liftoff/v1',
    'kind: BusinessPlan',
    'metadata: {name: kpis}',
    'kpis:',
    ...kpis.map((k) => `  - ${k}`),
    '',
  ].join('\n');
  return diagnosticsOf({ uri: `file:///tmp/plan014b-${serial}.plan.yaml`, text }, 'PLAN-014');
}

const value = fc.integer({ min: -5, max: 105 });

describe('PLAN-014 boundaries', () => {
  it('flags a target exactly when it does not move in its direction (property)', async () => {
    await fc.assert(
      fc.asyncProperty(value, value, fc.constantFrom('increase', 'decrease'), async (baseline, target, direction) => {
        const ds = await plan014([
          `{id: k, name: K, baseline: ${baseline}, target: ${target}, direction: ${direction}}`,
        ]);
        const moves = direction === 'increase' ? target > baseline : target < baseline;
        const which = target === baseline ? 'is equal to' : direction === 'increase' ? 'is below' : 'is above';
        const want = moves
          ? []
          : [
              `KPI \`k\` should ${direction} but its target ${target} ${which} its baseline ${baseline}: fix the target, the baseline or the direction.`,
            ];
        assert.deepEqual(
          ds.map((d) => d.message),
          want,
        );
        if (!moves)
          assert.deepEqual(
            fixTitles(ds[0]),
            target === baseline ? [] : [`Change direction to ${direction === 'increase' ? 'decrease' : 'increase'}`],
          );
      }),
      { numRuns: 120 },
    );
  });

  it('flags a percentage baseline or target exactly outside 0–100 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(value, value, async (baseline, target) => {
        const ds = await plan014([`{id: p, name: P, unit: pct, baseline: ${baseline}, target: ${target}}`]);
        const want = [
          ...(baseline < 0 || baseline > 100
            ? [`KPI \`p\` is a percentage (\`unit: pct\`) but its baseline is ${baseline}: use a value from 0 to 100.`]
            : []),
          ...(target < 0 || target > 100
            ? [`KPI \`p\` is a percentage (\`unit: pct\`) but its target is ${target}: use a value from 0 to 100.`]
            : []),
        ];
        assert.deepEqual(
          ds.map((d) => d.message),
          want,
        );
      }),
      { numRuns: 120 },
    );
    for (const [b, t] of [
      [0, 100],
      [100, 0],
      [-0.5, 100.5],
    ] as const) {
      const ds = await plan014([`{id: p, name: P, unit: pct, baseline: ${b}, target: ${t}}`]);
      assert.equal(ds.length, b === 0 || b === 100 ? 0 : 2, `${b} → ${t}`);
    }
  });

  it('reports on the target, as a warning, and skips KPIs without numbers, a target or a known direction', async () => {
    const ds = await plan014([
      '{id: a, name: A, target: 5, direction: increase}',
      '{id: b, name: B, baseline: 5, direction: increase}',
      '{id: c, name: C, baseline: 5, target: 1}',
      '{id: d, name: D, baseline: 5, target: 1, direction: stable}',
      '{id: e, name: E, baseline: many, target: 1, direction: increase}',
      '{id: f, name: F, unit: ratio, baseline: 500, target: 1, direction: increase}',
    ]);
    assert.deepEqual(
      ds.map((d) => [d.message, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        [
          'KPI `f` should increase but its target 1 is below its baseline 500: fix the target, the baseline or the direction.',
          2,
          9,
          57,
          58,
        ],
      ],
    );
  });

  it('reports a percentage out of range as a warning, an equal target to decrease, and skips a target that is not a number', async () => {
    const [pct] = await plan014(['{id: p, name: P, unit: pct, baseline: 50, target: 101}']);
    assert.equal(pct?.severity, 2);
    assert.deepEqual(
      (await plan014(['{id: d, name: D, baseline: 7, target: 7, direction: decrease}'])).map((d) => d.message),
      [
        'KPI `d` should decrease but its target 7 is equal to its baseline 7: fix the target, the baseline or the direction.',
      ],
    );
    assert.deepEqual(await plan014(['{id: h, name: H, baseline: 5, target: high, direction: increase}']), []);
  });

  it('offers the flip for a reversal', async () => {
    const ds = await plan014(['{id: g, name: G, baseline: 5, target: 1, direction: increase}']);
    assert.deepEqual(fixTitles(ds[0]), ['Change direction to decrease']);
  });
});
