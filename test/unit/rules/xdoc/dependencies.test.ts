import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LanguageService } from '../../../../server/src/service';
import { checkFile, workspace, xdocService } from './support';

describe('XDOC rules re-check a plan when its linked experiment changes on disk', () => {
  let dir: string;
  let service: LanguageService;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-xdoc-deps-'));
    cpSync(workspace('xdoc-002'), dir, { recursive: true });
    service = xdocService(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records the experiment as a dependency of the plan and reads its new content on the next validation', async () => {
    const planPath = path.join(dir, 'fail.plan.yaml');
    const experimentPath = path.join(dir, 'nodule.experiment.yaml');
    const before = await checkFile(service, planPath, 'XDOC-002');
    assert.ok(before.diagnostics.some((d) => /below the minimum 0.95/.test(String(d.message))));
    assert.deepEqual(service.dependents(experimentPath), [pathToFileURL(planPath).toString()]);

    const original = readFileSync(experimentPath, 'utf8');
    writeFileSync(
      experimentPath,
      original
        .replace('recall: {min: 0.95}', 'recall: {min: 0.9}')
        .replace('[accuracy, recall, specificity, auc]', '[accuracy, recall, specificity, auc, dice]'),
    );
    const after = await checkFile(service, planPath, 'XDOC-002');
    assert.ok(
      !after.diagnostics.some((d) => /minimum/.test(String(d.message))),
      'the lowered threshold no longer contradicts the KPI',
    );
    assert.ok(
      !after.diagnostics.some((d) => /measured by `dice`/.test(String(d.message))),
      'the newly evaluated metric is found',
    );
    assert.equal(after.diagnostics.length, before.diagnostics.length - 2);

    rmSync(experimentPath);
    assert.deepEqual((await checkFile(service, planPath, 'XDOC-002')).diagnostics, []);
    assert.equal(
      (await checkFile(service, planPath, 'XDOC-001')).diagnostics.length,
      5,
      'every KPI link now points to a missing file',
    );
    assert.deepEqual(
      service.dependents(experimentPath),
      [pathToFileURL(planPath).toString()],
      'a missing file is still watched, so creating it re-validates the plan',
    );
  });
});
