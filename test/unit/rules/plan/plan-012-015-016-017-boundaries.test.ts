/**
 * PLAN-012, PLAN-015, PLAN-016 and PLAN-017 at their edges: the feasibility score of 2 that hands the technical risk
 * to PLAN-016, each sector and how many of its categories are missing; rounds on the same date, after one that went
 * back, with a zero amount, one channel; a due month equal to the plan's month, finished and unfinished statuses.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf, service } from './support';

let serial = 0;
async function messages(code: string, body: string, metadata = '{name: p, date: 2026-03-15}'): Promise<string[]> {
  serial += 1;
  const text = `apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: ${metadata}\n${body}\n`;
  const all = await service.validate({ uri: `file:///tmp/plan012b-${serial}.plan.yaml`, text });
  assert.deepEqual(
    all.filter((d) => d.code === 'LIFTOFF-INTERNAL'),
    [],
    'no rule failed',
  );
  return all.filter((d) => d.code === code).map((d) => String(d.message));
}
const risks = (...categories: string[]) =>
  `risks:\n${categories.map((c, i) => `  - {id: r${i}, title: R, category: ${c}}`).join('\n')}`;
const feasibility = (score: number) => `selection: {technical_feasibility: {score: ${score}}}\n`;

describe('PLAN-012 boundaries', () => {
  it('hands a missing technical risk to PLAN-016 at a feasibility score of 2 or less, not above', async () => {
    const base = risks('market', 'financial');
    assert.deepEqual(await messages('PLAN-012', `${feasibility(2)}${base}`), []);
    assert.deepEqual(await messages('PLAN-012', `${feasibility(1)}${base}`), []);
    const flagged = ['No `technical` risk: every plan needs at least one technical, market and financial risk.'];
    assert.deepEqual(await messages('PLAN-012', `${feasibility(3)}${base}`), flagged);
    assert.deepEqual(await messages('PLAN-012', base), flagged);
    assert.deepEqual(await messages('PLAN-012', 'risks: []'), []);
  });

  it('names the missing categories with "or", and the sector categories with its reason', async () => {
    assert.deepEqual(await messages('PLAN-012', risks('data')), [
      'No `technical`, `market` or `financial` risk: every plan needs at least one technical, market and financial risk.',
    ]);
    const all = risks('technical', 'market', 'financial');
    assert.deepEqual(await messages('PLAN-012', all, '{name: p, sector: healthcare}'), [
      '`metadata.sector` is healthcare, so `data` and `legal_compliance` risks are expected too (patient data and medical-device regulation).',
    ]);
    assert.deepEqual(await messages('PLAN-012', `${all}\n  - {id: d, category: data}`, '{name: p, sector: fintech}'), [
      '`metadata.sector` is fintech, so a `legal_compliance` risk is expected too (financial data and financial regulation).',
    ]);
    assert.deepEqual(
      await messages('PLAN-012', risks('technical', 'market', 'legal_compliance'), '{name: p, sector: fintech}'),
      [
        'No `financial` risk: every plan needs at least one technical, market and financial risk; and `metadata.sector` is fintech, so a `data` risk is expected too (financial data and financial regulation).',
      ],
    );
    assert.deepEqual(await messages('PLAN-012', risks('technical', 'market'), '{name: p, sector: healthcare}'), [
      'No `financial` risk: every plan needs at least one technical, market and financial risk; and `metadata.sector` is healthcare, so `data` and `legal_compliance` risks are expected too (patient data and medical-device regulation).',
    ]);
    assert.deepEqual(await messages('PLAN-012', all, '{name: p, sector: retail}'), []);
  });
});

describe('PLAN-015 boundaries', () => {
  const rounds = (...items: string[]) => `financing:\n  rounds:\n${items.map((r) => `    - ${r}`).join('\n')}`;

  it('accepts rounds on the same date, and compares a later round with the latest in order', async () => {
    assert.deepEqual(
      await messages('PLAN-015', rounds('{name: A, date: 2026-05}', '{name: B, date: 2026-05}', '{name: C}')),
      [],
    );
    assert.deepEqual(
      await messages(
        'PLAN-015',
        rounds(
          '{name: A, date: 2026-06}',
          '{name: B, date: 2026-02}',
          '{name: C, date: 2026-04}',
          '{name: D, date: 2026-07}',
        ),
      ),
      [
        'Round `B` (2026-02) is listed after `A` (2026-06): list the rounds in date order.',
        'Round `C` (2026-04) is listed after `A` (2026-06): list the rounds in date order.',
      ],
    );
  });

  it('flags a zero amount only, and one channel only', async () => {
    assert.deepEqual(
      await messages('PLAN-015', rounds('{name: A, amount: "¥0"}', '{name: B, amount: 1}', '{name: C, amount: ~}')),
      ["Round `A` raises 0: a round's amount must be positive (remove the round or write the target amount)."],
    );
    assert.deepEqual(await messages('PLAN-015', 'financing:\n  channels: [angel]'), [
      'Only one financing channel (angel): relying on a single source is a financing risk; consider others (angel, venture_capital, government_grant, bank_loan, strategic…).',
    ]);
    for (const channels of ['[angel, bank_loan]', '[]'])
      assert.deepEqual(await messages('PLAN-015', `financing:\n  channels: ${channels}`), [], channels);
  });
});

describe('PLAN-016 boundaries', () => {
  it('flags a score of 2 or less without a technical risk', async () => {
    const msg = (s: number) =>
      `\`selection.technical_feasibility\` scores ${s} (≤ 2) but no risk has \`category: technical\`: add the technical risk that makes feasibility doubtful, with its mitigation.`;
    assert.deepEqual(await messages('PLAN-016', `${feasibility(2)}${risks('market')}`), [msg(2)]);
    serial += 1;
    const [d] = await diagnosticsOf(
      {
        uri: `file:///tmp/plan016b-${serial}.plan.yaml`,
        text: `apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: p}\n${feasibility(2)}`,
      },
      'PLAN-016',
    );
    assert.equal(d?.severity, 2);
    assert.deepEqual(await messages('PLAN-016', feasibility(1)), [msg(1)]);
    assert.deepEqual(await messages('PLAN-016', `${feasibility(2.5)}${risks('market')}`), []);
    assert.deepEqual(await messages('PLAN-016', `${feasibility(2)}${risks('market', 'technical')}`), []);
    assert.deepEqual(await messages('PLAN-016', 'selection: {technical_feasibility: {score: low}}'), []);
  });
});

describe('PLAN-017 boundaries', () => {
  const milestones = (...items: string[]) => `milestones:\n${items.map((m) => `  - ${m}`).join('\n')}`;

  it('counts a due month as past only once the plan date is in a later month', async () => {
    assert.deepEqual(
      await messages(
        'PLAN-017',
        milestones(
          '{id: a, title: A, due: 2026-03}',
          '{id: b, title: B, due: 2026-02, status: in_progress}',
          '{id: c, title: C, due: 2026-03-14}',
          '{id: d, title: D, due: 2026-03-15}',
          '{id: e, title: E, due: 2026-01, status: done}',
          '{id: f, title: F, due: 2026-01, status: cancelled}',
        ),
      ),
      [
        'Milestone `b` was due 2026-02, before the plan date 2026-03-15, and is not done (status: in_progress): update its status or move its due date.',
        'Milestone `c` was due 2026-03-14, before the plan date 2026-03-15, and is not done (no status): update its status or move its due date.',
      ],
    );
  });

  it('needs a plan date and a due date', async () => {
    assert.deepEqual(await messages('PLAN-017', milestones('{id: a, title: A, due: 2020-01}'), '{name: p}'), []);
    assert.deepEqual(await messages('PLAN-017', milestones('{id: a, title: A}', '{id: b, due: soon}')), []);
  });
});
