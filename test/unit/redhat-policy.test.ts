import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { loadSchemas } from '../../server/src/host/schemas';
import { fixture, REPO_ROOT } from '../support/fixtures';

/**
 * With Red Hat's YAML extension active, the client sends schemaDiagnostics: false (setting "auto"): that extension
 * reports structural problems from the same schema, so Liftoff must not report them a second time — but its
 * semantic rules, which Red Hat cannot check, still run.
 */
describe('structural diagnostics when Red Hat YAML validates the same files', () => {
  const schemas = loadSchemas(path.join(REPO_ROOT, 'schemas'));
  const doc = fixture('lsp/planted.experiment.yaml');

  it('reports schema problems itself by default', async () => {
    const codes = (await createLanguageService({}, { schemas }).validate(doc)).map((d) => d.code);
    assert.equal(codes.filter((c) => c === 'SCHEMA').length, 3);
  });

  it('leaves them to Red Hat when told so, and keeps every semantic rule', async () => {
    const codes = (await createLanguageService({ schemaDiagnostics: false }, { schemas }).validate(doc)).map(
      (d) => d.code,
    );
    assert.equal(codes.filter((c) => c === 'SCHEMA').length, 0);
    for (const c of ['EXP-002', 'EXP-003', 'EXP-006', 'EXP-009', 'EXP-011', 'EXP-014', 'EXP-020'])
      assert.ok(codes.includes(c), `${c} still reported`);
  });
});
