import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { blockOf, modelOf, planFixture, section, service } from './support';

describe('plan preview: scenarios, sensitivity and ranges', () => {
  it('compares scenarios side by side and shows the P10/P50/P90 runway of the ranges', async () => {
    const model = await modelOf(planFixture('what-if.plan.yaml'));
    const table = blockOf(section(model, 'scenarios'), 'table')!;
    assert.deepEqual(
      table.rows.map((r) => r.cells),
      [
        ['Plan as written', '10 months', '2026-11-15', '2027', '¥300k'],
        ['pessimistic', '7.5 months', '2026-08-31', 'not reached', '¥400k'],
        ['optimistic', '13.3 months', '2027-02-24', '2027', '¥300k'],
      ],
    );
    assert.deepEqual(table.rows[1]?.ref.path, ['scenarios', 0]);
    const financials = section(model, 'financials');
    const figures = financials.blocks.flatMap((b) => (b.kind === 'figures' ? b.items : []));
    assert.equal(figures.find((f) => f.id === 'runway-p50')?.value, '10 months');
    assert.match(figures.find((f) => f.id === 'runway-p10')?.value ?? '', /^8\.\d months$/);
    const sensitivity = financials.blocks.find((b) => b.kind === 'table' && b.id === 'sensitivity');
    assert.ok(sensitivity && sensitivity.kind === 'table');
    assert.deepEqual(sensitivity.rows[0]?.cells.slice(0, 3), ['Monthly burn', '12.5 months', '8.3 months']);
    const tornado = financials.blocks.find((b) => b.kind === 'tornado');
    assert.ok(tornado && tornado.kind === 'tornado');
    assert.equal(tornado.base, 10);
    assert.deepEqual(
      tornado.bars.map((b) => [b.label, b.lowDisplay, b.highDisplay]),
      [
        ['Monthly burn', '12.5 months', '8.3 months'],
        ['Cash on hand', '8 months', '12 months'],
      ],
    );
  });

  it('PLAN-018: a scenario whose plan breaks a rule is reported on its name; a change with a typo on its key', async () => {
    const file = planFixture('../rules/plan-018/fail.plan.yaml');
    const doc = { uri: pathToFileURL(file).toString(), text: readFileSync(file, 'utf8') };
    const found = (await service.validate(doc)).filter((d) => d.code === 'PLAN-018');
    assert.equal(found.length, 2);
    assert.match(String(found[0]!.message), /^Scenario `pessimistic` breaks PLAN-006: Runway is 6 months/);
    assert.equal(found[0]!.range.start.line, 13);
    assert.match(String(found[1]!.message), /Scenario `typo`: `financials\.monthly_bur`: the plan has no/);
    const pass = planFixture('../rules/plan-018/pass.plan.yaml');
    const ok = await service.validate({ uri: pathToFileURL(pass).toString(), text: readFileSync(pass, 'utf8') });
    assert.deepEqual(
      ok.filter((d) => d.code === 'PLAN-018'),
      [],
    );
  });
});
