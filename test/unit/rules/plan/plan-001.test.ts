import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyFix, check, expectClean, expectDiagnostic, fixTitles } from './support';

describe('PLAN-001 core sections', () => {
  it('passes a plan with all six core sections', () => expectClean('plan-001/pass.plan.yaml'));

  it('warns on the kind when sections are missing; the fix appends commented skeletons', async () => {
    const checked = await check('plan-001/fail.plan.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const [d] = checked.diagnostics;
    expectDiagnostic(
      d,
      'PLAN-001',
      /no `market` and `risks` sections: reviewers expect the six core sections/,
      [1, 6, 1, 18],
      DiagnosticSeverity.Warning,
    );
    const fixed = await applyFix(checked, d, /Add the missing sections market, risks/);
    assert.ok(fixed.text.startsWith(checked.doc.text), 'appended at the end');
    assert.match(
      fixed.text,
      /\n# Trends, size .*\nmarket:\n  trends: \[\]\n  size: \{\}\n  competition: \{\}\n# Risks rated 1–5 .*\nrisks: \[\]\n$/,
    );
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('flags a blank section on its key (a file without a final line break)', async () => {
    const { diagnostics } = await check('plan-001/blank.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'PLAN-001', /The `overview` section is empty/, [5, 0, 5, 8]);
    assert.deepEqual(fixTitles(diagnostics[0]), []);
  });

  it('inserts into the document that lacks the section, before the next `---`', async () => {
    const checked = await check('plan-001/multi.plan.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(checked.diagnostics[0], 'PLAN-001', /no `risks` section/, [1, 6, 1, 18]);
    const fixed = await applyFix(checked, checked.diagnostics[0], /Add the missing section risks/);
    assert.match(fixed.text, /financials: \{periods: \[\]\}\n# Risks rated .*\nrisks: \[\]\n---\n/);
    assert.deepEqual(fixed.diagnostics, []);
  });
});
