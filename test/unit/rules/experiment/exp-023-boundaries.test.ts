/**
 * EXP-023 through a fake workspace index: the document itself (by URI, or by path under another spelling) never
 * clashes; clashing documents are named by their workspace-relative path, else relative to this file, else by URI; the
 * rename fix takes the first free `-N`; each clash gets a related-information entry at the top of its file.
 */
import * as assert from 'node:assert/strict';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { NULL_HOST, type WorkspaceDocument } from '../../../../server/src/service/host';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, only } from './support';

let n = 0;

async function exp023(
  name: string | null,
  index: Record<string, WorkspaceDocument[]>,
  uri = `file:///ws/exp/e${n++}.experiment.yaml`,
): Promise<{ diagnostics: LiftoffDiagnostic[]; fixed: () => string; uri: string; asked: string[] }> {
  const asked: string[] = [];
  const service = createLanguageService(
    {},
    {
      host: {
        ...NULL_HOST,
        documentsNamed: async (kind, named) => {
          assert.equal(kind, 'Experiment');
          assert.equal(typeof named, 'string', 'the index is asked for a name');
          asked.push(named);
          return index[named] ?? [];
        },
      },
    },
  );
  // `null`: a document without `metadata.name`.
  const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  ${name === null ? 'owner: me' : `name: ${name}`}\n`;
  const diagnostics = only(await service.validate({ uri, text }), 'EXP-023');
  for (const d of diagnostics) assert.equal(d.severity, 1, String(d.message));
  const fixed = () => {
    const action = service.codeActions({ uri, text }, diagnostics)[0];
    assert.ok(action, 'a quick fix');
    return applyEdits(text, action.edit!.changes![uri]!);
  };
  return { diagnostics, fixed, uri, asked };
}

const doc = (uri: string, relativePath?: string): WorkspaceDocument => ({ uri, kind: 'Experiment', relativePath });
const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

describe('EXP-023 boundaries', () => {
  it('names each clash (workspace path, else relative to this file, else the URI) and points at it', async () => {
    const others = [
      doc('file:///ws/other/a.experiment.yaml', 'other/a.experiment.yaml'),
      doc('file:///ws/exp/sub/b.experiment.yaml'),
      doc('untitled:Untitled-3'),
      doc('file:///ws/c%20d.experiment.yaml'),
    ];
    const r = await exp023('churn', { churn: others });
    assert.deepEqual(
      r.diagnostics.map((d) => String(d.message)),
      [
        'Experiment name `churn` is also used by `other/a.experiment.yaml`, `sub/b.experiment.yaml`, `untitled:Untitled-3`, `../c d.experiment.yaml`: each experiment needs its own name, since runs, metrics and links are keyed by it.',
      ],
    );
    assert.deepEqual(r.diagnostics[0]!.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } });
    assert.deepEqual(
      r.diagnostics[0]!.relatedInformation,
      others.map((o) => ({
        location: { uri: o.uri, range: TOP },
        message: 'Experiment `churn` is also defined here.',
      })),
    );
    assert.deepEqual(fixTitles(r.diagnostics[0]), ['Rename to `churn-2`']);
    assert.match(r.fixed(), /name: churn-2\n$/);
  });

  it('the fix takes the first free number; a name that needs quoting is quoted', async () => {
    const taken = (k: string) => [doc(`file:///ws/${k}.experiment.yaml`)];
    const r = await exp023('m', { m: taken('a'), 'm-2': taken('b'), 'm-3': taken('c'), 'm-5': taken('d') });
    assert.deepEqual(fixTitles(r.diagnostics[0]), ['Rename to `m-4`']);
    assert.deepEqual(r.asked, ['m', 'm-2', 'm-3', 'm-4']);
    const quoted = await exp023('"a b"', { 'a b': taken('a') });
    assert.match(quoted.fixed(), /name: "a b-2"\n$/);
  });

  it('the document itself is not a clash: the same URI, or the same path written another way', async () => {
    const uri = 'file:///ws/exp/self.experiment.yaml';
    const r = await exp023('me', { me: [doc(uri), doc('file:///ws/exp/./sub/../self.experiment.yaml')] }, uri);
    assert.deepEqual(r.diagnostics, []);
    const other = await exp023('me', { me: [doc('file:///ws/exp/other.experiment.yaml')] }, uri);
    assert.equal(other.diagnostics.length, 1);
    // An unsaved document has no path: only its URI is itself; a file elsewhere is shown by its full path.
    const unsaved = await exp023(
      'me',
      { me: [doc('untitled:Untitled-9'), doc('file:///ws/x.experiment.yaml'), doc('untitled:Untitled-10')] },
      'untitled:Untitled-9',
    );
    assert.match(
      String(unsaved.diagnostics[0]?.message ?? ''),
      /is also used by `\/ws\/x.experiment.yaml`, `untitled:Untitled-10`:/,
    );
  });

  it('is silent for a unique, empty or non-text name', async () => {
    assert.deepEqual((await exp023('alone', {})).diagnostics, []);
    assert.deepEqual((await exp023(null, { undefined: [doc('file:///ws/z.experiment.yaml')] })).diagnostics, []);
    assert.deepEqual((await exp023('', { '': [doc('file:///ws/z.experiment.yaml')] })).diagnostics, []);
    assert.deepEqual((await exp023('[a]', { a: [doc('file:///ws/z.experiment.yaml')] })).diagnostics, []);
  });
});
