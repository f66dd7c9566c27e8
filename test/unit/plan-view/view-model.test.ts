import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { breakEven, runway } from '../../../core/src/plan/finance';
import { formatDate } from '../../../core/src/plan/dates';
import { heatMap } from '../../../core/src/plan/risk';
import { formatMonths } from '../../../core/src/plan/render/format';
import { blockOf, EXAMPLE, figure, modelOf, section } from './support';

interface PlanJs {
  metadata: { date: unknown };
  financing: { cash_on_hand: unknown; rounds: Array<Record<string, unknown>> };
  financials: { monthly_burn: unknown; periods: Array<Record<string, unknown>> };
  risks: Array<{ likelihood: unknown; impact: unknown }>;
}

describe('plan view model: the example plan', () => {
  const text = readFileSync(EXAMPLE, 'utf8');
  const plan = parse(text) as PlanJs;

  it('lists every section in preview order, numbered from 1, with the plan header', async () => {
    const model = await modelOf(EXAMPLE);
    assert.equal(model.status, 'ok');
    assert.equal(model.title, 'LungScan AI seed plan');
    assert.deepEqual(
      model.sections.map((s) => `${s.number} ${s.title}`),
      [
        '1 Overview',
        '2 Problem',
        '3 Solution',
        '4 Value proposition',
        '5 Target users',
        '6 Market',
        '7 Project selection',
        '8 Business model',
        '9 Go-to-market',
        '10 Team',
        '11 Financing',
        '12 Financials',
        '13 KPIs',
        '14 Milestones',
        '15 Risks',
        '16 Contingency plans',
      ],
    );
    assert.deepEqual(
      model.facts.map((f) => f.label),
      ['Company', 'Stage', 'Sector', 'Date', 'Currency'],
    );
    assert.equal(model.currency, 'CNY');
    assert.deepEqual(model.missing, []);
    assert.deepEqual(model.notes, [], 'everything in the example can be drawn');
  });

  it('shows the runway, its end and the break-even period that core computes', async () => {
    const model = await modelOf(EXAMPLE);
    const r = runway(plan.financing, plan.financials.monthly_burn, plan.metadata.date);
    assert.ok(r?.end);
    const fig = figure(model.summary, 'runway');
    assert.equal(fig.value, formatMonths(r.months));
    assert.equal(fig.value, '10 months');
    assert.match(fig.hint ?? '', new RegExp(`cash runs out around ${formatDate(r.end)}`));
    assert.deepEqual(
      figure(blockOf(section(model, 'financials'), 'figures')!.items, 'runway'),
      fig,
      'the Financials section shows the same figure',
    );

    const be = breakEven(plan.financials.periods);
    assert.equal(be?.index, 1);
    assert.equal(figure(model.summary, 'break-even').value, '2027');
    assert.equal(blockOf(section(model, 'financials'), 'periods')?.breakEvenIndex, be.index);
  });

  it('draws the heat map with core’s counts, highest-score risks first in the table', async () => {
    const model = await modelOf(EXAMPLE);
    const risks = section(model, 'risks');
    const map = blockOf(risks, 'heatmap');
    assert.ok(map);
    assert.equal(map.cells.length, 25);
    const counts = heatMap(plan.risks);
    for (const c of map.cells)
      assert.equal(c.count, counts[c.likelihood - 1]?.[c.impact - 1], `cell L${c.likelihood} × I${c.impact}`);
    assert.equal(
      map.cells.reduce((s, c) => s + c.count, 0),
      plan.risks.length,
    );
    const high = map.cells.find((c) => c.likelihood === 3 && c.impact === 5);
    assert.deepEqual([high?.level, high?.riskIds], ['high', ['r-reg']]);
    const table = risks.blocks.find((b) => b.kind === 'table');
    assert.equal(table?.kind === 'table' && table.rows[0]?.cells[0], 'r-reg');
  });

  it('gives charts their data: funnel, donuts, periods, Gantt, KPIs, team by role', async () => {
    const model = await modelOf(EXAMPLE);
    assert.deepEqual(
      blockOf(section(model, 'market'), 'funnel')?.levels.map((l) => `${l.label} ${l.display}`),
      ['TAM ¥12bn', 'SAM ¥1.2bn', 'SOM ¥60M'],
    );
    const funds = section(model, 'financing').blocks.find((b) => b.kind === 'donut');
    assert.equal(funds?.kind === 'donut' && funds.centre, '100 %');
    const periods = blockOf(section(model, 'financials'), 'periods');
    assert.deepEqual(
      periods?.periods.map((p) => [p.label, p.revenueDisplay, p.costsDisplay, p.profitDisplay]),
      [
        ['2026', '¥1.2M', '¥4.2M', '-¥3M'],
        ['2027', '¥8M', '¥7.7M', '¥300k'],
      ],
    );
    const gantt = blockOf(section(model, 'milestones'), 'gantt');
    assert.deepEqual(
      gantt?.bars.map((b) => b.id),
      ['m-data', 'm-model', 'm-pilot'],
    );
    assert.ok(gantt && gantt.bars.every((b) => b.start < b.end && b.start >= gantt.from && b.end <= gantt.to));
    assert.deepEqual(
      blockOf(section(model, 'kpis'), 'kpis')?.items.map((k) => `${k.baselineDisplay} → ${k.targetDisplay}`),
      ['80 % → 92 %', '52 hours → 24 hours'],
    );
    assert.deepEqual(
      blockOf(section(model, 'team'), 'team')?.groups.map((g) => g.role),
      ['CEO', 'CTO', 'Product manager', 'ML engineer', 'Compliance officer'],
    );
  });

  it('gives every element a YAML path and range to reveal', async () => {
    const model = await modelOf(EXAMPLE);
    const rows = section(model, 'risks').blocks.find((b) => b.kind === 'table');
    assert.ok(rows?.kind === 'table');
    const row = rows.rows.find((r) => r.cells[0] === 'r-cash');
    assert.deepEqual(row?.ref.path, ['risks', 4]);
    const line = text.split('\n').findIndex((l) => l.includes('id: r-cash'));
    assert.equal(row?.ref.range?.start.line, line);
    for (const s of model.sections) assert.ok(s.ref.range, `section ${s.id} has a range`);
  });

  it('puts each diagnostic beside the section it concerns (PLAN-004 on use_of_funds → Financing)', async () => {
    const edited = readFileSync(EXAMPLE, 'utf8').replace('{category: R&D, pct: 40}', '{category: R&D, pct: 45}');
    const model = await modelOf(EXAMPLE, edited);
    const financing = section(model, 'financing');
    const d = financing.diagnostics.find((x) => x.code === 'PLAN-004');
    assert.ok(d, JSON.stringify(model.sections.map((s) => [s.id, s.diagnostics.map((x) => x.code)])));
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.ref.path, ['financing', 'use_of_funds']);
    assert.ok(model.counts.errors >= 1);
    const donut = financing.blocks.find((b) => b.kind === 'donut');
    assert.equal(donut?.kind === 'donut' && donut.centre, '105 %');
    assert.ok(financing.blocks.some((b) => b.kind === 'note' && /add up to 105 %/.test(b.text)));
    for (const s of model.sections.filter((x) => x.id !== 'financing'))
      assert.ok(!s.diagnostics.some((x) => x.code === 'PLAN-004'));
  });
});
