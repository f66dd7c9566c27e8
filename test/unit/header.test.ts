import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service';
import { applyEdits, fixture } from '../support/fixtures';

const service = createLanguageService();

async function check(rel: string) {
  const doc = fixture(`header/${rel}`);
  // Only the header rule is under test here; documents this small also trip section rules (PLAN-001…).
  const diagnostics = (await service.validate(doc)).filter((d) => d.code === 'EXP-001' || d.code === 'PLAN-000');
  return { doc, diagnostics };
}

async function headerOnly(uri: string, text: string) {
  return (await service.validate({ uri, text })).filter((d) => d.code === 'EXP-001' || d.code === 'PLAN-000');
}

describe('header rule (EXP-001 / PLAN-000)', () => {
  it('passes a document with apiVersion and a known kind', async () => {
    assert.deepEqual((await check('pass.experiment.yaml')).diagnostics, []);
  });

  it('flags a headerless *.experiment.yaml on its first key line and the fix inserts the header', async () => {
    const { doc, diagnostics } = await check('missing.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d!.code, 'EXP-001');
    assert.equal(d!.range.start.line, 2, 'the first key is on line 3 (0-based 2)');
    assert.match(String(d!.message), /Missing `apiVersion: liftoff\/v1` and `kind: Experiment`/);
    assert.match(String(d!.codeDescription?.href), /#exp-001$/);
    const [action] = service.codeActions(doc, diagnostics);
    assert.ok(action, 'a quick fix is offered');
    const fixed = applyEdits(doc.text, action.edit!.changes![doc.uri]!);
    assert.match(fixed, /^# Headerless.*\n\napiVersion: liftoff\/v1\nkind: Experiment\nmetadata:/);
    assert.deepEqual(await headerOnly(doc.uri, fixed), [], 'the fix clears the diagnostic');
  });

  it('flags an unknown kind on the value itself with a "Change to" fix', async () => {
    const { doc, diagnostics } = await check('wrong-kind.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(diagnostics[0]!.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 15 } });
    assert.match(String(diagnostics[0]!.message), /found `Experimnt`/);
    const fixed = applyEdits(doc.text, service.codeActions(doc, diagnostics)[0]!.edit!.changes![doc.uri]!);
    assert.deepEqual(await headerOnly(doc.uri, fixed), []);
  });

  it('uses PLAN-000 for plans and inserts only what is missing', async () => {
    const { doc, diagnostics } = await check('missing-kind.plan.yaml');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'PLAN-000');
    const fixed = applyEdits(doc.text, service.codeActions(doc, diagnostics)[0]!.edit!.changes![doc.uri]!);
    assert.equal(fixed, 'kind: BusinessPlan\napiVersion: liftoff/v1\nmetadata:\n  name: plan\n');
  });

  it('recognises a headerless plan by its keys even without the file-name convention', async () => {
    const { diagnostics } = await check('looks-like-plan.yaml');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['PLAN-000'],
    );
  });

  it('leaves other YAML (a Kubernetes manifest) alone', async () => {
    assert.deepEqual((await check('kubernetes.yaml')).diagnostics, []);
  });

  it('honours `# liftoff-disable EXP-001`', async () => {
    assert.deepEqual((await check('suppressed.experiment.yaml')).diagnostics, []);
  });

  it('checks every document of a multi-document file', async () => {
    const { diagnostics } = await check('multi.plan.yaml');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['PLAN-000', 3]],
    );
  });

  it('explains an empty experiment file and offers the header', async () => {
    const { doc, diagnostics } = await check('empty.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0]!.message), /Empty Experiment document/);
    const fixed = applyEdits(doc.text, service.codeActions(doc, diagnostics)[0]!.edit!.changes![doc.uri]!);
    assert.deepEqual(await headerOnly(doc.uri, fixed), []);
  });
});
