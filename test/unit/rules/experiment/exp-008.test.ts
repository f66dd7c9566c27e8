import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import { applyEdits, fixture, FIXTURES } from '../../../support/fixtures';
import { expectDiagnostic, fixTitles } from './support';

const DIR = path.join(FIXTURES, 'rules', 'exp-008');
// Not incremental: no state kept from one mutation-testing mutant to the next (see ./support.ts).
const service = createLanguageService({}, { host: createNodeHost({ workspaceFolders: [DIR] }), incremental: false });

async function check(name: string): Promise<{ doc: { uri: string; text: string }; diagnostics: LiftoffDiagnostic[] }> {
  const f = fixture(`rules/exp-008/${name}`);
  const doc = { uri: f.uri, text: f.text };
  return { doc, diagnostics: (await service.validate(doc)).filter((d) => d.code === 'EXP-008') };
}

describe('EXP-008 data paths and CSV columns', () => {
  it('passes existing files, a BOM/quoted header, and columns that are all in the header', async () => {
    assert.deepEqual((await check('pass.experiment.yaml')).diagnostics, []);
  });

  it('leaves URIs and ${workspace} paths alone', async () => {
    assert.deepEqual((await check('remote.experiment.yaml')).diagnostics, []);
  });

  it('flags a missing file (suggesting a sibling), an unknown feature and target, and a split lacking a used column', async () => {
    const checked = await check('fail.experiment.yaml');
    const [missing, testSplit, feature, target] = checked.diagnostics;
    assert.equal(checked.diagnostics.length, 4);
    expectDiagnostic(
      missing,
      'EXP-008',
      /`data.validation` points to `data\/valdation.csv`, which does not exist .*Did you mean `validation.csv`\?/,
      [8, 14, 8, 32],
    );
    expectDiagnostic(
      testSplit,
      'EXP-008',
      /`data.test` \(`data\/test-short.csv`\) has no column `debt_ratio`.*Its columns: `age`, `income`, `status`/,
      [9, 8, 9, 27],
    );
    expectDiagnostic(
      feature,
      'EXP-008',
      /Feature column `incme` is not in the header of `data\/train.csv`; closest: `income`\. Columns: `age`, `income`, `debt_ratio`, `status`\./,
      [13, 6, 13, 11],
    );
    expectDiagnostic(
      target,
      'EXP-008',
      /Target column `statsu` is not in the header.*closest: `status`/,
      [15, 10, 15, 16],
    );
    assert.deepEqual(fixTitles(missing), ['Change to `data/validation.csv`']);
    const rename = service.codeActions(checked.doc, [feature!]).find((a) => /Rename to `income`/.test(a.title));
    assert.ok(rename);
    const fixed = applyEdits(checked.doc.text, rename.edit!.changes![checked.doc.uri]!);
    assert.match(fixed, /\n {4}- income\n/);
  });

  it('re-reads a CSV header edited on disk (mtime cache) and lists the document as its dependent', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-exp008-'));
    try {
      const csv = path.join(dir, 'data.csv');
      writeFileSync(csv, 'a,b,y\n1,2,3\n');
      const docPath = path.join(dir, 'edit.experiment.yaml');
      const text =
        'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: edit\ndata:\n  train: data.csv\n  features: [a, b]\n  target: y\n';
      writeFileSync(docPath, text);
      const local = createLanguageService({}, { host: createNodeHost({ workspaceFolders: [dir] }) });
      const doc = { uri: pathToFileURL(docPath).toString(), text };
      const codes = async () =>
        (await local.validate(doc)).filter((d) => d.code === 'EXP-008').map((d) => String(d.message));
      assert.deepEqual(await codes(), []);
      assert.deepEqual(local.dependents(csv), [doc.uri]);
      writeFileSync(csv, 'a,bee,y\n1,2,3\n');
      utimesSync(csv, new Date(), new Date(Date.now() + 5000));
      const after = await codes();
      assert.equal(after.length, 1);
      assert.match(after[0] ?? '', /Feature column `b` is not in the header of `data.csv`; closest: `bee`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays silent for unsaved documents (no path to resolve against)', async () => {
    const f = fixture('rules/exp-008/fail.experiment.yaml');
    assert.deepEqual(
      (await service.validate({ uri: 'untitled:Untitled-1', text: f.text })).filter((d) => d.code === 'EXP-008'),
      [],
    );
  });
});
