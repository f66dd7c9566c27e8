/**
 * PLAN-010 and PLAN-011 at their edges: the high-risk score (15 is high, 12 is not), the messages with and without
 * a known category, every instrument word that makes a transfer acceptable (and look-alikes that do not), accept
 * without a contingency, and mitigate without a mitigation left to PLAN-010 for high risks.
 */
import * as assert from 'node:assert/strict';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { fixedText } from '../support';
import { diagnosticsOf, fixTitles, service } from './support';

let serial = 0;
async function risks(code: string, ...items: string[]): Promise<LiftoffDiagnostic[]> {
  serial += 1;
  const text = [
    'apiVersion: liftoff/v1',
    'kind: BusinessPlan',
    'metadata: {name: risks}',
    'risks:',
    ...items.map((r) => `  - ${r}`),
    '',
  ].join('\n');
  return diagnosticsOf({ uri: `file:///tmp/plan010b-${serial}.plan.yaml`, text }, code);
}
const messages = async (code: string, ...items: string[]) => (await risks(code, ...items)).map((d) => d.message);

describe('PLAN-010 boundaries', () => {
  it('counts 15 as high and 12 as not; an owner alone or a mitigation alone leaves the other missing', async () => {
    assert.deepEqual(await messages('PLAN-010', '{id: r, title: R, likelihood: 3, impact: 4}'), []);
    assert.deepEqual(await messages('PLAN-010', '{id: r, title: R, likelihood: 5, impact: 3, owner: ceo}'), [
      'High risk `r` (likelihood 5 × impact 3 = 15, high from 15) has no mitigation: say how you reduce it.',
    ]);
    assert.deepEqual(await messages('PLAN-010', '{id: r, title: R, likelihood: 5, impact: 3, mitigation: Pilots}'), [
      'High risk `r` (likelihood 5 × impact 3 = 15, high from 15) has no owner: name the team member (an id from `team.members`) who watches it and acts on it.',
    ]);
    assert.deepEqual(await messages('PLAN-010', '{id: r, title: R, likelihood: 5, impact: 3}'), [
      'High risk `r` (likelihood 5 × impact 3 = 15, high from 15) has no mitigation: say how you reduce it.',
      'High risk `r` (likelihood 5 × impact 3 = 15, high from 15) has no owner: name the team member (an id from `team.members`) who watches it and acts on it.',
    ]);
  });

  it('suggests actions for a known category only, and offers the stub for any', async () => {
    const [known] = await risks('PLAN-010', '{id: r, title: R, category: market, likelihood: 5, impact: 5, owner: a}');
    assert.equal(
      known?.message,
      'High risk `r` (likelihood 5 × impact 5 = 25, high from 15) has no mitigation: say how you reduce it, e.g. pilot customers, staged launch.',
    );
    assert.equal(known?.severity, 1);
    assert.deepEqual(fixTitles(known), ['Add a mitigation stub (Pilot customers, Staged launch)']);
    const [other] = await risks('PLAN-010', '{id: r, title: R, category: weather, likelihood: 5, impact: 5, owner: a}');
    assert.equal(
      other?.message,
      'High risk `r` (likelihood 5 × impact 5 = 25, high from 15) has no mitigation: say how you reduce it.',
    );
    assert.deepEqual(fixTitles(other), ['Add a mitigation stub (Describe how the likelihood or impact is reduced)']);
  });
});

describe('PLAN-010 quick fix on an explicit null', () => {
  it('replaces `mitigation: ~` or `null` with the stub instead of writing the stub before it', async () => {
    for (const [risk, want] of [
      [
        '{id: r, title: R, category: market, likelihood: 5, impact: 5, owner: a, mitigation: ~}',
        '{id: r, title: R, category: market, likelihood: 5, impact: 5, owner: a, mitigation: [Pilot customers, Staged launch]}',
      ],
      [
        '{id: r, title: R, category: market, likelihood: 5, impact: 5, owner: a, mitigation: null}',
        '{id: r, title: R, category: market, likelihood: 5, impact: 5, owner: a, mitigation: [Pilot customers, Staged launch]}',
      ],
    ] as const) {
      serial += 1;
      const doc = {
        uri: `file:///tmp/plan010b-${serial}.plan.yaml`,
        text: `apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: risks}\nrisks:\n  - ${risk}\n`,
      };
      const [d] = await diagnosticsOf(doc, 'PLAN-010');
      assert.equal(fixedText(service, doc, d, /Add a mitigation stub/), doc.text.replace(risk, want));
    }
  });
});

describe('PLAN-011 boundaries', () => {
  const transfer = (mitigation: string) =>
    `{id: r, title: R, likelihood: 1, impact: 1, response: transfer, mitigation: ${JSON.stringify(mitigation)}}`;

  it('accepts a transfer whose mitigation names any instrument, in any case', async () => {
    for (const words of [
      'Insurance policy',
      'REINSURANCE',
      'Contract with the vendor',
      'Outsourcing',
      'Warranty',
      'Indemnity clause',
      'Guarantee',
      'an SLA with the host',
      'Hedging',
      'Loan',
      'credit line',
      'line of credit',
      'Escrow',
      'Liability cover',
      'Performance bond',
      '购买保险',
      '签订合同',
      '外包给供应商',
      '银行担保',
      '服务协议',
    ])
      assert.deepEqual(await messages('PLAN-011', transfer(words)), [], words);
  });

  it('flags a transfer whose mitigation names no instrument, or none at all', async () => {
    const none =
      'Risk `r` is transferred (`response: transfer`) but its mitigation names no instrument that carries it: name the insurance, contract, outsourcing agreement, guarantee or loan facility that takes the risk over.';
    assert.equal((await risks('PLAN-011', transfer('Ask a friend')))[0]?.severity, 1);
    assert.equal((await risks('PLAN-011', '{id: r, title: R, response: accept}'))[0]?.severity, 1);
    for (const words of ['SLAs', 'ISLAND', 'credit', 'line', 'Ask a friend'])
      assert.deepEqual(await messages('PLAN-011', transfer(words)), [none], words);
    assert.deepEqual(await messages('PLAN-011', '{id: r, title: R, response: transfer}'), [
      'Risk `r` is transferred (`response: transfer`) but its mitigation is missing: name the insurance, contract, outsourcing agreement, guarantee or loan facility that takes the risk over.',
    ]);
  });

  it('needs a contingency for accept, and a mitigation for mitigate unless the risk is high', async () => {
    assert.deepEqual(await messages('PLAN-011', '{id: r, title: R, response: accept, contingency: c1}'), []);
    assert.deepEqual(await messages('PLAN-011', '{id: r, title: R, response: accept}'), [
      'Risk `r` is accepted (`response: accept`) but has no `contingency`: link the contingency plan (an id from `contingency_plans`) to follow if it happens.',
    ]);
    assert.deepEqual(
      await messages('PLAN-011', '{id: r, title: R, response: mitigate, likelihood: 5, impact: 3, owner: a}'),
      [],
    );
    const [low] = await risks(
      'PLAN-011',
      '{id: r, title: R, category: data, response: mitigate, likelihood: 3, impact: 4}',
    );
    assert.equal(
      low?.message,
      'Risk `r` is mitigated (`response: mitigate`) but has no `mitigation`: list the actions that reduce it.',
    );
    assert.equal(low?.severity, 1);
    assert.deepEqual(fixTitles(low), [
      'Add a mitigation stub (Anonymization, Access control, Data-processing agreements)',
    ]);
    assert.deepEqual(await messages('PLAN-011', '{id: r, title: R, response: mitigate, mitigation: Pilots}'), []);
    assert.deepEqual(await messages('PLAN-011', '{id: r, title: R, response: avoid}'), []);
  });
});
