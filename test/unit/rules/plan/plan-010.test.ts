import * as assert from 'node:assert/strict';
import { applyFix, check, expectClean, expectDiagnostic } from './support';

describe('PLAN-010 high risks need a mitigation and an owner', () => {
  it('passes mitigated, owned high risks and unrated or medium ones', () => expectClean('plan-010/pass.plan.yaml'));

  it('flags each missing field on the risk id', async () => {
    const { diagnostics } = await check('plan-010/fail.plan.yaml');
    assert.equal(diagnostics.length, 4);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-010',
      /High risk `r-model` \(likelihood 4 × impact 4 = 16, high from 15\) has no mitigation: .*staged rollout, fallback model/,
      [9, 8, 9, 15],
    );
    expectDiagnostic(diagnostics[1], 'PLAN-010', /High risk `r-model` .* has no owner/, [9, 8, 9, 15]);
    expectDiagnostic(
      diagnostics[2],
      'PLAN-010',
      /High risk `r-leak` \(likelihood 3 × impact 5 = 15, high from 15\) has no mitigation: .*anonymization, access control, data-processing agreements/,
      [15, 9, 15, 15],
    );
    expectDiagnostic(
      diagnostics[3],
      'PLAN-010',
      /High risk `r-reg` .* has no mitigation: .*early regulator engagement, compliance review/,
      [16, 8, 16, 13],
    );
  });

  it('inserts a block mitigation list with a comment into a block risk', async () => {
    const checked = await check('plan-010/fail.plan.yaml');
    const fixed = await applyFix(
      checked,
      checked.diagnostics[0],
      /Add a mitigation stub \(Staged rollout, Fallback model, Extra validation before release\)/,
    );
    assert.match(
      fixed.text,
      /    response: mitigate\n    mitigation: {2}# suggested for a technical risk: adapt to your plan\n      - Staged rollout\n      - Fallback model\n      - Extra validation before release\n  - \{id: r-leak/,
    );
    assert.deepEqual(
      fixed.diagnostics.map((d) => d.message.toString().slice(0, 40)),
      [
        'High risk `r-model` (likelihood 4 × impa',
        'High risk `r-leak` (likelihood 3 × impac',
        'High risk `r-reg` (likelihood 5 × impact',
      ],
    );
    assert.match(String(fixed.diagnostics[0]?.message), /no owner/);
  });

  it('inserts a flow list into a flow risk, and fills an empty `mitigation:`', async () => {
    const checked = await check('plan-010/fail.plan.yaml');
    const flow = await applyFix(checked, checked.diagnostics[2], /Add a mitigation stub/);
    assert.match(
      flow.text,
      /likelihood: 3, impact: 5, owner: cto, mitigation: \[Anonymization, Access control, Data-processing agreements\]\}\n/,
    );
    assert.equal(flow.diagnostics.filter((d) => /r-leak/.test(String(d.message))).length, 0);
    const empty = await applyFix(checked, checked.diagnostics[3], /Add a mitigation stub/);
    assert.match(empty.text, /\n    mitigation: \[Early regulator engagement, Compliance review\]\n    owner: cto\n/);
    assert.equal(empty.diagnostics.filter((d) => /r-reg/.test(String(d.message))).length, 0);
  });
});
