import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../../support/fixtures';
import { fixTitles, service } from './support';

async function planDiagnostics(...rel: string[]) {
  const p = path.join(REPO_ROOT, ...rel);
  const all = await service.validate({ uri: pathToFileURL(p).toString(), text: readFileSync(p, 'utf8') });
  return all.filter((d) => /^PLAN-0(0[1-9]|1[0-7])$/.test(String(d.code)));
}

describe('BusinessPlan rules on the shipped example and on unusual input', () => {
  it('the medical-diagnosis example plan gives no PLAN diagnostics', async () => {
    const diagnostics = await planDiagnostics('examples', 'medical-diagnosis', 'lung-nodule.plan.yaml');
    assert.deepEqual(
      diagnostics.map((d) => `${String(d.code)} line ${d.range.start.line + 1}: ${d.message}`),
      [],
    );
  });

  it('report wrong shapes without throwing, and never overwrite a non-empty value with a stub', async () => {
    const diagnostics = await planDiagnostics('test', 'fixtures', 'rules', 'robustness', 'odd-shapes.plan.yaml');
    assert.deepEqual([...new Set(diagnostics.map((d) => String(d.code)))].sort(), [
      'PLAN-002',
      'PLAN-005',
      'PLAN-009',
      'PLAN-010',
      'PLAN-012',
      'PLAN-013',
      // `channels: venture_capital` is read as a one-item list: a single financing channel.
      'PLAN-015',
    ]);
    assert.equal(
      diagnostics.filter((d) => d.code === 'PLAN-002').length,
      6,
      'no currency, and five values of the wrong shape',
    );
    const mapping = diagnostics.find(
      (d) => d.code === 'PLAN-010' && /no mitigation: say how you reduce it\.$/.test(String(d.message)),
    );
    assert.ok(mapping, 'a mapping is no mitigation; without a category there are no suggestions');
    assert.deepEqual(fixTitles(mapping), []);
  });
});
