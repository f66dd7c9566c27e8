import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import { applyEdits, fixture, FIXTURES } from '../../../support/fixtures';
import { expectDiagnostic } from './support';

const DIR = path.join(FIXTURES, 'rules', 'exp-023');
// Not incremental: no state kept from one mutation-testing mutant to the next (see ./support.ts).
const service = createLanguageService({}, { host: createNodeHost({ workspaceFolders: [DIR] }), incremental: false });

async function check(name: string): Promise<{ doc: { uri: string; text: string }; diagnostics: LiftoffDiagnostic[] }> {
  const f = fixture(`rules/exp-023/${name}`);
  const doc = { uri: f.uri, text: f.text };
  return { doc, diagnostics: (await service.validate(doc)).filter((d) => d.code === 'EXP-023') };
}

describe('EXP-023 unique experiment names', () => {
  it('passes a name no other experiment uses (a business plan of the same name does not count)', async () => {
    assert.deepEqual((await check('unique.experiment.yaml')).diagnostics, []);
  });

  it('flags a name another experiment file uses, naming that file, with a rename fix to a free name', async () => {
    const checked = await check('a.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const d = checked.diagnostics[0];
    expectDiagnostic(
      d,
      'EXP-023',
      /Experiment name `churn-mlp` is also used by `sub\/b.experiment.yaml`: each experiment needs its own name/,
      [3, 8, 3, 17],
    );
    assert.deepEqual(
      d?.relatedInformation?.map((r) => r.location.uri),
      [pathToFileURL(path.join(DIR, 'sub', 'b.experiment.yaml')).toString()],
    );
    const fix = service.codeActions(checked.doc, [d!]).find((a) => a.title === 'Rename to `churn-mlp-3`');
    assert.ok(fix, 'churn-mlp-2 is taken, so the fix proposes churn-mlp-3');
    assert.match(applyEdits(checked.doc.text, fix.edit!.changes![checked.doc.uri]!), /name: churn-mlp-3\n/);
  });

  it('flags the other file too, pointing back', async () => {
    const { diagnostics } = await check('sub/b.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'EXP-023', /also used by `a.experiment.yaml`/, [3, 8, 3, 17]);
  });

  it('compares with the text being edited, not the saved file', async () => {
    const f = fixture('rules/exp-023/unique.experiment.yaml');
    const diagnostics = (
      await service.validate({ uri: f.uri, text: f.text.replace('churn-gbdt', 'churn-mlp-2') })
    ).filter((d) => d.code === 'EXP-023');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-023',
      /`churn-mlp-2` is also used by `sub\/second.experiment.yml`/,
      [3, 8, 3, 19],
    );
  });
});
