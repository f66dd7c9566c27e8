import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { check, diagnosticsOf, expectClean, expectDiagnostic } from './support';
import { fixture } from '../../../support/fixtures';

describe('PLAN-012 risk coverage', () => {
  it('passes a fintech plan with technical, market, financial, data and legal risks', () =>
    expectClean('plan-012/pass.plan.yaml'));
  it('leaves an empty risk list to PLAN-001', () => expectClean('plan-001/pass.plan.yaml', 'PLAN-012'));

  it('lists the missing categories, sector ones included, on the risks key', async () => {
    const { diagnostics } = await check('plan-012/fail.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-012',
      /^No `market` or `financial` risk: every plan needs .*; and `metadata.sector` is healthcare, so `data` and `legal_compliance` risks are expected too \(patient data/,
      [6, 0, 6, 5],
      DiagnosticSeverity.Warning,
    );
  });

  it('names a single missing sector category', async () => {
    const { diagnostics } = await check('plan-012/sector-only.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'PLAN-012',
      /^`metadata.sector` is fintech, so a `legal_compliance` risk is expected too/,
      [6, 0, 6, 5],
    );
  });

  describe('a missing technical risk in a plan whose technical feasibility is doubtful', () => {
    const doc = (score: number) => {
      const f = fixture('rules/plan-016/fail.plan.yaml');
      return { uri: f.uri, text: f.text.replace('score: 2,', `score: ${score},`) };
    };
    it("is PLAN-016's finding alone when the score is ≤ 2 (one problem, one warning)", async () => {
      assert.deepEqual(await diagnosticsOf(doc(2), 'PLAN-012'), []);
      assert.equal((await diagnosticsOf(doc(2), 'PLAN-016')).length, 1);
      assert.deepEqual(await diagnosticsOf(doc(1), 'PLAN-012'), []);
    });
    it("is PLAN-012's when the score is above 2", async () => {
      const [d] = await diagnosticsOf(doc(3), 'PLAN-012');
      assert.match(String(d?.message), /^No `technical` risk/);
      assert.deepEqual(await diagnosticsOf(doc(3), 'PLAN-016'), []);
    });
  });
});
