import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { heatMap } from '../../../core/src/plan/risk';
import { blockOf, EXAMPLE, figure, modelOf, planFixture, section } from './support';
import { FIXTURES } from '../../support/fixtures';
import { planWithRisks } from '../../support/plans';
import * as path from 'node:path';

describe('plan view model: bad input never throws and says what it could not draw', () => {
  it('every section empty: each section says so', async () => {
    const model = await modelOf(planFixture('empty-sections.plan.yaml'));
    assert.equal(model.status, 'ok');
    assert.equal(model.sections.length, 16);
    for (const s of model.sections) {
      assert.ok(
        s.blocks.some((b) => b.kind === 'note'),
        `${s.id}: ${JSON.stringify(s.blocks)}`,
      );
      assert.ok(
        s.blocks.every((b) => b.kind === 'note' || b.kind === 'figures'),
        `${s.id} draws nothing but notes and placeholder figures`,
      );
    }
    assert.equal(figure(model.summary, 'runway').value, '—');
  });

  it('wrong types everywhere: notes name the values, the rest still renders', async () => {
    const model = await modelOf(planFixture('wrong-types.plan.yaml'));
    assert.equal(model.status, 'ok');
    assert.ok(model.notes.length >= 8, model.notes.join('\n'));
    const all = model.notes.join('\n');
    assert.match(all, /metadata\.currency/);
    assert.match(all, /market\.size\.tam\.value: lots is not an amount/);
    assert.match(all, /share_pct` is missing or not a number/);
    assert.match(all, /Milestone `m1` has no valid `start` or `due`/);
    assert.match(all, /no valid `likelihood` and `impact`/);
    assert.ok(
      model.sections.some((s) => s.id === 'extra_section'),
      'an unknown section is shown generically',
    );
    assert.equal(blockOf(section(model, 'risks'), 'heatmap')?.rated, 1);
    assert.equal(figure(model.summary, 'runway').value, '—');
  });

  it('the rules’ odd-shapes fixture renders too', async () => {
    const model = await modelOf(path.join(FIXTURES, 'rules', 'robustness', 'odd-shapes.plan.yaml'));
    assert.equal(model.status, 'ok');
    assert.ok(model.sections.length > 5);
  });

  it('1,000 risks: all counted on the heat map and listed in the table', async () => {
    const text = planWithRisks(1000);
    const model = await modelOf(EXAMPLE, text);
    const risks = section(model, 'risks');
    const map = blockOf(risks, 'heatmap');
    assert.equal(
      map?.cells.reduce((s, c) => s + c.count, 0),
      1000,
    );
    const inputs = Array.from({ length: 1000 }, (_, i) => ({ likelihood: (i % 5) + 1, impact: ((i * 7) % 5) + 1 }));
    const counts = heatMap(inputs);
    for (const c of map?.cells ?? []) assert.equal(c.count, counts[c.likelihood - 1]?.[c.impact - 1]);
    assert.ok(
      map?.cells.every((c) => c.riskIds.length <= 12),
      'tooltips list at most 12 ids',
    );
    const table = risks.blocks.find((b) => b.kind === 'table');
    assert.equal(table?.kind === 'table' && table.rows.length, 1000);
  });

  it('unknown currency: amounts without a symbol, and a note says why', async () => {
    const model = await modelOf(planFixture('unknown-currency.plan.yaml'));
    assert.equal(model.currency, undefined);
    assert.match(model.notes.join('\n'), /"ZZZ" is not a known ISO 4217 code/);
    assert.equal(figure(model.summary, 'runway').value, '12 months');
    assert.match(figure(model.summary, 'runway').hint ?? '', /^1\.2M cash ÷ 100k\/month/);
  });

  it('not a plan, a syntax error, or a file over the size limit: a status and a message', async () => {
    const experiment = await modelOf(path.join(FIXTURES, 'header', 'pass.experiment.yaml'));
    assert.equal(experiment.status, 'not-a-plan');
    assert.match(experiment.message ?? '', /kind: BusinessPlan/);
    const broken = await modelOf(EXAMPLE, readFileSync(EXAMPLE, 'utf8').replace('currency: CNY', 'currency: [CNY'));
    assert.equal(broken.status, 'syntax-error');
    assert.match(broken.message ?? '', /line \d+/);
    const big = await modelOf(EXAMPLE, `kind: BusinessPlan\n# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    assert.equal(big.status, 'too-big');
  });
});
